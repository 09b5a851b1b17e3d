/**
 * `train --layers` tokens, `--model cnn`, layer lists in --config files and saved configs, and
 * `inspect --activations` on a convolutional model.
 */
import { deserializeModel, encodeIdx } from '@backprop/core';
import { loadBuiltinDataset } from '@backprop/core/node';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

const LENET = 'conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84';

/** Some of the built-in digits as an IDX folder of 28×28 images: a small image set with its own test rows. */
async function digitsFolder(dir: string, trainRows = 160, testRows = 40): Promise<string> {
  const mnist = await loadBuiltinDataset('mnist');
  // The built-in digits are grouped by class: every 50th row takes some of each.
  const row = (i: number): number => (i * 50) % mnist.n;
  const write = (name: string, from: number, n: number): void => {
    const pixels = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = row(from + i);
      pixels.set(Array.from(mnist.x.subarray(r * 784, (r + 1) * 784), (v) => Math.round(v * 255)), i * 784);
      labels[i] = mnist.y.subarray(r * 10, (r + 1) * 10).indexOf(1);
    }
    writeFileSync(join(dir, 'digits', `${name}-images-idx3-ubyte`), encodeIdx([n, 28, 28], pixels));
    writeFileSync(join(dir, 'digits', `${name}-labels-idx1-ubyte`), encodeIdx([n], labels));
  };
  mkdirSync(join(dir, 'digits'));
  write('train', 0, trainRows);
  write('t10k', trainRows, testRows);
  return 'mnist-idx:digits';
}

