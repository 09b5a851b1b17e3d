/**
 * The GEMM thread count: `BACKPROP_THREADS` when set (a positive integer), else every CPU
 * this process may run on (the addon's affinity-aware count).
 */
export function threadsFromEnv(env: Record<string, string | undefined>, cpus: number): number {
  const raw = env['BACKPROP_THREADS'];
  if (raw === undefined || raw.trim() === '') return Math.max(1, cpus);
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1 || value > 256) {
    throw new RangeError(`BACKPROP_THREADS must be an integer from 1 to 256, got '${raw}'`);
  }
  return value;
}
