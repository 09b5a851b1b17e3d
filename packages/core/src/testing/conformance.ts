/**
 * The backend conformance suite: one set of tests that every Backend must pass, run by the
 * TS backend's tests and by any other backend's tests (the native addon's) unchanged.
 */
import type { Backend } from '../backend/backend.js';
import type { DType } from './arena.js';
import { registerActivationCases } from './cases-activations.js';
import { registerContractCases } from './cases-contract.js';
import { registerConvCases } from './cases-conv.js';
import { registerConvDirectCases } from './cases-conv-direct.js';
import { registerElementwiseCases } from './cases-elementwise.js';
import { registerEmbeddingCases } from './cases-embedding.js';
import { registerGemmCases } from './cases-gemm.js';
import { registerL1GradientCases } from './cases-l1-gradient.js';
import { registerLossCases } from './cases-losses.js';
import { registerNormalizationCases } from './cases-normalization.js';
import { registerOptimizerCases } from './cases-optimizers.js';
import { registerPoolingCases } from './cases-pooling.js';
import { registerRefusalCases } from './cases-refusals.js';
import { registerLayerRefusalCases } from './cases-refusals-layers.js';
import { backendSource, makeSuiteContext, type ConformanceTestApi } from './suite-context.js';

/** Options of {@link runBackendConformance}. */
export interface ConformanceOptions {
  /** Name shown in the top-level describe (default: the backend's info.name, or 'backend'). */
  label?: string;
  /**
   * Also run every case on Float64Array with float64 tolerances. Default: the backend's
   * `info.float64` when the backend is known when the suite is defined (passed directly or
   * returned synchronously by the getter), else false.
   */
  float64?: boolean;
  /** Seed of the random data (default 1234); each case derives its own stream from it. */
  seed?: number;
}

/**
 * Registers the conformance suite for one backend with the caller's test runner.
 *
 * Every Backend op is compared with a float64 reference on seeded random data: awkward
 * shapes (1, 3, 17, 63, 257 and mixes), every gemm transpose combination, alpha/beta cases
 * (beta = 0 over a C full of NaN), in-place aliasing where the interface allows it, and
 * offset `subarray` views whose surroundings must stay untouched. The layer ops run on awkward
 * window geometries (strides 2–3, padding, dilation, non-square kernels and images, 1×1), with
 * col2im and scatterAddRows checked as adjoints, max-pooling ties and NaN, and repeated ids. Every op must also refuse
 * bad arguments (wrong types, bad sizes, short arrays, NaN or ±Infinity scalars, partial
 * overlaps) with the same error class and a message naming the op and the argument. Float32 tolerances are
 * relative to the size of the float64 result (√k-scaled for sums); float64-capable
 * backends also run everything in double precision with tight tolerances.
 *
 * @param api `describe` and `it` of the test runner (vitest's or node:test's fit as they are),
 *   passed in so that this module does not import a test runner.
 * @param backend the backend, or a function returning it (or a Promise of it), called
 *   inside the tests.
 * @param options a label, whether to run in float64 too, and the seed of the random data
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runBackendConformance } from '@backprop/core/testing';
 * import { tsBackend } from '@backprop/core';
 * runBackendConformance({ describe, it }, tsBackend);
 * ```
 */
export function runBackendConformance(
  api: ConformanceTestApi,
  backend: Backend | (() => Backend | Promise<Backend>),
  options: ConformanceOptions = {},
): void {
  const { known, resolve } = backendSource(backend);

  const float64 = options.float64 ?? known?.info.float64 ?? false;
  const seed = options.seed ?? 1234;
  const label = options.label ?? known?.info.name ?? 'backend';
  const dtypes: DType[] = float64 ? ['float32', 'float64'] : ['float32'];

  api.describe(`backend conformance: ${label}`, () => {
    for (const dtype of dtypes) {
      api.describe(dtype, () => {
        const ctx = makeSuiteContext(api, resolve, dtype, seed);
        registerGemmCases(ctx);
        registerActivationCases(ctx);
        registerLossCases(ctx);
        registerElementwiseCases(ctx);
        registerL1GradientCases(ctx);
        registerOptimizerCases(ctx);
        registerConvCases(ctx);
        registerConvDirectCases(ctx);
        registerPoolingCases(ctx);
        registerNormalizationCases(ctx);
        registerEmbeddingCases(ctx);
        registerContractCases(ctx);
        registerRefusalCases(ctx);
        registerLayerRefusalCases(ctx);
      });
    }
  });
}
