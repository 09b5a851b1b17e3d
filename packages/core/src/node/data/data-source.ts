/**
 * loadDataSource: what a TrainConfig's `data` names, read in Node — a built-in set (shipped
 * assets read from disk), `mnist-idx:<dir>` (a folder of the four standard MNIST / Fashion-MNIST
 * IDX files, plain or .gz, with their own train/test split), or a CSV file (`target` picks the
 * target column).
 */
import { existsSync, statSync } from 'node:fs';
import { findDataset } from '../../data/registry.js';
import { dataSource, imageFacts, loadData, type DataSource } from '../../run/data-source.js';
import { ConfigError } from '../../util/config-error.js';
import { nodeAssetContext } from './builtin.js';
import { loadCsv } from './csv.js';
import { loadIdxDir } from './idx.js';
import { checkInputFile, INPUT_FILE_LIMITS } from '../input-file.js';

/** The prefix of an IDX folder in `data`. */
export const IDX_PREFIX = 'mnist-idx:';

/** Options of loadDataSource: the config keys that shape the data. */
export interface LoadDataSourceOptions {
  /** CSV: the target column, by name or 0-based index (default: the last). */
  readonly target?: string | number;
  /** Generated sequence sets: steps per row. */
  readonly seqLen?: number;
  /** Generated sets: their seed. */
  readonly seed?: number;
  /** Sets that can give them (text): rows of token ids, for `embedding`. */
  readonly tokens?: boolean;
  /** The largest CSV file or IDX file read, in bytes (defaults: `INPUT_FILE_LIMITS.csv` and `.idx`). */
  readonly maxBytes?: number;
}

/**
 * Read the data a config names.
 * @throws ConfigError naming `data` for a name that is neither a built-in set, an IDX folder nor a
 *   file; an Error naming the file or folder when it is missing, a folder, or damaged; InputFileError
 *   for a file that is no regular file (a device, a FIFO) or over `INPUT_FILE_LIMITS.csv`
 */
export async function loadDataSource(name: string, options: LoadDataSourceOptions = {}): Promise<DataSource> {
  if (findDataset(name)) {
    return loadData(name, {
      assets: nodeAssetContext,
      ...(options.seqLen !== undefined ? { seqLen: options.seqLen } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.tokens ? { tokens: true } : {}),
    });
  }
  if (name.startsWith(IDX_PREFIX)) {
    const dir = name.slice(IDX_PREFIX.length);
    if (!dir) throw new ConfigError(`{data} ${IDX_PREFIX}<dir> needs a folder after the colon`, ['data']);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`IDX folder '${dir}' does not exist`);
    const split = loadIdxDir(dir, {}, options.maxBytes);
    return { ...dataSource(split.train, name, { task: 'classification', normalize: 'none', ...imageFacts(split.imageShape) }), test: split.test };
  }
  if (/\.(csv|txt|tsv)$/i.test(name) || existsSync(name)) {
    if (!existsSync(name)) throw new Error(`data file '${name}' does not exist`);
    if (statSync(name).isDirectory()) {
      throw new Error(`data file '${name}' is a folder, not a file: give a CSV file, or for a folder of MNIST IDX files ${IDX_PREFIX}${name}`);
    }
    // A device or FIFO (`/dev/zero`) would be read without end: refused by name, as is a file over the CSV limit.
    checkInputFile(name, 'data file', options.maxBytes ?? INPUT_FILE_LIMITS.csv);
    const target = typeof options.target === 'string' && /^-?\d+$/.test(options.target) ? Number(options.target) : options.target;
    const csv = loadCsv(name, { ...(target === undefined ? {} : { target }), ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) });
    return dataSource(csv, name, { task: csv.task, normalize: 'standardize' });
  }
  throw new ConfigError(`{data}: unknown data set '${name}': use a built-in name, ${IDX_PREFIX}<dir>, or a path to a CSV file`, ['data']);
}
