/**
 * A folder where a file is expected (`--model .`, `--save out/`): one line naming the option and
 * what to give instead, exit 1, before any training starts; never Node's bare EISDIR message.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './test-support/run-cli.js';

let dir = '';

beforeAll(async () => {
  dir = tempDir();
  mkdirSync(join(dir, 'models.bpm'));
  mkdirSync(join(dir, 'runs'));
  mkdirSync(join(dir, 'plots.png'));
  const trained = await runCli(['train', '--data', 'iris', '--epochs', '1', '--backend', 'ts', '--save', 'iris.bpm', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
});

describe('a folder given where a file is expected', () => {
  it.each([
    [['eval', '--model', 'models.bpm'], /model file 'models.bpm' is a folder, not a file: give the \.bpm file/],
    [['inspect', '--model', 'runs'], /model file 'runs' is a folder, not a file/],
    [['predict', '--model', 'iris.bpm', '--input', 'runs'], /input file 'runs' is a folder, not a file: give values, a CSV file or an image file/],
    [['predict', '--model', 'iris.bpm', '--input', 'plots.png'], /input file 'plots.png' is a folder, not a file/],
    [['train', '--config', 'runs'], /config file 'runs' is a folder, not a file/],
    [['train', '--data', 'runs'], /data file 'runs' is a folder, not a file: .*mnist-idx:runs/],
    [['train', '--epochs', '1', '--save', 'runs'], /--save 'runs' is a folder: give a file name inside it, e\.g\. 'runs\/model\.bpm'/],
    [['train', '--epochs', '1', '--plot', 'plots.png'], /--plot 'plots.png' is a folder/],
    [['inspect', '--model', 'iris.bpm', '--activations', 'plots.png'], /--activations 'plots.png' is a folder/],
    [['datasets', '--sample', 'mnist', '--out', 'plots.png'], /--out 'plots.png' is a folder/],
  ])('backprop %j', async (args, message) => {
    const result = await runCli(args, { cwd: dir });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/EISDIR/);
    expect(result.code).toBe(1);
    // Refused up front: nothing trained, nothing printed.
    expect(result.stdout).toBe('');
  });
});
