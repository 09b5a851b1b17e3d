/**
 * The Python the PyTorch interop tests run: BACKPROP_TORCH_PYTHON, else the benchmark's
 * packages/bench/.venv-torch, else python3 — the first that imports torch — or why there is none.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');

export function findTorchPython(): { python?: string; reason: string } {
  const candidates = [process.env['BACKPROP_TORCH_PYTHON'], resolve(REPO_ROOT, 'packages/bench/.venv-torch/bin/python'), 'python3'].filter(
    (p): p is string => Boolean(p) && (p === 'python3' || existsSync(p as string)),
  );
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return { python, reason: '' };
  }
  return { reason: `no Python with torch found (tried ${candidates.join(', ')}; set BACKPROP_TORCH_PYTHON)` };
}
