export type { ActivationKind, Backend, BackendInfo, FloatArray } from './backend.js';
export { ACTIVATION_KINDS } from './backend.js';
export {
  backendLoadError,
  getBackend,
  listBackends,
  registerBackend,
  setBackendWarningHandler,
} from './registry.js';
export type { BackendName, BackendRegistration } from './registry.js';
export { TsBackend, tsBackend } from './ts/index.js';

import { registerBackend } from './registry.js';
import { tsBackend } from './ts/index.js';

registerBackend({ name: 'ts', priority: 0, load: () => tsBackend });
