import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { ReferenceMlp, type RefActivation, type RefLayer, type RefOptimizer, type RefSchedule } from './__tests__/reference-mlp.js';
import { Model } from './model.js';
import type { Dataset, DenseSpec, FitOptions, LossName, LrSchedule, ModelSpec, OptimizerConfig } from './types.js';

// Whole training trajectories (forward, loss, backward, clipping, L1, optimizer, schedule, over
// many batches) of core's float64 Model against the float64 reference trainer of
// __tests__/reference-mlp.ts, from the same initial weights. Gradcheck covers single gradients and
// optimizers.test.ts single steps; this catches conventions that only show over a trajectory
// (reductions over the batch, bias correction's t, momentum state, where clipping and decay sit).
// The TS backend only: float64 models need it, and @backprop/node-native is not importable from
// core's tests (its cross-backend tests compare it with this backend).

const N = 23; // with batch 5: four batches of 5 and a ragged one of 3
const INPUT = 3;
/** Agreement required, relative to the largest value of each tensor (rounding order differs). */
const REL = 1e-10;

interface Case {
  readonly name: string;
  readonly loss: LossName;
  readonly layers: readonly DenseSpec[];
  readonly optimizer: OptimizerConfig;
  readonly batchSize: number;
  readonly epochs: number;
  readonly schedule?: LrSchedule;
  readonly clipNorm?: number;
  /** Stop the first fit after this many epochs and resume with initialEpoch (moments carry over). */
  readonly splitAt?: number;
  /** The clipping threshold must actually have scaled some steps (or every one). */
  readonly expectClipping?: 'some steps' | 'every step';
}

const hidden = (a: RefActivation, b: RefActivation, extra: Partial<DenseSpec> = {}): DenseSpec[] => [
  { type: 'dense', units: 5, activation: a, ...extra },
  { type: 'dense', units: 4, activation: b },
];

