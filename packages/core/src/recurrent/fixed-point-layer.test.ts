/**
 * The 'fixed-point' layer inside Model: its forward values against an independent float64
 * relaxation, the model's float64 gradcheck (every weight and the input, with the mse head, the
 * fused sigmoid + binary cross-entropy head, and between dense layers), the relaxation errors,
 * spec checks, save/load, and learning with Model.fit (XOR, pattern completion, Iris).
 */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { loadIris } from '../data/iris.js';
import { Standardizer } from '../data/preprocess.js';
import { patternCompletion } from '../data/sequences/pattern-completion.js';
import { xorDataset } from '../data/sequences/xor.js';
import { stratifiedSplit } from '../data/split.js';
import { gradcheck } from '../model/gradcheck.js';
import { Model } from '../model/model.js';
import { deserializeModel, serializeModel } from '../model/serialize.js';
import type { Dataset, ModelSpec } from '../model/types.js';
import { Rng } from '../util/rng.js';
import { RelaxationError } from './fixed-point-core.js';
import type { FixedPointLayer, FixedPointSpec } from './fixed-point-layer.js';
import './register.js';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * Independent float64 relaxation of one pattern: x ← f(W·x + W_in·I + b) from 0, 100,000 sweeps
 * at most, until no unit changes by more than 1e-15. Returns the free units' states and net inputs.
 */
function relaxReference(
  w: { inputKernel: ArrayLike<number>; recurrentKernel: ArrayLike<number>; bias: ArrayLike<number> },
  input: ArrayLike<number>,
  nf: number,
  f: (v: number) => number,
): { x: number[]; u: number[] } {
  const nin = input.length;
  let x = new Array<number>(nf).fill(0);
  let u = new Array<number>(nf).fill(0);
  for (let it = 0; it < 100_000; it++) {
    u = x.map((_, i) => {
      let s = w.bias[i]!;
      for (let j = 0; j < nin; j++) s += w.inputKernel[i * nin + j]! * input[j]!;
      for (let j = 0; j < nf; j++) s += w.recurrentKernel[i * nf + j]! * x[j]!;
      return s;
    });
    const next = u.map(f);
    const change = Math.max(...next.map((v, i) => Math.abs(v - x[i]!)));
    x = next;
    if (change < 1e-15) break;
  }
  return { x, u };
}

function layerOf(model: Model, index = 0): FixedPointLayer {
  return model.layers[index] as FixedPointLayer;
}

function probe(rows: number, inputs: number, outputs: number, seed: number, targets: 'unit' | 'binary' = 'unit') {
  const rng = new Rng(seed);
  const x = new Float64Array(rows * inputs).map(() => rng.uniform(-1, 1));
  const y = new Float64Array(rows * outputs).map(() => (targets === 'binary' ? rng.int(2) : rng.uniform(0.1, 0.9)));
  return { x, y, n: rows };
}

/** Tight relaxations, so that finite differences of the relaxed loss are accurate to ~1e-12. */
const TIGHT = { tolerance: 1e-14, maxIterations: 20_000 } as const;

