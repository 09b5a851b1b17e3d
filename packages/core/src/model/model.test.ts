import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { DivergenceError } from './divergence.js';
import { Model } from './model.js';
import type { Dataset, EpochLog, ModelSpec } from './types.js';

const CLASSIFIER: ModelSpec = {
  inputSize: 3,
  layers: [
    { type: 'dense', units: 5, activation: 'tanh' },
    { type: 'dense', units: 2, activation: 'softmax' },
  ],
  loss: 'cross-entropy',
};

/** n rows of 3 N(0,1) features; class 1 iff x0 + x1 > 0 (one-hot), or random labels. */
function blobs(n: number, seed: number, randomLabels = false): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = randomLabels ? rng.int(2) : (x[i * 3]! + x[i * 3 + 1]! > 0 ? 1 : 0);
    y[i * 2 + c] = 1;
  }
  return { x, y, n, inputSize: 3, outputSize: 2, classNames: ['a', 'b'] };
}

describe('Model.create', () => {
  it('resolves defaults into spec and counts parameters', () => {
    const m = Model.create(CLASSIFIER);
    expect(m.inputSize).toBe(3);
    expect(m.outputSize).toBe(2);
    expect(m.parameterCount()).toBe(3 * 5 + 5 + 5 * 2 + 2);
    expect(m.spec.layers[0]).toEqual({ type: 'dense', units: 5, activation: 'tanh', init: 'xavier-uniform', useBias: true });
    expect(m.layers.map((l) => l.type)).toEqual(['dense', 'dense']);
    expect(m.summary()).toContain('Total parameters: 32');
    expect(m.backend.info.name).toBe('ts');
  });

  it('refuses bad specs with errors that name the problem', () => {
    const bad = (spec: unknown) => () => Model.create(spec as ModelSpec);
    expect(bad({ ...CLASSIFIER, layers: [{ type: 'dense', units: 2, activation: 'sigmoidd' }] })).toThrow(
      /layer 1 \(dense\): unknown activation 'sigmoidd' \(expected one of linear, sigmoid/,
    );
    expect(bad({ ...CLASSIFIER, layers: [{ type: 'conv9', units: 2 }] })).toThrow(/layer 1: unknown layer type 'conv9' \(registered: .*dense/);
    expect(bad({ ...CLASSIFIER, loss: 'hinge-squared' })).toThrow(/unknown loss 'hinge-squared'/);
    expect(bad({ ...CLASSIFIER, inputSize: 0 })).toThrow(/inputSize must be a positive integer/);
    expect(bad({ ...CLASSIFIER, layers: [] })).toThrow(/at least one layer/);
    expect(bad({ ...CLASSIFIER, layers: [{ type: 'dense', units: 2.5 }] })).toThrow(/units must be a positive integer/);
    expect(bad({ ...CLASSIFIER, layers: [{ type: 'dense', units: 2, init: 'glorot' }] })).toThrow(/unknown init 'glorot'/);
    expect(bad({ ...CLASSIFIER, layers: [{ type: 'dropout', rate: 1 }] })).toThrow(/rate must be a number in \[0, 1\)/);
    expect(bad({ ...CLASSIFIER, layers: [{ type: 'dense', units: 2, activation: 'sigmoid' }] })).toThrow(
      /loss 'cross-entropy' needs the output layer's activation to be softmax or linear, got 'sigmoid'/,
    );
    expect(() => Model.create(CLASSIFIER, { seed: Number.NaN })).toThrow(/seed/);
  });

  it("refuses 'cross-entropy' on one output (softmax of one value is always 1: loss 0, nothing learnt)", () => {
    const oneOutput = (activation: 'softmax' | 'linear') => () =>
      Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'dense', units: 1, activation }], loss: 'cross-entropy' });
    for (const activation of ['softmax', 'linear'] as const) {
      expect(oneOutput(activation)).toThrow(/loss 'cross-entropy' needs at least 2 outputs, the model has 1; for one 0\/1 output use 'binary-cross-entropy'/);
    }
    // One output is fine for the other losses.
    expect(Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 1 }], loss: 'binary-cross-entropy' }).outputSize).toBe(1);
    expect(Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 1 }], loss: 'mse' }).outputSize).toBe(1);
  });
});

