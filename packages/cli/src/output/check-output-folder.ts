import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError } from '../errors.js';

/**
 * Refuses an output file whose folder does not exist, so that a command fails at once rather
 * than after minutes of training, when it finally writes the model, checkpoint or plot; and
 * refuses an existing folder as the file itself, which would fail the same way at the end.
 */
export function checkOutputFolder(path: string, option: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`${option} '${path}': the folder '${dirname(path)}' does not exist (create it first).`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`${option} '${path}' is a folder: give a file name inside it, e.g. '${join(path, defaultName(option, path))}'.`);
  }
}

/** A file name to suggest inside a folder given as --save / --plot / …: the option's kind of file. */
function defaultName(option: string, path: string): string {
  if (option === '--save' || option === '--checkpoint') return 'model.bpm';
  return /\.svg$/i.test(path) ? 'plot.svg' : 'plot.png';
}