describe('fixed-point layer: forward', () => {
  it.each(['sigmoid', 'tanh'] as const)('returns the output units of the fixed point x = f(W·x + W_in·I + b) (%s)', (activation) => {
    const spec: ModelSpec = { inputSize: 3, layers: [{ type: 'fixed-point', units: 2, outputSize: 2, activation, initScale: 2, ...TIGHT }], loss: 'mse' };
    const model = Model.create(spec, { seed: 3, dtype: 'float64' });
    const layer = layerOf(model);
    const [inputKernel, recurrentKernel, bias] = layer.params().map((p) => p.value);
    const rng = new Rng(1);
    bias!.forEach((_, i) => (bias![i] = rng.uniform(-0.5, 0.5)));
    const x = new Float64Array(4 * 3).map(() => rng.uniform(-1, 1));
    const out = layer.forward(x, 4, false);
    expect(layer.core.lastForwardIterations).toBeGreaterThan(10);
    const f = activation === 'sigmoid' ? sigmoid : Math.tanh;
    for (let r = 0; r < 4; r++) {
      const ref = relaxReference({ inputKernel: inputKernel!, recurrentKernel: recurrentKernel!, bias: bias! }, x.subarray(r * 3, r * 3 + 3), 4, f);
      // Outputs are the last Nout free units (hidden first).
      expect(out[r * 2]).toBeCloseTo(ref.x[2]!, 12);
      expect(out[r * 2 + 1]).toBeCloseTo(ref.x[3]!, 12);
    }
  });

  it('emits the output units’ net inputs u_out when fused with binary cross-entropy, and predict applies the sigmoid', () => {
    const layers: FixedPointSpec[] = [{ type: 'fixed-point', units: 3, outputSize: 1, initScale: 2 }];
    const bce = Model.create({ inputSize: 2, layers, loss: 'binary-cross-entropy' }, { seed: 4 });
    const mse = Model.create({ inputSize: 2, layers, loss: 'mse' }, { seed: 4 });
    const x = Float32Array.of(0.3, -0.7, 1, 0.5);
    const w = bce.getWeights();
    const logits = layerOf(bce).forward(x, 2, false);
    for (let r = 0; r < 2; r++) {
      const ref = relaxReference({ inputKernel: w[0]!, recurrentKernel: w[1]!, bias: w[2]! }, x.subarray(r * 2, r * 2 + 2), 4, sigmoid);
      expect(logits[r]).toBeCloseTo(ref.u[3]!, 5);
      expect(bce.predict(x, 2)[r]).toBeCloseTo(ref.x[3]!, 6);
      // Same seed, same weights: the mse model outputs the state itself.
      expect(mse.predict(x, 2)[r]).toBeCloseTo(ref.x[3]!, 6);
    }
  });
});

describe('fixed-point layer: gradcheck in float64 (max relative error < 1e-6)', () => {
  const cases: [string, ModelSpec, 'unit' | 'binary'][] = [
    ['sigmoid, mse', { inputSize: 3, layers: [{ type: 'fixed-point', units: 4, outputSize: 2, initScale: 2.5, ...TIGHT }], loss: 'mse' }, 'unit'],
    ['tanh, mse', { inputSize: 3, layers: [{ type: 'fixed-point', units: 4, outputSize: 2, activation: 'tanh', initScale: 0.9, ...TIGHT }], loss: 'mse' }, 'unit'],
    ['no hidden units, mse', { inputSize: 2, layers: [{ type: 'fixed-point', units: 0, outputSize: 3, initScale: 2.5, ...TIGHT }], loss: 'mse' }, 'unit'],
    [
      'sigmoid, binary cross-entropy on the emitted logits',
      { inputSize: 3, layers: [{ type: 'fixed-point', units: 3, outputSize: 2, initScale: 2.5, ...TIGHT }], loss: 'binary-cross-entropy' },
      'binary',
    ],
    [
      'dense → fixed-point → dense (the input gradient passes through the layer)',
      {
        inputSize: 3,
        layers: [
          { type: 'dense', units: 4, activation: 'tanh' },
          { type: 'fixed-point', units: 3, outputSize: 2, activation: 'tanh', initScale: 1.5, ...TIGHT },
          { type: 'dense', units: 2 },
        ],
        loss: 'mse',
      },
      'unit',
    ],
  ];

  it.each(cases)('%s', (_name, spec, targets) => {
    const model = Model.create(spec, { seed: 7, dtype: 'float64' });
    const data = probe(5, spec.inputSize, model.outputSize, 11, targets);
    // The relaxation takes real sweeps, so the recurrent weights matter.
    model.lossAndGradients(data.x, data.y, data.n);
    const fp = model.layers.find((l) => l.type === 'fixed-point') as FixedPointLayer;
    expect(fp.core.lastForwardIterations).toBeGreaterThan(10);
    expect(fp.core.lastAdjointIterations).toBeGreaterThan(10);
    const result = gradcheck(spec, data, { seed: 7 });
    // Every parameter and the input are checked.
    expect(result.parameters.map((p) => p.name)).toContain('input');
    expect(result.parameters).toHaveLength(model.parameters().length + 1);
    expect(result.maxRelativeError).toBeLessThan(1e-6);
  });
});

