/** Warnings that training gives while it goes on: shown once on stderr, --quiet or not. */
import { describe, expect, it } from 'vitest';
import { lastJson, runCli } from '../test-support/run-cli.js';

describe('train: an exploding loss', () => {
  it('Adam at --lr 1e6 warns once, in flags, even under --quiet, and still completes', async () => {
    const result = await runCli(['train', '--data', 'iris', '--optimizer', 'adam', '--lr', '1e6', '--epochs', '50', '--backend', 'ts', '--quiet', '--json']);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^warning: the loss is exploding: \S+ at epoch 1, over 100 times its value before training \(\S+\)\. Try a lower learning rate \(--lr; it was 1000000\), standardising the inputs \(--normalize standardize\), or gradient clipping \(--clip-norm 1\)\.$/,
    );
    expect(lastJson(result.stdout)['epochs']).toBe(50);
  });

  it('a normal run gives no warning', async () => {
    const result = await runCli(['train', '--data', 'iris', '--optimizer', 'adam', '--epochs', '50', '--backend', 'ts', '--quiet', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('divergence with --weight-decay 1e6 names --weight-decay in its advice', async () => {
    const result = await runCli(['train', '--data', 'iris', '--optimizer', 'sgd', '--weight-decay', '1e6', '--backend', 'ts', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^backprop: error: training diverged: .* Try a lower learning rate \(--lr; it was 0\.1\), a much smaller weight decay \(--weight-decay; it was 1000000\), /,
    );
  });
});
