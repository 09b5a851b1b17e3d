/**
 * Turns a --data value into a data set: a built-in name (iris, mnist, and whatever core
 * registers), `mnist-idx:<dir>` (a folder holding the four standard MNIST/Fashion-MNIST IDX
 * files, plain or .gz; their own train/test split is used), or a path to a CSV file.
 */
import { findDataset, type Dataset } from '@backprop/core';
import { loadBuiltinDataset, loadCsv, loadIdxDir } from '@backprop/core/node';
import { existsSync, statSync } from 'node:fs';
import { CliError, UsageError } from '../errors.js';

/** A data set with what the CLI needs to know about it. */
export interface RawDataset {
  /** What the user asked for, e.g. 'iris' or 'data/wine.csv'. */
  readonly source: string;
  readonly data: Dataset;
  /** When the source comes with its own test set (IDX folders), that split. */
  readonly presplit?: { readonly train: Dataset; readonly test: Dataset };
  /** Classes (one-hot targets with class names) or real-valued targets. */
  readonly task: 'classification' | 'regression';
  /** Default preprocessing when --normalize is not given. */
  readonly defaultNormalize: 'standardize' | 'minmax' | 'none';
  /** Side of square image inputs (28 for MNIST), used by inspect and predict. */
  readonly imageSide?: number;
}

export interface LoadOptions {
  readonly target?: string;
  readonly command: string;
}

const IDX_PREFIX = 'mnist-idx:';

/** Square images: a side when inputSize is a perfect square ≥ 64 with pixels already in [0,1]. */
function imageSideOf(data: Dataset): number | undefined {
  const side = Math.round(Math.sqrt(data.inputSize));
  return side * side === data.inputSize && side >= 8 ? side : undefined;
}

export async function loadRawDataset(source: string, options: LoadOptions): Promise<RawDataset> {
  const entry = findDataset(source);
  if (entry) {
    if (entry.kind === 'sequence') {
      throw new UsageError(`data set '${source}' is a sequence set: train it with --model rnn, lstm or gru.`, options.command);
    }
    const data = await wrap(() => loadBuiltinDataset(source), `cannot load the built-in data set '${source}'`);
    const side = source === 'iris' ? undefined : imageSideOf(data);
    return {
      source,
      data,
      task: entry.kind === 'classification' ? 'classification' : 'regression',
      defaultNormalize: side ? 'none' : 'standardize',
      ...(side ? { imageSide: side } : {}),
    };
  }
  if (source.startsWith(IDX_PREFIX)) {
    const dir = source.slice(IDX_PREFIX.length);
    if (!dir) throw new UsageError(`--data ${IDX_PREFIX}<dir> needs a folder after the colon.`, options.command);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`IDX folder '${dir}' does not exist.`);
    const split = await wrap(() => loadIdxDir(dir), `cannot read the IDX files in '${dir}'`);
    const side = imageSideOf(split.train);
    return {
      source,
      data: split.train,
      presplit: split,
      task: 'classification',
      defaultNormalize: 'none',
      ...(side ? { imageSide: side } : {}),
    };
  }
  if (/\.(csv|txt|tsv)$/i.test(source) || existsSync(source)) {
    if (!existsSync(source)) throw new CliError(`data file '${source}' does not exist.`);
    const target = options.target === undefined ? undefined : /^-?\d+$/.test(options.target) ? Number(options.target) : options.target;
    const csv = await wrap(() => loadCsv(source, target === undefined ? {} : { target }), `cannot read CSV file '${source}'`);
    return { source, data: csv, task: csv.task, defaultNormalize: 'standardize' };
  }
  throw new UsageError(
    `unknown data set '${source}': use a built-in name ('backprop datasets' lists them), ${IDX_PREFIX}<dir>, or a path to a CSV file.`,
    options.command,
  );
}

async function wrap<T>(load: () => T | Promise<T>, what: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof CliError || error instanceof UsageError) throw error;
    throw new CliError(`${what}: ${(error as Error).message}`, { cause: error });
  }
}
