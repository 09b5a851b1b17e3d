/** End-to-end: `train --l1` (flag and config key) reaches core's L1 regularisation. */
import { deserializeModel } from '@backprop/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

const IRIS = ['train', '--data', 'iris', '--layers', '8', '--epochs', '300', '--batch-size', '0', '--lr', '0.1', '--seed', '42', '--backend', 'ts', '--quiet', '--json'];

/** The saved model's kernel weights (4×8 and 8×3; biases left out) and its recorded options. */
function kernels(file: string): { weights: number[]; config: Record<string, unknown> | undefined } {
  const { model, metadata } = deserializeModel(new Uint8Array(readFileSync(file)));
  const w = model.getWeights();
  const training = metadata.training as { config?: Record<string, unknown> } | undefined;
  return { weights: [...w[0]!, ...w[2]!], config: training?.config };
}

const nearZero = (weights: number[]): number => weights.filter((v) => Math.abs(v) < 0.01).length;

describe('backprop train --l1', () => {
  it('drives kernel weights to zero (flag and config key alike) and records the rate in the saved model', async () => {
    const dir = tempDir();
    const plain = await runCli([...IRIS, '--save', 'plain.bpm'], { cwd: dir });
    const flag = await runCli([...IRIS, '--l1', '0.05', '--save', 'flag.bpm'], { cwd: dir });
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ l1: 0.05 }));
    const config = await runCli([...IRIS, '--config', 'run.json', '--save', 'config.bpm'], { cwd: dir });
    for (const run of [plain, flag, config]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const p = kernels(join(dir, 'plain.bpm'));
    const f = kernels(join(dir, 'flag.bpm'));
    const c = kernels(join(dir, 'config.bpm'));
    expect((p.config?.['optimizer'] as { l1?: number }).l1).toBe(0);
    expect((f.config?.['optimizer'] as { l1?: number }).l1).toBe(0.05);
    expect((c.config?.['optimizer'] as { l1?: number }).l1).toBe(0.05);
    // Seeded: 1 of the 56 kernel weights is below 0.01 without L1, 39 with λ = 0.05.
    expect(nearZero(p.weights)).toBeLessThanOrEqual(2);
    expect(nearZero(f.weights)).toBeGreaterThanOrEqual(30);
    expect(c.weights).toEqual(f.weights);
    // Still a working classifier.
    expect(lastJson(flag.stdout)['testAccuracy']).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses a negative rate', async () => {
    const negative = await runCli(['train', '--data', 'iris', '--l1', '-1', '--backend', 'ts']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/--l1.*must be ≥ 0, got -1/);
  });
});
