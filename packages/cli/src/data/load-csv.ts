import { CliError } from '../errors.js';
import type { LoadOptions, RawDataset } from './load-raw-dataset.js';

export async function loadCsvSource(source: string, _options: LoadOptions): Promise<RawDataset> {
  throw new CliError(`CSV data ('${source}') is not available in this build yet.`);
}