describe('fixed-point layer: relaxation errors', () => {
  const caught = (f: () => unknown): RelaxationError => {
    try {
      f();
    } catch (e) {
      if (e instanceof RelaxationError) return e;
      throw e;
    }
    throw new Error('expected a RelaxationError');
  };

  it('throws a RelaxationError naming the change when there is no stable fixed point, also from fit', async () => {
    const model = Model.create({ inputSize: 1, layers: [{ type: 'fixed-point', units: 0, outputSize: 2, activation: 'tanh', maxIterations: 50 }], loss: 'mse' });
    // x ← tanh(W·x + W_in·I) with W a strong rotation: oscillates instead of settling.
    model.setWeights([Float32Array.of(1, 0), Float32Array.of(0, -3, 3, 0), Float32Array.of(0, 0)]);
    const e = caught(() => model.predict(Float32Array.of(1), 1));
    expect(e.phase).toBe('forward');
    expect(e.iterations).toBe(50);
    expect(e.message).toMatch(/^fixed-point forward relaxation did not converge in 50 iterations \(RMS change \d\.\d{3}e[-+]\d+ > tolerance 1\.0e-6\): .*lower the learning rate \(optimizer.lr\), shrink the recurrent weights \(the layer's initScale\) or raise its maxIterations$/);
    // Its advice names the config key, for front ends that show their own names.
    expect(e.keys).toEqual(['optimizer.lr']);
    const data: Dataset = { x: Float32Array.of(1), y: Float32Array.of(0, 0), n: 1, inputSize: 1, outputSize: 2 };
    await expect(model.fit(data, { epochs: 1, batchSize: 0, optimizer: { name: 'sgd', lr: 0.1 } })).rejects.toThrow(RelaxationError);
  });

  it('stops at once on NaN inputs, weights or gradients instead of sweeping maxIterations times', () => {
    const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 2, outputSize: 1 }], loss: 'mse' }, { seed: 5 });
    const layer = layerOf(model);
    const bad = caught(() => layer.forward(Float32Array.of(0.5, Number.NaN), 1, true));
    expect(bad.phase).toBe('forward');
    expect(bad.iterations).toBe(1);
    expect(bad.message).toMatch(/forward relaxation gave non-finite values .* an input or weight is NaN or infinite/);
    // A failed forward leaves nothing for backward.
    expect(() => layer.backward(Float32Array.of(1), 1)).toThrow(/backward for 1 rows after a forward of -1/);
    layer.forward(Float32Array.of(0.5, 1), 1, true);
    const adj = caught(() => layer.backward(Float32Array.of(Number.NaN), 1));
    expect(adj.phase).toBe('adjoint');
    expect(adj.iterations).toBe(1);
    expect(adj.message).toMatch(/adjoint relaxation gave non-finite values/);
    layer.params()[1]!.value[0] = Number.POSITIVE_INFINITY;
    expect(caught(() => layer.forward(Float32Array.of(0.5, 1), 1, true)).iterations).toBeLessThan(3);
  });
});

