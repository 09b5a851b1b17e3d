/** eval and predict on saved models, and their error cases. */
import { IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES, loadIris, Model, serializeModel } from '@backprop/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';
import { activationRows } from './inspect.js';

let dir = '';
let trained: Record<string, unknown> = {};

beforeAll(async () => {
  dir = tempDir();
  const result = await runCli(['train', '--data', 'iris', '--epochs', '150', '--batch-size', '16', '--seed', '7', '--backend', 'ts', '--save', 'iris.bpm', '--quiet', '--json'], { cwd: dir });
  expect(result.code).toBe(0);
  trained = lastJson(result.stdout);
});

describe('backprop eval', () => {
  it('scores the same held-out rows as training did, with per-class figures', async () => {
    const result = await runCli(['eval', '--model', 'iris.bpm', '--data', 'iris', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const summary = lastJson(result.stdout);
    expect(summary['split']).toBe('test');
    expect(summary['rows']).toBe(30);
    expect(summary['accuracy']).toBe(trained['testAccuracy']);
    expect(summary['loss']).toBeCloseTo(trained['testLoss'] as number, 6);
    expect(summary['classNames']).toEqual(['setosa', 'versicolor', 'virginica']);
    const confusion = summary['confusion'] as number[][];
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(30);
    expect(result.stdout).toMatch(/class\s+precision\s+recall\s+f1\s+support/);
  });

  it('evaluates all 150 rows with --split all', async () => {
    const summary = lastJson((await runCli(['eval', '--model', 'iris.bpm', '--split', 'all', '--json'], { cwd: dir })).stdout);
    expect(summary['rows']).toBe(150);
    expect(summary['accuracy']).toBeGreaterThan(0.9);
  });

  it("matches an evaluation CSV's classes to the model's by name, and refuses a class the model never saw", async () => {
    // Only versicolor and virginica rows: the CSV alone numbers them 0 and 1, the model 1 and 2.
    const iris = loadIris();
    const header = [...IRIS_FEATURE_NAMES, 'species'].join(',');
    const lines: string[] = [];
    for (let r = 50; r < 150; r++) lines.push([...iris.x.subarray(r * 4, r * 4 + 4), IRIS_CLASS_NAMES[r < 100 ? 1 : 2]].join(','));
    writeFileSync(join(dir, 'two-species.csv'), `${header}\n${lines.join('\n')}\n`);
    const result = await runCli(['eval', '--model', 'iris.bpm', '--data', 'two-species.csv', '--target', 'species', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = lastJson(result.stdout);
    expect(summary['rows']).toBe(100);
    expect(summary['classNames']).toEqual(['setosa', 'versicolor', 'virginica']);
    const confusion = summary['confusion'] as number[][];
    expect(confusion[0]).toEqual([0, 0, 0]);
    expect(confusion[1]!.reduce((a, b) => a + b, 0)).toBe(50);
    expect(confusion[2]!.reduce((a, b) => a + b, 0)).toBe(50);
    expect(summary['accuracy']).toBeGreaterThan(0.85);
    expect(summary['accuracy']).toBeCloseTo((confusion[1]![1]! + confusion[2]![2]!) / 100, 12);

    writeFileSync(join(dir, 'with-rose.csv'), `${header}\n${lines.slice(0, 3).join('\n')}\n5.0,3.0,1.5,0.3,rose\n`);
    const rose = await runCli(['eval', '--model', 'iris.bpm', '--data', 'with-rose.csv', '--target', 'species'], { cwd: dir });
    expect(rose.code).toBe(1);
    expect(rose.stderr).toBe(
      "backprop: error: data set 'with-rose.csv' holds a class the model was not trained on: 'rose' (the model knows 'setosa', 'versicolor', 'virginica').\n",
    );
  });
});

describe('backprop predict', () => {
  it('applies the saved standardisation to raw inline values', async () => {
    const result = await runCli(['predict', '--model', 'iris.bpm', '--input', '5.1,3.5,1.4,0.2;6.7,3.0,5.2,2.3', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const predictions = lastJson(result.stdout)['predictions'] as { class: string; probabilities: Record<string, number> }[];
    expect(predictions.map((p) => p.class)).toEqual(['setosa', 'virginica']);
    const sum = Object.values(predictions[0]!.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
  });

  it('reads a CSV file, picking the feature columns by name', async () => {
    const header = ['species', ...IRIS_FEATURE_NAMES].join(',');
    writeFileSync(join(dir, 'flowers.csv'), `${header}\n?,5.0,3.4,1.5,0.2\n?,6.9,3.1,5.4,2.1\n`);
    const result = await runCli(['predict', '--model', 'iris.bpm', '--input', 'flowers.csv', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const predictions = lastJson(result.stdout)['predictions'] as { class: string }[];
    expect(predictions.map((p) => p.class)).toEqual(['setosa', 'virginica']);
  });
});

describe('backprop predict on a binary model (one sigmoid output, two named classes)', () => {
  it('prints the class and its probability, and gives the class in --json, as for softmax models', async () => {
    // p(yes) = sigmoid(x): 1.5 → 0.8176, −2 → 0.1192.
    const model = Model.create({ inputSize: 1, layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, { seed: 1 });
    model.setWeights([Float32Array.of(1), Float32Array.of(0)]);
    writeFileSync(join(dir, 'binary.bpm'), serializeModel(model, { classNames: ['no', 'yes'] }));
    const human = await runCli(['predict', '--model', 'binary.bpm', '--input', '1.5;-2'], { cwd: dir });
    expect(human.stderr).toBe('');
    expect(human.stdout).toBe('row 1: yes  (yes 0.818, no 0.182)\nrow 2: no  (no 0.881, yes 0.119)\n');
    const json = lastJson((await runCli(['predict', '--model', 'binary.bpm', '--input', '1.5;-2', '--top', '1', '--json'], { cwd: dir })).stdout);
    const predictions = json['predictions'] as { class: string; index: number; probabilities: Record<string, number> }[];
    expect(predictions.map((p) => [p.class, p.index])).toEqual([
      ['yes', 1],
      ['no', 0],
    ]);
    expect(predictions[0]!.probabilities['yes']).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 6);
    expect(predictions[0]!.probabilities['no']).toBeCloseTo(1 - 1 / (1 + Math.exp(-1.5)), 6);
  });
});

describe('backprop predict on images', () => {
  it('an MNIST digit saved as a PNG is classified as its pixel row is', async () => {
    const mnistDir = tempDir();
    const trainedMnist = await runCli(['train', '--data', 'mnist', '--layers', '32', '--batch-size', '64', '--lr', '0.05', '--epochs', '2', '--save', 'm.bpm', '--quiet'], { cwd: mnistDir });
    expect(trainedMnist.code).toBe(0);
    const { loadBuiltinDataset } = await import('@backprop/core/node');
    const mnist = await loadBuiltinDataset('mnist');
    for (const row of [7, 5000, 9000]) {
      expect((await runCli(['datasets', '--sample', 'mnist', '--index', String(row), '--out', `d${row}.png`], { cwd: mnistDir })).code).toBe(0);
      const fromImage = lastJson((await runCli(['predict', '--model', 'm.bpm', '--input', `d${row}.png`, '--json'], { cwd: mnistDir })).stdout);
      const pixels = Array.from(mnist.x.subarray(row * 784, (row + 1) * 784), (v) => Number(v.toFixed(4))).join(',');
      const fromRow = lastJson((await runCli(['predict', '--model', 'm.bpm', '--input', pixels, '--json'], { cwd: mnistDir })).stdout);
      const classOf = (j: Record<string, unknown>): string => (j['predictions'] as { class: string }[])[0]!.class;
      expect(fromImage['input']).toBe('image');
      expect(classOf(fromImage)).toBe(classOf(fromRow));
    }
  }, 120_000);

  it('an image goes through the preprocessing saved with the model, as inline pixel rows do', async () => {
    const mnistDir = tempDir();
    const trainedMnist = await runCli(
      ['train', '--data', 'mnist', '--layers', '32', '--batch-size', '64', '--lr', '0.05', '--epochs', '2', '--normalize', 'standardize', '--backend', 'ts', '--save', 's.bpm', '--quiet'],
      { cwd: mnistDir },
    );
    expect(trainedMnist.code).toBe(0);
    const { loadBuiltinDataset } = await import('@backprop/core/node');
    const mnist = await loadBuiltinDataset('mnist');
    // Rows of different classes (the built-in set is grouped by class).
    for (const row of [1500, 5500, 6500]) {
      expect((await runCli(['datasets', '--sample', 'mnist', '--index', String(row), '--out', `d${row}.png`], { cwd: mnistDir })).code).toBe(0);
      const fromImage = lastJson((await runCli(['predict', '--model', 's.bpm', '--input', `d${row}.png`, '--json'], { cwd: mnistDir })).stdout);
      const pixels = Array.from(mnist.x.subarray(row * 784, (row + 1) * 784), (v) => Number(v.toFixed(4))).join(',');
      const fromRow = lastJson((await runCli(['predict', '--model', 's.bpm', '--input', pixels, '--json'], { cwd: mnistDir })).stdout);
      const classOf = (j: Record<string, unknown>): string => (j['predictions'] as { class: string }[])[0]!.class;
      expect(classOf(fromImage)).toBe(classOf(fromRow));
    }
  }, 120_000);
});

describe('errors with saved models', () => {
  it('a missing model file', async () => {
    const result = await runCli(['eval', '--model', 'nope.bpm', '--data', 'iris'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("backprop: error: model file 'nope.bpm' does not exist.\n");
  });

  it('a corrupt model file (flipped byte, truncated, not a model)', async () => {
    const bytes = readFileSync(join(dir, 'iris.bpm'));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 20]! ^= 0xff;
    writeFileSync(join(dir, 'flipped.bpm'), flipped);
    writeFileSync(join(dir, 'short.bpm'), bytes.subarray(0, 60));
    writeFileSync(join(dir, 'text.bpm'), 'hello');
    const cases: [string, RegExp][] = [
      ['flipped.bpm', /cannot load model flipped\.bpm: .*checksum/i],
      ['short.bpm', /cannot load model short\.bpm: .*truncated/i],
      ['text.bpm', /cannot load model text\.bpm: not a backprop model file/],
    ];
    for (const [file, message] of cases) {
      const result = await runCli(['predict', '--model', file, '--input', '1,2,3,4'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('metadata that does not fit the model: a preprocessing record of the wrong width is refused, an odd training record is skipped', async () => {
    const model = Model.create({ inputSize: 4, layers: [{ type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
    writeFileSync(join(dir, 'narrow.bpm'), serializeModel(model, { preprocess: { type: 'standardize', mean: [1], std: [1] } }));
    writeFileSync(join(dir, 'odd-record.bpm'), serializeModel(model, { training: { result: { accuracy: 0.9 }, config: { data: 'iris' } } }));
    const narrow = await runCli(['predict', '--model', 'narrow.bpm', '--input', '1,2,3,4'], { cwd: dir });
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toBe(
      // One feature, four inputs: singular and plural as counted.
      "backprop: error: model 'narrow.bpm' holds a preprocessing record for 1 feature, but the model takes 4 inputs: the file is inconsistent.\n",
    );
    const odd = await runCli(['inspect', '--model', 'odd-record.bpm'], { cwd: dir });
    expect(odd.stderr).toBe('');
    expect(odd.code).toBe(0);
    expect(odd.stdout).toMatch(/trained with:\n  data: "iris"/);
    expect(odd.stdout).not.toMatch(/^result:/m);
  });

  it('a model/data shape mismatch', async () => {
    const result = await runCli(['eval', '--model', 'iris.bpm', '--data', 'mnist'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/model 'iris.bpm' takes 4 inputs and gives 3 outputs, but data set 'mnist' has 784 features and 10 targets/);
  });

  it('inputs of the wrong width, a non-number, an image for a non-image model, no --model', async () => {
    const wrongWidth = await runCli(['predict', '--model', 'iris.bpm', '--input', '1,2,3'], { cwd: dir });
    expect(wrongWidth.code).toBe(2);
    expect(wrongWidth.stderr).toMatch(/--input row 1 has 3 values, but the model takes 4/);
    const nan = await runCli(['predict', '--model', 'iris.bpm', '--input', '1,2,x,4'], { cwd: dir });
    expect(nan.code).toBe(2);
    expect(nan.stderr).toMatch(/value 3: 'x' is not a number/);
    writeFileSync(join(dir, 'pic.png'), 'x');
    const image = await runCli(['predict', '--model', 'iris.bpm', '--input', 'pic.png'], { cwd: dir });
    expect(image.code).toBe(1);
    expect(image.stderr).toMatch(/takes 4 inputs, not an image/);
    const noModel = await runCli(['eval', '--data', 'iris'], { cwd: dir });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/missing --model/);
  });
});

describe('backprop inspect', () => {
  it('prints a small training loss with its significant digits, as train does, not as 0.0000', async () => {
    const model = Model.create({ inputSize: 4, layers: [{ type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
    const result = { data: 'iris', epochs: 1, trainRows: 120, testRows: 30, trainLoss: 3.5e-5, testAccuracy: 1, backend: 'ts', seconds: 0.5, stopReason: 'completed' };
    writeFileSync(join(dir, 'tiny-loss.bpm'), serializeModel(model, { training: { config: { data: 'iris' }, result } }));
    const inspect = await runCli(['inspect', '--model', 'tiny-loss.bpm'], { cwd: dir });
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain('result: 1 epoch on iris (120 train / 30 test rows), test accuracy 1.000, train loss 3.50e-5, ts backend, 0.50 s\n');
  });

  it('--activations draws the first row of each class, then the next of each, up to --samples', async () => {
    // Iris is grouped by class: rows 0–49 setosa, 50–99 versicolor, 100–149 virginica.
    const result = await runCli(['inspect', '--model', 'iris.bpm', '--activations', 'rows.svg', '--samples', '5', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(lastJson(result.stdout)['activationRows']).toEqual([0, 50, 100, 1, 51]);
    expect(result.stdout).toContain('wrote the activations of 5 inputs to rows.svg (rows 0, 50, 100, 1, 51 of iris)\n');
    const svg = readFileSync(join(dir, 'rows.svg'), 'utf8');
    for (const label of ['#0 setosa', '#50 versicolor', '#100 virginica', '#1 setosa', '#51 versicolor']) expect(svg).toContain(`>${label}<`);
  }, 60_000);

  it('activationRows: one row per class in class order, then fills class by class; evenly spread rows without labels', () => {
    const labels = [2, 2, 0, 1, 0, 2, 1, 0]; // classes not in row order, uneven sizes
    expect(activationRows(labels, 8, 3)).toEqual([2, 3, 0]);
    expect(activationRows(labels, 8, 5)).toEqual([2, 3, 0, 4, 6]);
    expect(activationRows(labels, 8, 20)).toEqual([2, 3, 0, 4, 6, 1, 7, 5]);
    expect(activationRows([0, 0, 0, 1], 4, 3)).toEqual([0, 3, 1]); // a class runs out: the others fill
    expect(activationRows(undefined, 100, 4)).toEqual([12, 37, 62, 87]);
  });

  it('lists the saved config as the train flags that set it', async () => {
    const result = await runCli(['inspect', '--model', 'iris.bpm'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/trained with:\n  data: "iris"\n  model: "mlp"\n  layers: \[8\]\n/);
    expect(result.stdout).toMatch(/\n  optimizer: "sgd"\n  lr: 0\.1\n  momentum: 0\n/);
    expect(result.stdout).toMatch(/\n  batch-size: 16\n/);
  });

  it('refuses --data/--samples without --activations, and more than 64 samples', async () => {
    const data = await runCli(['inspect', '--model', 'iris.bpm', '--data', 'iris'], { cwd: dir });
    expect(data.code).toBe(2);
    expect(data.stderr).toMatch(/--data and --samples choose the inputs of --activations/);
    expect(data.stdout).toBe('');
    const many = await runCli(['inspect', '--model', 'iris.bpm', '--activations', 'a.svg', '--samples', '65'], { cwd: dir });
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/'--samples <n>' argument '65' is invalid\. must be ≤ 64/);
  });

  it('checks the --activations data before printing the report: a data set that does not fit fails alone', async () => {
    const result = await runCli(['inspect', '--model', 'iris.bpm', '--activations', 'a.svg', '--data', 'mnist'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/takes 4 inputs .* but data set 'mnist' has 784 features/);
    expect(result.stdout).toBe('');
    const ok = await runCli(['inspect', '--model', 'iris.bpm', '--activations', 'a.svg', '--samples', '5'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Total parameters/);
    expect(ok.stdout).toMatch(/wrote the activations of 5 inputs to a\.svg/);
  }, 60_000);
});
