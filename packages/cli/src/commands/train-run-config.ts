/**
 * What `train` runs: core's TrainConfig, assembled from the flags, a --config file and the
 * config saved in a --resume checkpoint (flags > --config > checkpoint), plus the command
 * line's own settings (files to write, output: from the flags or the --config file only, never
 * from a checkpoint). Core's resolveConfig decides every default and
 * every refusal; nothing here repeats them.
 */
import { getBackend, type TrainConfig } from '@backprop/core';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, UsageError } from '../errors.js';
import { loadModelFile } from '../model-io/model-file.js';
import { readConfigFile } from '../options/config-file.js';
import { optionKey } from '../options/option-table.js';
import { CONFIG_FLAGS } from './train-options.js';

/** The command line's own settings of a run. */
export interface TrainCliSettings {
  readonly save?: string;
  readonly checkpoint?: string;
  readonly resume?: string;
  readonly plot?: string;
  readonly configPath?: string;
  readonly json: boolean;
  readonly quiet: boolean;
}

/** A run as the command line describes it. */
export interface TrainRun {
  readonly config: TrainConfig;
  readonly cli: TrainCliSettings;
}

/** Config-file keys that are the command line's settings rather than the TrainConfig's. */
const CLI_FILE_KEYS = ['save', 'checkpoint', 'resume', 'plot'] as const;
/** Keys of older files and flags: `hidden` is `units`; `standardize` is normalize standardize. */
const RENAMED: Record<string, string> = { hidden: 'units' };

const byFlagKey = new Map(CONFIG_FLAGS.map((def) => [optionKey(def), def]));
const byConfigKey = new Map(CONFIG_FLAGS.map((def) => [def.configKey, def]));

const camel = (key: string): string => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A --config file (or a checkpoint's saved config) as config-key → value. It may be written as
 * a TrainConfig (`optimizer: { name, lr }`) or with flag names (`lr`, `batch-size`,
 * `optimizer: "adam"`); values are checked with the flags' parsers.
 */
function flattenFile(file: Record<string, unknown>, where: string): { values: Map<string, unknown>; cli: Record<string, unknown> } {
  const values = new Map<string, unknown>();
  const cli: Record<string, unknown> = {};
  const set = (configKey: string, raw: unknown, shown: string): void => {
    const def = byConfigKey.get(configKey);
    if (!def?.parse) throw new UsageError(`${where}: unknown key '${shown}'.`, 'train');
    // Objects the parsers do not read (a schedule or early-stopping object, a list of layers that
    // may hold layer objects) go to core as they are: resolveConfig checks them.
    if (raw !== null && typeof raw === 'object' && (!Array.isArray(raw) || configKey === 'layers')) {
      values.set(configKey, raw);
      return;
    }
    // A yes/no key (optimizer.centered) reads true/false as its flag does.
    if (typeof raw === 'boolean') raw = String(raw);
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      throw new UsageError(`${where}: '${shown}' must be a string or number, got ${JSON.stringify(raw)}.`, 'train');
    }
    try {
      values.set(configKey, def.parse(raw));
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new UsageError(`${where}: '${shown}': ${error.message}`, 'train');
      throw error;
    }
  };
  for (const [rawKey, value] of Object.entries(file)) {
    if (value === undefined || value === null) continue;
    const key = RENAMED[camel(rawKey)] ?? camel(rawKey);
    if ((CLI_FILE_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw new UsageError(`${where}: '${rawKey}' must be a file name, got ${JSON.stringify(value)}.`, 'train');
      cli[key] = value;
    } else if (key === 'optimizer' && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) set(`optimizer.${camel(sub)}`, v, `optimizer.${sub}`);
    } else if (key === 'standardize') {
      if (value === true) values.set('normalize', 'standardize');
    } else {
      const def = byFlagKey.get(key);
      if (!def) {
        const known = [...CONFIG_FLAGS.map((d) => d.flags.split(' ')[0]!.slice(2)), ...CLI_FILE_KEYS];
        throw new UsageError(`${where}: unknown key '${rawKey}' (known keys: ${known.join(', ')}).`, 'train');
      }
      set(def.configKey, value, rawKey);
    }
  }
  return { values, cli };
}

