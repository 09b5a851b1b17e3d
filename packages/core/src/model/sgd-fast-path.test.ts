import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rng } from '../util/rng.js';
import { DivergenceError } from './divergence.js';
import { createDense } from './layers/dense.js';
import { sgdUpdate, STORE_GRADIENTS, type Layer } from './layers/layer.js';
import { registerLayer } from './layers/registry.js';
import { Model } from './model.js';
import { Sgd } from './optimizers/sgd.js';
import type { Dataset, FitOptions, ModelSpec } from './types.js';

// Plain SGD in Model.fit takes the fused path (Layer.backward with the sgdUpdate destination: the
// update rides on the weight-gradient GEMM); clipNorm turns it off. A clipNorm too large to ever
// clip therefore gives the reference: the stored-gradient path with the same arithmetic up to
// rounding order.
const NEVER_CLIPS = 1e30;

// A layer of one's own that only stores gradients (no fusesUpdate): a dense layer behind a
// wrapper whose backward ignores the destination. Were it handed sgdUpdate, its weights would
// never move.
registerLayer('store-only-dense', (spec, inputSize, context): Layer => {
  const inner = createDense({ type: 'dense', units: 5, activation: 'tanh' }, inputSize, context);
  return {
    type: 'store-only-dense',
    inputSize,
    outputSize: inner.outputSize,
    params: () => inner.params(),
    forward: (x, rows, training) => inner.forward(x, rows, training),
    backward: (g, rows, needInputGrad) => inner.backward(g, rows, needInputGrad),
    toSpec: () => ({ type: spec.type }),
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

const MLP: ModelSpec = {
  inputSize: 6,
  layers: [
    { type: 'dense', units: 8, activation: 'relu' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 5, activation: 'tanh' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
  loss: 'cross-entropy',
};

function data(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 6 }, () => rng.normal());
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) y[i * 3 + ((x[i * 6]! > 0 ? 1 : 0) + (x[i * 6 + 1]! > 0.5 ? 1 : 0))] = 1;
  return { x, y, n, inputSize: 6, outputSize: 3 };
}

async function train(options: Partial<FitOptions>, dtype: 'float32' | 'float64' = 'float64') {
  const model = Model.create(MLP, { seed: 5, dtype });
  const history = await model.fit(data(50, 1), { epochs: 4, batchSize: 8, optimizer: { name: 'sgd', lr: 0.1 }, ...options });
  return { model, history, weights: model.getWeights() };
}

describe('plain SGD fast path (update fused into backward)', () => {
  it('trains to the same weights and losses as the separate-gradient path (float64, with dropout between)', async () => {
    const fused = await train({});
    const reference = await train({ clipNorm: NEVER_CLIPS });
    expect(fused.history.epochs.map((e) => e.loss)).toEqual(reference.history.epochs.map((e) => e.loss).map((l) => expect.closeTo(l, 12)));
    fused.weights.forEach((w, i) => {
      const r = reference.weights[i]!;
      for (let j = 0; j < w.length; j++) expect(w[j]).toBeCloseTo(r[j]!, 6);
    });
    // It did train: the weights moved from their initial values.
    const initial = Model.create(MLP, { seed: 5, dtype: 'float64' }).getWeights();
    expect(fused.weights[0]!.some((v, j) => Math.abs(v - initial[0]![j]!) > 1e-3)).toBe(true);
  });

  it('applies the step in backward: optimizer.step never runs, and the stored-gradient path runs it once per batch', async () => {
    const step = vi.spyOn(Sgd.prototype, 'step');
    await train({});
    expect(step).not.toHaveBeenCalled();
    await train({ clipNorm: NEVER_CLIPS });
    expect(step).toHaveBeenCalledTimes(4 * Math.ceil(50 / 8));
  });

  it('stores gradients and steps separately when a layer with params lacks fusesUpdate (same weights, bit for bit)', async () => {
    const spec: ModelSpec = { ...MLP, layers: [MLP.layers[0]!, { type: 'store-only-dense' }, MLP.layers[3]!] };
    const run = async (options: Partial<FitOptions>) => {
      const model = Model.create(spec, { seed: 5 });
      await model.fit(data(50, 1), { epochs: 3, batchSize: 8, optimizer: { name: 'sgd', lr: 0.1 }, ...options });
      return model.getWeights();
    };
    const step = vi.spyOn(Sgd.prototype, 'step');
    const plain = await run({});
    expect(step).toHaveBeenCalledTimes(3 * Math.ceil(50 / 8));
    expect(plain).toEqual(await run({ clipNorm: NEVER_CLIPS }));
    expect(plain[2]!).not.toEqual(Model.create(spec, { seed: 5 }).getWeights()[2]!);
  });

  it('a dense backward into sgdUpdate(lr) returns the same input gradient and moves each weight by −lr·gradient', () => {
    const model = Model.create({ inputSize: 6, layers: [{ type: 'dense', units: 5, activation: 'relu' }], loss: 'mse' }, { seed: 9, dtype: 'float64' });
    const layer = model.layers[0]!;
    const rng = new Rng(4);
    const rows = 7;
    const x = Float64Array.from({ length: rows * 6 }, () => rng.normal());
    const g = Float64Array.from({ length: rows * 5 }, () => rng.normal());
    layer.forward(x, rows, true);
    const dxStored = Float64Array.from(layer.backward(g, rows, true, STORE_GRADIENTS)!);
    const grads = layer.params().map((p) => Float64Array.from(p.grad));
    const before = layer.params().map((p) => Float64Array.from(p.value));
    expect(grads.every((gr) => gr.some((v) => v !== 0))).toBe(true);
    const lr = 0.3;
    // Same forward pass: ∂L/∂x must be computed with the kernel from before the update.
    const dxUpdate = layer.backward(g, rows, true, sgdUpdate(lr))!;
    expect(Float64Array.from(dxUpdate)).toEqual(dxStored);
    layer.params().forEach((p, i) => {
      for (let j = 0; j < p.value.length; j++) expect(p.value[j]).toBeCloseTo(before[i]![j]! - lr * grads[i]![j]!, 13);
    });
  });

  it('counts its steps like optimizer.step does (checkpoints resume from the same step)', async () => {
    const fused = await train({}, 'float32');
    const reference = await train({ clipNorm: NEVER_CLIPS }, 'float32');
    const steps = (m: Model) => m.getTrainingState().optimizer?.state.step;
    expect(steps(fused.model)).toBe(4 * Math.ceil(50 / 8));
    expect(steps(fused.model)).toBe(steps(reference.model));
  });

  it('a run resumed from a checkpoint equals the uninterrupted one (fused path, dropout, early stopping)', async () => {
    const opts: FitOptions = {
      epochs: 6,
      batchSize: 8,
      optimizer: { name: 'sgd', lr: 0.1 },
      validationSplit: 0.2,
      earlyStopping: { patience: 50 },
      schedule: { type: 'step', stepSize: 2, gamma: 0.5 },
    };
    const full = Model.create(MLP, { seed: 5 });
    const hFull = await full.fit(data(50, 1), opts);
    const first = Model.create(MLP, { seed: 5 });
    let state = first.getTrainingState();
    let weights = first.getWeights();
    await first.fit(data(50, 1), {
      ...opts,
      onEpochEnd: (log) => {
        state = first.getTrainingState();
        weights = first.getWeights();
        return log.epoch < 3;
      },
    });
    const resumed = Model.create(MLP, { seed: 5 });
    resumed.setWeights(weights);
    resumed.setTrainingState(state);
    const hRest = await resumed.fit(data(50, 1), { ...opts, initialEpoch: state.epoch });
    expect(hRest.epochs.map((e) => e.loss)).toEqual(hFull.epochs.slice(3).map((e) => e.loss));
    expect(hRest.bestEpoch).toBe(hFull.bestEpoch);
    expect(resumed.getWeights()).toEqual(full.getWeights());
    expect(resumed.getTrainingState().optimizer?.state.step).toBe(6 * Math.ceil(40 / 8));
  });

  it('leaves the weights finite when the loss stops being finite (the step is skipped, fit throws)', async () => {
    const spec: ModelSpec = { inputSize: 6, layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units: 2 }], loss: 'mse' };
    const d = data(16, 2);
    const big = { ...d, x: d.x.map((v) => v * 1e3), y: Float32Array.from({ length: 32 }, (_, i) => i % 2), outputSize: 2 };
    const model = Model.create(spec, { seed: 3 });
    const err = await model.fit(big, { epochs: 100, batchSize: 4, optimizer: { name: 'sgd', lr: 10 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    for (const w of model.getWeights()) expect(w.every((v) => Number.isFinite(v))).toBe(true);
  });
});