const CASES: readonly Case[] = [
  {
    name: 'mse, sigmoid/tanh → linear, plain sgd (fused update path), ragged batches',
    loss: 'mse',
    layers: [...hidden('sigmoid', 'tanh'), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'sgd', lr: 0.05 },
    batchSize: 5,
    epochs: 6,
  },
  {
    name: 'mse, tanh/relu → sigmoid, momentum (default μ), batch 8',
    loss: 'mse',
    layers: [...hidden('tanh', 'relu'), { type: 'dense', units: 2, activation: 'sigmoid' }],
    optimizer: { name: 'momentum', lr: 0.02 },
    batchSize: 8,
    epochs: 10,
  },
  {
    name: 'mse, leaky-relu α 0.2 / softmax hidden → softmax output (Jacobian), nesterov μ 0.8 + weight decay, full batch',
    loss: 'mse',
    layers: [
      { type: 'dense', units: 5, activation: 'leaky-relu', alpha: 0.2 },
      { type: 'dense', units: 4, activation: 'softmax' },
      { type: 'dense', units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'nesterov', lr: 0.05, momentum: 0.8, weightDecay: 0.01 },
    batchSize: 0,
    epochs: 30,
  },
  {
    name: 'cross-entropy, relu/leaky-relu (default α) → softmax, adam defaults, batch 4',
    loss: 'cross-entropy',
    layers: [...hidden('relu', 'leaky-relu'), { type: 'dense', units: 3, activation: 'softmax' }],
    optimizer: { name: 'adam', lr: 0.01 },
    batchSize: 4,
    epochs: 5,
  },
  {
    name: 'cross-entropy, linear output (logits), adamw default decay, batch = n, cosine schedule',
    loss: 'cross-entropy',
    layers: [...hidden('tanh', 'sigmoid'), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'adamw', lr: 0.05 },
    batchSize: N,
    epochs: 25,
    schedule: { type: 'cosine' },
  },
  {
    name: 'binary cross-entropy, adam with L2 decay, own β/ε, clipNorm, step schedule, ragged',
    loss: 'binary-cross-entropy',
    layers: [...hidden('tanh', 'tanh'), { type: 'dense', units: 2, activation: 'sigmoid' }],
    optimizer: { name: 'adam', lr: 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-3, weightDecay: 0.05 },
    batchSize: 5,
    epochs: 8,
    schedule: { type: 'step', stepSize: 3, gamma: 0.5 },
    clipNorm: 0.3,
    expectClipping: 'some steps',
  },
  {
    name: 'mse, sgd with L1 and weight decay, exponential schedule, a layer without bias',
    loss: 'mse',
    layers: [...hidden('relu', 'tanh', { useBias: false }), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'sgd', lr: 0.03, l1: 0.05, weightDecay: 0.02 },
    batchSize: 5,
    epochs: 6,
    schedule: { type: 'exponential', gamma: 0.8 },
  },
  {
    name: 'cross-entropy, adamw + L1 + clipNorm, cosine with minLr, batch 6',
    loss: 'cross-entropy',
    layers: [...hidden('sigmoid', 'relu'), { type: 'dense', units: 2, activation: 'softmax' }],
    optimizer: { name: 'adamw', lr: 0.03, weightDecay: 0.1, l1: 0.01 },
    batchSize: 6,
    epochs: 8,
    schedule: { type: 'cosine', minLr: 0.005 },
    clipNorm: 0.5,
    expectClipping: 'some steps',
  },
  {
    name: 'binary cross-entropy, linear output, momentum + clipNorm that always clips, batch 1',
    loss: 'binary-cross-entropy',
    layers: [...hidden('leaky-relu', 'sigmoid'), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'momentum', lr: 0.5, momentum: 0.5 },
    batchSize: 1,
    epochs: 2,
    clipNorm: 0.02,
    expectClipping: 'every step',
  },
  {
    name: 'mse, nesterov with step schedule, resumed after 4 of 10 epochs (velocity and schedule carry over)',
    loss: 'mse',
    layers: [...hidden('tanh', 'leaky-relu'), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'nesterov', lr: 0.01 },
    batchSize: 7,
    epochs: 10,
    schedule: { type: 'step', stepSize: 2, gamma: 0.7 },
    splitAt: 4,
  },
  {
    name: 'cross-entropy, adam resumed after 3 of 7 epochs (moments and bias-correction t carry over)',
    loss: 'cross-entropy',
    layers: [...hidden('relu', 'tanh'), { type: 'dense', units: 3, activation: 'softmax' }],
    optimizer: { name: 'adam', lr: 0.02, beta2: 0.9 },
    batchSize: 5,
    epochs: 7,
    splitAt: 3,
  },
  {
    name: 'cross-entropy, rmsprop defaults, batch 4',
    loss: 'cross-entropy',
    layers: [...hidden('tanh', 'relu'), { type: 'dense', units: 3, activation: 'softmax' }],
    optimizer: { name: 'rmsprop', lr: 0.01 },
    batchSize: 4,
    epochs: 4,
  },
  {
    name: 'mse, rmsprop centered with momentum and weight decay, resumed after 2 of 5 epochs',
    loss: 'mse',
    layers: [...hidden('sigmoid', 'tanh'), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'rmsprop', lr: 0.005, alpha: 0.9, centered: true, momentum: 0.5, weightDecay: 0.01 },
    batchSize: 5,
    epochs: 5,
    splitAt: 2,
  },
  {
    name: 'binary cross-entropy, adagrad with lr decay, initial accumulator, L1, resumed after 2 of 5 epochs',
    loss: 'binary-cross-entropy',
    layers: [...hidden('relu', 'tanh'), { type: 'dense', units: 2, activation: 'sigmoid' }],
    optimizer: { name: 'adagrad', lr: 0.05, lrDecay: 0.01, initialAccumulatorValue: 0.1, l1: 0.01 },
    batchSize: 6,
    epochs: 5,
    splitAt: 2,
  },
  {
    name: 'cross-entropy, adamax with weight decay, resumed after 3 of 6 epochs',
    loss: 'cross-entropy',
    layers: [...hidden('tanh', 'sigmoid'), { type: 'dense', units: 3, activation: 'softmax' }],
    optimizer: { name: 'adamax', lr: 0.01, weightDecay: 0.01 },
    batchSize: 5,
    epochs: 6,
    splitAt: 3,
  },
  {
    name: 'mse, nadam with own momentum decay and β2, resumed after 3 of 6 epochs (μ product carries over)',
    loss: 'mse',
    layers: [...hidden('tanh', 'relu'), { type: 'dense', units: 2, activation: 'linear' }],
    optimizer: { name: 'nadam', lr: 0.01, beta2: 0.99, momentumDecay: 0.04 },
    batchSize: 4,
    epochs: 6,
    splitAt: 3,
  },
];

/** Seeded rows and targets of the kind the loss expects (float32, as a Dataset holds them). */
function data(loss: LossName, outputs: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: N * INPUT }, () => rng.normal());
  const y = new Float32Array(N * outputs);
  for (let r = 0; r < N; r++) {
    const row = x.subarray(r * INPUT, (r + 1) * INPUT);
    if (loss === 'cross-entropy') {
      // a class that depends on the inputs, so the network has something to learn
      const score = row[0]! + 0.5 * row[1]! - row[2]!;
      const cls = Math.min(outputs - 1, Math.max(0, Math.floor(((score + 2) / 4) * outputs)));
      y[r * outputs + cls] = 1;
    } else {
      for (let j = 0; j < outputs; j++) {
        y[r * outputs + j] = loss === 'binary-cross-entropy' ? (rng.next() < 0.5 ? 0 : 1) : rng.uniform(0.1, 0.9);
      }
    }
  }
  return { x, y, n: N, inputSize: INPUT, outputSize: outputs };
}

