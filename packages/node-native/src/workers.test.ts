import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Rng } from '@backprop/core';
import { addonPath, loadAddon } from './addon.js';

// The addon is context-aware: it loads in several worker_threads at once, and concurrent
// GEMMs (large enough to use the shared thread pool) all give the right answer.

const M = 128;
const N = 128;
const K = 160;
// GEMM goes parallel from 2·2^20 multiply-adds (gemm.cc: kMinMacsPerThread per thread); 128·128·160
// is above that, so with 2 threads configured these calls really share the process-wide pool.
const PARALLEL_FROM = 2 * 2 ** 20;

function reference(a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let p = 0; p < K; p++) for (let j = 0; j < N; j++) c[i * N + j] += a[i * K + p]! * b[p * N + j]!;
  return c;
}

// Runs in each worker (CommonJS eval): loads the addon itself, runs the GEMM `reps` times,
// and reports the largest error against the reference it was sent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.path);
const { a, b, expected, reps, M, N, K } = workerData;
let worst = 0;
const c = new Float32Array(M * N);
for (let r = 0; r < reps; r++) {
  c.fill(NaN);
  addon.gemm(false, false, M, N, K, 1, a, b, 0, c);
  for (let i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs(c[i] - expected[i]));
}
let typeError = false;
try { addon.add(1, new Float64Array(1), new Float32Array(1), new Float32Array(1)); } catch (e) { typeError = e instanceof TypeError; }
parentPort.postMessage({ worst, isa: addon.info().isa, typeError });
`;

describe('worker_threads', () => {
  it('loads the addon in 4 workers at once and computes GEMMs concurrently with the main thread', async () => {
    const rng = new Rng(5);
    const a = Float32Array.from({ length: M * K }, () => rng.uniform(-1, 1));
    const b = Float32Array.from({ length: K * N }, () => rng.uniform(-1, 1));
    const expected = reference(a, b);
    // Two threads at least (process-wide, so the workers' addon sees it too), so that these
    // GEMMs use the pool even on a one-CPU machine.
    const addon = loadAddon();
    const threadsBefore = addon.info().threads;
    addon.configure(Math.max(2, threadsBefore), null);
    expect(M * N * K).toBeGreaterThanOrEqual(PARALLEL_FROM);
    const workers = Array.from(
      { length: 4 },
      () => new Worker(WORKER_SOURCE, { eval: true, workerData: { path: addonPath(), a, b, expected, reps: 40, M, N, K } }),
    );
    const results = workers.map(
      (worker) =>
        new Promise<{ worst: number; isa: string; typeError: boolean }>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    );
    // Meanwhile the main thread uses the addon too.
    const c = new Float32Array(M * N);
    let mainWorst = 0;
    for (let r = 0; r < 40; r++) {
      addon.gemm(false, false, M, N, K, 1, a, b, 0, c);
      for (let i = 0; i < c.length; i++) mainWorst = Math.max(mainWorst, Math.abs(c[i]! - expected[i]!));
    }
    const reports = await Promise.all(results);
    await Promise.all(workers.map((w) => w.terminate()));
    addon.configure(threadsBefore, null);
    // Sums of 160 products of values in [−1, 1]: float32 error well below 1e-3.
    expect(mainWorst).toBeLessThan(1e-3);
    for (const report of reports) {
      expect(report.worst).toBeLessThan(1e-3);
      expect(report.isa).toBe(addon.info().isa);
      expect(report.typeError).toBe(true);
    }
  });

  it('survives workers that load it, start the thread pool and exit, one after another (child process)', () => {
    // Only the workers load the addon here; the process must exit cleanly afterwards.
    const script = `
      const { Worker } = require('node:worker_threads');
      const source = ${JSON.stringify(`
        const addon = require(require('node:worker_threads').workerData);
        addon.configure(2, null); // 128³ = 2·2^20 multiply-adds on 2 threads: the pool starts even on one CPU
        const n = 128, a = new Float32Array(n * n).fill(1), c = new Float32Array(n * n);
        addon.gemm(false, false, n, n, n, 1, a, a, 0, c);
        if (c[0] !== n || c[n * n - 1] !== n) throw new Error('wrong result ' + c[0]);
      `)};
      (async () => {
        for (let i = 0; i < 3; i++) {
          await new Promise((resolve, reject) => {
            const w = new Worker(source, { eval: true, workerData: ${JSON.stringify(addonPath())} });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('worker exit ' + code))));
          });
        }
        console.log('ok');
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('ok');
  });

  it('keeps working after workers that used it have exited', () => {
    const addon = loadAddon();
    const c = new Float32Array(4);
    addon.gemm(false, false, 2, 2, 3, 1, Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 0, 0, 1, 1, 1), 0, c);
    expect(Array.from(c)).toEqual([4, 5, 10, 11]);
  });
});
