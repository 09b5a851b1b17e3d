/**
 * Prediction over truth for sine-forecasting models: a fresh sine window (not seen in
 * training) seeds the model, which then forecasts step after step, feeding each prediction
 * back as the next input (core's `forecast`, sliding-window mode); the true continuation is
 * drawn beside it.
 */
import { forecast, sineWaves, type Model } from '@backprop/core';
import type { Panel } from './chart-spec.js';
import { formatLoss } from '../progress/format.js';

export interface SineForecast {
  readonly seed: Float32Array;
  readonly truth: Float32Array;
  readonly predicted: Float32Array;
  /** Mean squared error of the forecast against the truth. */
  readonly mse: number;
}

/** Forecast `steps` values after a fresh sine window of seqLen steps. */
export function sineForecast(model: Model, seqLen: number, seed: number, steps = 2 * seqLen): SineForecast {
  // A different generator seed from the training data's, so the window is new to the model.
  const fresh = sineWaves({ n: 1, seqLen, horizon: steps, seed: seed + 7919 });
  const predicted = forecast(model, fresh.x, { steps });
  let se = 0;
  for (let i = 0; i < steps; i++) se += (predicted[i]! - fresh.y[i]!) ** 2;
  return { seed: fresh.x, truth: fresh.y, predicted, mse: se / steps };
}

export function forecastPanel(result: SineForecast): Panel {
  const T = result.seed.length;
  const seedPoints = Array.from(result.seed, (v, t) => [t, v] as const);
  const truth = Array.from(result.truth, (v, k) => [T + k, v] as const);
  const predicted = Array.from(result.predicted, (v, k) => [T + k, v] as const);
  return {
    title: `Forecast after a new ${T}-step window (fed back step by step): MSE ${formatLoss(result.mse)}`,
    xTitle: 'time step',
    yTitle: 'value',
    series: [
      { name: 'seed window', points: seedPoints },
      { name: 'truth', points: truth },
      { name: 'prediction', points: predicted },
    ],
  };
}

export function sineForecastPanel(model: Model, seqLen: number, seed: number): Panel {
  return forecastPanel(sineForecast(model, seqLen, seed));
}
