/**
 * PyTorch itself reads what exportSafetensors writes: the fixture networks, imported and exported
 * again, load into the same nn.Sequential networks with `load_state_dict(strict=True)` (every name
 * and shape as PyTorch expects) and give PyTorch's outputs within 1e-5 (check_exports.py).
 * Runs when a Python with torch is found: BACKPROP_TORCH_PYTHON, else the benchmark's
 * packages/bench/.venv-torch, else python3; otherwise it is skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import '../../recurrent/register.js';
import { findTorchPython } from '../__tests__/torch-python.js';
import type { ModelSpec } from '../../model/types.js';
import { exportSafetensors, importSafetensors } from './safetensors.js';

const here = dirname(fileURLToPath(import.meta.url));
const folder = join(here, '__tests__', 'pytorch');
const NETWORKS = ['mlp', 'lenet', 'norm', 'embedding', 'lstm', 'gru', 'rnn'];

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
