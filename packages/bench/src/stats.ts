/** Small statistics for benchmark figures: the machine is noisy, so figures are medians. */

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Wall-clock milliseconds (monotonic). */
export const nowMs = (): number => performance.now();

/**
 * CPU seconds this process has used (user + system, all its threads). On a busy shared machine a
 * single-threaded system's work per CPU-second varies far less than its wall-clock speed.
 */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
