/**
 * The flags of `backprop train`, made from core's table of TrainConfig keys: each key is a flag
 * named after its last segment in kebab case (`batchSize` → `--batch-size`, `optimizer.lr` →
 * `--lr`, `optimizer.name` → `--optimizer`), so the flags and the config are one vocabulary.
 * Then the flags that are the command line's own (files to write, output). Outside tools rely on
 * these flag names.
 */
import { ConfigError, parseLayerTokens, TRAIN_CONFIG_KEYS, type ConfigKey } from '@backprop/core';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { flagOf } from '../options/config-flags.js';
import { outputOptions } from '../options/common-options.js';
import type { OptionDef, OptionValue } from '../options/option-table.js';
import { parseChoice, parseFraction, parseInteger, parseNumber, parseSchedule } from '../options/parse-values.js';

/** The value placeholder each config flag shows in help. */
const PLACEHOLDER: Record<string, string> = {
  data: '<set>',
  target: '<column>',
  model: '<kind>',
  layers: '<layers>',
  embedding: '<dim>',
  activation: '<name>',
  outputActivation: '<name>',
  loss: '<name>',
  'optimizer.name': '<name>',
  'optimizer.lr': '<rate>',
  'optimizer.momentum': '<mu>',
  'optimizer.weightDecay': '<lambda>',
  'optimizer.l1': '<lambda>',
  'optimizer.beta1': '<beta>',
  'optimizer.beta2': '<beta>',
  'optimizer.eps': '<epsilon>',
  'optimizer.alpha': '<alpha>',
  'optimizer.momentumDecay': '<psi>',
  'optimizer.centered': '<true|false>',
  'optimizer.lrDecay': '<rate>',
  'optimizer.initialAccumulatorValue': '<value>',
  dropout: '<rate>',
  schedule: '<spec>',
  testSplit: '<fraction>',
  validationSplit: '<fraction>',
  earlyStopping: '<patience>',
  clipNorm: '<value>',
  normalize: '<kind>',
  backend: '<name>',
};

/** Spellings kept for outside tools: `--model rbp` is the fixed-point network. */
const MODEL_ALIASES: Record<string, string> = { rbp: 'fixed-point' };

/** The parser of a key's flag value (also applied to the same key read from a --config file). */
export function parserFor(row: ConfigKey): (raw: string | number) => OptionValue {
  const v = row.value;
  switch (v.type) {
    case 'integer':
      return (raw) => parseInteger(raw, v.min, v.max);
    case 'number':
      return (raw) => parseNumber(raw, { min: v.min, ...(v.exclusiveMin ? { minExclusive: true } : {}) });
    case 'fraction':
      return parseFraction;
    case 'boolean':
      return (raw) => {
        const text = String(raw).trim();
        if (text !== 'true' && text !== 'false') throw new Error(`expected true or false, got '${text}'`);
        return text === 'true';
      };
    case 'choice':
      return row.key === 'model' ? (raw) => parseChoice(MODEL_ALIASES[String(raw).trim()] ?? raw, v.choices) : (raw) => parseChoice(raw, v.choices);
    case 'layers':
      // Core reads the tokens (the same grammar for flags, config files and the web demo).
      return (raw) => {
        try {
          return parseLayerTokens(String(raw));
        } catch (error) {
          if (error instanceof ConfigError) throw new InvalidArgumentError(`${error.format(flagOf)}.`);
          throw error;
        }
      };
    case 'schedule':
      return parseSchedule;
    case 'early-stopping':
      return (raw) => parseInteger(raw, 1);
    case 'string':
    case 'data':
      return (raw) => String(raw);
  }
}

/** One config key as a flag. */
export interface ConfigFlag extends OptionDef {
  /** The TrainConfig key path it sets. */
  readonly configKey: string;
}

export const CONFIG_FLAGS: readonly ConfigFlag[] = TRAIN_CONFIG_KEYS.map((row) => {
  let description = row.description;
  if (row.key === 'model') description += '; rbp = fixed-point';
  return {
    flags: `${flagOf(row.key)} ${PLACEHOLDER[row.key] ?? '<n>'}`,
    description,
    parse: parserFor(row),
    configKey: row.key,
    ...(row.defaultText ? { defaultDescription: row.defaultText } : {}),
  };
});

/** Flags of the command line's own: where files go, and how output looks. */
export const CLI_TRAIN_OPTIONS: readonly OptionDef[] = [
  { flags: '--config <file.json>', description: 'read the run from a JSON file: a TrainConfig (flag names work as keys too; flags win)', cliOnly: true },
  { flags: '--standardize', description: 'same as --normalize standardize' },
  { flags: '--save <file.bpm>', description: 'save the trained model (atomic write)', parse: (raw) => String(raw) },
  { flags: '--checkpoint <file.bpm>', description: 'checkpoint file', parse: (raw) => String(raw), defaultDescription: '<save>.checkpoint.bpm or checkpoint.bpm' },
  { flags: '--resume <file.bpm>', description: 'continue training from a checkpoint exactly where it stopped', parse: (raw) => String(raw) },
  { flags: '--plot <file.svg|file.png>', description: 'write the loss and accuracy curves', parse: (raw) => String(raw) },
  ...outputOptions,
];

/** Every flag of `train`, in help order. */
export const TRAIN_OPTIONS: readonly OptionDef[] = [CLI_TRAIN_OPTIONS[0] as OptionDef, ...CONFIG_FLAGS, ...CLI_TRAIN_OPTIONS.slice(1)];

/** Spellings that are not in help: `--hidden` (now `--units`) and `--scale` (refused with its new name). */
export function addHiddenTrainOptions(command: Command): void {
  command.addOption(new Option('--hidden <n>').hideHelp().argParser((raw: string) => parseInteger(raw, 1, 1 << 20)));
  command.addOption(new Option('--scale').hideHelp());
}