/** The config a checkpoint was trained with (only its metadata is read, on the TS backend). */
async function savedConfig(path: string): Promise<Record<string, unknown>> {
  const { metadata } = await loadModelFile(path, await getBackend('ts'));
  if (!metadata.config) throw new CliError(`checkpoint '${path}' records no training options.`);
  return metadata.config;
}

/** The nested TrainConfig of config-key → value. */
function toTrainConfig(values: Map<string, unknown>): TrainConfig {
  const config: Record<string, unknown> = {};
  for (const [key, value] of values) {
    const [head, sub] = key.split('.') as [string, string | undefined];
    if (sub) config[head] = { ...(config[head] as object | undefined), [sub]: value };
    else config[head] = value;
  }
  return config as TrainConfig;
}

/** Flags > --config file > the config saved in the --resume checkpoint. */
export async function trainRunFrom(command: Command): Promise<TrainRun> {
  const given = command.opts<Record<string, unknown>>();
  if (given['scale'] !== undefined) {
    throw new UsageError("--scale is gone: min-max scaling is '--normalize minmax' (core's 'scale' transform multiplies by a fixed factor).", 'train');
  }
  const configPath = given['config'] as string | undefined;
  const file = configPath ? flattenFile(readConfigFile(configPath, 'train'), configPath) : undefined;
  const resume = (given['resume'] ?? file?.cli['resume']) as string | undefined;
  const saved = resume ? flattenFile(await savedConfig(resume), `checkpoint '${resume}'`) : undefined;

  const flags = new Map<string, unknown>();
  for (const def of CONFIG_FLAGS) {
    const value = given[optionKey(def)];
    if (value !== undefined) flags.set(def.configKey, value);
  }
  if (given['hidden'] !== undefined) {
    if (flags.has('units')) throw new UsageError('give --units or its older name --hidden, not both.', 'train');
    flags.set('units', given['hidden']);
  }
  if (given['standardize']) {
    const normalize = flags.get('normalize');
    if (normalize !== undefined && normalize !== 'standardize') throw new UsageError(`--standardize contradicts --normalize ${String(normalize)}.`, 'train');
    flags.set('normalize', 'standardize');
  }
  const values = new Map([...(saved?.values ?? []), ...(file?.values ?? []), ...flags]);
  // Files to write come only from the command line or the --config file the user named, never
  // from the checkpoint: a checkpoint from elsewhere must not choose which files get replaced.
  const cliValue = (key: string): string | undefined => (given[key] ?? file?.cli[key]) as string | undefined;
  const save = cliValue('save');
  const plot = cliValue('plot');
  const checkpoint = cliValue('checkpoint');
  for (const [flag, value] of [['--save', save], ['--plot', plot], ['--checkpoint', checkpoint], ['--resume', resume]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag}: the file name is empty.`, 'train');
  }
  return {
    config: toTrainConfig(values),
    cli: {
      ...(save ? { save } : {}),
      ...(typeof checkpoint === 'string' ? { checkpoint } : {}),
      ...(resume ? { resume } : {}),
      ...(typeof plot === 'string' ? { plot } : {}),
      ...(configPath ? { configPath } : {}),
      json: Boolean(given['json']),
      quiet: Boolean(given['quiet']),
    },
  };
}

/** Where checkpoints go: --checkpoint, else next to --save (`model.checkpoint.bpm`), else checkpoint.bpm. */
export function checkpointPath(cli: Pick<TrainCliSettings, 'checkpoint' | 'save'>): string {
  if (cli.checkpoint) return cli.checkpoint;
  if (cli.save) return cli.save.replace(/(\.bpm)?$/i, '.checkpoint.bpm');
  return 'checkpoint.bpm';
}