describe('fit input validation', () => {
  const model = Model.create(CLASSIFIER);
  const opts = { epochs: 1, batchSize: 0, optimizer: { name: 'sgd' as const, lr: 0.1 } };

  it('NaN or Inf in the data names row and column', async () => {
    const d = blobs(10, 1);
    d.x[2 * 3 + 1] = Number.NaN;
    await expect(model.fit(d, opts)).rejects.toThrow(/training data: x: value NaN at row 2, column 1/);
    const e = blobs(10, 1);
    e.y[7] = Number.POSITIVE_INFINITY;
    await expect(model.fit(e, opts)).rejects.toThrow(/training data: y: value Infinity at row 3, column 1/);
  });

  it('shape mismatches are refused', async () => {
    const d = blobs(10, 1);
    await expect(model.fit({ ...d, x: d.x.subarray(1) }, opts)).rejects.toThrow(/x has 29 values, expected n × inputSize = 10 × 3 = 30/);
    await expect(model.fit({ ...d, y: d.y.subarray(2) }, opts)).rejects.toThrow(/y has 18 values, expected/);
    await expect(model.fit({ ...d, inputSize: 4 }, opts)).rejects.toThrow(/inputSize is 4 but the model takes 3 inputs/);
    await expect(model.fit({ ...d, outputSize: 3 }, opts)).rejects.toThrow(/outputSize is 3 but the model has 2 outputs/);
    await expect(model.fit({ ...d, x: Array.from(d.x) as unknown as Float32Array }, opts)).rejects.toThrow(/x must be a Float32Array, got Array/);
    expect(() => model.predict(new Float32Array(7), 2)).toThrow(/predict: x has 7 values, expected rows × inputSize = 2 × 3 = 6/);
  });

  it('bad options are refused', async () => {
    const d = blobs(10, 1);
    await expect(model.fit(d, { ...opts, epochs: -1 })).rejects.toThrow(/epochs must be an integer ≥ 0/);
    await expect(model.fit(d, { ...opts, batchSize: 1.5 })).rejects.toThrow(/batchSize/);
    await expect(model.fit(d, { ...opts, optimizer: { name: 'lbfgs' as 'sgd', lr: 0.1 } })).rejects.toThrow(/unknown optimizer 'lbfgs'/);
    await expect(model.fit(d, { ...opts, optimizer: { name: 'sgd', lr: -1 } })).rejects.toThrow(/lr must be a positive number/);
    await expect(model.fit(d, { ...opts, validationSplit: 1 })).rejects.toThrow(/validationSplit must be a fraction/);
    await expect(model.fit(d, { ...opts, schedule: { type: 'step', stepSize: 0, gamma: 0.5 } })).rejects.toThrow(/stepSize/);
  });
});

