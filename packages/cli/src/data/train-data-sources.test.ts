/** train on the data sources other than the built-ins: an IDX folder and a CSV file. */
import { encodeIdx, Rng } from '@backprop/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

/** A tiny IDX set: 8×8 images whose label is which quadrant holds the bright blob. */
function writeIdxFolder(dir: string, gzip: boolean): void {
  const rng = new Rng(3);
  const make = (n: number): { images: Uint8Array; labels: Uint8Array } => {
    const images = new Uint8Array(n * 64);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const label = rng.int(4);
      labels[i] = label;
      const ox = (label % 2) * 4;
      const oy = Math.floor(label / 2) * 4;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) images[i * 64 + (oy + y) * 8 + ox + x] = 150 + rng.int(100);
    }
    return { images, labels };
  };
  const write = (name: string, bytes: Uint8Array): void => writeFileSync(join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  const train = make(200);
  const test = make(40);
  write('train-images-idx3-ubyte', encodeIdx([200, 8, 8], train.images));
  write('train-labels-idx1-ubyte', encodeIdx([200], train.labels));
  write('t10k-images-idx3-ubyte', encodeIdx([40, 8, 8], test.images));
  write('t10k-labels-idx1-ubyte', encodeIdx([40], test.labels));
}

describe('train --data mnist-idx:<dir>', () => {
  it('trains on the folder’s own train/test files (gzip too)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'idx'));
    writeIdxFolder(join(dir, 'idx'), true);
    const result = await runCli(['train', '--data', 'mnist-idx:idx', '--layers', '8', '--epochs', '30', '--batch-size', '20', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\(200 train \/ 40 test rows\)/);
    expect(lastJson(result.stdout)['testAccuracy']).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses a truncated IDX file, naming it', async () => {
    const dir = tempDir();
    writeIdxFolder(dir, false);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), encodeIdx([200, 8, 8], new Uint8Array(200 * 64)).subarray(0, 500));
    const result = await runCli(['train', '--data', `mnist-idx:${dir}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read the IDX files in .*train-images-idx3-ubyte/);
    const missing = await runCli(['train', '--data', 'mnist-idx:no-such-dir']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/IDX folder 'no-such-dir' does not exist/);
  });
});

describe('train --data file.csv --target column', () => {
  it('maps string classes, standardises on the train rows, and predicts from raw rows', async () => {
    const dir = tempDir();
    const rng = new Rng(5);
    const lines = ['height,colour,weight,kind'];
    for (let i = 0; i < 120; i++) {
      const big = rng.next() < 0.5;
      lines.push(`${(big ? 180 : 120) + rng.normal(0, 8)},${rng.int(3)},${(big ? 90 : 40) + rng.normal(0, 6)},${big ? 'large' : 'small'}`);
    }
    writeFileSync(join(dir, 'things.csv'), `${lines.join('\n')}\n`);
    const result = await runCli(['train', '--data', 'things.csv', '--target', 'kind', '--epochs', '40', '--save', 't.bpm', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/actual \\ predicted\s+large\s+small/);
    expect(lastJson(result.stdout)['testAccuracy']).toBeGreaterThanOrEqual(0.9);
    const predicted = await runCli(['predict', '--model', 't.bpm', '--input', '185,1,95;115,2,38', '--json'], { cwd: dir });
    const classes = (lastJson(predicted.stdout)['predictions'] as { class: string }[]).map((p) => p.class);
    expect(classes).toEqual(['large', 'small']);
  });
});
