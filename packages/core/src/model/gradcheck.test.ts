import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { gradcheck } from './gradcheck.js';
import type { Layer, LayerContext } from './layers/layer.js';
import { registerLayer } from './layers/registry.js';
import type { ActivationName, LayerSpec, LossName, ModelSpec } from './types.js';

const ROWS = 5;

/** Inputs N(0,1); targets fitting the loss (one-hot for CE, {0,1} for BCE, N(0,1) for MSE). */
function data(inputSize: number, outputSize: number, loss: LossName, seed = 7): { x: Float64Array; y: Float64Array; n: number } {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: ROWS * inputSize }, () => rng.normal());
  const y = new Float64Array(ROWS * outputSize);
  for (let i = 0; i < ROWS; i++) {
    if (loss === 'cross-entropy' || loss === 'hinge') y[i * outputSize + rng.int(outputSize)] = 1;
    else if (loss === 'kl-divergence') {
      // Probability rows, one with an exact 0 (0·log 0 = 0).
      let s = 0;
      for (let j = 0; j < outputSize; j++) s += y[i * outputSize + j] = i === 0 && j === 0 ? 0 : rng.next() + 0.05;
      for (let j = 0; j < outputSize; j++) y[i * outputSize + j]! /= s;
    }
    else for (let j = 0; j < outputSize; j++) y[i * outputSize + j] = loss === 'binary-cross-entropy' ? rng.int(2) : rng.normal();
  }
  return { x, y, n: ROWS };
}

const SMOOTH: ActivationName[] = ['elu', 'selu', 'gelu', 'gelu-tanh', 'softplus', 'silu', 'mish'];
const HIDDEN: ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', ...SMOOTH, 'softmax'];
const OUTPUT: Record<LossName, ActivationName[]> = {
  mse: ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', ...SMOOTH, 'softmax'],
  'cross-entropy': ['softmax', 'linear'],
  'binary-cross-entropy': ['sigmoid', 'linear'],
  mae: ['linear', 'tanh'],
  huber: ['linear', 'tanh'],
  'kl-divergence': ['softmax', 'linear'],
  hinge: ['linear'],
};

/** leaky-relu's slope 0.1; elu's α 1, where it is C¹ (another α puts a kink at 0 that central differences straddle). */
const alphaFor = (a: ActivationName): number => (a === 'elu' ? 1 : 0.1);

