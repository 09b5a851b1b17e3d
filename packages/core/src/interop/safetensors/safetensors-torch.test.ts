/**
 * PyTorch itself reads what exportSafetensors writes: the fixture networks, imported and exported
 * again, load into the same nn.Sequential networks with `load_state_dict(strict=True)` (every name
 * and shape as PyTorch expects) and give PyTorch's outputs within 1e-5 (check_exports.py).
 * Runs when a Python with torch is found: BACKPROP_TORCH_PYTHON, else the benchmark's
 * packages/bench/.venv-torch, else python3; otherwise it is skipped, saying why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import '../../recurrent/register.js';
import type { ModelSpec } from '../../model/types.js';
import { exportSafetensors, importSafetensors } from './safetensors.js';

const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, '__tests__', 'pytorch');
const NETWORKS = ['mlp', 'lenet', 'norm', 'embedding', 'lstm', 'gru', 'rnn'];

/** A Python that imports torch, or why there is none. */
function findTorchPython(): { python?: string; reason: string } {
  const candidates = [process.env['BACKPROP_TORCH_PYTHON'], resolve(here, '../../../../bench/.venv-torch/bin/python'), 'python3'].filter(
    (p): p is string => Boolean(p) && (p === 'python3' || existsSync(p as string)),
  );
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return { python, reason: '' };
  }
  return { reason: `no Python with torch found (tried ${candidates.join(', ')}; set BACKPROP_TORCH_PYTHON)` };
}

const { python, reason } = findTorchPython();
if (!python) console.warn(`safetensors-torch.test.ts skipped: ${reason}`);

describe.skipIf(!python)('PyTorch loads exported safetensors files (strict) and computes the same outputs', () => {
  const out = mkdtempSync(join(tmpdir(), 'backprop-st-torch-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('every fixture network, imported and exported again, within 1e-5 of PyTorch', () => {
    for (const name of NETWORKS) {
      const fixture = JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')) as { spec: ModelSpec };
      const { model } = importSafetensors(new Uint8Array(readFileSync(join(folder, `${name}.safetensors`))), fixture.spec);
      writeFileSync(join(out, `${name}.safetensors`), exportSafetensors(model));
    }
    const printed = execFileSync(python as string, ['-B', 'check_exports.py', out], { cwd: folder, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const worst = JSON.parse(printed.trim().split('\n').pop() as string) as Record<string, number>;
    expect(Object.keys(worst).sort()).toEqual([...NETWORKS].sort());
    for (const name of NETWORKS) expect(worst[name], name).toBeLessThan(1e-5);
  }, 180_000);
});