describe('fixed-point layer: spec', () => {
  it('resolves its defaults into model.spec and rebuilds from it', () => {
    const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 3, outputSize: 1 }], loss: 'mse' });
    expect(model.spec.layers[0]).toEqual({ type: 'fixed-point', units: 3, outputSize: 1, activation: 'sigmoid', tolerance: 1e-6, maxIterations: 5000, initScale: 1 });
    expect(model.parameters().map((p) => [p.name, p.shape])).toEqual([
      ['inputKernel', [4, 2]],
      ['recurrentKernel', [4, 4]],
      ['bias', [4]],
    ]);
    const again = Model.create(model.spec);
    expect(again.spec).toEqual(model.spec);
    expect(again.getWeights()).toEqual(model.getWeights());
    // Kernels U(−s, s), s = initScale/√(Nin + Nf); biases 0.
    const s = 1 / Math.sqrt(2 + 4);
    const [wIn, w, b] = model.getWeights();
    expect(Math.max(...wIn!.map(Math.abs), ...w!.map(Math.abs))).toBeLessThanOrEqual(s);
    expect(Math.max(...wIn!.map(Math.abs), ...w!.map(Math.abs))).toBeGreaterThan(s / 2);
    expect(Array.from(b!)).toEqual([0, 0, 0, 0]);
    expect(model.summary()).toMatch(/fixed-point \(sigmoid\)\s+2 → 1\s+28/);
  });

  it('refuses bad options, naming the layer and the option', () => {
    const make = (layer: Record<string, unknown>, loss: ModelSpec['loss'] = 'mse') => () =>
      Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 2, outputSize: 1, ...layer }], loss });
    expect(make({ units: -1 })).toThrow(/layer 1 \(fixed-point\): units must be an integer ≥ 0, got -1/);
    expect(make({ outputSize: 0 })).toThrow(/outputSize must be an integer ≥ 1, got 0/);
    expect(make({ activation: 'relu' })).toThrow(/activation must be 'sigmoid' or 'tanh', got 'relu'/);
    expect(make({ tolerance: 0 })).toThrow(/tolerance must be a finite number > 0, got 0/);
    expect(make({ maxIterations: 0.5 })).toThrow(/maxIterations must be an integer ≥ 1, got 0.5/);
    expect(make({ initScale: Number.NaN })).toThrow(/initScale must be a finite number ≥ 0, got NaN/);
    expect(make({ hidden: 3 })).toThrow(/layer 1 \(fixed-point\): unknown option 'hidden' \(expected units, outputSize, activation, tolerance, maxIterations, initScale\)/);
    // Fused heads need the matching output activation.
    expect(make({ activation: 'tanh' }, 'binary-cross-entropy')).toThrow(/needs the output layer's activation to be sigmoid or linear, got 'tanh'/);
    expect(make({ outputSize: 2 }, 'cross-entropy')).toThrow(/needs the output layer's activation to be softmax or linear, got 'sigmoid'/);
  });
});

describe('fixed-point layer: files', () => {
  it('round trips through serializeModel/deserializeModel with identical predictions', async () => {
    const spec: ModelSpec = { inputSize: 2, layers: [{ type: 'fixed-point', units: 3, outputSize: 2, activation: 'tanh', tolerance: 1e-5, maxIterations: 300, initScale: 1.5 }], loss: 'mse' };
    const model = Model.create(spec, { seed: 9 });
    const data = patternCompletion({ patterns: 2, width: 2, erase: 0, seed: 1 });
    await model.fit(data, { epochs: 3, batchSize: 0, optimizer: { name: 'momentum', lr: 0.1 } });
    const { model: back } = deserializeModel(serializeModel(model));
    expect(back.spec).toEqual(model.spec);
    expect(back.getWeights()).toEqual(model.getWeights());
    const x = new Float32Array(10 * 2).map((_, i) => Math.sin(i));
    expect(Array.from(back.predict(x, 10))).toEqual(Array.from(model.predict(x, 10)));
  });
});

