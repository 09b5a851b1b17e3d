import { checkOutputPath } from '@backprop/core/node';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError, UsageError } from '../errors.js';

/**
 * Refuses an output file that cannot be written, so that a command fails at once rather than
 * after minutes of training, when it finally writes the model, checkpoint or plot: an empty name,
 * a folder that does not exist, an existing folder as the file itself, and whatever core's
 * writeFileAtomic would refuse (a symbolic link, a hard link, a FIFO, a device: output files are
 * only ever new names or regular files) or fail to create (no permission, a read-only or pseudo
 * file system such as /proc, a name too long).
 */
export function checkOutputFolder(path: string, option: string, command?: string): void {
  if (path.trim() === '') throw new UsageError(`${option}: the file name is empty.`, command);
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`${option} '${path}': the folder '${dirname(path)}' does not exist (create it first).`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`${option} '${path}' is a folder: give a file name inside it, e.g. '${join(path, defaultName(option, path))}'.`);
  }
  try {
    checkOutputPath(path);
  } catch (error) {
    const message = (error as Error).message;
    throw new CliError(message.includes(`'${path}'`) ? `${option}: ${message}.` : `${option} '${path}': ${message}.`, { cause: error });
  }
}

/** A file name to suggest inside a folder given as --save / --plot / …: the option's kind of file. */
function defaultName(option: string, path: string): string {
  if (option === '--save' || option === '--checkpoint') return 'model.bpm';
  return /\.svg$/i.test(path) ? 'plot.svg' : 'plot.png';
}
