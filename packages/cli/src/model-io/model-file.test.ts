/**
 * A fixed-point network saved by older versions as JSON (format "backprop-almeida-pineda") is a
 * model like any other: every command that reads models reads it, as a model with one
 * 'fixed-point' layer.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

let dir = '';

/** 2 clamped inputs, 2 hidden units and 1 output: Nf = 3 free units. */
const OLD_XOR = {
  format: 'backprop-almeida-pineda',
  version: 1,
  inputs: 2,
  hidden: 2,
  outputs: 1,
  activation: 'sigmoid',
  tolerance: 1e-6,
  maxIterations: 1000,
  weights: {
    inputKernel: [0.5, -0.25, 0.125, 0.75, -0.5, 0.25],
    recurrentKernel: [0.1, -0.2, 0.05, 0.2, 0.1, -0.1, -0.05, 0.3, 0.1],
    bias: [0.1, -0.1, 0.2],
  },
};

beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'xor.json'), JSON.stringify(OLD_XOR));
});

describe('an older fixed-point network JSON file given as --model', () => {
  it('inspect shows it as a fixed-point layer', async () => {
    const result = await runCli(['inspect', '--model', 'xor.json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/fixed-point/);
  });

  it('predict and eval run it', async () => {
    const predicted = await runCli(['predict', '--model', 'xor.json', '--input', '1,0', '--json'], { cwd: dir });
    expect(predicted.stderr).toBe('');
    expect(predicted.code).toBe(0);
    const evaluated = await runCli(['eval', '--model', 'xor.json', '--data', 'xor', '--json'], { cwd: dir });
    expect(evaluated.code).toBe(0);
    expect(lastJson(evaluated.stdout)['rows']).toBe(4);
  });

  it('train --resume refuses it as a saved model, not a checkpoint', async () => {
    const result = await runCli(['train', '--data', 'xor', '--resume', 'xor.json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/'xor\.json' holds no training state/);
  });

  it('a JSON file of another format is refused, naming what it expected', async () => {
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'keras', layers: [] }));
    const result = await runCli(['predict', '--model', 'other.json', '--input', '1,0'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/backprop-almeida-pineda/);
  });
});
