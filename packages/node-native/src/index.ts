/**
 * @backprop/node-native: the C++ backend for @backprop/core.
 *
 * Importing this package registers a backend named `native` (priority 10, above `ts`) in
 * core's registry and loads the addon at once, so `native` becomes the default backend:
 * `Model.create`, `deserializeModel` and `loadModel` use it when given no backend (as
 * importing tfjs-node switches TensorFlow.js), `getBackend('auto')` prefers it and
 * `getBackend('native')` returns it. If the addon is not built or fails to load, the default
 * and `auto` stay on `ts` with one warning that says why, and `getBackend('native')` throws
 * that error. `BACKPROP_THREADS` sets the GEMM thread count (default: every CPU available).
 *
 * ```ts
 * import '@backprop/node-native';
 * import { getBackend } from '@backprop/core';
 * const backend = await getBackend('native'); // info.description e.g. 'native (avx2, 2 threads)'
 * ```
 */
import { registerBackend, type Backend } from '@backprop/core';
import { loadAddon } from './addon.js';
import { NativeBackend } from './native-backend.js';
import { threadsFromEnv } from './threads.js';

export { BUILD_COMMAND, addonPath, loadAddon, loadAddonFrom } from './addon.js';
export type { NativeAddon } from './addon.js';
export { NativeBackend } from './native-backend.js';
export { threadsFromEnv } from './threads.js';

let backend: NativeBackend | undefined;

/**
 * Loads the addon, applies `BACKPROP_THREADS`, and returns the shared native backend.
 * Throws an Error naming what failed and the build command when the addon is unavailable.
 */
export function loadNativeBackend(): Backend {
  if (backend) return backend;
  const addon = loadAddon();
  addon.configure(threadsFromEnv(process.env, addon.info().cpus), null);
  backend = new NativeBackend(addon);
  return backend;
}

registerBackend({ name: 'native', priority: 10, load: loadNativeBackend, eager: true });
