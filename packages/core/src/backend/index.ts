export type { ActivationName, Backend, BackendInfo, ElementwiseActivation, FloatArray } from './backend.js';
export { ELEMENTWISE_ACTIVATIONS, OUTPUT_DERIVATIVE_ACTIVATIONS, derivativeFromOutput } from './backend.js';
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
