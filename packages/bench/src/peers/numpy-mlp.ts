/**
 * The from-scratch numpy + OpenBLAS reference for W2 (../shared/bench/numpy_mlp.py, outside this
 * repository, next to it): the same network, batch and optimizer, fed the same 10,000 digits
 * through its --x/--y files (digit-files.ts). It prints the median samples/s of its timed epochs
 * after a warm-up.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonChild } from '../child-process.js';

/** <repo>/../shared/bench/<script>, or null when it is not there (a clone without the shared folder). */
export function sharedBenchScript(script: string): string | null {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  const path = join(repo, '..', 'shared', 'bench', script);
  return existsSync(path) ? path : null;
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
