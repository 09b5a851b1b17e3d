/**
 * PyTorch CPU on W5 (python/torch_lenet.py), run by the Python of a virtual environment that the
 * benchmark sets up itself: packages/bench/.venv-torch, created once with `python3 -m venv` and
 * `pip install torch`. pip installs from the sources it is configured with (`pip config list`),
 * which on an offline machine are local wheel folders and indexes. When the environment cannot be
 * had (no python3, no venv module, no torch wheel), the caller skips the peer and says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SystemResult } from '../backprop-fit.js';
import { runJsonChild } from '../child-process.js';
import { count } from '../rounds.js';
import type { DigitFiles } from './digit-files.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The virtual environment (git ignores it). */
export const TORCH_VENV = join(packageRoot, '.venv-torch');
const script = join(packageRoot, 'python', 'torch_lenet.py');

export type TorchPython = { readonly python: string; readonly version: string } | { readonly skipped: string };

/** The last lines of a failed command's output, for a one-paragraph reason. */
function tail(text: string, lines = 4): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** torch's version as `python` imports it, or null when it cannot. */
function torchVersion(python: string): string | null {
  if (!existsSync(python)) return null;
  const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 120_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The venv's Python with torch importable: as it is when it already imports torch, else after
 * creating the venv and installing torch into it (about 30 s and 900 MB, once). `log` hears each step.
 */
export function setUpTorchPython(log: (line: string) => void): TorchPython {
  const python = join(TORCH_VENV, 'bin', 'python');
  const ready = torchVersion(python);
  if (ready) return { python, version: ready };
  log(`PyTorch peer: setting up ${TORCH_VENV} (python3 -m venv, then pip install torch from pip's configured sources; once)`);
  if (!existsSync(python)) {
    const venv = spawnSync('python3', ['-m', 'venv', TORCH_VENV], { encoding: 'utf8', timeout: 120_000 });
    if (venv.status !== 0) {
      const why = venv.error ? venv.error.message : tail(`${venv.stdout}\n${venv.stderr}`);
      return { skipped: `python3 -m venv ${TORCH_VENV} failed: ${why}` };
    }
  }
  const pip = spawnSync(python, ['-m', 'pip', 'install', '--retries', '0', '--disable-pip-version-check', 'torch'], {
    encoding: 'utf8',
    timeout: 900_000,
  });
  if (pip.status !== 0) {
    const why = pip.error ? pip.error.message : tail(`${pip.stdout}\n${pip.stderr}`);
    return { skipped: `pip install torch into ${TORCH_VENV} failed: ${why}` };
  }
  const version = torchVersion(python);
  return version ? { python, version } : { skipped: `torch was installed into ${TORCH_VENV} but does not import` };
}

/**
 * One warm-up unit and `units` timed units of `batches` batches each over the rows of `files`,
 * on `threads` intra-op threads (torch.set_num_threads).
 */
export async function measureTorchLenet(python: string, files: DigitFiles, threads: number, batches: number, units: number): Promise<SystemResult> {
  const args = [script, '--x', files.x, '--y', files.y, '--threads', String(threads), '--batches', String(batches), '--units', String(units)];
  const { json } = await runJsonChild(python, args);
  const number = (key: string): number => {
    const v = json[key];
    if (typeof v !== 'number') throw new Error(`torch_lenet.py: no number '${key}' in ${JSON.stringify(json)}`);
    return v;
  };
  return {
    system: 'pytorch',
    samplesPerSecond: number('samples_per_s'),
    perUnit: json['per_unit'] as number[],
    cpuSamplesPerSecond: number('cpu_samples_per_s'),
    unitSamples: number('unit_samples'),
    detail: `PyTorch ${String(json['torch'])} CPU, ${count(number('threads'), 'thread')}`,
    parameters: number('parameters'),
    peakRssBytes: number('peak_rss_bytes'),
  };
}
