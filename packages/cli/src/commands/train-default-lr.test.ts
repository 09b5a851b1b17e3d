/** End-to-end: the learning rate train picks when --lr is not given. */
import { deserializeModel } from '@backprop/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

/** The learning rate recorded in a saved model's training config. */
function savedLr(file: string): unknown {
  const { metadata } = deserializeModel(new Uint8Array(readFileSync(file)));
  return ((metadata.training as { config?: Record<string, unknown> } | undefined)?.config?.['optimizer'] as { lr?: number } | undefined)?.lr;
}

describe('train without --lr', () => {
  it('with loss mse, SGD takes 0.1 ÷ rows per batch, so a regression set trains instead of diverging', async () => {
    // pattern-completion: 112 rows, 8 outputs, MSE by default. At 0.1 it diverged in epoch 2.
    const dir = tempDir();
    const result = await runCli(['train', '--data', 'pattern-completion', '--epochs', '60', '--backend', 'ts', '--save', 'pc.bpm', '--quiet', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = lastJson(result.stdout);
    expect(summary['stopReason']).toBe('completed');
    expect(summary['model']).toBe('mlp');
    expect(summary['save']).toBe('pc.bpm');
    expect(summary['trainLoss']).toBeLessThan(0.05);
    expect(savedLr(join(dir, 'pc.bpm'))).toBe(0.1 / 32);

    // Full batch: the rows per batch are the training rows (112 less the 20% test split).
    await runCli(['train', '--data', 'pattern-completion', '--epochs', '1', '--batch-size', '0', '--backend', 'ts', '--save', 'full.bpm', '--quiet'], { cwd: dir });
    const { metadata } = deserializeModel(new Uint8Array(readFileSync(join(dir, 'full.bpm'))));
    const config = (metadata.training as { config: Record<string, unknown> }).config;
    expect(savedLr(join(dir, 'full.bpm'))).toBeCloseTo(0.1 / (112 - Math.round(112 * (config['testSplit'] as number))), 12);
  }, 60_000);

  it('keeps 0.1 for cross-entropy and 0.001 for Adam whatever the batch', async () => {
    const dir = tempDir();
    await runCli(['train', '--data', 'iris', '--epochs', '1', '--backend', 'ts', '--save', 'ce.bpm', '--quiet'], { cwd: dir });
    expect(savedLr(join(dir, 'ce.bpm'))).toBe(0.1);
    await runCli(['train', '--data', 'iris', '--epochs', '1', '--optimizer', 'adam', '--loss', 'mse', '--backend', 'ts', '--save', 'adam.bpm', '--quiet'], { cwd: dir });
    expect(savedLr(join(dir, 'adam.bpm'))).toBe(0.001);
  });
});
