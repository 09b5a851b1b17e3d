/**
 * A --data value as a data source (core's `loadDataSource`: a built-in name, `mnist-idx:<dir>`,
 * or a CSV file), with its failures worded for the command line: a wrong name is a usage error
 * that speaks of flags, a file that cannot be read a runtime error that names it.
 */
import { ConfigError, findDataset, type DataSource } from '@backprop/core';
import { IDX_PREFIX, InputFileError, loadDataSource } from '@backprop/core/node';
import { CliError, UsageError } from '../errors.js';
import { flagOf } from '../options/config-flags.js';
import { inputLimitOverride } from './input-limits.js';

/** A data set with what the commands need to know about it. */
export type RawDataset = DataSource;

export interface LoadOptions {
  readonly target?: string;
  /** The command whose --help a usage error points at. */
  readonly command: string;
  /** Steps per sequence for the generated sequence sets (sine, adding, text). */
  readonly seqLen?: number;
  /** Seed of the generated sets. */
  readonly seed?: number;
  /** Rows of token ids from the sets that can give them (text), for a model with an embedding. */
  readonly tokens?: boolean;
}

export async function loadRawDataset(source: string, options: LoadOptions): Promise<RawDataset> {
  const maxBytes = inputLimitOverride();
  try {
    return await loadDataSource(source, {
      ...(options.target !== undefined ? { target: options.target } : {}),
      ...(options.seqLen !== undefined ? { seqLen: options.seqLen } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.tokens ? { tokens: true } : {}),
      ...(maxBytes !== undefined ? { maxBytes } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${error.format(flagOf)}${source.includes(':') ? '' : " ('backprop datasets' lists the built-in sets)"}.`, options.command);
    const message = (error as Error).message;
    // A device, a FIFO or an oversized file: the message names the file, its kind or size and the limit.
    if (error instanceof InputFileError) throw new CliError(`${message}.`, { cause: error });
    // A missing file or a folder is named by the message itself; a damaged one gets its kind in front.
    if (/ does not exist$| is a folder, not a file/.test(message)) throw new CliError(`${message}.`, { cause: error });
    const what = source.startsWith(IDX_PREFIX) ? `the IDX files in '${source.slice(IDX_PREFIX.length)}'` : findDataset(source) ? `the built-in data set '${source}'` : `CSV file '${source}'`;
    throw new CliError(`cannot read ${what}: ${message}`, { cause: error });
  }
}

/**
 * The generator settings (seed, sequence length) a run's config gives, so generated sets come out
 * as it trained on them, and token ids when it has an embedding (the rows its model reads).
 */
export function generatedDataOptions(config: Readonly<Record<string, unknown>>): { seed?: number; seqLen?: number; tokens?: boolean } {
  return {
    ...(typeof config['seed'] === 'number' ? { seed: config['seed'] } : {}),
    ...(typeof config['seqLen'] === 'number' ? { seqLen: config['seqLen'] } : {}),
    ...(typeof config['embedding'] === 'number' ? { tokens: true } : {}),
  };
}
