/** Arguments users get wrong, beyond single bad values: each names the problem and the right --help. */
import { describe, expect, it } from 'vitest';
import { benchScriptArgs } from './commands/bench.js';
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

describe('options that do not fit together', () => {
  it('gradcheck with one output and the default cross-entropy loss is a usage error naming the fix', async () => {
    const result = await runInProcess(['gradcheck', '--outputs', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--loss cross-entropy needs 2 or more outputs \(one per class\), and --output-size is 1: use --loss binary-cross-entropy or mse/);
    expect(result.stderr).toContain("(run 'backprop gradcheck --help'");
    // The same network with a loss that takes one output passes.
    const bce = await runInProcess(['gradcheck', '--outputs', '1', '--loss', 'binary-cross-entropy', '--json', '--quiet']);
    expect(bce.code).toBe(0);
    expect(JSON.parse(bce.stdout)).toMatchObject({ passed: true });
  });

  it.each([[['datasets', '--out', 'digit.png']], [['datasets', '--index', '7']]])(
    'backprop %j without --sample is refused, not ignored',
    async (args) => {
      const result = await runInProcess(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--index and --out go with --sample <set>, e\.g\. --sample mnist --index 7 --out digit\.png/);
      expect(result.stdout).toBe('');
    },
  );
});

describe('bench flags a workload does not use are refused, not ignored', () => {
  it.each([
    [['bench', '--workload', 'w2', '--json'], /--json: w2 runs packages\/bench's script, which prints its own tables/],
    [['bench', '--workload', 'w4', '--quiet'], /--quiet: w4 runs packages\/bench's script/],
    [['bench', '--workload', 'w2', '--quick'], /--quick applies to w1 only/],
    [['bench', '--workload', 'w3', '--quick'], /--quick applies to w1 only/],
  ])('backprop %j', async (args, message) => {
    const result = await runInProcess(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("(run 'backprop bench --help'");
    expect(result.stdout).toBe('');
  });

  it('w2 and w4 pass --repeats on to the script as its --rounds', () => {
    expect(benchScriptArgs({ repeats: 1 })).toEqual(['--rounds', '1']);
    expect(benchScriptArgs({ repeats: 5 })).toEqual(['--rounds', '5']);
  });
});

describe('values outside what core takes', () => {
  it('a --seed beyond 32 bits is a usage error, not a core exception after loading the data', async () => {
    const result = await runInProcess(['train', '--data', 'iris', '--seed', '4294967296', '--epochs', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/'--seed <n>' argument '4294967296' is invalid\. must be ≤ 4294967295/);
    expect((await runInProcess(['train', '--data', 'iris', '--seed', '4294967295', '--epochs', '1', '--quiet', '--backend', 'ts'])).code).toBe(0);
  });
});
