/**
 * A fixed-point network saved by `train --model rbp --save net.json` is JSON, not a .bpm model:
 * the commands that read models say that, rather than "bad magic bytes (is it a file saved by
 * 'backprop train --save'?)", which it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test-support/run-cli.js';

let dir = '';

beforeAll(async () => {
  dir = tempDir();
  const trained = await runCli(['train', '--data', 'xor', '--model', 'rbp', '--epochs', '5', '--backend', 'ts', '--save', 'xor.json', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
});

describe('a fixed-point (rbp) network file given as --model', () => {
  it.each([
    [['eval', '--model', 'xor.json']],
    [['predict', '--model', 'xor.json', '--input', '1,0']],
    [['forecast', '--model', 'xor.json', '--input', '1']],
    [['inspect', '--model', 'xor.json']],
    [['train', '--data', 'xor', '--resume', 'xor.json']],
  ])('backprop %j', async (args) => {
    const result = await runCli(args, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/'xor\.json' holds a fixed-point network saved as JSON by 'backprop train --model rbp', not a \.bpm model/);
    expect(result.stderr).not.toMatch(/magic bytes/);
  });
});