/** The documented defaults (types.ts OptimizerConfig, optimizers/index.ts), filled in here independently. */
function refOptimizer(o: OptimizerConfig): RefOptimizer {
  const heavyBall = o.name === 'momentum' || o.name === 'nesterov';
  return {
    name: o.name,
    lr: o.lr,
    momentum: o.momentum ?? (heavyBall ? 0.9 : 0),
    beta1: o.beta1 ?? 0.9,
    beta2: o.beta2 ?? 0.999,
    eps: o.eps ?? (o.name === 'adagrad' ? 1e-10 : 1e-8),
    weightDecay: o.weightDecay ?? (o.name === 'adamw' ? 0.01 : 0),
    l1: o.l1 ?? 0,
    alpha: o.alpha ?? 0.99,
    centered: o.centered ?? false,
    momentumDecay: o.momentumDecay ?? 0.004,
    lrDecay: o.lrDecay ?? 0,
    initialAccumulatorValue: o.initialAccumulatorValue ?? 0,
  };
}

/** A reference network holding exact float64 copies of the model's initial parameters. */
function referenceOf(model: Model, spec: ModelSpec): ReferenceMlp {
  const params = model.parameters();
  let k = 0;
  const layers: RefLayer[] = spec.layers.map((l) => {
    const d = l as DenseSpec;
    const kernel = Float64Array.from(params[k++]!.value);
    const bias = d.useBias === false ? null : Float64Array.from(params[k++]!.value);
    return { units: d.units, activation: (d.activation ?? 'linear') as RefActivation, alpha: d.alpha ?? 0.01, kernel, bias };
  });
  expect(k).toBe(params.length);
  return new ReferenceMlp(spec.inputSize, layers, spec.loss as ConstructorParameters<typeof ReferenceMlp>[2]);
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

async function runCase(c: Case): Promise<void> {
  const outputs = c.layers[c.layers.length - 1]!.units;
  const spec: ModelSpec = { inputSize: INPUT, layers: c.layers, loss: c.loss };
  const model = Model.create(spec, { seed: 7, dtype: 'float64' });
  expect(model.parameters()[0]!.value).toBeInstanceOf(Float64Array);
  const ref = referenceOf(model, spec);
  const initial = model.parameters().map((p) => Float64Array.from(p.value));
  const set = data(c.loss, outputs, 11);

  const base: FitOptions = {
    epochs: c.epochs,
    batchSize: c.batchSize,
    optimizer: c.optimizer,
    shuffle: false,
    ...(c.schedule ? { schedule: c.schedule } : {}),
    ...(c.clipNorm !== undefined ? { clipNorm: c.clipNorm } : {}),
  };
  const logs = [];
  if (c.splitAt !== undefined) {
    const first = await model.fit(set, { ...base, onEpochEnd: (l) => l.epoch < c.splitAt! });
    expect(first.stopReason).toBe('callback');
    logs.push(...first.epochs);
    const second = await model.fit(set, { ...base, initialEpoch: c.splitAt });
    logs.push(...second.epochs);
  } else {
    logs.push(...(await model.fit(set, base)).epochs);
  }

  const refEpochs = ref.fit(Float64Array.from(set.x), Float64Array.from(set.y), N, {
    fromEpoch: 0,
    toEpoch: c.epochs,
    totalEpochs: c.epochs,
    batchSize: c.batchSize,
    optimizer: refOptimizer(c.optimizer),
    schedule: (c.schedule ?? { type: 'constant' }) as RefSchedule,
    ...(c.clipNorm !== undefined ? { clipNorm: c.clipNorm } : {}),
  });

  // Learning rate and reported loss of every epoch.
  expect(logs.length).toBe(c.epochs);
  logs.forEach((log, e) => {
    const r = refEpochs[e]!;
    expect(log.lr, `lr of epoch ${e + 1}`).toBeCloseTo(r.lr, 15);
    expect(Math.abs(log.loss - r.loss), `loss of epoch ${e + 1}: ${log.loss} vs ${r.loss}`).toBeLessThanOrEqual(REL * Math.abs(r.loss));
  });

  // Every parameter, at full float64 precision.
  const refParams = ref.params();
  const params = model.parameters();
  expect(params.length).toBe(refParams.length);
  let moved = 0;
  params.forEach((p, i) => {
    const want = refParams[i]!.value;
    const scale = maxAbs(want);
    const diff = maxAbsDiff(p.value, want);
    expect(diff, `${p.name} of parameter ${i}: max |Δ| ${diff.toExponential(2)} vs scale ${scale.toExponential(2)}`).toBeLessThanOrEqual(REL * scale);
    // Kernels only: biases start at 0, so any change of theirs is "100 %".
    if (p.name === 'kernel') moved = Math.max(moved, maxAbsDiff(want, initial[i]!) / maxAbs(initial[i]!));
  });
  // The comparison means something only if training changed the weights far beyond the tolerance.
  expect(moved).toBeGreaterThan(1e-2);
  const steps = c.epochs * Math.ceil(N / (c.batchSize === 0 ? N : c.batchSize));
  if (c.expectClipping === 'some steps') expect(ref.clippedSteps).toBeGreaterThan(0);
  if (c.expectClipping === 'every step') expect(ref.clippedSteps).toBe(steps);
}

describe('training trajectories match an independent float64 reference (shuffle off, same initial weights)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await runCase(c);
  });
});
