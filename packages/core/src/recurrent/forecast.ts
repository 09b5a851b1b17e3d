/**
 * Multi-step forecasting with a trained sequence model, feeding each prediction back as the next
 * input step.
 *
 * Two modes:
 * - 'window' (default): the model sees the last seqLen steps each time, exactly as in training
 *   (a sliding window); works for any model whose input is seqLen steps and whose output is the
 *   next step(s): outputSize = k·F forecasts k steps at once, and a sequence-to-sequence model
 *   (outputSize = inputSize, ending in a time-distributed dense or an rnn/lstm/gru with
 *   returnSequences) contributes its last step.
 * - 'stateful': the first layer (an rnn/lstm/gru, sequence-to-one) is stepped one time step at a
 *   time with its state carried (RecurrentLayer.step), and the layers above it run on each new
 *   hidden state: O(1) work per forecast step instead of O(seqLen), and the seed may be of any
 *   length. The layers above must be feed-forward (dense, dropout). The model's fused output
 *   activation, if any (softmax/sigmoid), is not applied in this mode: use it for regression.
 */
import type { FloatArray } from '../backend/backend.js';
import type { Model } from '../model/model.js';
import { RecurrentLayer } from './recurrent-layer.js';
import { TimeDistributedDense } from './time-distributed-dense.js';

/** Options of `forecast`. */
export interface ForecastOptions {
  /** Steps to forecast. */
  readonly steps: number;
  /** Default 'window'. */
  readonly mode?: 'window' | 'stateful';
  /** Parallel seed sequences in `seed` (rows), default 1. */
  readonly rows?: number;
  /** Values per step F; default: the first recurrent layer's features, else 1. */
  readonly features?: number;
}

/**
 * Forecast `steps` steps after each seed sequence. `seed` holds `rows` sequences (row-major,
 * time-major within a row, F values per step): in window mode exactly seqLen steps each, in
 * stateful mode any length ≥ 1.
 * @param model a trained model whose input is a window of steps
 * @param seed rows × (steps × F) values to start from
 * @param options steps to forecast, mode, rows and values per step
 * @returns rows × steps·F values: the forecast steps, in order, per row
 * @throws an Error naming the mismatch when the seed, the options or the model do not fit the mode
 */
export function forecast(model: Model, seed: Float32Array, options: ForecastOptions): Float32Array {
  const { steps } = options;
  const rows = options.rows ?? 1;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`forecast: steps must be a positive integer, got ${String(steps)}`);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`forecast: rows must be a positive integer, got ${String(rows)}`);
  const first = model.layers[0];
  const F = options.features ?? (first instanceof RecurrentLayer ? first.features : 1);
  if (!Number.isInteger(F) || F < 1) throw new Error(`forecast: features must be a positive integer, got ${String(F)}`);
  if (seed.length % (rows * F) !== 0 || seed.length === 0) {
    throw new Error(`forecast: the seed holds ${seed.length} values, not ${rows} rows of whole steps of ${F} values`);
  }
  return (options.mode ?? 'window') === 'window' ? windowForecast(model, seed, rows, F, steps) : statefulForecast(model, seed, rows, F, steps);
}

function windowForecast(model: Model, seed: Float32Array, rows: number, F: number, steps: number): Float32Array {
  const width = model.inputSize;
  if (seed.length !== rows * width) {
    throw new Error(`forecast: window mode needs exactly ${width / F} steps (${width} values) per seed row, got ${seed.length / rows} values`);
  }
  const out = model.outputSize;
  // Sequence-to-sequence means the output keeps the time axis (its last layer, past any dropout,
  // is a time-distributed dense or a recurrent layer returning sequences); a sequence-to-one model
  // forecasting k = seqLen steps at once also has outputSize = inputSize but is not one.
  const seq2seq = out === width && keepsTimeAxis(model);
  const ahead = seq2seq ? 1 : out / F;
  if (!Number.isInteger(ahead) || ahead < 1) {
    throw new Error(`forecast: the model's output (${out} values) is not a whole number of steps of ${F} values`);
  }
  const window = Float32Array.from(seed);
  const result = new Float32Array(rows * steps * F);
  let done = 0;
  while (done < steps) {
    const y = model.predict(window, rows);
    const take = Math.min(ahead, steps - done);
    for (let r = 0; r < rows; r++) {
      // The next `take` steps: the last step of a seq2seq output, else the first `take` of the k predicted.
      const pred = seq2seq ? y.subarray((r + 1) * out - F, (r + 1) * out) : y.subarray(r * out, r * out + take * F);
      result.set(pred, (r * steps + done) * F);
      const w = window.subarray(r * width, (r + 1) * width);
      w.copyWithin(0, take * F);
      w.set(pred.subarray(0, take * F), width - take * F);
    }
    done += take;
  }
  return result;
}

function statefulForecast(model: Model, seed: Float32Array, rows: number, F: number, steps: number): Float32Array {
  const [first, ...rest] = model.layers;
  if (!(first instanceof RecurrentLayer) || first.returnSequences) {
    throw new Error('forecast: stateful mode needs a model whose first layer is an rnn/lstm/gru with returnSequences false');
  }
  if (rest.some((l) => l instanceof RecurrentLayer)) throw new Error('forecast: stateful mode supports one recurrent layer followed by feed-forward layers');
  if (model.outputSize !== F) throw new Error(`forecast: stateful mode needs a model that predicts one step (${F} values), it predicts ${model.outputSize}`);
  const seedSteps = seed.length / (rows * F);
  const dtype = model.dtype;
  const x: FloatArray = dtype === 'float64' ? new Float64Array(rows * F) : new Float32Array(rows * F);
  const result = new Float32Array(rows * steps * F);
  first.resetState(rows);
  const head = (h: FloatArray): FloatArray => {
    let v = h;
    for (const layer of rest) v = layer.forward(v, rows, false);
    return v;
  };
  let pred: FloatArray = x;
  for (let t = 0; t < seedSteps; t++) {
    for (let r = 0; r < rows; r++) x.set(seed.subarray((r * seedSteps + t) * F, (r * seedSteps + t + 1) * F), r * F);
    pred = head(first.step(x, rows));
  }
  for (let s = 0; s < steps; s++) {
    for (let r = 0; r < rows; r++) result.set(pred.subarray(r * F, (r + 1) * F), (r * steps + s) * F);
    if (s === steps - 1) break;
    x.set(pred.subarray(0, rows * F));
    pred = head(first.step(x, rows));
  }
  return result;
}

/** Whether the model's output is a sequence (see windowForecast). */
function keepsTimeAxis(model: Model): boolean {
  const layers = model.layers.filter((l) => l.type !== 'dropout');
  const last = layers[layers.length - 1];
  return last instanceof TimeDistributedDense || (last instanceof RecurrentLayer && last.returnSequences);
}
