/**
 * The compact text chart of the loss printed at the end of a terminal run (asciichart).
 * Long runs are resampled to `width` points so the chart fits a terminal line.
 */
import asciichart from 'asciichart';
import { formatLoss } from '../progress/format.js';

export function asciiLossChart(losses: readonly number[], width = 60, height = 8): string {
  const finite = losses.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return '';
  const points: number[] = [];
  const n = Math.min(width, finite.length);
  for (let i = 0; i < n; i++) points.push(finite[Math.round((i * (finite.length - 1)) / (n - 1))]!);
  return asciichart.plot(points, { height, format: (x: number) => formatLoss(x).padStart(9) });
}
