// Diagnostic (not a test, not part of `pnpm bench`): native GEMM throughput in short windows, with
// how busy each of the process's threads was in each window. It tells a stalled pool (one thread
// idle while the figure drops) from slowed cores (every thread busy, fewer GFLOP/s), which
// docs/benchmarks.md cites for the run-to-run spread of W1 at 2 threads.
// Linux only (reads /proc/self/task/*/stat). Usage, after `pnpm --filter @backprop/node-native build`:
//   node packages/node-native/scripts/gemm-windows.mjs [--size 512] [--threads 2] [--windows 20] [--calls 150]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadAddon } from '../dist/addon.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '512' },
    threads: { type: 'string', default: '2' },
    windows: { type: 'string', default: '20' },
    calls: { type: 'string', default: '150' },
  },
});
const [size, threads, windows, calls] = [values.size, values.threads, values.windows, values.calls].map(Number);

const addon = loadAddon();
addon.configure(threads, null);
const a = Float32Array.from({ length: size * size }, () => Math.random() - 0.5);
const b = Float32Array.from({ length: size * size }, () => Math.random() - 0.5);
const c = new Float32Array(size * size);
addon.gemm(false, false, size, size, size, 1, a, b, 0, c); // starts the pool

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** CPU ticks (user + system) of each thread of this process. */
function threadTicks() {
  const ticks = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks.set(tid, Number(fields[11]) + Number(fields[12]));
  }
  return ticks;
}

console.log(`native ${addon.info().isa}, ${threads} thread(s), ${size}³, ${calls} calls a window: GFLOP/s [busy share of each active thread]`);
for (let w = 0; w < windows; w++) {
  const before = threadTicks();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) addon.gemm(false, false, size, size, size, 1, a, b, 0, c);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const busy = [...threadTicks()]
    .map(([tid, t]) => (t - (before.get(tid) ?? 0)) / TICKS_PER_SECOND / seconds)
    .filter((share) => share > 0.05)
    .map((share) => share.toFixed(2));
  console.log(`${((2 * size ** 3 * calls) / seconds / 1e9).toFixed(0).padStart(5)} [${busy.join(', ')}]`);
}
