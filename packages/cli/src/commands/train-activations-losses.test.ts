/**
 * End-to-end: `train --activation gelu` and `train --loss huber` on Iris, on the TS and the native
 * backend: the same seeded run on both lands on the same losses (float32 rounding apart).
 */
import { describe, expect, it } from 'vitest';
import { lastJson, runCli } from '../test-support/run-cli.js';

const IRIS = ['train', '--data', 'iris', '--layers', '8', '--batch-size', '16', '--seed', '42', '--quiet', '--json'];

const RUNS: [string, string[]][] = [
  ['--activation gelu', ['--activation', 'gelu', '--epochs', '60']],
  ['--loss huber', ['--loss', 'huber', '--output-activation', 'linear', '--epochs', '200']],
  ['--loss huber --huber-delta 0.5', ['--loss', 'huber', '--huber-delta', '0.5', '--output-activation', 'linear', '--epochs', '100']],
];

describe('backprop train with the new activations and losses, ts vs native', () => {
  for (const [label, flags] of RUNS) {
    it(label, async () => {
      const results = [];
      for (const backend of ['ts', 'native']) {
        const run = await runCli([...IRIS, ...flags, '--backend', backend]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const summary = lastJson(run.stdout);
        expect(summary['backend']).toBe(backend);
        results.push(summary);
      }
      const [ts, native] = results as [Record<string, number>, Record<string, number>];
      // Learned: Iris is separable enough that either run classifies the held-out rows.
      expect(ts['testAccuracy']).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(ts['trainLoss'] - native['trainLoss'])).toBeLessThan(1e-4 * Math.max(1, ts['trainLoss']));
      expect(Math.abs(ts['testLoss'] - native['testLoss'])).toBeLessThan(1e-4 * Math.max(1, ts['testLoss']));
      expect(native['trainAccuracy']).toBe(ts['trainAccuracy']);
    });
  }

  it('refuses an option of another loss, naming both flags', async () => {
    const run = await runCli(['train', '--data', 'iris', '--huber-delta', '0.5', '--backend', 'ts']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--huber-delta applies to --loss huber, not cross-entropy/);
  });
});