describe('training', () => {
  it('learns a separable problem in minibatches, and reports per-epoch logs', async () => {
    const model = Model.create(CLASSIFIER, { seed: 3 });
    const logs: EpochLog[] = [];
    let batches = 0;
    const h = await model.fit(blobs(200, 1), {
      epochs: 20,
      batchSize: 32,
      optimizer: { name: 'adam', lr: 0.01 },
      validationData: blobs(100, 2),
      onEpochEnd: (log) => void logs.push(log),
      onBatchEnd: () => void batches++,
    });
    expect(batches).toBe(20 * 7);
    expect(logs).toEqual(h.epochs);
    expect(h.epochs[19]!.valAccuracy).toBeGreaterThan(0.95);
    expect(h.epochs[19]!.accuracy).toBeGreaterThan(0.9);
    expect(h.epochs[19]!.valLoss).toBeLessThan(h.epochs[0]!.valLoss!);
    expect(h.bestEpoch).toBe(20);
    expect(model.epoch).toBe(20);
  });

  it('a callback returning false (or a Promise of false) stops training', async () => {
    const model = Model.create(CLASSIFIER);
    const h = await model.fit(blobs(20, 1), {
      epochs: 50,
      batchSize: 0,
      optimizer: { name: 'sgd', lr: 0.1 },
      onEpochEnd: (log) => Promise.resolve(log.epoch < 3),
    });
    expect(h.stopReason).toBe('callback');
    expect(h.epochs).toHaveLength(3);
  });

  it('an aborted signal stops training with the history so far', async () => {
    const model = Model.create(CLASSIFIER);
    const controller = new AbortController();
    const h = await model.fit(blobs(20, 1), {
      epochs: 50,
      batchSize: 0,
      optimizer: { name: 'sgd', lr: 0.1 },
      signal: controller.signal,
      onEpochEnd: (log) => {
        if (log.epoch === 4) controller.abort();
      },
    });
    expect(h.stopReason).toBe('aborted');
    expect(h.epochs).toHaveLength(4);
  });

  it('aborting from onBatchEnd stops after that batch', async () => {
    const model = Model.create(CLASSIFIER);
    const controller = new AbortController();
    let seen = 0;
    const h = await model.fit(blobs(40, 1), {
      epochs: 5,
      batchSize: 10,
      optimizer: { name: 'sgd', lr: 0.1 },
      signal: controller.signal,
      onBatchEnd: (log) => {
        seen++;
        if (log.epoch === 2 && log.batch === 2) controller.abort();
      },
    });
    expect(h.stopReason).toBe('aborted');
    expect(seen).toBe(6);
    expect(h.epochs).toHaveLength(1);
    expect(model.epoch).toBe(1);
  });

  it('an abort part-way through an epoch claims no epoch for the weights, unless best weights are restored', async () => {
    // Aborted at epoch 3, batch 2: the weights are past epoch 2's and short of epoch 3's.
    const abortMidEpoch3 = async (model: Model, earlyStopping?: { patience: number; restoreBestWeights: boolean }) => {
      const controller = new AbortController();
      const atEpochEnd: Float32Array[][] = [];
      const h = await model.fit(blobs(40, 1), {
        epochs: 5,
        batchSize: 10,
        optimizer: { name: 'sgd', lr: 0.1 },
        signal: controller.signal,
        ...(earlyStopping ? { earlyStopping } : {}),
        onEpochEnd: () => void atEpochEnd.push(model.getWeights()),
        onBatchEnd: (log) => {
          if (log.epoch === 3 && log.batch === 2) controller.abort();
        },
      });
      expect(h.stopReason).toBe('aborted');
      expect(h.epochs).toHaveLength(2);
      return { h, atEpochEnd };
    };
    for (const es of [undefined, { patience: 10, restoreBestWeights: false }]) {
      const model = Model.create(CLASSIFIER);
      const { h, atEpochEnd } = await abortMidEpoch3(model, es);
      expect(model.getWeights()).not.toEqual(atEpochEnd[1]);
      expect(h.bestEpoch).toBeUndefined();
    }
    const model = Model.create(CLASSIFIER);
    const { h, atEpochEnd } = await abortMidEpoch3(model, { patience: 10, restoreBestWeights: true });
    const losses = h.epochs.map((e) => e.loss);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(h.bestEpoch).toBe(best);
    expect(model.getWeights()).toEqual(atEpochEnd[best - 1]);
  });

  it('refuses a training state after an abort part-way through an epoch, until an epoch-end state is restored', async () => {
    const model = Model.create(CLASSIFIER);
    const controller = new AbortController();
    let snapshot: { weights: Float32Array[]; state: ReturnType<Model['getTrainingState']> } | undefined;
    await model.fit(blobs(40, 1), {
      epochs: 5,
      batchSize: 10,
      optimizer: { name: 'momentum', lr: 0.1 },
      signal: controller.signal,
      onEpochEnd: () => void (snapshot = { weights: model.getWeights(), state: model.getTrainingState() }),
      onBatchEnd: (log) => {
        if (log.epoch === 3 && log.batch === 2) controller.abort();
      },
    });
    expect(() => model.getTrainingState()).toThrow(/aborted part-way through epoch 3/);
    model.setWeights(snapshot!.weights);
    model.setTrainingState(snapshot!.state);
    expect(model.getTrainingState().epoch).toBe(2);
    // An abort at an epoch boundary leaves a consistent state.
    const atBoundary = Model.create(CLASSIFIER);
    const boundary = new AbortController();
    await atBoundary.fit(blobs(40, 1), {
      epochs: 5,
      batchSize: 10,
      optimizer: { name: 'sgd', lr: 0.1 },
      signal: boundary.signal,
      onEpochEnd: (log) => void (log.epoch === 2 && boundary.abort()),
    });
    expect(atBoundary.getTrainingState().epoch).toBe(2);
  });

  it('refuses a second fit while one is running, and trains again once it is done', async () => {
    const model = Model.create(CLASSIFIER);
    const data = blobs(40, 1);
    const options = { epochs: 3, batchSize: 10, optimizer: { name: 'sgd' as const, lr: 0.1 } };
    const first = model.fit(data, options);
    await expect(model.fit(data, options)).rejects.toThrow(/already training/);
    expect((await first).epochs).toHaveLength(3);
    expect((await model.fit(data, options)).epochs).toHaveLength(3);
  });

  it('binary cross-entropy on one output reports accuracy and a 2×2 confusion matrix', async () => {
    const d = blobs(60, 1);
    // Keep the second one-hot column as a single 0/1 target.
    const y = Float32Array.from({ length: 60 }, (_, i) => d.y[2 * i + 1]!);
    const binary = { x: d.x, y, n: 60, inputSize: 3, outputSize: 1 };
    const model = Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' });
    const h = await model.fit(binary, { epochs: 100, batchSize: 0, optimizer: { name: 'sgd', lr: 0.5 } });
    expect(h.epochs[99]!.accuracy).toBeGreaterThan(0.9);
    const ev = model.evaluate(binary);
    const p = model.predict(binary.x, 60);
    const byHand = p.reduce((c, v, i) => c + ((v > 0.5) === (y[i] === 1) ? 1 : 0), 0) / 60;
    expect(ev.accuracy).toBeCloseTo(byHand, 12);
    expect(ev.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(60);
    expect(ev.confusion![1]![0]! + ev.confusion![1]![1]!).toBe(y.reduce((a, b) => a + b, 0));
  });

  it('one output with 0/1 targets is scored as binary classification under any loss: mse, threshold 0.5 on the output', async () => {
    const d = blobs(60, 1);
    const y = Float32Array.from({ length: 60 }, (_, i) => d.y[2 * i + 1]!);
    const binary = { x: d.x, y, n: 60, inputSize: 3, outputSize: 1 };
    // A linear output under mse: its values straddle 0.5 rather than 0.
    const model = Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 1 }], loss: 'mse' });
    expect(model.isClassification(binary)).toBe(true);
    const h = await model.fit(binary, { epochs: 50, batchSize: 0, optimizer: { name: 'sgd', lr: 0.005 }, validationData: binary });
    expect(h.epochs[49]!.accuracy).toBeGreaterThan(0.9);
    expect(h.epochs[49]!.valAccuracy).toBeGreaterThan(0.9);
    const ev = model.evaluate(binary);
    const p = model.predict(binary.x, 60);
    const byHand = p.reduce((c, v, i) => c + ((v > 0.5) === (y[i] === 1) ? 1 : 0), 0) / 60;
    expect(ev.accuracy).toBeCloseTo(byHand, 12);
    // Below 1, so that the threshold matters: 0 would call nearly every row class 1.
    expect(p.some((v) => v > 0 && v < 0.5)).toBe(true);
    expect(ev.confusion!.map((r) => r[0]! + r[1]!)).toEqual([60 - y.reduce((a, b) => a + b, 0), y.reduce((a, b) => a + b, 0)]);
    expect(ev.precision).toHaveLength(2);
    // Targets other than 0 and 1 stay regression.
    const soft = { ...binary, y: y.map((v) => v * 0.8 + 0.1) };
    expect(model.isClassification(soft)).toBe(false);
    expect(model.evaluate(soft).accuracy).toBeUndefined();
  });

  it('batchSize above n is one full batch, as 0 is; epochs 0 and initialEpoch = epochs train nothing', async () => {
    const opts = { epochs: 3, optimizer: { name: 'adam' as const, lr: 0.05 } };
    const run = async (extra: { batchSize: number; epochs?: number; initialEpoch?: number }) => {
      const model = Model.create(CLASSIFIER, { seed: 3 });
      let batches = 0;
      const h = await model.fit(blobs(30, 1), { ...opts, ...extra, onBatchEnd: () => void batches++ });
      return { model, h, batches };
    };
    const full = await run({ batchSize: 0 });
    const above = await run({ batchSize: 31 });
    expect(full.batches).toBe(3);
    expect(above.batches).toBe(3);
    expect(above.model.getWeights()).toEqual(full.model.getWeights());
    expect(above.h.epochs.map((e) => e.loss)).toEqual(full.h.epochs.map((e) => e.loss));
    expect(full.model.getWeights()).not.toEqual(Model.create(CLASSIFIER, { seed: 3 }).getWeights());
    for (const extra of [{ batchSize: 4, epochs: 0 }, { batchSize: 4, initialEpoch: 3 }]) {
      const none = await run(extra);
      expect(none.batches).toBe(0);
      expect(none.h).toEqual({ epochs: [], stopReason: 'completed' });
      expect(none.model.getWeights()).toEqual(Model.create(CLASSIFIER, { seed: 3 }).getWeights());
      expect(none.model.getTrainingState().rng).toEqual(Model.create(CLASSIFIER, { seed: 3 }).getTrainingState().rng);
    }
  });

  it('validationSplit holds out ⌈n·fraction⌉ rows', async () => {
    const model = Model.create(CLASSIFIER);
    const h = await model.fit(blobs(50, 1), { epochs: 2, batchSize: 8, optimizer: { name: 'sgd', lr: 0.1 }, validationSplit: 0.2 });
    expect(h.epochs[0]!.valLoss).toBeGreaterThan(0);
    expect(h.epochs[0]!.samplesPerSecond * h.epochs[0]!.seconds).toBeCloseTo(40, 6);
  });

  it('a diverging run stops with an error that says where and what to try', async () => {
    const spec: ModelSpec = { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units: 2 }], loss: 'mse' };
    const d = blobs(16, 1);
    const big = { ...d, x: d.x.map((v) => v * 1e3) };
    const err = await Model.create(spec)
      .fit(big, { epochs: 100, batchSize: 4, optimizer: { name: 'sgd', lr: 10 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as Error).message).toMatch(/training diverged: the loss became (NaN|Infinity) at epoch \d+, batch \d of 4/);
    expect((err as Error).message).toMatch(/lower learning rate \(optimizer.lr; it was 10\), standardising the inputs \(normalize standardize\), or gradient clipping \(clipNorm 1\)/);
    // The advice names config keys, so a front end can show them its own way.
    expect((err as DivergenceError).format((key) => `<${key}>`)).toMatch(/\(<optimizer.lr>; it was 10\).*\(<clipNorm> 1\)/);
  });

  it('clipNorm bounds the size of each update', async () => {
    const spec: ModelSpec = { inputSize: 3, layers: [{ type: 'dense', units: 2 }], loss: 'mse' };
    const d = blobs(16, 1);
    const big = { ...d, y: d.y.map((v) => v * 1e3) };
    const model = Model.create(spec);
    const before = model.getWeights();
    await model.fit(big, { epochs: 1, batchSize: 0, optimizer: { name: 'sgd', lr: 0.1 }, clipNorm: 0.5 });
    const after = model.getWeights();
    let sq = 0;
    before.forEach((w, i) => w.forEach((v, j) => (sq += (after[i]![j]! - v) ** 2)));
    // One SGD step moves the weights by lr·‖g‖ ≤ 0.1·0.5, and here the raw gradient is huge.
    expect(Math.sqrt(sq)).toBeCloseTo(0.05, 5);
  });

  it('early stopping restores the weights of the best validation epoch', async () => {
    // Random labels: the model overfits the training rows and validation loss rises.
    const spec: ModelSpec = { inputSize: 3, layers: [{ type: 'dense', units: 32, activation: 'tanh' }, { type: 'dense', units: 2, activation: 'softmax' }], loss: 'cross-entropy' };
    const model = Model.create(spec, { seed: 5 });
    const weightsByEpoch: Float32Array[][] = [];
    const h = await model.fit(blobs(20, 1, true), {
      epochs: 300,
      batchSize: 0,
      optimizer: { name: 'adam', lr: 0.05 },
      validationData: blobs(20, 2, true),
      earlyStopping: { patience: 5 },
      onEpochEnd: () => void weightsByEpoch.push(model.getWeights()),
    });
    expect(h.stopReason).toBe('early-stopping');
    const valLosses = h.epochs.map((e) => e.valLoss!);
    const best = valLosses.indexOf(Math.min(...valLosses)) + 1;
    expect(h.epochs.length).toBe(best + 5);
    expect(h.bestEpoch).toBe(best);
    expect(model.getWeights()).toEqual(weightsByEpoch[best - 1]);
    expect(model.getWeights()).not.toEqual(weightsByEpoch[h.epochs.length - 1]);
    expect(model.evaluate(blobs(20, 2, true)).loss).toBeCloseTo(Math.min(...valLosses), 6);
  });
});

