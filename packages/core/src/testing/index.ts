/**
 * @backprop/core/testing: the backend conformance suite and the float64 reference it checks
 * against. Import it from a backend's tests:
 *
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runBackendConformance } from '@backprop/core/testing';
 * runBackendConformance({ describe, it }, myBackend);
 * ```
 *
 * `runBackendFuzz({ describe, it }, myBackend)` registers the fuzz suite the same way.
 *
 * Nothing here imports a test runner or Node built-ins.
 */
export { runBackendConformance } from './conformance.js';
export type { ConformanceOptions } from './conformance.js';
export type { ConformanceTestApi } from './suite-context.js';
export type { DType, Layout } from './arena.js';
export { EPS, assertClose, assertScalarClose, tolerances } from './compare.js';
export type { Tolerance } from './compare.js';
export * from './reference.js';
export * from './reference-layers.js';
export { runRecurrentBackendChecks } from './recurrent-checks.js';
export type { RecurrentCheckApi, RecurrentCheckOptions } from './recurrent-checks.js';
export { runBackendFuzz } from './fuzz.js';
export type { FuzzOptions } from './fuzz.js';
export { fuzzValidCalls } from './fuzz-signatures.js';
