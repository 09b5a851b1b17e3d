/** Long name lists (an MNIST model's 784 pixel names) are shortened where a person reads them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test-support/run-cli.js';
import { shortList } from './short-list.js';

describe('shortList', () => {
  it('keeps a short list whole', () => {
    expect(shortList(['a', 'b', 'c'])).toBe('a, b, c');
    expect(shortList(Array.from({ length: 8 }, (_, i) => `f${i}`))).toBe('f0, f1, f2, f3, f4, f5, f6, f7');
  });

  it('shows the first names, the last and the count of a long one', () => {
    const names = Array.from({ length: 784 }, (_, i) => `px_${Math.floor(i / 28)}_${i % 28}`);
    expect(shortList(names)).toBe('px_0_0, px_0_1, px_0_2, px_0_3, px_0_4, px_0_5, …, px_27_27 (784 in all)');
  });
});

describe('inspect and predict on a model with 784 inputs', () => {
  it('print a short feature list, not 784 names', async () => {
    const dir = tempDir();
    const trained = await runCli(['train', '--data', 'mnist', '--layers', '4', '--epochs', '1', '--backend', 'ts', '--save', 'm.bpm', '--quiet'], { cwd: dir });
    expect(trained.code).toBe(0);
    const inspect = await runCli(['inspect', '--model', 'm.bpm'], { cwd: dir });
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain('features: px_0_0, px_0_1, px_0_2, px_0_3, px_0_4, px_0_5, …, px_27_27 (784 in all)\n');
    writeFileSync(join(dir, 'three.csv'), '0.1,0.2,0.3\n');
    const predict = await runCli(['predict', '--model', 'm.bpm', '--input', 'three.csv'], { cwd: dir });
    expect(predict.code).toBe(1);
    expect(predict.stderr).toContain("'three.csv' has 3 columns, but the model takes 784 inputs (px_0_0, px_0_1, px_0_2, px_0_3, px_0_4, px_0_5, …, px_27_27 (784 in all); a header with these names selects them).");
  });
});
