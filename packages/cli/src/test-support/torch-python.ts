/**
 * The Python with torch that the PyTorch tests run (the interop tests in core look the same way):
 * BACKPROP_TORCH_PYTHON, else packages/bench/.venv-torch, else python3 — or why there is none.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_ROOT } from './run-cli.js';

export const REPO_ROOT = join(CLI_ROOT, '..', '..');

export function torchPython(): { python?: string; reason: string } {
  const tried: string[] = [];
  for (const python of [process.env['BACKPROP_TORCH_PYTHON'], join(REPO_ROOT, 'packages', 'bench', '.venv-torch', 'bin', 'python'), 'python3']) {
    if (!python || (python !== 'python3' && !existsSync(python))) continue;
    tried.push(python);
    if (spawnSync(python, ['-c', 'import torch'], { timeout: 60_000 }).status === 0) return { python, reason: '' };
  }
  return { reason: `no Python with torch found (tried ${tried.join(', ')}; set BACKPROP_TORCH_PYTHON)` };
}
