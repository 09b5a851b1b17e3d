import { existsSync, statSync } from 'node:fs';
import { CliError } from '../errors.js';

/**
 * Refuses a file argument that is missing or is a folder, with a line that names it and says
 * what to give instead (reading a folder would fail with Node's bare "EISDIR" message).
 * `what` names the argument ("model file"), `folderHint` what to give in its place.
 */
export function checkInputFile(path: string, what: string, folderHint: string): void {
  if (!existsSync(path)) throw new CliError(`${what} '${path}' does not exist.`);
  if (statSync(path).isDirectory()) throw new CliError(`${what} '${path}' is a folder, not a file: ${folderHint}.`);
}
