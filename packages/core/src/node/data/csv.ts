import { parseCsv, type CsvDataset, type CsvOptions } from '../../data/csv.js';
import { INPUT_FILE_LIMITS, InputFileError, readInputFile } from '../input-file.js';

/** Options of {@link loadCsv}: `parseCsv`'s, and the largest file read. */
export interface LoadCsvOptions extends CsvOptions {
  /** The largest file read, in bytes (default `INPUT_FILE_LIMITS.csv`, 256 MiB). */
  readonly maxBytes?: number;
}

/**
 * Read a CSV file (UTF-8) into a data set; see {@link parseCsv} for header detection, target and task rules.
 * Errors name the file, the line and the column.
 * @param path a CSV file
 * @param options target column, task and the rest of `parseCsv`'s options; `maxBytes`, the largest file read
 * @throws an Error naming the file when it cannot be read; InputFileError when it is not a regular
 *   file (a device, a FIFO) or larger than `maxBytes`; the line and column of a bad cell
 */
export function loadCsv(path: string, options: LoadCsvOptions = {}): CsvDataset {
  const { maxBytes = INPUT_FILE_LIMITS.csv, ...csvOptions } = options;
  let text: string;
  try {
    text = readInputFile(path, 'CSV file', maxBytes).toString('utf8');
  } catch (e) {
    if (e instanceof InputFileError && e.code !== 'ENOENT') throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code === 'ENOENT' ? 'file not found' : (e as Error).message}`);
  }
  return parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { name: path, ...csvOptions });
}
