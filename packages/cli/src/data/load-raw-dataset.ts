/**
 * Turns a --data value into a data set: a built-in name (iris, mnist, ...), `mnist-idx:<dir>`
 * (a folder holding the four standard MNIST/Fashion-MNIST IDX files), or a path to a CSV file.
 */
import { loadIris, type Dataset } from '@backprop/core';
import { existsSync } from 'node:fs';
import { CliError, UsageError } from '../errors.js';

/** A data set with what the CLI needs to know about it. */
export interface RawDataset {
  /** What the user asked for, e.g. 'iris' or 'data/wine.csv'. */
  readonly source: string;
  readonly data: Dataset;
  /** Classes (one-hot targets with class names) or real-valued targets. */
  readonly task: 'classification' | 'regression';
  /** Default preprocessing when --normalize is not given. */
  readonly defaultNormalize: 'standardize' | 'minmax' | 'none';
  /** Image side for image data (28 for MNIST), used by inspect and predict. */
  readonly imageSide?: number;
}

/** The built-in feed-forward sets (recurrent sets are handled by the sequence path). */
export const FEEDFORWARD_SETS = ['iris', 'mnist'] as const;

export interface LoadOptions {
  readonly target?: string;
  readonly command: string;
}

export async function loadRawDataset(source: string, options: LoadOptions): Promise<RawDataset> {
  if (source === 'iris') {
    return { source, data: loadIris(), task: 'classification', defaultNormalize: 'standardize' };
  }
  if (source === 'mnist' || source.startsWith('mnist-idx:')) {
    const mnist = await import('./load-mnist.js');
    return mnist.loadMnistSource(source, options);
  }
  if (/\.csv$/i.test(source) || existsSync(source)) {
    if (!existsSync(source)) throw new CliError(`data file '${source}' does not exist.`);
    const csv = await import('./load-csv.js');
    return csv.loadCsvSource(source, options);
  }
  throw new UsageError(
    `unknown data set '${source}': use iris, mnist, mnist-idx:<dir>, sine, adding, text, xor, or a path to a CSV file ('backprop datasets' lists them).`,
    options.command,
  );
}
