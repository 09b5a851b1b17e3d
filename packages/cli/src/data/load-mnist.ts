import { CliError } from '../errors.js';
import type { LoadOptions, RawDataset } from './load-raw-dataset.js';

export async function loadMnistSource(source: string, _options: LoadOptions): Promise<RawDataset> {
  throw new CliError(`data set '${source}' is not available in this build yet.`);
}