describe('train --help lists the layer tokens and --model cnn', () => {
  it('shows every token form, the W5 example and the cnn preset', async () => {
    const help = await runCli(['train', '--help']);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    for (const form of ['<units> (dense)', 'conv:<filters>:<kernel>[:s<stride>][:p<padding>|:same]', 'pool:<size>[:s<stride>][:p<padding>]', 'avgpool:<size>', 'gap, bn, ln, dropout:<rate>, flatten']) {
      expect(text).toContain(form);
    }
    expect(text).toContain(`--layers ${LENET} --activation relu`);
    expect(text).toMatch(/--model <kind> network kind \(mlp: .*cnn: a small convolutional network for image data/);
    expect(text).toMatch(/--layers <layers> .*\(default: 8; cnn: conv:/);
    expect(text).toMatch(/--epochs <n> .*\(default: 100; \d+ for cnn;/);
  });
});

describe('train --layers: refusals', () => {
  it.each([
    [['--layers', 'conv:6'], "option '--layers <layers>' argument 'conv:6' is invalid. --layers entry 'conv:6' is not a layer: expected conv:<filters>:<kernel>[:s<stride>][:p<padding>|:same], e.g. conv:6:5:p2."],
    [['--layers', '8,maxpool'], "--layers entry 'maxpool' is not a layer: expected one of <units> (dense), conv:<filters>:<kernel>"],
    [['--layers', 'dropout:1'], "--layers entry 'dropout:1' is not a layer: expected dropout:<rate> with 0 ≤ rate < 1, e.g. dropout:0.5."],
    [['--layers', ''], '--layers is empty: expected a comma-separated list of <units> (dense), conv:'],
    [['--layers', 'conv:6:5,pool:2,10'], "backprop train: --layers 'conv:6:5' (entry 1) needs image rows [channels, height, width], and --data 'iris' has flat rows of 4 values: use numbers (dense layers), or image data such as mnist."],
    [['--model', 'cnn'], "backprop train: --model cnn is a convolutional network for images, and --data 'iris' has rows of 4 values with no image shape: use --model mlp, or image data (mnist, mnist-idx:<dir>)."],
    [['--model', 'cnn', '--units', '4'], 'backprop train: --units does not apply to --model cnn; its size is set with --layers.'],
    [['--data', 'mnist', '--layers', '120,conv:6:5'], "backprop train: --layers 'conv:6:5' (entry 2) needs image rows [channels, height, width], and the layers before it leave flat rows of 120 values: put the image layers first."],
    [['--data', 'mnist', '--layers', 'conv:6:5,pool:2,conv:16:5,pool:2,pool:2,conv:8:5'], "--layers 'conv:8:5' (entry 6) gets images of 2×2 pixels (16 channels), smaller than its 5×5 window"],
  ])('%j', async (args, message) => {
    const result = await runCli(['train', '--data', 'iris', '--backend', 'ts', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});

describe('layers in --config files and saved configs', () => {
  it('a config file mixes numbers, tokens and layer objects; the model file keeps them, and --resume reads them back', async () => {
    const dir = tempDir();
    const layers = [16, 'dropout:.2', { type: 'dense', units: 8, activation: 'tanh' }];
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ data: 'iris', layers, epochs: 4, 'checkpoint-every': 2, checkpoint: 'ck.bpm', backend: 'ts' }));
    const first = await runCli(['train', '--config', 'run.json', '--json'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/training a 4-16-8-3 network/);
    const saved = deserializeModel(new Uint8Array(readFileSync(join(dir, 'ck.bpm'))));
    // Tokens come back canonical; objects as written.
    expect(saved.metadata.training).toMatchObject({ config: { model: 'mlp', layers: [16, 'dropout:0.2', { type: 'dense', units: 8, activation: 'tanh' }] } });
    expect(saved.model.spec.layers.map((l) => [l.type, (l as { activation?: string }).activation])).toEqual([
      ['dense', 'relu'],
      ['dropout', undefined],
      ['dense', 'tanh'],
      ['dense', 'softmax'],
    ]);
    const resumed = await runCli(['train', '--resume', 'ck.bpm', '--epochs', '6', '--quiet', '--json'], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(lastJson(resumed.stdout)['epochs']).toBe(6);
    // The same layers as one flag value, in their canonical tokens, train the same network.
    const flags = await runCli(['train', '--data', 'iris', '--layers', '16,dropout:0.2', '--epochs', '1', '--backend', 'ts', '--quiet', '--json'], { cwd: dir });
    expect(flags.code).toBe(0);
  });

  it('refuses a bad entry of a config file, naming the key', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ data: 'iris', layers: [8, 'conv:x'] }));
    const bad = await runCli(['train', '--config', 'bad.json', '--backend', 'ts'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("backprop train: --layers entry 'conv:x' is not a layer: expected conv:<filters>:<kernel>");
    writeFileSync(join(dir, 'bad2.json'), JSON.stringify({ data: 'iris', layers: [8, null] }));
    expect((await runCli(['train', '--config', 'bad2.json', '--backend', 'ts'], { cwd: dir })).stderr).toContain(
      "--layers: each entry must be a number, a token such as 'conv:6:5' or a layer object { type, … }, got null",
    );
    writeFileSync(join(dir, 'bad3.json'), JSON.stringify({ data: 'iris', layers: 'conv:6:5:p2:same' }));
    expect((await runCli(['train', '--config', 'bad3.json', '--backend', 'ts'], { cwd: dir })).stderr).toContain("--layers entry 'conv:6:5:p2:same' is not a layer");
  });
});

// These train convolutional networks: they need the conv2d and pooling layers.
describe('convolutional networks end to end', () => {
  it('trains W5 LeNet-5 from its tokens on 28×28 digits, saves it, and inspect draws its feature maps', async () => {
    const dir = tempDir();
    const data = await digitsFolder(dir);
    const result = await runCli(['train', '--data', data, '--layers', LENET, '--activation', 'relu', '--lr', '0.05', '--batch-size', '64', '--epochs', '1', '--save', 'lenet.bpm', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'training a convolutional network 1×28×28 → conv2d 6×28×28 → maxpool2d 6×14×14 → conv2d 16×10×10 → maxpool2d 16×5×5 → dense 120 → dense 84 → dense 10 on mnist-idx:digits (160 train / 40 test rows)',
    );
    const summary = lastJson(result.stdout);
    // PyTorch's LeNet-5 count: 156 + 2416 + 48120 + 10164 + 850.
    expect(summary['parameters']).toBe(61706);
    expect(summary['model']).toBe('mlp');
    const saved = deserializeModel(new Uint8Array(readFileSync(join(dir, 'lenet.bpm'))));
    expect(saved.model.spec.inputShape).toEqual([1, 28, 28]);
    expect(saved.metadata.training).toMatchObject({ config: { layers: ['conv:6:5:p2', 'pool:2', 'conv:16:5', 'pool:2', 120, 84], activation: 'relu' } });

    const inspect = await runCli(['inspect', '--model', 'lenet.bpm', '--activations', 'maps.png', '--samples', '4', '--json'], { cwd: dir });
    expect(inspect.stderr).toBe('');
    expect(inspect.code).toBe(0);
    expect(existsSync(join(dir, 'maps.png'))).toBe(true);
    const layers = lastJson(inspect.stdout)['layers'] as { type: string; outputShape?: number[] }[];
    expect(layers.map((l) => [l.type, l.outputShape])).toEqual([
      ['conv2d', [6, 28, 28]],
      ['maxpool2d', [6, 14, 14]],
      ['conv2d', [16, 10, 10]],
      ['maxpool2d', [16, 5, 5]],
      ['dense', undefined],
      ['dense', undefined],
      ['dense', undefined],
    ]);
    const svg = await runCli(['inspect', '--model', 'lenet.bpm', '--activations', 'maps.svg', '--samples', '3'], { cwd: dir });
    expect(svg.code).toBe(0);
    const figure = readFileSync(join(dir, 'maps.svg'), 'utf8');
    expect(figure).toContain('layer 1: conv2d (relu), 6 channels of 28×28 (a row per sample, a column per channel)');
    expect(figure).toContain('layer 4: maxpool2d, 16 channels of 5×5');
    expect(figure).toContain('first-layer kernels of 6 of 6 filters as 5×5 images');
  }, 180_000);

  it('--model cnn trains its preset on image data', async () => {
    const dir = tempDir();
    const data = await digitsFolder(dir, 64, 20);
    const result = await runCli(['train', '--data', data, '--model', 'cnn', '--epochs', '1', '--save', 'cnn.bpm', '--quiet', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lastJson(result.stdout)['model']).toBe('cnn');
    const saved = deserializeModel(new Uint8Array(readFileSync(join(dir, 'cnn.bpm'))));
    expect(saved.model.spec.inputShape).toEqual([1, 28, 28]);
    expect(saved.model.spec.layers[0]).toMatchObject({ type: 'conv2d', activation: 'relu' });
    expect(saved.metadata.training).toMatchObject({ config: { model: 'cnn', optimizer: { name: 'adam' } } });
  }, 180_000);
});
