/**
 * @backprop/wasm: the WebAssembly SIMD backend for @backprop/core — the native addon's C++
 * kernels compiled to WebAssembly, for browsers and for Node where the addon is not built.
 *
 * Importing this package registers a backend named `wasm` (priority 5: above `ts`, below
 * `native`), loaded on first request: `getBackend('wasm')`, or `getBackend('auto')` when no
 * higher backend loads. It uses a pool of workers (Web Workers / worker_threads) on shared
 * memory when the environment allows it (Node; a cross-origin-isolated page) and one thread
 * otherwise, saying so in `info.description`. `BACKPROP_THREADS` (Node) sets the thread count.
 *
 * ```ts
 * import '@backprop/wasm';
 * import { getBackend } from '@backprop/core';
 * const backend = await getBackend('wasm'); // info.description e.g. 'wasm (simd128, 2 threads)'
 * ```
 */
import { registerBackend, type Backend } from '@backprop/core';
import { threadsFromEnv } from '@backprop/core/backend-kit';
import { loadKernels, type LoadOptions } from './module.js';
import { WasmBackend } from './wasm-backend.js';

export { BUILD_COMMAND, loadKernels, relaxedSimdSupported } from './module.js';
export type { KernelInstance, LoadOptions } from './module.js';
export { WasmBackend } from './wasm-backend.js';

let shared: Promise<Backend> | undefined;

/**
 * Loads the kernels (once) and returns the shared wasm backend. Rejects with an Error naming what
 * failed and what to do (build the module, serve it, use a browser with WebAssembly SIMD).
 */
export function loadWasmBackend(): Promise<Backend> {
  shared ??= (async () => {
    // Unset: loadKernels counts the CPUs itself (asynchronously, under Node).
    const env = typeof process !== 'undefined' ? process.env : {};
    const options: LoadOptions = (env['BACKPROP_THREADS'] ?? '').trim() === '' ? {} : { threads: threadsFromEnv(env, 1) };
    return new WasmBackend(await loadKernels(options));
  })();
  return shared;
}

/** A wasm backend of its own (its own module instance and workers), with the given thread count. */
export async function createWasmBackend(options: LoadOptions = {}): Promise<WasmBackend> {
  return new WasmBackend(await loadKernels(options));
}

registerBackend({ name: 'wasm', priority: 5, load: loadWasmBackend });
