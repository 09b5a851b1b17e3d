import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { IDX_IMAGES_MAGIC, idxToDataset, parseIdx, type IdxDatasetOptions } from '../../data/idx.js';
import type { ImageShape } from '../../data/registry.js';
import type { TrainTestSplit } from '../../data/split.js';
import type { Dataset } from '../../model/types.js';
import { INPUT_FILE_LIMITS, readInputFile } from '../input-file.js';

/** The four standard MNIST / Fashion-MNIST file names (each may also end in .gz). */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Compressed bytes inflated to read an IDX header (at most a thousandfold, 1 MiB, comes out). */
const HEADER_PROBE_BYTES = 1024;

/**
 * The size an IDX file declares in its header (4 + 4·d header bytes + the product of its d
 * dimensions), or undefined when the bytes are too short or no IDX header.
 */
function declaredIdxBytes(head: Uint8Array): number | undefined {
  if (head.length < 4 || head[0] !== 0 || head[1] !== 0 || head[3] === 0) return undefined;
  const ndims = head[3] as number;
  const headerBytes = 4 + 4 * ndims;
  if (head.length < headerBytes) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let elements = 1;
  for (let i = 0; i < ndims; i++) elements *= view.getUint32(4 + 4 * i, false);
  return headerBytes + elements;
}

/**
 * Gunzip an IDX file with an output limit: the size its header declares (read from the first
 * inflated bytes), so that a gzip bomb stops there instead of filling memory; at most `maxBytes`.
 */
function gunzipIdx(path: string, raw: Uint8Array, maxBytes: number): Uint8Array {
  // Z_SYNC_FLUSH: inflate a prefix of the stream without calling it truncated.
  const head = gunzipSync(raw.subarray(0, HEADER_PROBE_BYTES), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const declared = declaredIdxBytes(head);
  if (declared !== undefined && declared > maxBytes) {
    throw new Error(`${path}: the IDX header declares ${declared} bytes, over the ${maxBytes}-byte limit for an IDX file`);
  }
  const limit = declared ?? maxBytes;
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (e) {
    if (e instanceof RangeError) {
      throw new Error(`${path}: gzip data inflate to more than ${limit} bytes, ${declared === undefined ? 'the limit for an IDX file' : 'the size its IDX header declares'}`);
    }
    throw e;
  }
}

/**
 * Read one IDX file: `<dir>/<base>`, else `<dir>/<base>.gz` (gunzipped), else the same names with the
 * `-idx` dash written as a dot (`train-images.idx3-ubyte`), as some mirrors spell them.
 * A file over `maxBytes`, or gzip data inflating past the size the IDX header declares (or past
 * `maxBytes`), is refused before it fills memory.
 * @param dir the folder
 * @param base the file name without '.gz', e.g. 'train-images-idx3-ubyte'
 * @param maxBytes the largest file, compressed or inflated (default `INPUT_FILE_LIMITS.idx`, 1 GiB)
 * @returns the path read and its (gunzipped) bytes
 * @throws an Error naming the path when no such file exists, it is no regular file or too large, or
 *   its gzip data are corrupt or inflate too far
 */
export function readIdxFile(dir: string, base: string, maxBytes: number = INPUT_FILE_LIMITS.idx): { path: string; bytes: Uint8Array } {
  const bases = [base, base.replace(/-idx(\d)/, '.idx$1')];
  const candidates = bases.flatMap((b) => [join(dir, b), join(dir, `${b}.gz`)]);
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`IDX file not found: looked for ${candidates.join(', ')}`);
  const raw = readInputFile(path, 'IDX file', maxBytes);
  if (!path.endsWith('.gz')) return { path, bytes: raw };
  try {
    return { path, bytes: gunzipIdx(path, raw, maxBytes) };
  } catch (e) {
    if ((e as Error).message.startsWith(`${path}: `)) throw e;
    throw new Error(`${path}: corrupt or truncated gzip data (${(e as Error).message})`);
  }
}

/**
 * Read an images/labels pair from a folder into a data set (pixels / 255, one-hot labels).
 * @param dir the folder
 * @param imagesBase the image file's name (see `readIdxFile` for the spellings accepted)
 * @param labelsBase the label file's name
 * @param options class names (default the digits)
 * @throws naming the file for a missing, truncated or wrong file, or images and labels of different
 *   counts
 */
export function loadIdxPair(dir: string, imagesBase: string, labelsBase: string, options: IdxDatasetOptions = {}): Dataset {
  return readIdxPair(dir, imagesBase, labelsBase, options).dataset;
}

/** A data set read from an images/labels pair, with the image file's path and its image shape. */
interface IdxPair {
  dataset: Dataset;
  imagesPath: string;
  rows: number;
  cols: number;
}

function readIdxPair(dir: string, imagesBase: string, labelsBase: string, options: IdxDatasetOptions, maxBytes?: number): IdxPair {
  const images = readIdxFile(dir, imagesBase, maxBytes);
  const labels = readIdxFile(dir, labelsBase, maxBytes);
  const dataset = idxToDataset(images.bytes, labels.bytes, { images: images.path, labels: labels.path }, options);
  // Parsed again only for the header (a view, no copy): idxToDataset has checked it already.
  const [, rows, cols] = parseIdx(images.bytes, images.path, IDX_IMAGES_MAGIC).dims as [number, number, number];
  return { dataset, imagesPath: images.path, rows, cols };
}

/**
 * Load a folder holding the four standard IDX files (MNIST, Fashion-MNIST, …), plain or `.gz`:
 * train = train-images/train-labels, test = t10k-images/t10k-labels. Pass `classNames` for sets whose
 * classes are not the digits (e.g. Fashion-MNIST's 'T-shirt/top', 'Trouser', …).
 * @param dir the folder holding the four files
 * @param options class names (default '0'…'9')
 * @param maxBytes the largest IDX file, compressed or inflated (default `INPUT_FILE_LIMITS.idx`, 1 GiB)
 * @returns the two parts and the images' shape `[1, rows, cols]` from the IDX header
 * @throws naming the file for a missing, truncated or wrong file, or images and labels of different
 *   counts; naming both image files when the test images' shape (rows × cols) is not the training
 *   images' (14×56 test images beside 28×28 training images hold as many pixels, but not the same ones)
 */
export function loadIdxDir(dir: string, options: IdxDatasetOptions = {}, maxBytes?: number): TrainTestSplit & { readonly imageShape: ImageShape } {
  const train = readIdxPair(dir, IDX_FILES.trainImages, IDX_FILES.trainLabels, options, maxBytes);
  const test = readIdxPair(dir, IDX_FILES.testImages, IDX_FILES.testLabels, options, maxBytes);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new Error(
      `${test.imagesPath} holds images of ${test.rows}×${test.cols} pixels but ${train.imagesPath} holds images of ` +
        `${train.rows}×${train.cols}: test and training images must have the same shape (rows × cols)`,
    );
  }
  return { train: train.dataset, test: test.dataset, imageShape: [1, train.rows, train.cols] };
}
