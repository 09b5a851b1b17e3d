/**
 * The in-page GEMM measurement `pnpm --filter @backprop/web-demo bench` asks the worker for:
 * n×n×n single-precision GEMM on a wasm backend of its own with the given thread count, so
 * that one page compares one thread with several on the same module.
 */
import { createWasmBackend } from '@backprop/wasm';
import type { GemmBenchResult } from './protocol.js';

export async function gemmBench(n: number, threads: number, seconds: number): Promise<GemmBenchResult> {
  const backend = await createWasmBackend({ threads });
  const a = Float32Array.from({ length: n * n }, (_, i) => ((i * 7) % 13) / 13 - 0.5);
  const b = Float32Array.from({ length: n * n }, (_, i) => ((i * 5) % 11) / 11 - 0.5);
  const c = new Float32Array(n * n);
  backend.gemm(false, false, n, n, n, 1, a, b, 0, c); // warm-up: memory growth, worker wake-up
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    backend.gemm(false, false, n, n, n, 1, a, b, 0, c);
    runs++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { n, threads: backend.info.threads ?? 1, description: backend.info.description, gflops: (2 * n * n * n * runs) / elapsed / 1e9, runs };
}
