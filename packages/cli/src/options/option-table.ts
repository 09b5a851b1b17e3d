/**
 * One table per command describes its options: the flag, the key, the parser and the
 * default. From the table we build the commander options (so the help text lists them)
 * and resolve the final values with the precedence flags > --config file > defaults.
 * Commander is given no defaults itself, so "was this flag given?" is just "is it set?".
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../errors.js';

/** A value that an option can take once parsed. */
export type OptionValue = string | number | boolean | readonly number[] | object;

export interface OptionDef {
  /** Commander flag syntax, e.g. '--lr <rate>' or '--json'. */
  readonly flags: string;
  readonly description: string;
  /** Parses a raw string (from the command line) or JSON value (from --config); absent for booleans. */
  readonly parse?: (raw: string | number) => OptionValue;
  /** Shown in help and used when neither flag nor config sets the option. */
  readonly defaultValue?: OptionValue;
  /** Text for the default in help when it is not the plain value (e.g. "depends on --loss"). */
  readonly defaultDescription?: string;
  /** Not settable from --config (e.g. --config itself, --help-only flags). */
  readonly cliOnly?: boolean;
}

/** The camelCase key commander stores an option under ('--batch-size <n>' → 'batchSize'). */
export function optionKey(def: OptionDef): string {
  const long = def.flags.split(/[ ,|]+/).find((part) => part.startsWith('--'));
  if (!long) throw new Error(`option '${def.flags}' has no long name`);
  return long
    .replace(/^--(no-)?/, '')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Adds every option in the table to the command. */
export function addOptions(command: Command, defs: readonly OptionDef[]): Command {
  for (const def of defs) {
    const option = new Option(def.flags, def.description);
    if (def.parse) {
      const parse = def.parse;
      option.argParser((raw: string) => parse(raw));
    }
    if (def.defaultValue !== undefined || def.defaultDescription !== undefined) {
      // Shown in help only: the value itself is applied by resolveOptions.
      const shown = def.defaultDescription ?? JSON.stringify(def.defaultValue);
      option.description = `${def.description} (default: ${shown})`;
    }
    command.addOption(option);
  }
  return command;
}

/**
 * The final option values: given flags, else the config file's value for the same key
 * (kebab-case or camelCase), else the default. Unknown config keys are a usage error.
 */
export function resolveOptions(
  commandName: string,
  defs: readonly OptionDef[],
  given: Record<string, unknown>,
  config: Record<string, unknown> | undefined,
  configPath?: string,
): Record<string, unknown> {
  const byKey = new Map(defs.map((def) => [optionKey(def), def]));
  const fromConfig = new Map<string, unknown>();
  for (const [rawKey, value] of Object.entries(config ?? {})) {
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const def = byKey.get(key);
    if (!def || def.cliOnly) {
      const known = defs.filter((d) => !d.cliOnly).map((d) => kebab(optionKey(d)));
      throw new UsageError(`${configPath ?? 'config'}: unknown key '${rawKey}' (known keys: ${known.join(', ')}).`, commandName);
    }
    fromConfig.set(key, value);
  }
  const result: Record<string, unknown> = {};
  for (const def of defs) {
    const key = optionKey(def);
    if (given[key] !== undefined) {
      result[key] = given[key];
    } else if (fromConfig.has(key)) {
      result[key] = parseConfigValue(commandName, def, key, fromConfig.get(key), configPath);
    } else if (def.defaultValue !== undefined) {
      result[key] = def.defaultValue;
    }
  }
  return result;
}

function parseConfigValue(command: string, def: OptionDef, key: string, value: unknown, configPath?: string): unknown {
  const where = `${configPath ?? 'config'}: '${kebab(key)}'`;
  if (!def.parse) {
    if (typeof value !== 'boolean') throw new UsageError(`${where} must be true or false, got ${JSON.stringify(value)}.`, command);
    return value;
  }
  if (Array.isArray(value) && key === 'layers') value = value.join(',');
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new UsageError(`${where} must be a string or number, got ${JSON.stringify(value)}.`, command);
  }
  try {
    return def.parse(value);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`${where}: ${error.message}`, command);
    throw error;
  }
}
