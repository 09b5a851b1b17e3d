/**
 * `--config run.json`: a JSON object with the same keys as the flags (kebab-case or
 * camelCase), so that a run can be kept and repeated. Flags given on the command line win.
 */
import { readFileSync } from 'node:fs';
import { checkInputFile } from '../data/check-input-file.js';
import { CliError, UsageError } from '../errors.js';

/** Reads and checks a config file: it must be one JSON object. */
export function readConfigFile(path: string, command: string): Record<string, unknown> {
  checkInputFile(path, 'config file', 'give the JSON file of options');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read config file '${path}': ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file '${path}' is not valid JSON: ${(error as Error).message}`, command);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`config file '${path}' must hold one JSON object of option names to values.`, command);
  }
  return value as Record<string, unknown>;
}
