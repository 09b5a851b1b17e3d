import { describe, expect, it } from 'vitest';
import { encodeIdx, idxToDataset, IDX_IMAGES_MAGIC, parseIdx } from './idx.js';
import { argmaxRows } from './one-hot.js';

const pixels = Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 20);
const images = encodeIdx([3, 2, 2], pixels);
const labels = encodeIdx([3], Uint8Array.from([4, 0, 9]));
const names = { images: 'imgs.idx', labels: 'lbls.idx' };

describe('IDX parse/encode', () => {
  it('writes the standard header (magic 0x00000803, big-endian dims) and round-trips', () => {
    expect(Array.from(images.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2]);
    expect(Array.from(labels.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0, 3]);
    const parsed = parseIdx(images, 'x', IDX_IMAGES_MAGIC);
    expect(parsed.dims).toEqual([3, 2, 2]);
    expect(Array.from(parsed.data)).toEqual(Array.from(pixels));
  });

  it('builds a data set with pixels / 255 and one-hot labels', () => {
    const d = idxToDataset(images, labels, names);
    expect([d.n, d.inputSize, d.outputSize]).toEqual([3, 4, 10]);
    expect(d.x[1]).toBeCloseTo(20 / 255, 7);
    expect(d.x[11]).toBeCloseTo(220 / 255, 7);
    expect(Array.from(argmaxRows(d.y, 10))).toEqual([4, 0, 9]);
    expect(d.featureNames?.slice(0, 3)).toEqual(['px_0_0', 'px_0_1', 'px_1_0']);
    const named = idxToDataset(images, encodeIdx([3], Uint8Array.from([1, 0, 1])), names, { classNames: ['cat', 'dog'] });
    expect(named.outputSize).toBe(2);
    expect(Array.from(named.y)).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('refuses a bad magic number, naming the file', () => {
    expect(() => idxToDataset(labels, labels, names)).toThrow(/imgs\.idx: wrong magic number 0x00000801, expected 0x00000803/);
    expect(() => idxToDataset(images, images, names)).toThrow(/lbls\.idx: wrong magic number 0x00000803, expected 0x00000801/);
    const notIdx = new TextEncoder().encode('PK\u0003\u0004 some zip');
    expect(() => parseIdx(notIdx, 'a.zip')).toThrow(/a\.zip: not an IDX file \(magic number 0x504b0304\)/);
    const floats = images.slice();
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, 'f.idx')).toThrow(/f\.idx: IDX element type 0xd is not supported/);
  });

  it('refuses truncated files and trailing bytes', () => {
    expect(() => parseIdx(images.subarray(0, 2), 'i')).toThrow(/i: truncated: 2 bytes/);
    expect(() => parseIdx(images.subarray(0, 10), 'i')).toThrow(/i: truncated: 10 bytes, too short for the header of 3 dimensions/);
    expect(() => idxToDataset(images.subarray(0, images.length - 1), labels, names)).toThrow(
      /imgs\.idx: truncated: 27 bytes, expected 28 for dimensions 3×2×2/,
    );
    const longer = new Uint8Array(images.length + 2);
    longer.set(images);
    expect(() => parseIdx(longer, 'i')).toThrow(/i: 2 unexpected trailing bytes/);
  });

  it('refuses a count mismatch between images and labels, and labels beyond the classes', () => {
    expect(() => idxToDataset(images, encodeIdx([2], Uint8Array.from([1, 2])), names)).toThrow(
      /imgs\.idx holds 3 images but lbls\.idx holds 2 labels/,
    );
    expect(() => idxToDataset(images, encodeIdx([3], Uint8Array.from([1, 12, 2])), names)).toThrow(
      /lbls\.idx: label 12 of item 1 is not below the 10 classes/,
    );
  });

  it('refuses gzip bytes with a hint', () => {
    expect(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0]), 'x.gz')).toThrow(/x\.gz: gzip-compressed/);
  });
});
