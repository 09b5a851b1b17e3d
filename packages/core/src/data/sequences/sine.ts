/**
 * Sine-wave forecasting windows. Row i is seqLen consecutive samples of
 *   s_i(t) = sin(2π·t / period_i + φ_i) + noise,   φ_i ~ U(0, 2π)
 * (one value per step: features = 1). Targets: the next `horizon` values s_i(T … T+horizon−1)
 * (sequence-to-one, the default), or with `sequenceTargets` the series shifted by one step,
 * s_i(1 … T), for a sequence-to-sequence model predicting every next value.
 */
import type { Dataset } from '../dataset.js';
import { Rng } from '../../util/rng.js';

/** Options of `sineWaves`. */
export interface SineOptions {
  /** Rows (windows). Default 512. */
  readonly n?: number;
  /** Steps per window, default 50. */
  readonly seqLen?: number;
  /** Values to forecast after the window, default 1. */
  readonly horizon?: number;
  /** Period in steps; a [min, max] pair draws one per row. Default 25. */
  readonly period?: number | readonly [number, number];
  /** Standard deviation of Gaussian noise added to the inputs, default 0. */
  readonly noise?: number;
  /** Targets are the inputs shifted by one step (outputSize = seqLen). Default false. */
  readonly sequenceTargets?: boolean;
  readonly seed?: number;
}

/**
 * Windows of noisy sine waves with random phases, for forecasting: each row is seqLen steps of one
 * wave and its target the next `horizon` values (or, with `sequenceTargets`, the window shifted by
 * one step).
 * @param options rows, window length, horizon, period, noise, seed
 * @returns n rows of seqLen inputs (one feature per step)
 * @throws when a size is not a positive integer or the period is not positive
 */
export function sineWaves(options: SineOptions = {}): Dataset {
  const n = options.n ?? 512;
  const T = options.seqLen ?? 50;
  const horizon = options.horizon ?? 1;
  const noise = options.noise ?? 0;
  const period = options.period ?? 25;
  for (const [name, v] of [['n', n], ['seqLen', T], ['horizon', horizon]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`sine: ${name} must be a positive integer, got ${String(v)}`);
  }
  const [pMin, pMax] = typeof period === 'number' ? [period, period] : period;
  if (!(pMin > 0 && pMax >= pMin)) throw new Error(`sine: period must be > 0 (or a [min, max] range), got ${String(period)}`);
  if (!(noise >= 0)) throw new Error(`sine: noise must be ≥ 0, got ${String(noise)}`);
  const seq = options.sequenceTargets ?? false;
  const out = seq ? T : horizon;
  const rng = new Rng(options.seed ?? 1);
  const x = new Float32Array(n * T);
  const y = new Float32Array(n * out);
  for (let i = 0; i < n; i++) {
    const w = (2 * Math.PI) / rng.uniform(pMin, pMax === pMin ? pMin + 1e-12 : pMax);
    const phi = rng.uniform(0, 2 * Math.PI);
    const at = (t: number): number => Math.sin(w * t + phi);
    for (let t = 0; t < T; t++) x[i * T + t] = at(t) + (noise > 0 ? rng.normal(0, noise) : 0);
    for (let k = 0; k < out; k++) y[i * out + k] = seq ? at(k + 1) : at(T + k);
  }
  return { x, y, n, inputSize: T, outputSize: out, featureNames: ['value'] };
}
