/**
 * Turns the parsed flags and --config values into one TrainOptions, applying the defaults
 * that depend on other options and refusing combinations that cannot work.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readConfigFile } from '../options/config-file.js';
import { resolveOptions } from '../options/option-table.js';
import { TRAIN_OPTIONS, type TrainOptions } from './train-options.js';
import { CliError } from '../errors.js';
import { loadModelFile } from '../model-io/model-file.js';
import { getBackend } from '@backprop/core';

/** The options a checkpoint was trained with (read with the TS backend: only the metadata is needed). */
async function savedConfig(path: string): Promise<Record<string, unknown>> {
  const { metadata } = await loadModelFile(path, await getBackend('ts'));
  if (!metadata.config) throw new CliError(`checkpoint '${path}' records no training options.`);
  const { save: _s, ...rest } = metadata.config;
  return { ...rest, ...(typeof _s === 'string' ? { save: _s } : {}) };
}

/**
 * Precedence: flags > --config file > the config saved in the --resume checkpoint > defaults.
 * So `train --resume ckpt.bpm` alone continues the run exactly as it was set up.
 */
export async function resolveTrainOptions(command: Command): Promise<TrainOptions> {
  const given = command.opts<Record<string, unknown>>();
  const configPath = given['config'] as string | undefined;
  const fileConfig = configPath ? readConfigFile(configPath, 'train') : undefined;
  const resumePath = (given['resume'] ?? fileConfig?.['resume']) as string | undefined;
  const config = resumePath ? { ...(await savedConfig(resumePath)), ...fileConfig } : fileConfig;
  const resolved = resolveOptions('train', TRAIN_OPTIONS, given, config, configPath) as unknown as TrainOptions;
  if (configPath) resolved.config = configPath;
  const options: TrainOptions = { ...resolved };
  const recurrent = ['rnn', 'lstm', 'gru'].includes(options.model);
  if (options.epochs === undefined) options.epochs = options.model === 'rbp' ? 2000 : recurrent ? 30 : 100;
  if (options.optimizer === undefined) options.optimizer = recurrent ? 'adam' : 'sgd';
  if (options.clipNorm === undefined && recurrent) options.clipNorm = 1;
  // --lr's default waits for the loss, which may depend on the data set (see defaultLr).

  const normalizeFlags = [options.standardize && 'standardize', options.scale && 'minmax'].filter(Boolean);
  if (normalizeFlags.length > 1) throw new UsageError('give either --standardize or --scale, not both.', 'train');
  if (normalizeFlags.length === 1) {
    const kind = normalizeFlags[0] as 'standardize' | 'minmax';
    if (given['normalize'] !== undefined && given['normalize'] !== kind) {
      throw new UsageError(`--${kind === 'standardize' ? 'standardize' : 'scale'} contradicts --normalize ${String(given['normalize'])}.`, 'train');
    }
    options.normalize = kind;
  }
  if (options.checkpointEvery !== undefined && !options.checkpoint && !options.save) {
    options.checkpoint = 'checkpoint.bpm';
  }
  if (options.earlyStopping !== undefined && options.validationSplit === 0 && given['validationSplit'] === undefined) {
    // Early stopping monitors validation loss; hold out 10% of the training rows unless told otherwise.
    options.validationSplit = 0.1;
  }
  if (options.momentum !== undefined && !['momentum', 'nesterov'].includes(options.optimizer) && options.optimizer !== 'sgd') {
    throw new UsageError(`--momentum applies to sgd, momentum and nesterov, not ${options.optimizer}.`, 'train');
  }
  checkModelFlags(options.model, (key) => given[key] !== undefined || fileConfig?.[key] !== undefined);
  if (options.l1 && options.model === 'rbp') {
    throw new UsageError('--l1 is not available for --model rbp (the fixed-point network trains with weight decay only).', 'train');
  }
  if (options.model === 'rbp' && given['testSplit'] !== undefined && options.testSplit > 0) {
    // Its sets are a handful of patterns (XOR, pattern completion): it trains and scores on all of them.
    throw new UsageError('--test-split is not available for --model rbp (the fixed-point network trains and is scored on every pattern).', 'train');
  }
  return options;
}

/**
 * Each network kind reads its own shape options; one given for another kind used to be ignored
 * without a word (and recorded in the saved config as if it had been used).
 */
function checkModelFlags(model: TrainOptions['model'], given: (key: string) => boolean): void {
  const mlpOnly: [string, string][] = [['layers', '--layers'], ['activation', '--activation'], ['dropout', '--dropout']];
  // (--seq-len is not among them: it also sets the window length of the generated sequence sets.)
  const shape = model === 'mlp' ? '--layers (and --activation)' : '--hidden';
  const misplaced = (model === 'mlp' ? ([['hidden', '--hidden']] as [string, string][]) : mlpOnly).filter(([key]) => given(key));
  if (misplaced.length > 0) {
    const flags = misplaced.map(([, flag]) => flag).join(', ');
    throw new UsageError(`${flags} ${misplaced.length === 1 ? 'does' : 'do'} not apply to --model ${model}; its size is set with ${shape}.`, 'train');
  }
}

/**
 * The learning rate to use when --lr is not given. MSE descends ½·Σ(p − t)² summed over the batch
 * (the classic rule; see core's losses), so its gradient is rows-per-batch times a mean loss's:
 * with SGD at 0.1 the regression sets (sine, adding, pattern-completion) diverged within two
 * epochs. Its default, 0.1 ÷ rows per batch, takes the step that 0.1 takes on the mean loss.
 * Adam's steps do not scale with the gradient, so its defaults do not depend on the loss.
 */
export function defaultLr(optimizer: TrainOptions['optimizer'], model: TrainOptions['model'] = 'mlp', loss?: string, batchRows = 1): number {
  if (model === 'rbp') return 0.5;
  if (optimizer === 'adam' || optimizer === 'adamw') return model === 'mlp' ? 0.001 : 0.005;
  return loss === 'mse' ? 0.1 / Math.max(1, batchRows) : 0.1;
}

/** Where checkpoints go: --checkpoint, else next to --save (`model.checkpoint.bpm`), else checkpoint.bpm. */
export function checkpointPath(options: Pick<TrainOptions, 'checkpoint' | 'save'>): string {
  if (options.checkpoint) return options.checkpoint;
  if (options.save) return options.save.replace(/(\.bpm)?$/i, '.checkpoint.bpm');
  return 'checkpoint.bpm';
}