describe('inference', () => {
  it('predict gives softmax probabilities; activations gives every layer, the last equal to predict', async () => {
    const model = Model.create({
      inputSize: 3,
      layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 2, activation: 'softmax' }],
      loss: 'cross-entropy',
    });
    const d = blobs(5, 1);
    const p = model.predict(d.x, 5);
    for (let i = 0; i < 5; i++) expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 6);
    const acts = model.activations(d.x, 5);
    expect(acts.map((a) => [a.layer, a.name, a.rows, a.cols])).toEqual([
      [0, 'dense_1', 5, 4],
      [1, 'dropout_2', 5, 4],
      [2, 'dense_3', 5, 2],
    ]);
    expect(acts[1]!.data).toEqual(acts[0]!.data); // dropout is the identity at inference
    expect(Array.from(acts[0]!.data).every((v) => v >= 0)).toBe(true);
    expect(acts[2]!.data).toEqual(p);
  });

  it('binary cross-entropy predicts sigmoid probabilities, mse the raw output', () => {
    const x = Float32Array.of(1, -2, 0.5);
    const bce = Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' });
    const lin = Model.create({ inputSize: 3, layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'mse' });
    const w = bce.getWeights();
    const z = x[0]! * w[0]![0]! + x[1]! * w[0]![1]! + x[2]! * w[0]![2]! + w[1]![0]!;
    expect(bce.predict(x, 1)[0]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
    expect(lin.predict(x, 1)[0]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6); // same seed, same weights
  });

  it('evaluate scores MSE with one-hot targets as classification, and regression without', () => {
    const mse = Model.create({ ...CLASSIFIER, layers: [{ type: 'dense', units: 2, activation: 'sigmoid' }], loss: 'mse' });
    const ev = mse.evaluate(blobs(10, 1));
    expect(ev.accuracy).toBeGreaterThanOrEqual(0);
    expect(ev.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(10);
    const reg = blobs(10, 1);
    const r = mse.evaluate({ ...reg, y: reg.y.map((v) => v * 0.5 + 0.1) });
    expect(r.accuracy).toBeUndefined();
    // the reported mse is the mean over every element of (p − t)²: check against a direct computation.
    const p = mse.predict(reg.x, 10);
    let s = 0;
    for (let i = 0; i < 20; i++) s += (p[i]! - (reg.y[i]! * 0.5 + 0.1)) ** 2;
    expect(r.loss).toBeCloseTo(s / 20, 6);
  });

  it('refuses a seed that is not a 32-bit integer (1.5 used to train exactly as 1)', () => {
    expect(() => Model.create(CLASSIFIER, { seed: 1.5 })).toThrow(/Model.create: seed must be an integer in \[0, 4294967295\], got 1.5/);
    expect(() => Model.create(CLASSIFIER, { seed: -1 })).toThrow(/got -1/);
  });

  it('maxParameters refuses a topology before allocating it, and counts every layer kind exactly', async () => {
    await import('../recurrent/index.js'); // registers rnn/lstm/gru/time-distributed-dense
    const specs: ModelSpec[] = [
      CLASSIFIER,
      { inputSize: 3, layers: [{ type: 'dense', units: 4, useBias: false }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 2 }], loss: 'mse' },
      { inputSize: 12, layers: [{ type: 'rnn', units: 5, features: 3 }, { type: 'dense', units: 1 }], loss: 'mse' },
      { inputSize: 12, layers: [{ type: 'lstm', units: 5, features: 3, returnSequences: true }, { type: 'time-distributed-dense', units: 2, seqLen: 4 }], loss: 'mse' },
      { inputSize: 12, layers: [{ type: 'gru', units: 5, features: 3 }, { type: 'dense', units: 2, activation: 'softmax' }], loss: 'cross-entropy' },
    ];
    for (const spec of specs) {
      const exact = Model.create(spec).parameterCount();
      expect(Model.create(spec, { maxParameters: exact }).parameterCount(), JSON.stringify(spec.layers)).toBe(exact);
      expect(() => Model.create(spec, { maxParameters: exact - 1 }), JSON.stringify(spec.layers)).toThrow(/more than the \d+ left of maxParameters/);
    }
    // A layer of 2^20 × 2^20 values is refused by the count alone (allocating it would throw or take terabytes).
    expect(() => Model.create({ inputSize: 2 ** 20, layers: [{ type: 'dense', units: 2 ** 20 }], loss: 'mse' }, { maxParameters: 1e6 })).toThrow(
      /layer 1 needs 1099512676352 parameter values, more than the 1000000 left of maxParameters \(1000000\)/,
    );
    expect(() => Model.create(CLASSIFIER, { maxParameters: -1 })).toThrow(/maxParameters must be a number ≥ 0/);
  });

  it('getWeights/setWeights round trip, with clear errors', () => {
    const a = Model.create(CLASSIFIER, { seed: 1 });
    const b = Model.create(CLASSIFIER, { seed: 2 });
    b.setWeights(a.getWeights());
    const x = blobs(4, 3).x;
    expect(b.predict(x, 4)).toEqual(a.predict(x, 4));
    expect(() => b.setWeights(a.getWeights().slice(1))).toThrow(/expected 4 arrays, got 3/);
    expect(() => b.setWeights([new Float32Array(2), ...a.getWeights().slice(1)])).toThrow(/array 0 \(kernel \[3×5\]\) needs 15 values, got 2/);
    const withNaN = a.getWeights();
    withNaN[2]![4] = Number.NaN;
    expect(() => b.setWeights(withNaN)).toThrow(/array 2 \(kernel\) holds NaN at index 4/);
    // A finite value beyond float32's range is named as such (it used to be called 'NaN or infinite').
    const huge = a.getWeights().map((w) => Float64Array.from(w));
    huge[0]![1] = 1e39;
    expect(() => b.setWeights(huge)).toThrow(/array 0 \(kernel\) value 1e\+39 at index 1 is beyond float32's range/);
    expect(() => Model.create(CLASSIFIER, { dtype: 'float64' }).setWeights(huge)).toThrow(/beyond float32's range/);
  });
});

describe('dtype', () => {
  it('a float64 model trains and predicts close to the float32 one; float64 needs a backend that takes it', async () => {
    const d = blobs(40, 6);
    const opts = { epochs: 5, batchSize: 8, optimizer: { name: 'momentum' as const, lr: 0.05 } };
    const m32 = Model.create(CLASSIFIER, { seed: 2 });
    const m64 = Model.create(CLASSIFIER, { seed: 2, dtype: 'float64' });
    const h32 = await m32.fit(d, opts);
    const h64 = await m64.fit(d, opts);
    expect(h64.epochs[4]!.loss).toBeCloseTo(h32.epochs[4]!.loss, 4);
    const p32 = m32.predict(d.x, 40);
    const p64 = m64.predict(d.x, 40);
    expect(p64).toBeInstanceOf(Float32Array);
    p32.forEach((v, i) => expect(p64[i]).toBeCloseTo(v, 4));
    const float32Only = { ...m32.backend, info: { ...m32.backend.info, name: 'f32', float64: false } };
    expect(() => Model.create(CLASSIFIER, { dtype: 'float64', backend: float32Only })).toThrow(/backend 'f32' does not accept float64/);
  });
});

describe('resume', () => {
  it('a run resumed from its training state equals the uninterrupted run, bit for bit', async () => {
    const spec: ModelSpec = {
      inputSize: 3,
      layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 2, activation: 'softmax' }],
      loss: 'cross-entropy',
    };
    const data = blobs(60, 4);
    const opts = {
      epochs: 10,
      batchSize: 16,
      optimizer: { name: 'adamw' as const, lr: 0.01 },
      schedule: { type: 'cosine' as const },
      validationSplit: 0.2,
      earlyStopping: { patience: 50 },
    };
    const full = Model.create(spec, { seed: 9 });
    const hFull = await full.fit(data, opts);

    const first = Model.create(spec, { seed: 9 });
    let weights: Float32Array[] = [];
    let state = first.getTrainingState();
    await first.fit(data, {
      ...opts,
      onEpochEnd: (log) => {
        if (log.epoch === 4) {
          weights = first.getWeights();
          state = first.getTrainingState();
          return false;
        }
        return true;
      },
    });
    const resumed = Model.create(spec, { seed: 9 });
    resumed.setWeights(weights);
    resumed.setTrainingState(state);
    const hRest = await resumed.fit(data, { ...opts, initialEpoch: state.epoch });
    expect(hRest.epochs.map((e) => e.epoch)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(hRest.epochs.map((e) => e.loss)).toEqual(hFull.epochs.slice(4).map((e) => e.loss));
    expect(resumed.getWeights()).toEqual(full.getWeights());
    expect(resumed.getTrainingState().optimizer!.state.step).toBe(full.getTrainingState().optimizer!.state.step);
  });
});
