/** Arguments users get wrong, beyond single bad values: each names the problem and the right --help. */
import { describe, expect, it } from 'vitest';
import { runInProcess } from './test-support/run-in-process.js';

describe('a usage error points at the help of the command that was run', () => {
  it.each([
    [['train', '--plot', 'loss.jpg', '--epochs', '1'], 'train'],
    [['forecast', '--model', 'sine.bpm', '--plot', 'forecast.txt'], 'forecast'],
    [['inspect', '--model', 'iris.bpm', '--activations', 'acts.jpg'], 'inspect'],
  ])('backprop %j', async (args, command) => {
    const result = await runInProcess(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^backprop ${command}: `));
    expect(result.stderr).toContain(`(run 'backprop ${command} --help' for usage and examples)`);
  });
});
