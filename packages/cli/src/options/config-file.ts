/**
 * `--config run.json`: a JSON object with the same keys as the flags (kebab-case or
 * camelCase), so that a run can be kept and repeated. Flags given on the command line win.
 */
import { jsonDepth, MAX_JSON_DEPTH, readInputFile } from '@backprop/core/node';
import { inputLimit } from '../data/input-limits.js';
import { checkInputFile } from '../data/check-input-file.js';
import { CliError, UsageError } from '../errors.js';

/** Reads and checks a config file: it must be one JSON object. */
export function readConfigFile(path: string, command: string): Record<string, unknown> {
  checkInputFile(path, 'config file', 'give the JSON file of options', inputLimit('config'));
  let text: string;
  try {
    text = readInputFile(path, 'config file', inputLimit('config')).toString('utf8');
  } catch (error) {
    throw new CliError(`cannot read config file '${path}': ${(error as Error).message}`);
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new UsageError(`config file '${path}' nests ${depth} levels deep, over the ${MAX_JSON_DEPTH}-level limit for JSON.`, command);
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
