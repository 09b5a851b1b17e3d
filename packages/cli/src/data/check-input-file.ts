import { existsSync, statSync } from 'node:fs';
import { checkInputFile as checkRegularFile, InputFileError } from '@backprop/core/node';
import { CliError } from '../errors.js';

/**
 * Refuses a file argument that is missing, a folder, no regular file (a device such as /dev/zero, a
 * FIFO, a socket: reading one would not end, or would wait for a writer) or larger than `maxBytes`,
 * with a line that names it and says what to give instead. Only `stat`s the path: never blocks.
 * `what` names the argument ("model file"), `folderHint` what to give in its place.
 */
export function checkInputFile(path: string, what: string, folderHint: string, maxBytes: number): void {
  if (!existsSync(path)) throw new CliError(`${what} '${path}' does not exist.`);
  if (statSync(path).isDirectory()) throw new CliError(`${what} '${path}' is a folder, not a file: ${folderHint}.`);
  try {
    checkRegularFile(path, what, maxBytes);
  } catch (error) {
    if (error instanceof InputFileError) throw new CliError(`${error.message}.`, { cause: error });
    throw error;
  }
}
