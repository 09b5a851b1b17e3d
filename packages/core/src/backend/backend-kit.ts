/**
 * For implementers of the Backend interface (a backend package such as a native or WebAssembly
 * one): the argument checks every backend shares, so that a new backend refuses bad arguments
 * with the TS backend's error classes, messages and order, and learns how many elements each op
 * reads or writes in each of its arrays.
 *
 * ```ts
 * import { createOpChecks } from '@backprop/core/backend-kit';
 * const checks = createOpChecks({ float64: false });
 * const e = checks.gemm(false, true, m, n, k, 1, a, b, 0, c); // { a: m·k, b: n·k, c: m·n }
 * ```
 *
 * Also `threadsFromEnv` (BACKPROP_THREADS, read alike by every backend) and
 * `ELEMENTWISE_ACTIVATIONS` (the activation kinds, in the order native kernels number them).
 *
 * Not part of the main entry point: model code never needs it.
 */
export { createOpChecks } from './op-checks.js';
export { threadsFromEnv } from './threads-setting.js';
export { ELEMENTWISE_ACTIVATIONS } from './backend.js';
export type { Extents, OpChecks, OpChecksOptions, OpExtents, OpName, WindowGeometry } from './op-checks.js';
export type { Window } from './args.js';
