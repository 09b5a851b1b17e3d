/**
 * Seeded fuzz of the image-set readers (IDX files and the built-in MNIST asset format): cut, bit-
 * flipped and header-edited files must either give a data set that agrees with its own header, or
 * be refused with a plain Error whose message names the file; never a TypeError/RangeError from
 * inside, never a data set whose sizes disagree with its arrays.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../model/types.js';
import { Rng } from '../util/rng.js';
import { encodeIdx, idxToDataset, parseIdx } from './idx.js';
import { decodeMnistAsset, decodeMnistAssetAsync, encodeMnistAsset } from './mnist-asset.js';

const COUNT = 5;
const ROWS = 4;
const COLS = 3;
const pixels = Uint8Array.from({ length: COUNT * ROWS * COLS }, (_, i) => (i * 37) % 256);
const labelValues = Uint8Array.from([3, 0, 9, 1, 7]);
const images = encodeIdx([COUNT, ROWS, COLS], pixels);
const labels = encodeIdx([COUNT], labelValues);
const asset = encodeMnistAsset({ count: COUNT, rows: ROWS, cols: COLS, pixels, labels: labelValues });
const names = { images: 'imgs.idx', labels: 'lbls.idx' };

/** A data set whose sizes agree with its arrays, x in [0, 1], one 1 per row of y. */
function checkDataset(d: Dataset, label: string): void {
  const ok =
    Number.isInteger(d.n) &&
    d.n >= 1 &&
    d.inputSize >= 1 &&
    d.x.length === d.n * d.inputSize &&
    d.y.length === d.n * d.outputSize &&
    d.featureNames?.length === d.inputSize &&
    d.x.every((v) => v >= 0 && v <= 1) &&
    Array.from({ length: d.n }, (_, i) => d.y.subarray(i * d.outputSize, (i + 1) * d.outputSize).reduce((a, b) => a + b, 0)).every((s) => s === 1);
  if (!ok) throw new Error(`${label}: accepted an inconsistent data set (n ${d.n}, inputSize ${d.inputSize}, x ${d.x.length})`);
}

