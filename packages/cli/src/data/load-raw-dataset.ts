/**
 * Turns a --data value into a data set: a built-in name (iris, mnist, and whatever core
 * registers), `mnist-idx:<dir>` (a folder holding the four standard MNIST/Fashion-MNIST IDX
 * files, plain or .gz; their own train/test split is used), or a path to a CSV file.
 */
import { addingProblem, characterText, findDataset, sineWaves, type Dataset } from '@backprop/core';
import { loadBuiltinDataset, loadCsv, loadIdxDir } from '@backprop/core/node';
import { existsSync, statSync } from 'node:fs';
import { CliError, UsageError } from '../errors.js';
import { checkInputFile } from './check-input-file.js';

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
  /** For sequence sets: steps per row (inputSize = seqLen · features). */
  readonly seqLen?: number;
}

export interface LoadOptions {
  readonly target?: string;
  readonly command: string;
  /** Steps per sequence for the generated sequence sets (sine, adding, text). */
  readonly seqLen?: number;
  /** Seed of the generated sequence sets. */
  readonly seed?: number;
}

/**
 * The generated sequence sets at the requested length. Each row is one whole sequence,
 * time-major (see core's recurrent layers); `seed` fixes the generated rows.
 */
function sequenceSet(name: string, seqLen: number | undefined, seed: number): { data: Dataset; task: 'classification' | 'regression'; seqLen: number } | undefined {
  switch (name) {
    case 'sine': {
      const T = seqLen ?? 50;
      return { data: sineWaves({ n: 1000, seqLen: T, seed }), task: 'regression', seqLen: T };
    }
    case 'adding': {
      const T = seqLen ?? 50;
      return { data: addingProblem({ n: 2000, seqLen: T, seed }), task: 'regression', seqLen: T };
    }
    case 'text': {
      const T = seqLen ?? 32;
      return { data: characterText({ seqLen: T, stride: 3 }), task: 'classification', seqLen: T };
    }
    default:
      return undefined;
  }
}

const IDX_PREFIX = 'mnist-idx:';

/** Square images: a side when inputSize is a perfect square ≥ 64 with pixels already in [0,1]. */
function imageSideOf(data: Dataset): number | undefined {
  const side = Math.round(Math.sqrt(data.inputSize));
  return side * side === data.inputSize && side >= 8 ? side : undefined;
}

export async function loadRawDataset(source: string, options: LoadOptions): Promise<RawDataset> {
  const entry = findDataset(source);
  const sequences = entry?.kind === 'sequence' ? sequenceSet(source, options.seqLen, options.seed ?? 1) : undefined;
  if (sequences) return { source, ...sequences, defaultNormalize: 'none' };
  if (entry) {
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
    checkInputFile(source, 'data file', `give a CSV file, or for a folder of MNIST IDX files --data ${IDX_PREFIX}${source}`);
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

/** The generator settings (seed, sequence length) a model's saved config used, so generated sets come out the same. */
export function generatedDataOptions(config: Record<string, unknown>): { seed?: number; seqLen?: number } {
  return {
    ...(typeof config['seed'] === 'number' ? { seed: config['seed'] } : {}),
    ...(typeof config['seqLen'] === 'number' ? { seqLen: config['seqLen'] } : {}),
  };
}
