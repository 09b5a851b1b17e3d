/**
 * The from-scratch numpy + OpenBLAS reference for W2 (../shared/bench/numpy_mlp.py, outside this
 * repository, next to it): the same network, batch and optimizer, fed the same 10,000 digits
 * through its --x/--y files. It prints the median samples/s of its timed epochs after a warm-up.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argmaxRows, type Dataset } from '@backprop/core';
import { runJsonChild } from '../child-process.js';

/** <repo>/../shared/bench/<script>, or null when it is not there (a clone without the shared folder). */
export function sharedBenchScript(script: string): string | null {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  const path = join(repo, '..', 'shared', 'bench', script);
  return existsSync(path) ? path : null;
}

/** Writes the digits as the script's float32 / uint8 files; returns them and a cleanup. */
export function writeNumpyInputs(data: Dataset): { x: string; y: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-w2-'));
  const x = join(dir, 'x.f32');
  const y = join(dir, 'y.u8');
  writeFileSync(x, new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength));
  writeFileSync(y, Uint8Array.from(argmaxRows(data.y, data.outputSize)));
  return { x, y, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the unmodified script with its clock, time.perf_counter, replaced by time.thread_time: its
 * figure becomes samples per CPU-second of the training thread (OpenBLAS runs in that thread at
 * --threads 1).
 */
const THREAD_CLOCK_WRAPPER = 'import runpy, sys, time; time.perf_counter = time.thread_time; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name="__main__")';

/**
 * Samples/s of numpy_mlp.py (`--threads threads --epochs epochs`, on the given files); with
 * `clock: 'cpu'`, samples per CPU-second instead (see THREAD_CLOCK_WRAPPER).
 */
export async function measureNumpyMlp(
  script: string,
  files: { x: string; y: string },
  threads: number,
  epochs: number,
  clock: 'wall' | 'cpu' = 'wall',
): Promise<number> {
  const args = [script, '--threads', String(threads), '--epochs', String(epochs), '--x', files.x, '--y', files.y, '--json'];
  const { json } = await runJsonChild('python3', clock === 'wall' ? args : ['-c', THREAD_CLOCK_WRAPPER, ...args]);
  const sps = json['samples_per_s'];
  if (typeof sps !== 'number') throw new Error(`numpy_mlp.py: no samples_per_s in ${JSON.stringify(json)}`);
  return sps;
}
