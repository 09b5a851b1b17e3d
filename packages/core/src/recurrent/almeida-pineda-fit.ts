/**
 * Training loop for the Almeida–Pineda network: mini-batch SGD (optionally with momentum or
 * Nesterov) through the Backend's fused `sgdStep`, on gradients from forward + adjoint
 * relaxation. A relaxation that does not converge stops training with its RelaxationError.
 */
import type { FloatArray } from '../backend/backend.js';
import { allocFloat } from '../model/buffers.js';
import type { Dataset } from '../model/types.js';
import { Rng } from '../util/rng.js';
import type { AlmeidaPinedaNetwork } from './almeida-pineda.js';

export interface FixedPointFitOptions {
  readonly epochs: number;
  readonly lr: number;
  /** SGD momentum μ, default 0.9; 0 for plain SGD. */
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly weightDecay?: number;
  /** Patterns per batch; 0 (default) or ≥ n is the full batch. */
  readonly batchSize?: number;
  /** Shuffle each epoch (default true when batches are smaller than the set). */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Stop early once the epoch's mean loss is at or below this. */
  readonly targetLoss?: number;
  /** Return false to stop after this epoch. */
  onEpochEnd?(log: FixedPointEpochLog): void | boolean;
}

export interface FixedPointEpochLog {
  readonly epoch: number;
  /** Mean over the epoch's batches of E (mean ½‖t − x‖² per pattern). */
  readonly loss: number;
  /** Mean forward sweeps per batch. */
  readonly forwardIterations: number;
  readonly adjointIterations: number;
}

export interface FixedPointHistory {
  readonly epochs: FixedPointEpochLog[];
  readonly stopReason: 'completed' | 'target-loss' | 'callback';
}

/** Train `net` on `data` (inputSize = net.inputs, outputSize = net.outputs). */
export function fitFixedPoint(net: AlmeidaPinedaNetwork, data: Dataset, options: FixedPointFitOptions): FixedPointHistory {
  if (data.inputSize !== net.inputs || data.outputSize !== net.outputs) {
    throw new Error(
      `almeida-pineda: data has ${data.inputSize} inputs and ${data.outputSize} outputs, the network ${net.inputs} and ${net.outputs}`,
    );
  }
  if (!Number.isInteger(options.epochs) || options.epochs < 1) throw new Error(`almeida-pineda: epochs must be a positive integer`);
  if (!(options.lr > 0) || !Number.isFinite(options.lr)) throw new Error(`almeida-pineda: lr must be a finite number > 0, got ${String(options.lr)}`);
  if (options.momentum !== undefined && !(options.momentum >= 0 && options.momentum < 1)) {
    throw new Error(`almeida-pineda: momentum must be in [0, 1), got ${String(options.momentum)}`);
  }
  if (options.batchSize !== undefined && !(Number.isInteger(options.batchSize) && options.batchSize >= 0)) {
    throw new Error(`almeida-pineda: batchSize must be a non-negative integer (0: full batch), got ${String(options.batchSize)}`);
  }
  if (options.weightDecay !== undefined && !(options.weightDecay >= 0 && Number.isFinite(options.weightDecay))) {
    throw new Error(`almeida-pineda: weightDecay must be a finite number ≥ 0, got ${String(options.weightDecay)}`);
  }
  const be = net.backend;
  const n = data.n;
  const bs = options.batchSize && options.batchSize < n ? options.batchSize : n;
  const momentum = options.momentum ?? 0.9;
  const shuffle = options.shuffle ?? bs < n;
  const rng = new Rng(options.seed ?? 42);
  const params = net.params();
  const velocity = params.map((p) => (momentum > 0 ? allocFloat(net.dtype, p.value.length) : null));
  const xs = allocFloat(net.dtype, bs * net.inputs);
  const ts = allocFloat(net.dtype, bs * net.outputs);
  const order = new Uint32Array(n).map((_, i) => i);
  const epochs: FixedPointEpochLog[] = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    if (shuffle) rng.shuffle(order);
    let lossSum = 0;
    let fwd = 0;
    let adj = 0;
    let batches = 0;
    for (let start = 0; start < n; start += bs) {
      const rows = Math.min(bs, n - start);
      gatherRows(data.x, net.inputs, order, start, rows, xs);
      gatherRows(data.y, net.outputs, order, start, rows, ts);
      const g = net.gradient(xs, ts, rows);
      params.forEach((p, i) => {
        be.sgdStep(p.value.length, p.value, p.grad, velocity[i], options.lr, momentum, options.nesterov ?? false, p.decay === false ? 0 : options.weightDecay ?? 0);
      });
      lossSum += g.loss;
      fwd += g.forwardIterations;
      adj += g.adjointIterations;
      batches++;
    }
    const log = { epoch, loss: lossSum / batches, forwardIterations: fwd / batches, adjointIterations: adj / batches };
    epochs.push(log);
    if (options.onEpochEnd?.(log) === false) return { epochs, stopReason: 'callback' };
    if (options.targetLoss !== undefined && log.loss <= options.targetLoss) return { epochs, stopReason: 'target-loss' };
  }
  return { epochs, stopReason: 'completed' };
}

function gatherRows(src: FloatArray, cols: number, order: Uint32Array, start: number, rows: number, dst: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    const i = order[start + r];
    dst.set(src.subarray(i * cols, (i + 1) * cols), r * cols);
  }
}

export interface FixedPointEvaluation {
  /** E: mean over patterns of ½‖t − x_out‖² (the quantity the network is trained on). */
  readonly loss: number;
  /**
   * The model's MSE convention (`Model.evaluate` with loss 'mse': the mean over every output value
   * of (t − x)², no ½) = 2·loss / outputs, for comparison with feed-forward models.
   */
  readonly mse: number;
  /** For 0/1 targets: the fraction of output values on the right side of 0.5. */
  readonly accuracy?: number;
}

/** Score `net` on `data` (one forward relaxation of all patterns). */
export function evaluateFixedPoint(net: AlmeidaPinedaNetwork, data: Dataset): FixedPointEvaluation {
  if (data.inputSize !== net.inputs || data.outputSize !== net.outputs) {
    throw new Error(`almeida-pineda: data has ${data.inputSize} inputs and ${data.outputSize} outputs, the network ${net.inputs} and ${net.outputs}`);
  }
  const x = net.dtype === 'float64' ? Float64Array.from(data.x) : data.x;
  const y = net.dtype === 'float64' ? Float64Array.from(data.y) : data.y;
  const loss = net.loss(x, y, data.n);
  // loss is a mean over patterns of a sum over the outputs; the model's MSE is a mean over both.
  const mse = (2 * loss) / net.outputs;
  const binary = data.y.every((v) => v === 0 || v === 1);
  if (!binary) return { loss, mse };
  const out = net.predict(x, data.n);
  let right = 0;
  for (let i = 0; i < out.length; i++) if (out[i] > 0.5 === (data.y[i] === 1)) right++;
  return { loss, mse, accuracy: right / out.length };
}
