/**
 * Workload W4 of the design (benchmarks measure exactly this): an Elman tanh RNN, input 32,
 * hidden 128, sequence 64, batch 32, MSE on every step (the layer returns its hidden sequence
 * and the loss compares all 64 × 128 values with targets), full BPTT, plain SGD (lr 0.0001: the
 * model's MSE objective is ½Σ(p − t)² over the batch's 32 × 8,192 outputs, as in the tutorial, so its
 * gradient is not averaged; larger steps drift upward on random targets). The figure is
 * training sequences per second through Model.fit, so batching, the loss, backward and the
 * optimizer step are all inside the timing, as in the peers' `fit` loops.
 */
import type { Backend } from '../backend/backend.js';
import { Model } from '../model/model.js';
import type { Dataset } from '../model/types.js';
import { Rng } from '../util/rng.js';
import './register.js';

export const W4 = { features: 32, units: 128, seqLen: 64, batch: 32, lr: 0.0001 } as const;

export interface W4Options {
  /** Timed batches, default 20. */
  readonly iterations?: number;
  /** Untimed batches first (JIT, buffer growth), default 3. */
  readonly warmup?: number;
  readonly seed?: number;
}

export interface W4Result {
  readonly backend: string;
  readonly sequencesPerSecond: number;
  readonly seconds: number;
  readonly sequences: number;
  /** Training loss of the last timed epoch, to show the run did real work. */
  readonly loss: number;
}

/** The W4 model spec (exported so that peers and docs use the very same shape). */
export function w4Spec() {
  const { features, units, seqLen } = W4;
  return {
    inputSize: seqLen * features,
    layers: [{ type: 'rnn', units, features, returnSequences: true, activation: 'tanh' as const }],
    loss: 'mse' as const,
  };
}

function randomSet(rows: number, rng: Rng): Dataset {
  const { features, units, seqLen } = W4;
  const x = new Float32Array(rows * seqLen * features);
  const y = new Float32Array(rows * seqLen * units);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-1, 1);
  for (let i = 0; i < y.length; i++) y[i] = rng.uniform(-0.5, 0.5);
  return { x, y, n: rows, inputSize: seqLen * features, outputSize: seqLen * units };
}

/** Run W4 on `backend` and return sequences per second. */
export async function benchW4(backend: Backend, options: W4Options = {}): Promise<W4Result> {
  const iterations = options.iterations ?? 20;
  const warmup = options.warmup ?? 3;
  const rng = new Rng(options.seed ?? 1);
  const model = Model.create(w4Spec(), { backend, seed: options.seed ?? 1 });
  const fitOptions = { epochs: 1, batchSize: W4.batch, shuffle: false, optimizer: { name: 'sgd' as const, lr: W4.lr } };
  if (warmup > 0) await model.fit(randomSet(warmup * W4.batch, rng), fitOptions);
  const data = randomSet(iterations * W4.batch, rng);
  const t0 = globalThis.performance.now();
  const history = await model.fit(data, fitOptions);
  const seconds = (globalThis.performance.now() - t0) / 1000;
  const last = history.epochs[history.epochs.length - 1];
  return { backend: backend.info.name, sequencesPerSecond: data.n / seconds, seconds, sequences: data.n, loss: last ? last.loss : Number.NaN };
}
