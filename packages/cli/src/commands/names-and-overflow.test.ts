/**
 * Names from a model file reach the terminal escaped (inspect, predict, eval), and values beyond
 * float32 are refused where they arise: reading the input into float32, or the saved preprocessing.
 */
import { Model, serializeModel } from '@backprop/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

const HOSTILE_CLASSES = ['\u001b[31mred', 'ok\rfake'];
const HOSTILE_FEATURES = ['a\u001b[2J', 'b\r'];
/** Raw control characters a terminal would act on. */
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let dir = '';

function twoByTwo(): Model {
  const model = Model.create({ inputSize: 2, layers: [{ type: 'dense', units: 2, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
  model.setWeights([Float32Array.of(1, 0, 0, 1), Float32Array.of(0, 0)]);
  return model;
}

beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'hostile.bpm'), serializeModel(twoByTwo(), { classNames: HOSTILE_CLASSES, featureNames: HOSTILE_FEATURES }));
  writeFileSync(
    join(dir, 'huge-mean.bpm'),
    serializeModel(twoByTwo(), { classNames: ['no', 'yes'], featureNames: ['width', 'height'], preprocess: { type: 'standardize', mean: [0, 1e308], std: [1, 1] } }),
  );
});

describe('names from a model file', () => {
  it('inspect shows class and feature names with their control characters escaped', async () => {
    const result = await runCli(['inspect', '--model', 'hostile.bpm'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROLS);
    expect(result.stdout).toContain('classes: "\\u001b[31mred", "ok\\rfake"\n');
    expect(result.stdout).toContain('features: "a\\u001b[2J", "b\\r"\n');
  });

  it('predict shows them escaped, in text and in --json', async () => {
    const text = await runCli(['predict', '--model', 'hostile.bpm', '--input', '2,0'], { cwd: dir });
    expect(text.stderr).toBe('');
    expect(text.stdout).toBe('row 1: "\\u001b[31mred"  ("\\u001b[31mred" 0.881, "ok\\rfake" 0.119)\n');
    const json = await runCli(['predict', '--model', 'hostile.bpm', '--input', '2,0', '--json'], { cwd: dir });
    expect(json.stdout).not.toMatch(RAW_CONTROLS);
    expect((lastJson(json.stdout) as { predictions: { class: string }[] }).predictions[0]!.class).toBe('\u001b[31mred');
  });

  it('predict names the model\'s features escaped when a CSV lacks them', async () => {
    writeFileSync(join(dir, 'three.csv'), 'x,y,z\n1,2,3\n');
    const result = await runCli(['predict', '--model', 'hostile.bpm', '--input', 'three.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(RAW_CONTROLS);
    expect(result.stderr).toContain('("a\\u001b[2J", "b\\r"; a header with these names selects them)');
  });

  it('eval shows them escaped in the confusion table and in the error for an unknown class', async () => {
    writeFileSync(join(dir, 'hostile.csv'), `f1,f2,label\n2,0,"\u001b[31mred"\n0,2,"ok\rfake"\n`);
    const result = await runCli(['eval', '--model', 'hostile.bpm', '--data', 'hostile.csv', '--target', 'label'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROLS);
    expect(result.stdout).toMatch(/"\\u001b\[31mred"\s+1\s+0\n"ok\\rfake"\s+0\s+1\n/);
    writeFileSync(join(dir, 'other.csv'), 'f1,f2,label\n2,0,rose\n0,2,lily\n');
    const unknown = await runCli(['eval', '--model', 'hostile.bpm', '--data', 'other.csv', '--target', 'label'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).not.toMatch(RAW_CONTROLS);
    expect(unknown.stderr).toContain('(the model knows "\\u001b[31mred", "ok\\rfake")');
  });
});

describe('values beyond float32', () => {
  it('a CSV value is refused while reading, naming the file, its line and column', async () => {
    writeFileSync(join(dir, 'big.csv'), 'width,height\n1,2\n\n3,1e308\n');
    const result = await runCli(['predict', '--model', 'huge-mean.bpm', '--input', 'big.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "backprop: error: big.csv: line 4, column 'height' (2): '1e308' is too large for float32 (reading it into float32 would give Infinity; values must be within ±3.4e38).\n",
    );
    const inline = await runCli(['predict', '--model', 'huge-mean.bpm', '--input', '1,-1e39'], { cwd: dir });
    expect(inline.code).toBe(2);
    expect(inline.stderr).toContain("--input row 1, value 2: '-1e39' is too large for float32");
  });

  it('a stored standardize mean of 1e308 names the line, the feature and the transform', async () => {
    writeFileSync(join(dir, 'small.csv'), 'width,height\n\n1,2\n');
    const csv = await runCli(['predict', '--model', 'huge-mean.bpm', '--input', 'small.csv'], { cwd: dir });
    expect(csv.code).toBe(1);
    expect(csv.stderr).toBe(
      "backprop: error: 'small.csv' line 3, feature height (column 2): the model's standardize preprocessing overflows float32: " +
        "(x − mean) / std = (2 − 1e+308) / 1 = -1e+308. The preprocessing record in model 'huge-mean.bpm' does not fit this value; retrain the model or check the file.\n",
    );
    expect(csv.stderr).not.toMatch(/clean or impute/);
    const inline = await runCli(['predict', '--model', 'huge-mean.bpm', '--input', '1,2'], { cwd: dir });
    expect(inline.stderr).toMatch(/^backprop: error: --input row 1, feature height \(column 2\): the model's standardize preprocessing overflows float32/);
  });
});
