/**
 * Recurrent checks any backend can run (the native backend's tests call this): the rnn, lstm,
 * gru and fixed-point layers on `backend` in float32 against the same computation
 * on the TS backend in float64 (itself gradient-checked against finite differences), plus short
 * learning runs. The recurrent kernels hand the backend many offset `subarray` views, so this
 * also catches a backend that ignores a view's byteOffset.
 *
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runRecurrentBackendChecks } from '@backprop/core/testing';
 * runRecurrentBackendChecks({ describe, it }, nativeBackend);
 * ```
 * Nothing here imports a test runner: failures throw Errors.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { tsBackend } from '../backend/ts/index.js';
import { sineWaves } from '../data/sequences/sine.js';
import { xorDataset } from '../data/sequences/xor.js';
import { Model } from '../model/model.js';
import type { DType } from '../model/types.js';
import { Rng } from '../util/rng.js';
import { FixedPointLayer } from '../recurrent/fixed-point-layer.js';
import { RecurrentLayer, type RecurrentKind } from '../recurrent/recurrent-layer.js';
import '../recurrent/register.js';

/** The two functions of a test runner this needs (vitest's and jest's fit). */
export interface RecurrentCheckApi {
  /** Group the checks under `name`. */
  describe(name: string, fn: () => void): void;
  /** Register one check; it fails when `fn` throws or rejects. */
  it(name: string, fn: () => void | Promise<void>, timeout?: number): void;
}

/** Options of `runRecurrentBackendChecks`. */
export interface RecurrentCheckOptions {
  /** Also run the short learning tests (a few seconds each). Default true. */
  readonly learning?: boolean;
}

/** max |a − b| / max(max |b|, 1e-3): error relative to the size of the reference. */
function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let size = 1e-3;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    size = Math.max(size, Math.abs(b[i]));
  }
  return diff / size;
}

function check(what: string, err: number, tol: number): void {
  if (!(err <= tol)) throw new Error(`${what}: error ${err.toExponential(2)} exceeds ${tol.toExponential(0)} against the float64 TS backend`);
}

function layerPair(backend: Backend, kind: RecurrentKind, returnSequences: boolean, truncate: number) {
  const T = 9;
  const F = 3;
  const H = 7;
  const make = (b: Backend, dtype: DType) =>
    new RecurrentLayer(T * F, { type: kind, units: H, features: F, returnSequences, truncate }, { backend: b, rng: new Rng(5), dtype, index: 0 });
  return { test: make(backend, 'float32'), ref: make(tsBackend, 'float64'), T, F };
}

/**
 * Register the checks with the runner.
 * Checks failures by throwing, so any runner with `describe` and `it` reports them.
 * @param api the runner's `describe` and `it` (vitest's and jest's fit)
 * @param backend the backend under test (float32)
 * @param options whether to run the learning tests too (default true)
 */
export function runRecurrentBackendChecks(api: RecurrentCheckApi, backend: Backend, options: RecurrentCheckOptions = {}): void {
  const name = backend.info.name;
  api.describe(`recurrent layers on the '${name}' backend`, () => {
    for (const kind of ['rnn', 'lstm', 'gru'] as RecurrentKind[]) {
      for (const [returnSequences, truncate] of [
        [false, 0],
        [true, 0],
        [true, 4],
      ] as const) {
        api.it(`${kind} returnSequences=${returnSequences} truncate=${truncate}: forward and BPTT match float64`, () => {
          const { test, ref, T, F } = layerPair(backend, kind, returnSequences, truncate);
          const rows = 5;
          const rng = new Rng(9);
          const x64 = new Float64Array(rows * T * F).map(() => rng.uniform(-1, 1));
          const g64 = new Float64Array(rows * ref.outputSize).map(() => rng.uniform(-1, 1));
          const y = test.forward(Float32Array.from(x64), rows, true);
          const yRef = ref.forward(x64, rows, true);
          check(`${kind} output`, scaledError(y, yRef), 1e-5);
          const dx = test.backward(Float32Array.from(g64), rows, true) as FloatArray;
          const dxRef = ref.backward(g64, rows, true) as FloatArray;
          check(`${kind} input gradient`, scaledError(dx, dxRef), 1e-4);
          test.params().forEach((p, i) => check(`${kind} ${p.name} gradient`, scaledError(p.grad, (ref.params()[i] as { grad: FloatArray }).grad), 1e-4));
        });
      }
    }

    api.it('fixed-point: relaxation, adjoint, weight and input gradients match float64', () => {
      const spec = { type: 'fixed-point', units: 4, outputSize: 2, initScale: 2 } as const;
      const test = new FixedPointLayer(3, spec, { backend, rng: new Rng(3), dtype: 'float32', index: 0 });
      const ref = new FixedPointLayer(3, { ...spec, tolerance: 1e-12 }, { backend: tsBackend, rng: new Rng(3), dtype: 'float64', index: 0 });
      const rows = 6;
      const rng = new Rng(2);
      const x64 = new Float64Array(rows * 3).map(() => rng.uniform(-1, 1));
      const g64 = new Float64Array(rows * 2).map(() => rng.uniform(-1, 1));
      check('fixed-point output', scaledError(test.forward(Float32Array.from(x64), rows, true), ref.forward(x64, rows, true)), 1e-5);
      const dx = test.backward(Float32Array.from(g64), rows, true) as FloatArray;
      const dxRef = ref.backward(g64, rows, true) as FloatArray;
      check('fixed-point input gradient', scaledError(dx, dxRef), 1e-4);
      test.params().forEach((p, i) => check(`fixed-point ${p.name} gradient`, scaledError(p.grad, (ref.params()[i] as { grad: FloatArray }).grad), 1e-4));
    });

    if (options.learning ?? true) {
      api.it(
        'rnn learns to forecast a sine wave (test MSE < 0.01)',
        async () => {
          const T = 20;
          const model = Model.create(
            { inputSize: T, layers: [{ type: 'rnn', units: 16, features: 1 }, { type: 'dense', units: 1 }], loss: 'mse' },
            { backend, seed: 1 },
          );
          await model.fit(sineWaves({ n: 256, seqLen: T, seed: 1 }), { epochs: 12, batchSize: 32, optimizer: { name: 'adam', lr: 0.01 } });
          const mse = model.evaluate(sineWaves({ n: 128, seqLen: T, seed: 2 })).loss;
          if (!(mse < 0.01)) throw new Error(`sine forecast test MSE ${mse} is not below 0.01`);
        },
        60_000,
      );
      api.it('fixed-point learns XOR', async () => {
        const data = xorDataset();
        const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 3, outputSize: 1 }], loss: 'mse' }, { backend, seed: 1 });
        await model.fit(data, { epochs: 3000, batchSize: 0, optimizer: { name: 'momentum', lr: 0.125, momentum: 0.9 }, onEpochEnd: (log) => log.loss > 0.005 });
        const out = model.predict(data.x, 4);
        for (let i = 0; i < 4; i++) {
          if (Math.abs((out[i] as number) - (data.y[i] as number)) > 0.2) throw new Error(`XOR pattern ${i}: output ${out[i]}, target ${data.y[i]}`);
        }
      });
    }
  });
}
