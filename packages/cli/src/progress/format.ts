/** Number and duration formatting shared by the progress reporters and summaries. */

/**
 * Loss values, everywhere the CLI prints one (progress, results, inspect, eval, forecast, charts):
 * 4 decimals from 0.01 up, exponent form with 3 significant digits below (3.50e-5, not 0.0000),
 * so that a well-trained model's loss never prints as zero.
 */
export function formatLoss(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-2) return value.toExponential(2);
  return value.toFixed(4);
}

/** Accuracies as fractions with 3 decimals (e.g. 0.981). */
export function formatAccuracy(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(3);
}

/** Samples per second, compact: 950, 12.3k, 1.2M. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '-';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(0)}k`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

/** Durations as 4.2s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  // Small runs (Iris on native) take milliseconds, which '0.0s' would hide.
  if (seconds < 0.1) return `${Math.max(1, Math.round(seconds * 1000))}ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
