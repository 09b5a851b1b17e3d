import { readFileSync } from 'node:fs';
import { parseCsv, type CsvDataset, type CsvOptions } from '../../data/csv.js';

/**
 * Read a CSV file (UTF-8) into a data set; see {@link parseCsv} for header detection, target and task rules.
 * Errors name the file, the line and the column.
 * @param path a CSV file
 * @param options target column, task and the rest of `parseCsv`'s options
 * @throws an Error naming the file when it cannot be read, or the line and column of a bad cell
 */
export function loadCsv(path: string, options: CsvOptions = {}): CsvDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code === 'ENOENT' ? 'file not found' : (e as Error).message}`);
  }
  return parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { name: path, ...options });
}
