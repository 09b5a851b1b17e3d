import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from './__tests__/temp-dir.js';
import { encodeIdx } from '../../data/idx.js';
import { argmaxRows } from '../../data/one-hot.js';
import { IDX_FILES, loadIdxDir } from './idx.js';

function makeDir(gz: boolean, opts: { testLabels?: Uint8Array; testImages?: Uint8Array } = {}): string {
  const dir = tempDir('bp-idx-');
  const write = (base: string, bytes: Uint8Array): void => writeFileSync(join(dir, gz ? `${base}.gz` : base), gz ? gzipSync(bytes) : bytes);
  const trainPixels = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 7) % 256);
  write(IDX_FILES.trainImages, encodeIdx([4, 3, 3], trainPixels));
  write(IDX_FILES.trainLabels, encodeIdx([4], Uint8Array.from([3, 1, 4, 1])));
  write(IDX_FILES.testImages, opts.testImages ?? encodeIdx([2, 3, 3], Uint8Array.from({ length: 18 }, (_, i) => 255 - i)));
  write(IDX_FILES.testLabels, opts.testLabels ?? encodeIdx([2], Uint8Array.from([5, 9])));
  return dir;
}

describe('loadIdxDir', () => {
  for (const gz of [false, true]) {
    it(`reads the four standard files (${gz ? 'gzip' : 'plain'})`, () => {
      const { train, test } = loadIdxDir(makeDir(gz));
      expect([train.n, train.inputSize, test.n]).toEqual([4, 9, 2]);
      expect(Array.from(argmaxRows(train.y, 10))).toEqual([3, 1, 4, 1]);
      expect(Array.from(argmaxRows(test.y, 10))).toEqual([5, 9]);
      expect(train.x[5]).toBeCloseTo(35 / 255, 7);
      expect(test.x[0]).toBe(1);
    });
  }

  it('names a missing file and the paths it looked for', () => {
    const dir = tempDir('bp-idx-empty-');
    expect(() => loadIdxDir(dir)).toThrow(/IDX file not found: looked for .*train-images-idx3-ubyte, .*train-images-idx3-ubyte\.gz/);
  });

  it('refuses a truncated gzip file, naming it', () => {
    const dir = makeDir(true);
    const gz = gzipSync(encodeIdx([2], Uint8Array.from([5, 9])));
    writeFileSync(join(dir, `${IDX_FILES.testLabels}.gz`), gz.subarray(0, gz.length - 6));
    expect(() => loadIdxDir(dir)).toThrow(/t10k-labels-idx1-ubyte\.gz: corrupt or truncated gzip data/);
  });

  it('refuses images and labels of different counts, naming both files', () => {
    const dir = makeDir(false, { testLabels: encodeIdx([3], Uint8Array.from([1, 2, 3])) });
    expect(() => loadIdxDir(dir)).toThrow(/t10k-images-idx3-ubyte holds 2 images but .*t10k-labels-idx1-ubyte holds 3 labels/);
  });

  it('refuses test images of another shape with as many pixels, naming both files and shapes', () => {
    for (const gz of [false, true]) {
      // 1×9 holds the 9 pixels of 3×3, but not the same ones.
      const dir = makeDir(gz, { testImages: encodeIdx([2, 1, 9], Uint8Array.from({ length: 18 }, (_, i) => i)) });
      const ext = gz ? '\\.gz' : '';
      expect(() => loadIdxDir(dir)).toThrow(
        new RegExp(`t10k-images-idx3-ubyte${ext} holds images of 1×9 pixels but \\S*train-images-idx3-ubyte${ext} holds images of 3×3: test and training images must have the same shape`),
      );
    }
    const transposed = makeDir(false, { testImages: encodeIdx([2, 9, 1], new Uint8Array(18)) });
    expect(() => loadIdxDir(transposed)).toThrow(/holds images of 9×1 pixels but .* holds images of 3×3/);
  });

  it('refuses a file with a bad magic number, naming it', () => {
    const dir = makeDir(false, { testLabels: encodeIdx([2, 1, 1], Uint8Array.from([1, 2])) });
    expect(() => loadIdxDir(dir)).toThrow(/t10k-labels-idx1-ubyte: wrong magic number 0x00000803, expected 0x00000801/);
  });
});
