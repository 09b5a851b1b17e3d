import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from './__tests__/temp-dir.js';
import { encodeIdx, IDX_IMAGES_MAGIC } from '../../data/idx.js';
import { argmaxRows } from '../../data/one-hot.js';
import { loadDataSource } from './data-source.js';
import { IDX_FILES, loadIdxDir, readIdxFile } from './idx.js';

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

  it("gives the images' shape from the IDX header, which loadDataSource passes on as image facts", async () => {
    const dir = makeDir(false);
    expect(loadIdxDir(dir).imageShape).toEqual([1, 3, 3]);
    expect(await loadDataSource(`mnist-idx:${dir}`)).toMatchObject({ imageShape: [1, 3, 3], imageSide: 3, normalize: 'none' });
    // Images that are not square have a shape but no side.
    const wide = tempDir('bp-idx-wide-');
    writeFileSync(join(wide, IDX_FILES.trainImages), encodeIdx([2, 2, 4], new Uint8Array(16)));
    writeFileSync(join(wide, IDX_FILES.trainLabels), encodeIdx([2], Uint8Array.from([0, 1])));
    writeFileSync(join(wide, IDX_FILES.testImages), encodeIdx([1, 2, 4], new Uint8Array(8)));
    writeFileSync(join(wide, IDX_FILES.testLabels), encodeIdx([1], Uint8Array.from([1])));
    const source = await loadDataSource(`mnist-idx:${wide}`);
    expect(source.imageShape).toEqual([1, 2, 4]);
    expect(source.imageSide).toBeUndefined();
  });

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

describe('readIdxFile: gzip data inflate no further than the IDX header declares', () => {
  // 16 MiB of zeros gzip to about 16 KB: a small bomb, cheap to build and to refuse.
  const zeros = new Uint8Array(16 * 2 ** 20);

  it('stops a stream that inflates past the size its header declares', () => {
    const dir = tempDir('bp-idx-bomb-');
    const header = encodeIdx([4], Uint8Array.from([1, 2, 3, 4])); // declares 4 + 4 + 4 = 12 bytes
    const bomb = new Uint8Array(header.length + zeros.length);
    bomb.set(header);
    writeFileSync(join(dir, `${IDX_FILES.trainLabels}.gz`), gzipSync(bomb));
    expect(() => readIdxFile(dir, IDX_FILES.trainLabels)).toThrow(
      `${join(dir, `${IDX_FILES.trainLabels}.gz`)}: gzip data inflate to more than 12 bytes, the size its IDX header declares`,
    );
  });

  it('refuses a header declaring more than the limit before inflating the rest', () => {
    const dir = tempDir('bp-idx-bomb-');
    const header = new Uint8Array(16);
    new DataView(header.buffer).setUint32(0, IDX_IMAGES_MAGIC, false);
    new DataView(header.buffer).setUint32(4, 60000, false);
    new DataView(header.buffer).setUint32(8, 28000, false);
    new DataView(header.buffer).setUint32(12, 28000, false);
    writeFileSync(join(dir, `${IDX_FILES.trainImages}.gz`), gzipSync(header));
    expect(() => readIdxFile(dir, IDX_FILES.trainImages)).toThrow(/: the IDX header declares 47040000000016 bytes, over the 1073741824-byte limit for an IDX file$/);
  });

  it('bounds data with no IDX header by maxBytes', () => {
    const dir = tempDir('bp-idx-bomb-');
    writeFileSync(join(dir, `${IDX_FILES.testLabels}.gz`), gzipSync(zeros));
    expect(() => readIdxFile(dir, IDX_FILES.testLabels, 2 ** 20)).toThrow(/: gzip data inflate to more than 1048576 bytes, the limit for an IDX file$/);
  });

  it('refuses a device named like an IDX file', () => {
    const dir = tempDir('bp-idx-dev-');
    symlinkSync('/dev/zero', join(dir, IDX_FILES.trainImages));
    expect(() => readIdxFile(dir, IDX_FILES.trainImages)).toThrow(/IDX file '.*train-images-idx3-ubyte' is a character device, not a regular file/);
  });
});