describe('gradcheck: every layer × activation × loss, float64 central differences', () => {
  for (const loss of Object.keys(OUTPUT) as LossName[]) {
    for (const hidden of HIDDEN) {
      // h'' of huber jumps at |d| = δ; on top of relu's kink, one central difference of these
      // data straddles both (1.5e−4): the smooth hidden kinds check huber's gradient.
      if (loss === 'huber' && (hidden === 'relu' || hidden === 'leaky-relu')) continue;
      for (const out of OUTPUT[loss]) {
        it(`dense(${hidden}) → dense(${out}) with ${loss}`, () => {
          const spec: ModelSpec = {
            inputSize: 4,
            layers: [
              { type: 'dense', units: 6, activation: hidden, alpha: alphaFor(hidden) },
              { type: 'dense', units: 3, activation: out, alpha: alphaFor(out) },
            ],
            loss,
          };
          const r = gradcheck(spec, data(4, 3, loss));
          expect(r.parameters.map((p) => p.name)).toEqual([
            'dense_1.kernel',
            'dense_1.bias',
            'dense_2.kernel',
            'dense_2.bias',
            'input',
          ]);
          expect(r.maxRelativeError).toBeLessThan(1e-6);
        });
      }
    }
  }

  for (const [loss, lossOptions, out] of [
    ['huber', { huberDelta: 0.3 }, 'linear'],
    ['cross-entropy', { labelSmoothing: 0.1 }, 'softmax'],
  ] as const) {
    it(`${loss} with ${JSON.stringify(lossOptions)}`, () => {
      const spec: ModelSpec = {
        inputSize: 4,
        layers: [
          { type: 'dense', units: 6, activation: 'gelu' },
          { type: 'dense', units: 3, activation: out },
        ],
        loss,
        lossOptions,
      };
      expect(gradcheck(spec, data(4, 3, loss)).maxRelativeError).toBeLessThan(1e-6);
    });
  }

  it('dropout in training mode with a frozen mask, and without bias', () => {
    const layers: LayerSpec[] = [
      { type: 'dense', units: 8, activation: 'tanh', useBias: false },
      { type: 'dropout', rate: 0.4 },
      { type: 'dense', units: 3, activation: 'softmax' },
    ];
    const r = gradcheck({ inputSize: 4, layers, loss: 'cross-entropy' }, data(4, 3, 'cross-entropy'), { training: true });
    expect(r.parameters.map((p) => p.name)).toEqual(['dense_1.kernel', 'dense_3.kernel', 'dense_3.bias', 'input']);
    expect(r.maxRelativeError).toBeLessThan(1e-6);
  });

  it('checks layer types registered later, and fails on a wrong backward', () => {
    // y = x ∘ s, a per-unit scale with parameter s; the buggy variant drops the factor x in ∂L/∂s.
    const makeScale = (buggy: boolean) => (_spec: LayerSpec, inputSize: number, ctx: LayerContext): Layer => {
      const s = { name: 'scale', shape: [inputSize], value: new Float64Array(inputSize).fill(1.5), grad: new Float64Array(inputSize) };
      let input: Float64Array = new Float64Array(0);
      let out = new Float64Array(0);
      let dx = new Float64Array(0);
      return {
        type: buggy ? 'scale-buggy' : 'scale',
        inputSize,
        outputSize: inputSize,
        params: () => [s],
        forward(x, rows) {
          input = x as Float64Array;
          out = new Float64Array(rows * inputSize);
          for (let r = 0; r < rows; r++) ctx.backend.mul(inputSize, x.subarray(r * inputSize), s.value, out.subarray(r * inputSize));
          return out;
        },
        backward(g, rows) {
          dx = new Float64Array(rows * inputSize);
          const prod = new Float64Array(rows * inputSize);
          ctx.backend.mul(rows * inputSize, g, buggy ? g : input, prod);
          ctx.backend.sumRows(rows, inputSize, buggy ? g : prod, 0, s.grad);
          for (let r = 0; r < rows; r++) ctx.backend.mul(inputSize, g.subarray(r * inputSize), s.value, dx.subarray(r * inputSize));
          return dx;
        },
        toSpec: () => ({ type: buggy ? 'scale-buggy' : 'scale' }),
      };
    };
    registerLayer('scale', makeScale(false));
    registerLayer('scale-buggy', makeScale(true));
    const spec = (type: string): ModelSpec => ({
      inputSize: 4,
      layers: [{ type: 'dense', units: 3, activation: 'tanh' }, { type }, { type: 'dense', units: 2, activation: 'sigmoid' }],
      loss: 'mse',
    });
    const good = gradcheck(spec('scale'), data(4, 2, 'mse'));
    expect(good.parameters.map((p) => p.name)).toContain('scale_2.scale');
    expect(good.maxRelativeError).toBeLessThan(1e-6);
    const bad = gradcheck(spec('scale-buggy'), data(4, 2, 'mse'));
    const scale = bad.parameters.find((p) => p.name === 'scale-buggy_2.scale');
    expect(scale?.maxRelativeError).toBeGreaterThan(1e-2);
    expect(bad.maxRelativeError).toBeGreaterThan(1e-2);
  });

  it('refuses float32 data', () => {
    const spec: ModelSpec = { inputSize: 1, layers: [{ type: 'dense', units: 1 }], loss: 'mse' };
    expect(() => gradcheck(spec, { x: new Float32Array(1) as unknown as Float64Array, y: new Float64Array(1), n: 1 })).toThrow(/Float64Array/);
  });
});
