/** End-to-end: the optimizers beyond SGD and Adam train from the command line, the same on both backends. */
import { describe, expect, it } from 'vitest';
import { lastJson, runCli } from '../test-support/run-cli.js';

const RUN = ['train', '--data', 'iris', '--epochs', '30', '--batch-size', '16', '--json', '--quiet'];

describe('backprop train --optimizer rmsprop|adagrad|adamax|nadam', () => {
  it.each([
    [['--optimizer', 'rmsprop']],
    [['--optimizer', 'rmsprop', '--momentum', '0.9', '--centered', 'true']],
    [['--optimizer', 'adagrad']],
    [['--optimizer', 'adamax']],
    [['--optimizer', 'nadam']],
  ])('%j learns Iris, and ts and native agree', async (flags) => {
    const ts = await runCli([...RUN, ...flags, '--backend', 'ts']);
    const native = await runCli([...RUN, ...flags, '--backend', 'native']);
    expect(ts.stderr).toBe('');
    expect(native.stderr).toBe('');
    const a = lastJson(ts.stdout);
    const b = lastJson(native.stdout);
    // Better than chance (1/3) after 30 epochs at each optimizer's PyTorch default rate.
    expect(a['testAccuracy']).toBeGreaterThanOrEqual(0.6);
    // float32 on both: the same run to within rounding of the kernels' summation order.
    expect(Math.abs((a['trainLoss'] as number) - (b['trainLoss'] as number))).toBeLessThan(1e-3);
    expect(b['testAccuracy']).toBe(a['testAccuracy']);
  });

  it('refuses momentum for an optimizer that has none, naming the flag', async () => {
    const result = await runCli(['train', '--data', 'iris', '--optimizer', 'adagrad', '--momentum', '0.9']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--momentum applies to .*rmsprop.*, not adagrad/);
  });
});
