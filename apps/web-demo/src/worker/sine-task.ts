/**
 * The recurrent tab's task: forecast a sine wave. Data from core's `sineWaves`, the model an
 * rnn/lstm/gru layer with a dense head, the multi-step forecast from core's `forecast` (each
 * prediction fed back as the next input), and its error from core's MSE loss.
 */
import { forecast, getLoss, Model, sineWaves, tsBackend, type ModelSpec } from '@backprop/core';
import type { PreparedData } from './fit-session.js';
import type { FitJob, ForecastView, SineTask } from './protocol.js';

/** Windows to train on and to test on. */
const TRAIN_ROWS = 256;
const TEST_ROWS = 128;

export function sineTask(job: FitJob): SineTask {
  if (!job.sine) throw new Error('the sine job needs its task settings');
  return job.sine;
}

export function prepareSine(job: FitJob): PreparedData {
  const { seqLen, period, noise } = sineTask(job);
  return {
    train: sineWaves({ n: TRAIN_ROWS, seqLen, period, noise, seed: job.seed }),
    test: sineWaves({ n: TEST_ROWS, seqLen, period, noise, seed: job.seed + 1 }),
  };
}

/** Sequence-to-one: the recurrent layer reads the window (one value per step), a linear unit predicts the next value. */
export function sineSpec(job: FitJob): ModelSpec {
  const { cell, seqLen } = sineTask(job);
  const units = job.layers[0] ?? 16;
  return {
    inputSize: seqLen,
    layers: [
      { type: cell, units, features: 1 },
      { type: 'dense', units: 1 },
    ],
    loss: 'mse',
  };
}

/** The model's forecast of a noiseless held-out series, continued `steps` steps past a seed window. */
export function forecastView(model: Model, job: FitJob): ForecastView {
  const { seqLen, period, steps } = sineTask(job);
  const series = sineWaves({ n: 1, seqLen: seqLen + steps, period, seed: job.seed + 2 }).x;
  const prediction = forecast(model, series.slice(0, seqLen), { steps });
  const truthAhead = series.slice(seqLen);
  const mse = getLoss('mse').compute(tsBackend, steps, 1, prediction, truthAhead, new Float32Array(steps));
  return { truth: Array.from(series), prediction: Array.from(prediction), seqLen, mse };
}
