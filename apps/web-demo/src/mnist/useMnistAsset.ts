import { useEffect, useState } from 'react';
// The gzip'd binary digits that core builds; Vite emits it as a separate file, fetched only here.
import assetUrl from '@backprop/core/assets/mnist-10k.bin.gz?url';

export type AssetState =
  | { readonly status: 'loading'; readonly loaded: number; readonly total: number }
  | { readonly status: 'ready'; readonly bytes: Uint8Array }
  | { readonly status: 'error'; readonly message: string };

/** Downloads the MNIST asset when the tab first mounts, reporting bytes received. */
export function useMnistAsset(): AssetState {
  const [state, setState] = useState<AssetState>({ status: 'loading', loaded: 0, total: 0 });
  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      const res = await fetch(assetUrl, { signal: abort.signal });
      if (!res.ok || !res.body) throw new Error(`could not download the MNIST digits (${res.status} ${res.statusText})`);
      const total = Number(res.headers.get('content-length') ?? 0);
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.length;
        setState({ status: 'loading', loaded, total });
      }
      const bytes = new Uint8Array(loaded);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      setState({ status: 'ready', bytes });
    })().catch((e: unknown) => {
      if (abort.signal.aborted) return;
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => abort.abort();
  }, []);
  return state;
}
