// Timing script (not a test) for the TS backend's GEMM: prints GFLOP/s = 2·M·N·K / seconds
// for the W1 shapes and all four transpose combinations at 512³.
// Usage: pnpm --filter @backprop/core build && node packages/core/scripts/bench-ts-gemm.mjs [--f64] [--reps N]
import { tsBackend } from '../dist/index.js';

const args = process.argv.slice(2);
const f64 = args.includes('--f64');
const repsArg = args.indexOf('--reps');
const runs = repsArg >= 0 ? Number(args[repsArg + 1]) : 5;
const T = f64 ? Float64Array : Float32Array;

function rand(n) {
  const x = new T(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = s / 2 ** 32 - 0.5;
  }
  return x;
}

/**
 * Median GFLOP/s over `runs` timed runs of repeated calls, by wall clock and by this process's
 * CPU time (the latter is the fairer figure when other processes share the cores).
 */
function bench(m, k, n, transA, transB) {
  const a = rand(m * k);
  const b = rand(k * n);
  const c = new T(m * n);
  const call = () => tsBackend.gemm(transA, transB, m, n, k, 1, a, b, 0, c);
  const flops = 2 * m * n * k;
  const per = Math.max(1, Math.round(4e8 / flops));
  for (let i = 0; i < per; i++) call(); // warm-up (JIT)
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const u0 = process.cpuUsage();
    for (let i = 0; i < per; i++) call();
    const u = process.cpuUsage(u0);
    wall.push((flops * per) / ((performance.now() - t0) / 1000) / 1e9);
    cpu.push((flops * per) / ((u.user + u.system) / 1e6) / 1e9);
  }
  const median = (x) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)];
  return [median(wall), median(cpu)];
}

const rows = [
  ['64x784x256 (MxKxN)', 64, 784, 256, false, false],
  ['256x64x784', 256, 64, 784, false, false],
  ['512x512x512', 512, 512, 512, false, false],
  ['1024x1024x1024', 1024, 1024, 1024, false, false],
  ['512^3 A^T B', 512, 512, 512, true, false],
  ['512^3 A B^T', 512, 512, 512, false, true],
  ['512^3 A^T B^T', 512, 512, 512, true, true],
];
console.log(`TS GEMM, ${f64 ? 'float64' : 'float32'}, median of ${runs} runs, Node ${process.version}`);
for (const [name, m, k, n, tA, tB] of rows) {
  const [wall, cpu] = bench(m, k, n, tA, tB);
  console.log(`${name.padEnd(22)} ${wall.toFixed(2).padStart(7)} GFLOP/s wall  ${cpu.toFixed(2).padStart(7)} GFLOP/s per CPU-second`);
}
