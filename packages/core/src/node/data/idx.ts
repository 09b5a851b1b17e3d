import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { IDX_IMAGES_MAGIC, idxToDataset, parseIdx, type IdxDatasetOptions } from '../../data/idx.js';
import type { TrainTestSplit } from '../../data/split.js';
import type { Dataset } from '../../model/types.js';

/** The four standard MNIST / Fashion-MNIST file names (each may also end in .gz). */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/**
 * Read one IDX file: `<dir>/<base>`, else `<dir>/<base>.gz` (gunzipped), else the same names with the
 * `-idx` dash written as a dot (`train-images.idx3-ubyte`), as some mirrors spell them.
 * @param dir the folder
 * @param base the file name without '.gz', e.g. 'train-images-idx3-ubyte'
 * @returns the path read and its (gunzipped) bytes
 * @throws an Error naming the path when no such file exists or its gzip data are corrupt
 */
export function readIdxFile(dir: string, base: string): { path: string; bytes: Uint8Array } {
  const bases = [base, base.replace(/-idx(\d)/, '.idx$1')];
  const candidates = bases.flatMap((b) => [join(dir, b), join(dir, `${b}.gz`)]);
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`IDX file not found: looked for ${candidates.join(', ')}`);
  const raw = readFileSync(path);
  if (!path.endsWith('.gz')) return { path, bytes: raw };
  try {
    return { path, bytes: gunzipSync(raw) };
  } catch (e) {
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

function readIdxPair(dir: string, imagesBase: string, labelsBase: string, options: IdxDatasetOptions): IdxPair {
  const images = readIdxFile(dir, imagesBase);
  const labels = readIdxFile(dir, labelsBase);
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
 * @throws naming the file for a missing, truncated or wrong file, or images and labels of different
 *   counts; naming both image files when the test images' shape (rows × cols) is not the training
 *   images' (14×56 test images beside 28×28 training images hold as many pixels, but not the same ones)
 */
export function loadIdxDir(dir: string, options: IdxDatasetOptions = {}): TrainTestSplit {
  const train = readIdxPair(dir, IDX_FILES.trainImages, IDX_FILES.trainLabels, options);
  const test = readIdxPair(dir, IDX_FILES.testImages, IDX_FILES.testLabels, options);
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new Error(
      `${test.imagesPath} holds images of ${test.rows}×${test.cols} pixels but ${train.imagesPath} holds images of ` +
        `${train.rows}×${train.cols}: test and training images must have the same shape (rows × cols)`,
    );
  }
  return { train: train.dataset, test: test.dataset };
}
