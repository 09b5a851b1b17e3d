import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from './__tests__/temp-dir.js';
import { decodeMnistAsset, decodeMnistAssetAsync, encodeMnistAsset, parseMnistAsset } from '../../data/mnist-asset.js';
import { argmaxRows } from '../../data/one-hot.js';
import { stratifiedSplit } from '../../data/split.js';
import { loadMnist, mnistAssetPath } from './mnist.js';

const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');

describe('built-in MNIST asset (built by core build)', () => {
  const mnist = loadMnist();

  it('holds the 10,000 digits of the mnist package, as many of each label as its JSON files', () => {
    expect(mnist.n).toBe(10000);
    expect(mnist.inputSize).toBe(784);
    expect(mnist.outputSize).toBe(10);
    expect(mnist.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const counts = new Array<number>(10).fill(0);
    for (const l of argmaxRows(mnist.y, 10)) counts[l]! += 1;
    const jsonCounts = counts.map((_, d) => {
      const data = (JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] }).data;
      return data.length / 784;
    });
    expect(counts).toEqual(jsonCounts);
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });

  it('matches the JSON pixel for pixel (within its 3-decimal rounding) for a sampled digit of each class', () => {
    let start = 0;
    for (let d = 0; d < 10; d++) {
      const data = (JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')) as { data: number[] }).data;
      const k = Math.floor(data.length / 784 / 2); // the middle image of this class
      const row = start + k;
      let jsonSum = 0;
      let assetSum = 0;
      for (let p = 0; p < 784; p++) {
        const v = data[k * 784 + p]!;
        expect(Math.abs(mnist.x[row * 784 + p]! - v)).toBeLessThanOrEqual(0.0005 + 1e-6);
        jsonSum += v;
        assetSum += mnist.x[row * 784 + p]!;
      }
      expect(jsonSum).toBeGreaterThan(20); // a real digit has ink
      expect(assetSum).toBeCloseTo(jsonSum, 1);
      expect(argmaxRows(mnist.y.subarray(row * 10, row * 10 + 10), 10)[0]).toBe(d);
      start += data.length / 784;
    }
  });

  it('keeps x in [0, 1] and splits 10,000 at 0.2 into exactly 8,000 / 2,000', () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of mnist.x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    const { train, test } = stratifiedSplit(mnist, 0.2, 1);
    expect([train.n, test.n]).toEqual([8000, 2000]);
  });

  it('decodes the same way in the browser path (DecompressionStream)', async () => {
    const viaStream = await decodeMnistAssetAsync(new Uint8Array(readFileSync(mnistAssetPath())));
    expect(viaStream.n).toBe(10000);
    expect(Array.from(viaStream.x.subarray(5000 * 784, 5001 * 784))).toEqual(Array.from(mnist.x.subarray(5000 * 784, 5001 * 784)));
  });
});

describe('MNIST asset format', () => {
  const images = {
    count: 2,
    rows: 2,
    cols: 3,
    pixels: Uint8Array.from([0, 255, 51, 102, 0, 0, 1, 2, 3, 4, 5, 6]),
    labels: Uint8Array.from([7, 3]),
  };

  it('round-trips and scales pixels to [0, 1]', () => {
    const bytes = encodeMnistAsset(images);
    expect(bytes.length).toBe(20 + 12 + 2);
    const d = decodeMnistAsset(bytes);
    expect(d.inputSize).toBe(6);
    expect(Array.from(d.x.subarray(0, 4))).toEqual([0, 1, Math.fround(0.2), Math.fround(0.4)]);
    expect(Array.from(argmaxRows(d.y, 10))).toEqual([7, 3]);
  });

  it('refuses corrupt assets, naming the problem', () => {
    const bytes = encodeMnistAsset(images);
    expect(() => parseMnistAsset(bytes.subarray(0, 10))).toThrow(/truncated: 10 bytes/);
    expect(() => parseMnistAsset(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated: 33 bytes, expected 34/);
    const badMagic = bytes.slice();
    badMagic[0] = 0;
    expect(() => parseMnistAsset(badMagic)).toThrow(/bad magic/);
    const badVersion = bytes.slice();
    badVersion[4] = 9;
    expect(() => parseMnistAsset(badVersion)).toThrow(/unsupported asset version 9/);
    const badLabel = bytes.slice();
    badLabel[bytes.length - 1] = 12;
    expect(() => parseMnistAsset(badLabel)).toThrow(/label 12 of image 1/);
    expect(() => parseMnistAsset(gzipSync(bytes))).toThrow(/gzip-compressed/);
  });

  it('loadMnist reads a given path, plain or gzip, and names the file when it fails', () => {
    const dir = tempDir('bp-mnist-');
    const plain = join(dir, 'a.bin');
    const gz = join(dir, 'a.bin.gz');
    writeFileSync(plain, encodeMnistAsset(images));
    writeFileSync(gz, gzipSync(encodeMnistAsset(images)));
    expect(loadMnist({ path: plain }).n).toBe(2);
    expect(Array.from(loadMnist({ path: gz }).x)).toEqual(Array.from(loadMnist({ path: plain }).x));
    expect(() => loadMnist({ path: join(dir, 'missing.bin') })).toThrow(/missing\.bin: file not found.*build/);
    writeFileSync(plain, encodeMnistAsset(images).subarray(0, 25));
    expect(() => loadMnist({ path: plain })).toThrow(/a\.bin: truncated/);
    expect(gunzipSync(readFileSync(gz)).length).toBe(34);
  });
});
