/**
 * The Recurrent tab's task: forecast a sine wave. Its rows are core's `sineWaves` — training
 * windows, and separate test windows drawn with the next seed — given to core's `train` as a
 * DataSource (core's model spec makes the rnn/lstm/gru layer over the window and its linear
 * head); the multi-step forecast is core's `forecast` (each prediction fed back as the next
 * input), and its error core's MSE loss.
 */
import { forecast, getLoss, sineWaves, tsBackend, type DataSource, type Model } from '@backprop/core';
import { hiddenStates } from './hidden-states.js';
import type { ForecastView, HiddenStatesView, SineTask } from './protocol.js';

/** Windows to train on and to test on. */
const TRAIN_ROWS = 256;
const TEST_ROWS = 128;

/** The task's windows as train's data: `seqLen` noisy steps of a sine, the next (clean) value to predict. */
export function sineSource(task: SineTask, seqLen: number, seed: number): DataSource {
  const { period, noise } = task;
  return {
    name: 'sine',
    data: sineWaves({ n: TRAIN_ROWS, seqLen, period, noise, seed }),
    test: sineWaves({ n: TEST_ROWS, seqLen, period, noise, seed: seed + 1 }),
    task: 'regression',
    normalize: 'none',
    seqLen,
  };
}

/** The model's forecast of a noiseless held-out series, continued `steps` steps past a seed window. */
export function forecastView(model: Model, task: SineTask, seqLen: number, seed: number): ForecastView {
  const { period, steps } = task;
  const series = sineWaves({ n: 1, seqLen: seqLen + steps, period, seed: seed + 2 }).x;
  const prediction = forecast(model, series.slice(0, seqLen), { steps });
  const truthAhead = series.slice(seqLen);
  const mse = getLoss('mse').compute(tsBackend, steps, 1, prediction, truthAhead, new Float32Array(steps));
  return { truth: Array.from(series), prediction: Array.from(prediction), seqLen, mse };
}

/** The recurrent layer's hidden state over the forecast's seed window (the same noiseless held-out series). */
export function sineHidden(model: Model, seqLen: number, task: SineTask, seed: number): HiddenStatesView {
  const window = sineWaves({ n: 1, seqLen: seqLen + task.steps, period: task.period, seed: seed + 2 }).x.slice(0, seqLen);
  return hiddenStates(model, window);
}
