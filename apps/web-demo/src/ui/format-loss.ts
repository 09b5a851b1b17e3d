/** A loss for display: losses span decades, so very small and very large ones in exponent form; none (or NaN) as a dash. */
export function fmtLoss(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return v !== 0 && (Math.abs(v) < 0.01 || Math.abs(v) >= 1e4) ? v.toExponential(2) : v.toFixed(4);
}
