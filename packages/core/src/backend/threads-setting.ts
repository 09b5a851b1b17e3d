/**
 * A backend's thread count: `BACKPROP_THREADS` when set (an integer from 1 to 256), else `cpus`
 * (at least 1) — the native addon's affinity-aware count, or the CPUs the wasm backend sees.
 * One reading of the variable for every backend, so that all refuse a bad value alike.
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
