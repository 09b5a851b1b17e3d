/**
 * Which backend the worker trains on: the WebAssembly kernels when they load (on a pool of Web
 * Workers when the page is cross-origin isolated), else core's TypeScript backend, with the
 * reason the page shows. Once wasm has loaded it is core's default backend, so the playground's
 * models and `train`'s 'auto' both run on it without naming it.
 */
import '@backprop/wasm';
import { getBackend, setBackendWarningHandler, tsBackend } from '@backprop/core';
import { errorText } from './field-names.js';
import type { BackendReport } from './protocol.js';

export async function chooseBackend(): Promise<BackendReport> {
  // The page shows why wasm is not used; core's one-time console warning would only repeat it.
  setBackendWarningHandler(() => undefined);
  try {
    const backend = await getBackend('wasm');
    return { name: backend.info.name, description: backend.info.description };
  } catch (e) {
    return { name: tsBackend.info.name, description: tsBackend.info.description, fallback: `WebAssembly backend unavailable: ${errorText(e)}` };
  }
}