describe('fixed-point layer: learning with Model.fit', () => {
  it('refuses bad training options with an error naming the option', async () => {
    const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 3, outputSize: 1 }], loss: 'mse' });
    const data = xorDataset();
    const fit = (o: Record<string, unknown>) => model.fit(data, { epochs: 1, batchSize: 0, optimizer: { name: 'momentum', lr: 0.1 }, ...o });
    await expect(fit({ optimizer: { name: 'momentum', lr: 0.1, momentum: 1 } })).rejects.toThrow(/momentum must be .*, got 1/);
    await expect(fit({ batchSize: -2 })).rejects.toThrow(/batchSize must be an integer ≥ 0, got -2/);
    await expect(fit({ optimizer: { name: 'momentum', lr: 0.1, weightDecay: Number.NaN } })).rejects.toThrow(/weightDecay must be .*, got NaN/);
    await expect(fit({ optimizer: { name: 'sgd', lr: Number.POSITIVE_INFINITY } })).rejects.toThrow(/lr must be a positive number/);
  });

  it('learns XOR: all 4 patterns, scored as binary classification under mse', async () => {
    const data = xorDataset();
    const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 3, outputSize: 1 }], loss: 'mse' }, { seed: 1 });
    // Full batch of 4 rows: lr 0.125 on the summed mse is the mean loss's 0.5.
    const history = await model.fit(data, {
      epochs: 3000,
      batchSize: 0,
      optimizer: { name: 'momentum', lr: 0.125, momentum: 0.9 },
      onEpochEnd: (log) => !(log.accuracy === 1 && log.loss < 0.01),
    });
    expect(history.stopReason).toBe('callback');
    expect(history.epochs.length).toBeLessThan(3000);
    const last = history.epochs[history.epochs.length - 1]!;
    expect(last.accuracy).toBe(1);
    const out = model.predict(data.x, 4);
    for (let i = 0; i < 4; i++) expect(Math.abs(out[i]! - data.y[i]!)).toBeLessThan(0.2);
    const score = model.evaluate(data);
    expect(score.accuracy).toBe(1);
    expect(score.confusion).toEqual([
      [2, 0],
      [0, 2],
    ]);
    // The reported loss is the model's MSE: the mean over every output value of (p − t)².
    expect(score.loss).toBeCloseTo(out.reduce((s, p, i) => s + (p - data.y[i]!) ** 2, 0) / 4, 6);
  });

  it("evaluate's loss is the mean over every output value of (p − t)² (3 outputs), without accuracy for real-valued targets", () => {
    const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 2, outputSize: 3 }], loss: 'mse' }, { seed: 4 });
    const rng = new Rng(8);
    const n = 5;
    const data: Dataset = {
      x: new Float32Array(n * 2).map(() => rng.uniform(-1, 1)),
      y: new Float32Array(n * 3).map(() => rng.uniform(0.1, 0.9)),
      n,
      inputSize: 2,
      outputSize: 3,
    };
    const out = model.predict(data.x, n);
    const score = model.evaluate(data);
    expect(score.loss).toBeCloseTo(out.reduce((s, p, i) => s + (p - data.y[i]!) ** 2, 0) / (n * 3), 7);
    expect(score.accuracy).toBeUndefined();
  });

  it('completes erased bits of stored patterns (associative memory)', async () => {
    const data = patternCompletion({ patterns: 4, width: 8, erase: 2, seed: 3 });
    const model = Model.create({ inputSize: 8, layers: [{ type: 'fixed-point', units: 8, outputSize: 8 }], loss: 'mse' }, { seed: 2 });
    // Stop once the MSE per bit is below 0.001 (a few dozen epochs).
    const history = await model.fit(data, { epochs: 600, batchSize: 16, optimizer: { name: 'momentum', lr: 0.5 / 16, momentum: 0.9 }, onEpochEnd: (log) => log.loss > 0.001 });
    expect(history.stopReason).toBe('callback');
    const out = model.predict(data.x, data.n);
    let wrongBits = 0;
    let erasedWrong = 0;
    for (let i = 0; i < data.n * 8; i++) {
      if ((out[i]! > 0.5 ? 1 : 0) !== data.y[i]) {
        wrongBits++;
        if (data.x[i] === 0.5) erasedWrong++;
      }
    }
    // Every erased bit restored (the memory part), and no known bit corrupted.
    expect(erasedWrong).toBe(0);
    expect(wrongBits).toBe(0);
  });

  it('classifies Iris (mse on one-hot targets) with test accuracy ≥ 0.9', async () => {
    const { train, test } = stratifiedSplit(loadIris(), 0.2, 42);
    const pre = new Standardizer().fit(train);
    const model = Model.create({ inputSize: 4, layers: [{ type: 'fixed-point', units: 3, outputSize: 3 }], loss: 'mse' }, { seed: 42 });
    const history = await model.fit(pre.transformDataset(train), { epochs: 200, batchSize: 32, optimizer: { name: 'momentum', lr: 0.5 / 32, momentum: 0.9 } });
    expect(history.stopReason).toBe('completed');
    expect(history.epochs[199]!.loss).toBeLessThan(history.epochs[0]!.loss / 3);
    const score = model.evaluate(pre.transformDataset(test));
    expect(score.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(score.confusion!.map((r) => r.reduce((a, b) => a + b, 0))).toEqual([10, 10, 10]);
  });
});