/** Returns the message of the refusal, or null when accepted (and consistent). */
function attempt(read: () => Dataset, source: string, label: string): string | null {
  let d: Dataset;
  try {
    d = read();
  } catch (e) {
    if (!(e instanceof Error) || e.constructor !== Error) throw new Error(`${label}: threw ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
    if (!e.message.startsWith(source)) throw new Error(`${label}: the message does not name ${source}: ${e.message}`);
    return e.message;
  }
  checkDataset(d, label);
  return null;
}

const readIdx = (img: Uint8Array, lbl: Uint8Array) => (): Dataset => idxToDataset(img, lbl, names);

function setU32(bytes: Uint8Array, at: number, v: number, littleEndian: boolean): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(at, v, littleEndian);
  return out;
}

const SIZES = [0, 1, 2, 3, 4, 5, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 16];

describe('IDX files under mutation', () => {
  it('the unmodified pair loads', () => {
    expect(attempt(readIdx(images, labels), '', 'valid')).toBeNull();
  });

  it('refuses every truncation of either file, naming it', () => {
    for (let n = 0; n < images.length; n++) expect(attempt(readIdx(images.subarray(0, n), labels), 'imgs.idx', `images cut to ${n}`)).not.toBeNull();
    for (let n = 0; n < labels.length; n++) expect(attempt(readIdx(images, labels.subarray(0, n)), 'lbls.idx', `labels cut to ${n}`)).not.toBeNull();
  });

  it('bit flips are refused or give a consistent data set', () => {
    const rng = new Rng(7);
    for (let k = 0; k < 1500; k++) {
      const img = images.slice();
      const lbl = labels.slice();
      const target = rng.next() < 0.5 ? img : lbl;
      const bit = rng.int(target.length * 8);
      target[bit >> 3]! ^= 1 << (bit & 7);
      attempt(readIdx(img, lbl), target === img ? 'imgs.idx' : 'lbls.idx', `flip ${bit} of ${target === img ? 'images' : 'labels'}`);
    }
  });

  it('refuses dimensions that disagree with the data, however large', () => {
    for (let d = 0; d < 3; d++) {
      for (const v of SIZES) {
        const img = setU32(images, 4 + 4 * d, v, false);
        const orig = [COUNT, ROWS, COLS][d];
        const message = attempt(readIdx(img, labels), 'imgs.idx', `image dim ${d} = ${v}`);
        if (v !== orig) expect(message, `image dim ${d} = ${v}`).not.toBeNull();
      }
    }
    for (const v of SIZES) {
      if (v !== COUNT) expect(attempt(readIdx(images, setU32(labels, 4, v, false)), 'lbls.idx', `label count ${v}`)).not.toBeNull();
    }
  });

  it('refuses sets with no images or images of no pixels (their sizes are not bounded by the file)', () => {
    // 0 images of 1024×1024: a 16-byte file that would otherwise yield a million feature names.
    const empty = encodeIdx([0, 1024, 1024], new Uint8Array(0));
    expect(() => idxToDataset(empty, encodeIdx([0], new Uint8Array(0)), names)).toThrow(/^imgs\.idx: no images \(dimensions 0×1024×1024\)$/);
    expect(() => idxToDataset(encodeIdx([5, 0, 3], new Uint8Array(0)), labels, names)).toThrow(/^imgs\.idx: images of 0×3 pixels$/);
  });

  it('refuses a wrong magic, element type or dimension count', () => {
    for (const [at, v] of [
      [0, 1],
      [1, 0x80],
      [2, 0x09],
      [2, 0x0d],
      [3, 0],
      [3, 1],
      [3, 2],
      [3, 4],
      [3, 255],
    ] as const) {
      const img = images.slice();
      img[at] = v;
      expect(attempt(readIdx(img, labels), 'imgs.idx', `images byte ${at} = ${v}`)).not.toBeNull();
    }
    expect(() => parseIdx(gzipSync(images), 'g.idx')).toThrow(/^g\.idx: gzip-compressed data/);
  });
});

describe('the MNIST asset under mutation', () => {
  const read = (bytes: Uint8Array) => (): Dataset => decodeMnistAsset(bytes, 'asset');

  it('the unmodified asset loads', () => {
    expect(attempt(read(asset), '', 'valid')).toBeNull();
  });

  it('refuses every truncation, bad header sizes, and keeps bit flips consistent', () => {
    for (let n = 0; n < asset.length; n++) expect(attempt(read(asset.subarray(0, n)), 'asset', `cut to ${n}`)).not.toBeNull();
    for (const at of [4, 8, 12, 16]) {
      for (const v of SIZES) {
        const orig = [1, COUNT, ROWS, COLS][(at - 4) / 4];
        const message = attempt(read(setU32(asset, at, v, true)), 'asset', `u32 at ${at} = ${v}`);
        if (v !== orig) expect(message, `u32 at ${at} = ${v}`).not.toBeNull();
      }
    }
    const rng = new Rng(8);
    for (let k = 0; k < 1000; k++) {
      const b = asset.slice();
      const bit = rng.int(b.length * 8);
      b[bit >> 3]! ^= 1 << (bit & 7);
      attempt(read(b), 'asset', `flip ${bit}`);
    }
  });

  it('refuses an asset with no images or images of no pixels', () => {
    const none = encodeMnistAsset({ count: 0, rows: 1024, cols: 1024, pixels: new Uint8Array(0), labels: new Uint8Array(0) });
    expect(() => decodeMnistAsset(none, 'asset')).toThrow(/^asset: no images \(0 images of 1024×1024\)$/);
    const flat = encodeMnistAsset({ count: 2, rows: 28, cols: 0, pixels: new Uint8Array(0), labels: Uint8Array.from([1, 2]) });
    expect(() => decodeMnistAsset(flat, 'asset')).toThrow(/^asset: images of 28×0 pixels$/);
  });

  it('refuses a cut or damaged gzip stream with a plain Error naming the asset', async () => {
    const gz = new Uint8Array(gzipSync(asset)); // a copy: a Buffer's slice() would share the bytes
    for (const n of [2, 10, 20, gz.length >> 1, gz.length - 8, gz.length - 1]) {
      await expect(decodeMnistAssetAsync(gz.subarray(0, n)), `gzip cut to ${n}`).rejects.toSatisfy(
        (e: unknown) => e instanceof Error && e.constructor === Error && /^MNIST asset: corrupt or truncated gzip data/.test(e.message),
      );
    }
    const damaged = gz.slice();
    damaged[gz.length >> 1]! ^= 0xff;
    await expect(decodeMnistAssetAsync(damaged)).rejects.toThrow(/^MNIST asset: corrupt or truncated gzip data/);
    expect((await decodeMnistAssetAsync(gz)).n).toBe(COUNT);
  });
});
