/**
 * train(config): a whole training run from its TrainConfig — load the data, resolve the
 * config, split and preprocess, build the model (or continue a checkpoint's), fit it with the
 * caller's callbacks, and score it on the training and test rows.
 */
import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import type { DatasetLoadContext } from '../data/registry.js';
import { Model } from '../model/model.js';
import type { BatchLog, Dataset, EpochLog, Evaluation, FitOptions, History } from '../model/types.js';
import { ConfigError } from '../util/config-error.js';
import { DivergenceError, LossExplosionWarning } from '../model/divergence.js';
import { dataSource, loadData, type DataSource } from './data-source.js';
import { modelSpecOf } from './model-spec.js';
import { prepareData, type PreparedData } from './prepare-data.js';
import { checkTrainingMemory, DEFAULT_TRAIN_MEMORY_BYTES } from './memory-estimate.js';
import { resolveConfig, type DataFacts, type ResolvedTrainConfig } from './resolve-config.js';
import type { TrainConfig } from './train-config.js';

/** What a caller can pass to train besides the config. */
export interface TrainOptions {
  /** The backend to run on (default: `config.backend`, else 'auto'). */
  readonly backend?: Backend;
  /** Aborting stops after the current batch; train then resolves with `history.stopReason` 'aborted'. */
  readonly signal?: AbortSignal;
  /** After every epoch (as Model.fit's); return false to stop. */
  onEpochEnd?(log: EpochLog): void | boolean | Promise<void | boolean>;
  /** After every batch. */
  onBatchEnd?(log: BatchLog): void;
  /** Every `config.checkpointEvery` epochs, at the epoch's end: save `model` (with its training state) here. */
  onCheckpoint?(model: Model, epoch: number): void | Promise<void>;
  /**
   * Told once when the loss explodes while staying finite (an epoch's loss over 100 times the
   * first batch's, before any update): training goes on; the warning's advice names config keys.
   */
  onWarning?(warning: LossExplosionWarning): void;
  /** Once the model is built and the data prepared, before the first epoch. */
  onStart?(run: TrainStart): void;
  /** The rows `config.data` names when core cannot load them itself (files: see `@backprop/core/node`'s loadDataSource). */
  readonly data?: DataSource;
  /** How built-in sets read shipped assets (MNIST's digits); `@backprop/core/node` has nodeAssets. */
  readonly assets?: DatasetLoadContext;
  /** A model restored from a checkpoint: training continues from its epoch, with its optimizer state. */
  readonly resume?: Model;
  /**
   * The memory training may take, in bytes (default 4 GiB): a
   * config whose model and batch need more (estimated from the config, see memory-estimate.ts) is
   * refused with a ConfigError naming `layers`, `units` or `batchSize` before anything is allocated.
   */
  readonly memoryLimitBytes?: number;
}

/** What onStart is told. */
export interface TrainStart {
  readonly model: Model;
  readonly config: ResolvedTrainConfig;
  readonly data: PreparedData;
  /** Rows held out of `data.train` for validation. */
  readonly validationRows: number;
  /** Epochs already done (a resumed checkpoint's). */
  readonly initialEpoch: number;
}

/** What train resolves with. */
export interface TrainResult {
  /** The trained model (the best epoch's weights with early stopping). */
  readonly model: Model;
  readonly history: History;
  /** The config with every default decided (what to save with the model). */
  readonly config: ResolvedTrainConfig;
  /** The rows trained and tested on, preprocessed, and the fitted preprocessor. */
  readonly data: PreparedData;
  /** The data set's description. */
  readonly source: DataSource;
  /** Scores on the training rows and, with a test split, the test rows (after training). */
  readonly evaluation: { readonly train: Evaluation; readonly test?: Evaluation };
  /** Seconds of training time (validation scoring and callbacks left out). */
  readonly seconds: number;
  /** Training rows per second of training time: the last epoch's `samplesPerSecond`. */
  readonly samplesPerSecond: number;
}

async function sourceOf(config: TrainConfig, options: TrainOptions): Promise<DataSource> {
  if (options.data) return options.data;
  const data = config.data ?? 'iris';
  if (typeof data !== 'string') {
    if (data === null || typeof data !== 'object') throw new ConfigError('{data} must be a data set name or rows', ['data']);
    return dataSource(data as Dataset);
  }
  const seed = typeof config.seed === 'number' ? config.seed : 42;
  return loadData(data, {
    seed,
    ...(typeof config.seqLen === 'number' ? { seqLen: config.seqLen } : {}),
    // An embedding reads token ids: sets that can give them do (resolveConfig refuses the others).
    ...(config.embedding !== undefined ? { tokens: true } : {}),
    ...(options.assets ? { assets: options.assets } : {}),
  });
}

