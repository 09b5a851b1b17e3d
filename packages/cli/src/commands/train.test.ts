/** End-to-end: spawn the built CLI as users run it. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserializeModel } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

const IRIS = ['train', '--data', 'iris', '--layers', '8', '--activation', 'sigmoid', '--loss', 'cross-entropy', '--optimizer', 'sgd', '--lr', '0.1', '--epochs', '1000', '--batch-size', '0', '--test-split', '0.3', '--seed', '42', '--backend', 'ts'];

describe('backprop train on Iris', () => {
  it('reaches test accuracy ≥ 0.93, prints progress, confusion matrix and a JSON summary last; same numbers twice', async () => {
    const first = await runCli([...IRIS, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^epoch 100\/1000 \| loss \d\.\d{4} \| train acc \d\.\d{3}/m);
    expect(first.stdout).toMatch(/with backend ts/);
    expect(first.stdout).toMatch(/actual \\ predicted\s+setosa\s+versicolor\s+virginica/);
    const summary = lastJson(first.stdout);
    expect(summary['testAccuracy']).toBeGreaterThanOrEqual(0.93);
    expect(summary['trainAccuracy']).toBeGreaterThanOrEqual(0.93);
    expect(summary['epochs']).toBe(1000);
    expect(summary['backend']).toBe('ts');
    expect(summary['model']).toBe('mlp');
    expect(summary).not.toHaveProperty('save');
    expect(summary).toHaveProperty('isa');
    expect(summary['threads']).toBeGreaterThanOrEqual(1);
    for (const key of ['trainLoss', 'testLoss', 'seconds', 'samplesPerSecond']) expect(typeof summary[key]).toBe('number');
    // 1000 full-batch epochs over 105 training rows in `seconds` of training time.
    expect(summary['samplesPerSecond'] as number).toBeCloseTo((1000 * 105) / (summary['seconds'] as number), 3);

    const second = lastJson((await runCli([...IRIS, '--json'])).stdout);
    for (const key of ['testAccuracy', 'trainAccuracy', 'trainLoss', 'testLoss']) expect(second[key]).toBe(summary[key]);
  });

  it('trains the classic tutorial setting: sigmoid output with MSE', async () => {
    const args = IRIS.map((a) => (a === 'cross-entropy' ? 'mse' : a));
    const result = await runCli([...args, '--output-activation', 'sigmoid', '--quiet', '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(lastJson(result.stdout)['testAccuracy']).toBeGreaterThanOrEqual(0.9);
  });

  it('takes options from --config, lets flags win, and refuses unknown keys', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ data: 'iris', layers: [4], epochs: 7, 'batch-size': 16, lr: 0.05, seed: 3 }));
    const result = await runCli(['train', '--config', 'run.json', '--epochs', '5', '--backend', 'ts', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lastJson(result.stdout)['epochs']).toBe(5);
    expect(result.stdout).toMatch(/a 4-4-3 network/);

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ learningRate: 0.1 }));
    const bad = await runCli(['train', '--config', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad.json: unknown key 'learningRate'/);
  });

  it('writes a PNG and an SVG plot of the curves', async () => {
    const dir = tempDir();
    const common = ['train', '--data', 'iris', '--epochs', '30', '--validation-split', '0.2', '--backend', 'ts', '--quiet'];
    expect((await runCli([...common, '--plot', 'loss.png'], { cwd: dir })).code).toBe(0);
    expect((await runCli([...common, '--plot', 'loss.svg'], { cwd: dir })).code).toBe(0);
    const png = readFileSync(join(dir, 'loss.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(10_000);
    const svg = readFileSync(join(dir, 'loss.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    for (const label of ['epoch', 'loss', 'accuracy', 'train loss', 'validation loss']) expect(svg).toContain(`>${label}<`);
    expect(existsSync(join(dir, 'loss.svg'))).toBe(true);
  });

  it('built-in sets train at their defaults, and the run reports what it does', async () => {
    // xor: one 0/1 output, so binary cross-entropy on a sigmoid (cross-entropy needs 2 outputs); 4 rows, no test split.
    const xor = await runCli(['train', '--data', 'xor', '--layers', '8', '--lr', '0.5', '--epochs', '400', '--backend', 'ts', '--json']);
    expect(xor.stderr).toBe('');
    expect(xor.code).toBe(0);
    expect(xor.stdout).toMatch(/on xor \(4 train rows\)/);
    expect(lastJson(xor.stdout)['trainAccuracy']).toBe(1);

    // Early stopping alone holds out 10% of the training rows, and the header says so.
    const early = await runCli(['train', '--data', 'iris', '--epochs', '20', '--early-stopping', '5', '--backend', 'ts']);
    expect(early.code).toBe(0);
    expect(early.stdout).toMatch(/on iris \(108 train \/ 12 validation \/ 30 test rows\)/);

    // One definition of samples/s: the last progress line's rate is the summary's.
    const run = await runCli(['train', '--data', 'iris', '--epochs', '50', '--backend', 'ts', '--json']);
    const lastLine = [...run.stdout.matchAll(/\| ([\d.]+[kM]?) samples\/s$/gm)].at(-1)?.[1];
    const summaryLine = run.stdout.match(/trained 50 epochs in .* \(([\d.]+[kM]?) samples\/s\)/)?.[1];
    expect(lastLine).toBeDefined();
    expect(lastLine).toBe(summaryLine);
  });

  it('--clip-norm 0 switches clipping off for the recurrent kinds (whose default is 1)', async () => {
    const dir = tempDir();
    const result = await runCli(['train', '--data', 'sine', '--model', 'rnn', '--units', '4', '--epochs', '1', '--clip-norm', '0', '--backend', 'ts', '--save', 'r.bpm', '--quiet'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { metadata } = deserializeModel(new Uint8Array(readFileSync(join(dir, 'r.bpm'))));
    expect((metadata.training as { config: Record<string, unknown> }).config['clipNorm']).toBe(0);
  });

  it('a --config file holds a TrainConfig (as the library takes it) and equals the same flags', async () => {
    const dir = tempDir();
    const config = { data: 'iris', layers: [4], epochs: 7, batchSize: 16, optimizer: { name: 'momentum', lr: 0.05, momentum: 0.5 }, schedule: { type: 'step', stepSize: 3, gamma: 0.5 }, seed: 3, backend: 'ts' };
    writeFileSync(join(dir, 'run.json'), JSON.stringify(config));
    const fromFile = await runCli(['train', '--config', 'run.json', '--json', '--quiet'], { cwd: dir });
    expect(fromFile.stderr).toBe('');
    const flags = ['train', '--data', 'iris', '--layers', '4', '--epochs', '7', '--batch-size', '16', '--optimizer', 'momentum', '--lr', '0.05', '--momentum', '0.5', '--schedule', 'step:3:0.5', '--seed', '3', '--backend', 'ts', '--json', '--quiet'];
    const fromFlags = await runCli(flags, { cwd: dir });
    for (const key of ['trainLoss', 'testLoss', 'testAccuracy']) expect(lastJson(fromFile.stdout)[key]).toBe(lastJson(fromFlags.stdout)[key]);
    // A config key error is shown as its flag.
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ optimizer: { name: 'adam', momentum: 0.9 } }));
    const bad = await runCli(['train', '--config', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--momentum applies to sgd, momentum, nesterov and rmsprop, not adam/);
  });
});
