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

/** A unit of work's clock: `rates(n)` gives n per wall-clock second and per CPU-second since it started. */
export function startClock(): { rates: (n: number) => [number, number] } {
  const c0 = cpuSeconds();
  const t0 = nowMs();
  return { rates: (n) => [n / ((nowMs() - t0) / 1000), n / (cpuSeconds() - c0)] };
}

/**
 * One warm-up run of `unit`, then `units` timed runs; each run returns its [per wall-clock second,
 * per CPU-second] rates (startClock). Returns the timed runs' rates.
 */
export async function timeUnits(units: number, unit: () => Promise<[number, number]>): Promise<{ perUnit: number[]; cpuPerUnit: number[] }> {
  await unit();
  const perUnit: number[] = [];
  const cpuPerUnit: number[] = [];
  for (let u = 0; u < units; u++) {
    const [wall, cpu] = await unit();
    perUnit.push(wall);
    cpuPerUnit.push(cpu);
  }
  return { perUnit, cpuPerUnit };
}