/**
 * Run a training config end to end.
 * @throws ConfigError (naming config keys) for a config that cannot work; DivergenceError when
 *   the loss becomes NaN or infinite; the data set's or backend's error when they cannot load
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  const source = await sourceOf(config, options);
  const facts: DataFacts = {
    name: source.name,
    task: source.task,
    n: source.data.n,
    inputSize: source.data.inputSize,
    outputSize: source.data.outputSize,
    normalize: source.normalize,
    ...(source.seqLen !== undefined ? { seqLen: source.seqLen } : {}),
    ...(source.test ? { hasTestRows: true } : {}),
    ...(source.data.classNames ? { classes: source.data.classNames.length } : {}),
    ...(source.imageShape ? { imageShape: source.imageShape } : {}),
    ...(source.data.vocabSize !== undefined ? { vocabSize: source.data.vocabSize } : {}),
  };
  const resolved = resolveConfig(config, facts);
  const backend = options.backend ?? (await getBackend(resolved.backend));
  const data = prepareData(source, resolved);
  const { inputSize, outputSize } = data.train;

  let model: Model;
  if (options.resume) {
    model = options.resume;
    if (model.inputSize !== inputSize || model.outputSize !== outputSize) {
      throw new ConfigError(
        `the checkpoint's model maps ${model.inputSize} inputs to ${model.outputSize} outputs, but {data} '${source.name}' has ${inputSize} → ${outputSize}`,
        ['data'],
      );
    }
    if (model.epoch >= resolved.epochs) {
      throw new ConfigError(`the checkpoint already has ${model.epoch} epochs; ask for more {epochs}`, ['epochs']);
    }
  } else {
    checkTrainingMemory(resolved, inputSize, outputSize, data.train.n, options.memoryLimitBytes ?? DEFAULT_TRAIN_MEMORY_BYTES, facts);
    try {
      model = Model.create(modelSpecOf(resolved, inputSize, outputSize, facts), { backend, seed: resolved.seed });
    } catch (error) {
      // The config decided the spec, so what Model.create refuses is the config's doing: its
      // layers when it lists them (a layer object's option), else its model kind.
      const key = resolved.layers ? 'layers' : 'model';
      throw new ConfigError(`{${key}}: ${(error as Error).message}`, [key]);
    }
  }
  const initialEpoch = model.epoch;
  const validationRows = resolved.validationSplit > 0 ? Math.ceil(data.train.n * resolved.validationSplit) : 0;
  options.onStart?.({ model, config: resolved, data, validationRows, initialEpoch });

  const every = resolved.checkpointEvery;
  const weightDecay = resolved.optimizer.weightDecay;
  let initialLoss: number | undefined;
  let warned = false;
  const es = resolved.earlyStopping;
  const fitOptions: FitOptions = {
    epochs: resolved.epochs,
    initialEpoch,
    batchSize: resolved.batchSize,
    optimizer: resolved.optimizer,
    schedule: resolved.schedule,
    ...(resolved.validationSplit > 0 ? { validationSplit: resolved.validationSplit } : {}),
    ...(es ? { earlyStopping: es } : {}),
    ...(resolved.clipNorm > 0 ? { clipNorm: resolved.clipNorm } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onBatchEnd: (log) => {
      initialLoss ??= log.loss;
      options.onBatchEnd?.(log);
    },
    onEpochEnd: async (log) => {
      if (!warned && initialLoss !== undefined && LossExplosionWarning.applies(log.loss, initialLoss)) {
        warned = true;
        options.onWarning?.(new LossExplosionWarning(log.epoch, log.loss, initialLoss, resolved.optimizer.lr, weightDecay));
      }
      let verdict = options.onEpochEnd?.(log);
      if (verdict && typeof (verdict as Promise<unknown>).then === 'function') verdict = await verdict;
      if (every && options.onCheckpoint && log.epoch % every === 0) await options.onCheckpoint(model, log.epoch);
      return verdict;
    },
  };
  const history = await model.fit(data.train, fitOptions).catch((error: unknown) => {
    // The model knows its learning rate; the run knows its weight decay, a cause worth naming.
    if (error instanceof DivergenceError && weightDecay !== undefined && error.weightDecay === undefined) {
      throw new DivergenceError(error.epoch, error.batch, error.batches, error.loss, error.lr, weightDecay);
    }
    throw error;
  });
  const seconds = history.epochs.reduce((s, e) => s + e.seconds, 0);
  const last = history.epochs.at(-1);
  return {
    model,
    history,
    config: resolved,
    data,
    source,
    evaluation: {
      train: model.evaluate(data.train),
      ...(data.test ? { test: model.evaluate(data.test) } : {}),
    },
    seconds,
    samplesPerSecond: last?.samplesPerSecond ?? 0,
  };
}
