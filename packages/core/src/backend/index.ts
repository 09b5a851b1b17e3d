export type { ActivationKind, Backend, BackendInfo, FloatArray } from './backend.js';
export { ACTIVATION_KINDS } from './backend.js';
export {
  backendLoadError,
  defaultBackend,
  getBackend,
  listBackends,
  registerBackend,
  setBackendWarningHandler,
} from './registry.js';
export type { BackendName, BackendRegistration } from './registry.js';
export { TsBackend, tsBackend } from './ts/index.js';
