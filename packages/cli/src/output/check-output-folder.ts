import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from '../errors.js';

/**
 * Refuses an output file whose folder does not exist, so that a command fails at once rather
 * than after minutes of training, when it finally writes the model, checkpoint or plot.
 */
export function checkOutputFolder(path: string, option: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`${option} '${path}': the folder '${dirname(path)}' does not exist (create it first).`);
  }
}
