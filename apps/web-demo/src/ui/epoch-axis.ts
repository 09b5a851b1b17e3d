/**
 * The epoch axis of the loss charts: an asinh scale (linear near 0, logarithmic beyond), so
 * that the first epochs, where most learning happens, keep their width at 100,000 epochs; and
 * tick values a reader can take in at a glance.
 */

/** Ticks from 0 to `max`: 1-2-5 steps while few decades are shown, powers of ten beyond. */
export function epochTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const decades = Math.log10(max);
  const mantissas = decades <= 2 ? [1, 2, 5] : decades <= 3.5 ? [1, 3] : [1];
  const ticks = [0];
  for (let p = 1; p <= max; p *= 10) {
    for (const m of mantissas) if (m * p <= max) ticks.push(m * p);
  }
  return ticks;
}

/** 0, 5, 20, 1k, 30k, 100k, 1M: short labels that never overlap on a phone-width chart. */
export function epochLabel(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}
