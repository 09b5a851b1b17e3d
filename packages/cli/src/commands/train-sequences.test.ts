/** Recurrent models from the command line: RNN on sine, the fixed-point network on XOR and Iris, forecast. */
import { deserializeModel } from '@backprop/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

describe('sequence models', () => {
  it('an RNN forecasts the sine wave with test MSE < 0.01, and forecast feeds it back', async () => {
    const dir = tempDir();
    const trained = await runCli(['train', '--data', 'sine', '--model', 'rnn', '--hidden', '32', '--seq-len', '50', '--save', 'sine.bpm', '--json'], { cwd: dir });
    expect(trained.stderr).toBe('');
    expect(trained.stdout).toMatch(/an RNN \(50 steps × 1 feature → 32 hidden → 1\)/);
    const summary = lastJson(trained.stdout);
    expect(summary['testLoss']).toBeLessThan(0.01);
    expect(summary['testAccuracy']).toBeNull();

    const forecast = await runCli(['forecast', '--model', 'sine.bpm', '--steps', '60', '--plot', 'f.svg', '--json'], { cwd: dir });
    expect(forecast.code).toBe(0);
    const result = lastJson(forecast.stdout);
    expect(result['forecast']).toHaveLength(60);
    expect(result['mse']).toBeLessThan(0.05);
    expect(readFileSync(join(dir, 'f.svg'), 'utf8')).toContain('>prediction<');
  }, 120_000);

  it('the fixed-point network (Almeida–Pineda) trains through the same options, summary and files as any model', async () => {
    const dir = tempDir();
    const xor = await runCli(['train', '--data', 'xor', '--model', 'fixed-point', '--save', 'xor.bpm', '--plot', 'xor.svg', '--json'], { cwd: dir });
    expect(xor.stderr).toBe('');
    expect(xor.code).toBe(0);
    expect(xor.stdout).toMatch(/^epoch 1\/1500 \| loss [\d.e-]+ \| train acc [\d.]+ \| [\d.]+k? samples\/s$/m);
    const summary = lastJson(xor.stdout);
    expect(summary['model']).toBe('fixed-point');
    expect(summary['trainAccuracy']).toBe(1);
    expect(summary['parameters']).toBe(4 * 2 + 4 * 4 + 4);
    expect(readFileSync(join(dir, 'xor.svg'), 'utf8')).toMatch(/^<svg/);
    // Saved as a .bpm model that predict reads like any other.
    const predicted = await runCli(['predict', '--model', 'xor.bpm', '--input', '0,1;1,1', '--json'], { cwd: dir });
    expect(predicted.code).toBe(0);
    // `--model rbp` stays as its older name.
    const rbp = lastJson((await runCli(['train', '--data', 'xor', '--model', 'rbp', '--json', '--quiet'])).stdout);
    expect(rbp['model']).toBe('fixed-point');
    expect(rbp['trainLoss']).toBe(summary['trainLoss']);
  });

  it('the fixed-point network learns Iris at its defaults', async () => {
    const result = await runCli(['train', '--data', 'iris', '--model', 'fixed-point', '--json', '--quiet']);
    expect(result.code).toBe(0);
    expect(lastJson(result.stdout)['testAccuracy']).toBeGreaterThanOrEqual(0.9);
  });

  it('forecast refuses models that cannot be fed back, and short seeds', async () => {
    const dir = tempDir();
    await runCli(['train', '--data', 'iris', '--epochs', '2', '--save', 'iris.bpm', '--quiet'], { cwd: dir });
    const iris = await runCli(['forecast', '--model', 'iris.bpm'], { cwd: dir });
    // The model file does not fit the command: a runtime failure (exit 1), as a shape mismatch in eval or predict.
    expect(iris.code).toBe(1);
    expect(iris.stderr).toMatch(/model 'iris\.bpm' is not a sequence model: it gives 3 values per row, not the next step of 1/);
    expect(iris.stderr).toMatch(/--data sine --model rnn/);
    expect(iris.stdout).toBe('');
    await runCli(['train', '--data', 'sine', '--model', 'gru', '--hidden', '4', '--seq-len', '10', '--epochs', '1', '--save', 's.bpm', '--quiet'], { cwd: dir });
    const short = await runCli(['forecast', '--model', 's.bpm', '--input', '1,2,3'], { cwd: dir });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/--input has 3 values; the model needs a window of 10/);
  });

  it("refuses another network kind's shape flags, and saves only the options its kind reads", async () => {
    const rnnLayers = await runCli(['train', '--data', 'sine', '--model', 'rnn', '--layers', '16', '--epochs', '1']);
    expect(rnnLayers.code).toBe(2);
    expect(rnnLayers.stderr).toMatch(/--layers does not apply to --model rnn; its size is set with --units\./);
    const fixedPoint = await runCli(['train', '--data', 'xor', '--model', 'fixed-point', '--layers', '4', '--dropout', '0.1']);
    expect(fixedPoint.code).toBe(2);
    expect(fixedPoint.stderr).toMatch(/--layers, --dropout do not apply to --model fixed-point; its size is set with --units\./);
    const mlpHidden = await runCli(['train', '--data', 'iris', '--hidden', '16', '--epochs', '1']);
    expect(mlpHidden.code).toBe(2);
    expect(mlpHidden.stderr).toMatch(/--units does not apply to --model mlp; its size is set with --layers/);

    const dir = tempDir();
    const gru = await runCli(['train', '--data', 'sine', '--model', 'gru', '--hidden', '4', '--epochs', '1', '--backend', 'ts', '--save', 'g.bpm', '--quiet'], { cwd: dir });
    expect(gru.code).toBe(0);
    const { metadata } = deserializeModel(new Uint8Array(readFileSync(join(dir, 'g.bpm'))));
    const config = (metadata.training as { config: Record<string, unknown> }).config;
    expect(config['model']).toBe('gru');
    expect(config['units']).toBe(4);
    for (const key of ['layers', 'activation', 'dropout']) expect(config, key).not.toHaveProperty(key);
  });
});
