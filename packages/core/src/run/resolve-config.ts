/**
 * resolveConfig: every default of a training run and every combination that cannot work,
 * decided in one place. Its errors are ConfigErrors that name config keys, so the CLI can show
 * them as flags and a config file's author as keys.
 */
import { otherLossesFor, outputActivationNeeded } from '../model/losses/index.js';
import { MOMENTUM_OPTIMIZERS, resolveOptimizerConfig, type ResolvedOptimizerConfig } from '../model/optimizers/index.js';
import { checkSchedule } from '../model/schedules.js';
import type { ActivationName, EarlyStoppingOptions, LossName, LrSchedule, OptimizerName } from '../model/types.js';
import { builtinDatasets, type ImageShape } from '../data/registry.js';
import { ConfigError } from '../util/config-error.js';
import { CNN_PRESET } from './cnn-preset.js';
import { TRAIN_CONFIG_KEYS, type ConfigKey } from './config-keys.js';
import { layerShapes, readsImages } from './layer-shapes.js';
import { checkLayerEntries, type LayerEntry } from './layer-tokens.js';
import { parseSchedule } from './schedule-text.js';
import type { ModelKind, NormalizeKind, TrainConfig } from './train-config.js';

/** What resolveConfig needs to know about the data (see DataSource). */
export interface DataFacts {
  /** The data set's name (kept in the resolved config). */
  readonly name: string;
  readonly task: 'classification' | 'regression';
  /** Rows before the test split. */
  readonly n: number;
  readonly inputSize: number;
  readonly outputSize: number;
  /** The preprocessing that suits the data. */
  readonly normalize: NormalizeKind;
  /** Sequence sets: steps per row. */
  readonly seqLen?: number;
  /** The data comes with its own test rows. */
  readonly hasTestRows?: boolean;
  /** Classification sets: how many classes the labels hold (a single one cannot be learned). */
  readonly classes?: number;
  /** Image sets: one row as `[channels, height, width]`; convolution and pooling layers need it. */
  readonly imageShape?: ImageShape;
  /**
   * Rows of token ids (`Dataset.vocabSize`): every input value an id in [0, vocabSize). `embedding`
   * needs them (the text set gives them when loaded with `tokens`), and they are never normalised.
   */
  readonly vocabSize?: number;
}

/** What the rows are, beyond their width, that shapes a model: images, or token ids. */
export type RowFacts = Pick<DataFacts, 'imageShape' | 'vocabSize'>;

/** A TrainConfig with every default decided; only the keys the model kind reads are present. */
export interface ResolvedTrainConfig {
  readonly data: string;
  readonly target?: string | number;
  readonly model: ModelKind;
  /** mlp and cnn: numbers (dense units), canonical layer tokens and layer objects (see layer-tokens.ts). */
  readonly layers?: readonly LayerEntry[];
  /** rnn/lstm/gru/fixed-point only. */
  readonly units?: number;
  /** rnn/lstm/gru: steps per row; generated sequence sets: their length. */
  readonly seqLen?: number;
  /** rnn/lstm/gru on token ids: the size of each id's vector (an embedding layer first). */
  readonly embedding?: number;
  /** mlp, cnn and fixed-point. */
  readonly activation?: ActivationName;
  /** mlp, cnn and rnn/lstm/gru. */
  readonly outputActivation?: ActivationName;
  readonly loss: LossName;
  /** huber's δ, when set (and not 1). */
  readonly huberDelta?: number;
  /** cross-entropy's label smoothing ε, when set (and not 0). */
  readonly labelSmoothing?: number;
  /** The optimizer with every default filled in. */
  readonly optimizer: ResolvedOptimizerConfig;
  readonly schedule: LrSchedule;
  readonly epochs: number;
  readonly batchSize: number;
  /** mlp and cnn. */
  readonly dropout?: number;
  /** 0: no clipping. */
  readonly clipNorm: number;
  readonly testSplit: number;
  readonly validationSplit: number;
  readonly earlyStopping?: EarlyStoppingOptions;
  readonly normalize: NormalizeKind;
  readonly seed: number;
  readonly backend: string;
  readonly checkpointEvery?: number;
}

const RECURRENT: readonly ModelKind[] = ['rnn', 'lstm', 'gru'];
/** The kinds built from `layers`. */
const FEED_FORWARD: readonly ModelKind[] = ['mlp', 'cnn'];
/** Sets smaller than this train and are scored on every row unless a test split is asked for. */
const MIN_ROWS_FOR_TEST_SPLIT = 20;

const KEY_TABLE = new Map<string, ConfigKey>(TRAIN_CONFIG_KEYS.map((k) => [k.key, k]));

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Checks one value against its row of the table; returns it in its resolved form. */
function checkValue(key: string, value: unknown): unknown {
  const row = KEY_TABLE.get(key) as ConfigKey;
  const bad = (want: string): never => {
    throw new ConfigError(`{${key}} must be ${want}, got ${describe(value)}`, [key]);
  };
  const spec = row.value;
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string' || value === '') bad('a non-empty string');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > (spec.max ?? Number.MAX_SAFE_INTEGER)) {
        bad(`an integer from ${spec.min} to ${spec.max ?? Number.MAX_SAFE_INTEGER}`);
      }
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || (spec.exclusiveMin && value === spec.min)) {
        bad(`a number ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}`);
      }
      return value;
    case 'fraction':
      if (typeof value !== 'number' || !(value >= 0 && value < 1)) bad('a fraction in [0, 1)');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') bad('true or false');
      return value;
    case 'choice':
      if (typeof value !== 'string' || !spec.choices.includes(value)) bad(`one of ${spec.choices.join(', ')}`);
      return value;
    case 'layers':
      return checkLayerEntries(value);
    case 'schedule':
      try {
        return checkSchedule(typeof value === 'string' ? parseSchedule(value) : (value as LrSchedule));
      } catch (error) {
        throw new ConfigError(`{${key}}: ${(error as Error).message}`, [key]);
      }
    case 'early-stopping': {
      const options = typeof value === 'number' ? { patience: value } : value;
      const o = options as Partial<EarlyStoppingOptions> | null;
      if (o === null || typeof o !== 'object' || !Number.isInteger(o.patience) || (o.patience as number) < 1) {
        bad('a patience (an integer ≥ 1) or { patience, minDelta, restoreBestWeights }');
      }
      const known = ['patience', 'minDelta', 'restoreBestWeights'];
      const unknown = Object.keys(o as object).find((k) => !known.includes(k));
      if (unknown) throw new ConfigError(`{${key}}: unknown option '${unknown}' (known: ${known.join(', ')})`, [key]);
      if (o!.minDelta !== undefined && !(typeof o!.minDelta === 'number' && o!.minDelta >= 0)) bad('an object whose minDelta is a number ≥ 0');
      return { restoreBestWeights: true, ...o };
    }
    case 'data':
      if (typeof value === 'string' && value !== '') return value;
      if (value !== null && typeof value === 'object' && 'x' in value && 'y' in value) return value;
      return bad('a data set name or rows { x, y, n, inputSize, outputSize }');
  }
}

/** The user's config, checked key by key (unknown keys refused); absent keys stay absent. */
function checkKeys(config: TrainConfig): Map<string, unknown> {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError('a training config must be an object of config keys', []);
  }
  const given = new Map<string, unknown>();
  const visit = (object: Record<string, unknown>, prefix: string): void => {
    for (const [name, value] of Object.entries(object)) {
      if (value === undefined) continue;
      const key = prefix + name;
      if (key === 'optimizer') {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw new ConfigError(`{optimizer} must be an object { name, lr, … }, got ${describe(value)}`, ['optimizer.name']);
        }
        visit(value as Record<string, unknown>, 'optimizer.');
        continue;
      }
      if (!KEY_TABLE.has(key)) {
        const known = prefix ? TRAIN_CONFIG_KEYS.filter((k) => k.key.startsWith(prefix)).map((k) => k.key.slice(prefix.length)) : [...new Set(TRAIN_CONFIG_KEYS.map((k) => k.key.split('.')[0] as string))];
        throw new ConfigError(`unknown config key '${key}' (known${prefix ? ` in ${prefix.slice(0, -1)}` : ''}: ${known.join(', ')})`, []);
      }
      given.set(key, checkValue(key, value));
    }
  };
  visit(config as Record<string, unknown>, '');
  return given;
}

/** The learning rate when none is given: see the `optimizer.lr` row of the key table. */
function defaultLr(optimizer: OptimizerName, model: ModelKind, loss: LossName, batchRows: number): number {
  if (model === 'fixed-point') return 0.3 / Math.max(1, batchRows);
  if (model === 'cnn' && optimizer === CNN_PRESET.optimizer) return CNN_PRESET.lr;
  if (optimizer === 'adam' || optimizer === 'adamw') return FEED_FORWARD.includes(model) ? 0.001 : 0.005;
  // PyTorch's defaults.
  if (optimizer === 'rmsprop' || optimizer === 'adagrad') return 0.01;
  if (optimizer === 'adamax' || optimizer === 'nadam') return 0.002;
  // mse descends ½·Σ(p − t)² summed over the batch: 0.1 ÷ rows takes the step 0.1 takes on a mean loss.
  return loss === 'mse' ? 0.1 / Math.max(1, batchRows) : 0.1;
}

/**
 * The `embedding` of a run: a recurrent model's, on rows of token ids; and rows of token ids
 * reach a recurrent model only through one (as bare numbers an id says nothing of its character).
 */
function checkEmbedding(embedding: number | undefined, model: ModelKind, facts: DataFacts): number | undefined {
  if (embedding !== undefined && !RECURRENT.includes(model)) {
    throw new ConfigError(`{embedding} applies to the recurrent models, not {model} ${model}: use {model} lstm, gru or rnn, or drop {embedding}`, ['embedding', 'model']);
  }
  if (embedding !== undefined && facts.vocabSize === undefined) {
    const tokenSets = builtinDatasets().filter((e) => e.tokens).map((e) => e.name);
    throw new ConfigError(
      `{embedding} looks token ids up in a table, and {data} '${facts.name}' has rows of ${facts.inputSize} values, not token ids: ` +
        `use data that gives token ids${tokenSets.length > 0 ? ` (${tokenSets.join(', ')})` : ''}, or drop {embedding}`,
      ['embedding', 'data'],
    );
  }
  if (embedding === undefined && facts.vocabSize !== undefined && RECURRENT.includes(model)) {
    throw new ConfigError(`{data} '${facts.name}' holds token ids, which {model} ${model} reads through an embedding: give {embedding}, the size of each id's vector (e.g. 16)`, [
      'embedding',
      'data',
    ]);
  }
  return embedding;
}

/** The run's preprocessing: the data's unless given, and none on token ids, which are names, not measurements. */
function checkNormalize(normalize: NormalizeKind | undefined, embedding: number | undefined, facts: DataFacts): NormalizeKind {
  if (facts.vocabSize === undefined) return normalize ?? facts.normalize;
  if (normalize !== undefined && normalize !== 'none') {
    throw new ConfigError(
      `{normalize} ${normalize} would rescale the token ids of {data} '${facts.name}' (ids of ${facts.vocabSize} vocabulary entries, not measurements): drop {normalize}`,
      ['normalize', ...(embedding !== undefined ? ['embedding'] : ['data'])],
    );
  }
  return 'none';
}

/**
 * Decide every default of a run and refuse what cannot work.
 * @param config the user's config (only the keys they set)
 * @param facts what the data set is (see DataSource)
 * @throws ConfigError naming the config keys at fault
 */
export function resolveConfig(config: TrainConfig, facts: DataFacts): ResolvedTrainConfig {
  const given = checkKeys(config);
  const get = <T>(key: string): T | undefined => given.get(key) as T | undefined;
  const has = (key: string): boolean => given.has(key);

  const model = get<ModelKind>('model') ?? 'mlp';
  const recurrent = RECURRENT.includes(model);
  const feedForward = FEED_FORWARD.includes(model);
  // Each kind reads its own shape keys; one given for another kind is refused, not ignored.
  const reads: Record<ModelKind, readonly string[]> = {
    mlp: ['layers', 'activation', 'outputActivation', 'dropout'],
    cnn: ['layers', 'activation', 'outputActivation', 'dropout'],
    rnn: ['units', 'outputActivation'],
    lstm: ['units', 'outputActivation'],
    gru: ['units', 'outputActivation'],
    'fixed-point': ['units', 'activation'],
  };
  const shapeKeys = ['layers', 'units', 'activation', 'outputActivation', 'dropout'];
  const misplaced = shapeKeys.filter((k) => has(k) && !reads[model].includes(k));
  if (misplaced.length > 0) {
    const size = feedForward ? '{layers}' : '{units}';
    throw new ConfigError(
      `${misplaced.map((k) => `{${k}}`).join(', ')} ${misplaced.length === 1 ? 'does' : 'do'} not apply to {model} ${model}; its size is set with ${size}`,
      [...misplaced, 'model'],
    );
  }
  const embedding = checkEmbedding(get<number>('embedding'), model, facts);
  if (model === 'cnn' && !facts.imageShape) {
    throw new ConfigError(
      `{model} cnn is a convolutional network for images, and {data} '${facts.name}' has rows of ${facts.inputSize} values with no image shape: use {model} mlp, or image data (mnist, mnist-idx:<dir>)`,
      ['model', 'data'],
    );
  }

  // Loss and output activation: one rule for the defaults, the Model's rule for the pairing.
  const classes = facts.task === 'classification';
  if (classes && facts.classes === 1) {
    throw new ConfigError(
      `{data} '${facts.name}' has a single class (every row has the same label): a classifier needs rows of 2 or more classes; check the label column ({target})`,
      ['data', 'target'],
    );
  }
  const defaultLoss: LossName = model === 'fixed-point' ? 'mse' : classes ? (facts.outputSize >= 2 ? 'cross-entropy' : 'binary-cross-entropy') : 'mse';
  const loss = get<LossName>('loss') ?? defaultLoss;
  if ((loss === 'cross-entropy' || loss === 'kl-divergence' || loss === 'hinge') && facts.outputSize < 2) {
    throw new ConfigError(`{loss} ${loss} needs 2 or more outputs (one per class), and {data} '${facts.name}' has 1: use {loss} binary-cross-entropy or mse`, ['loss', 'data']);
  }
  const huberDelta = get<number>('huberDelta');
  if (huberDelta !== undefined && loss !== 'huber') throw new ConfigError(`{huberDelta} applies to {loss} huber, not ${loss}`, ['huberDelta', 'loss']);
  const labelSmoothing = get<number>('labelSmoothing');
  if (labelSmoothing !== undefined && loss !== 'cross-entropy') {
    throw new ConfigError(`{labelSmoothing} applies to {loss} cross-entropy, not ${loss}`, ['labelSmoothing', 'loss']);
  }
  if (labelSmoothing !== undefined && !(labelSmoothing < 1)) throw new ConfigError(`{labelSmoothing} must be below 1, got ${labelSmoothing}`, ['labelSmoothing']);
  let activation = get<ActivationName>('activation');
  let outputActivation = get<ActivationName>('outputActivation');
  if (model === 'fixed-point') {
    activation ??= 'sigmoid';
    if (activation !== 'sigmoid' && activation !== 'tanh') {
      throw new ConfigError(`{activation} of a fixed-point network must be sigmoid or tanh, got '${activation}'`, ['activation']);
    }
    if (loss === 'cross-entropy' || loss === 'kl-divergence') {
      throw new ConfigError(`{loss} '${loss}' needs a softmax output, which a fixed-point network's ${activation} units are not: use 'mse' (or 'binary-cross-entropy' for one sigmoid output)`, ['loss', 'model']);
    }
    const needed = outputActivationNeeded(loss, activation);
    if (needed) throw new ConfigError(`{loss} ${loss} needs ${needed} or linear outputs, and a fixed-point network's are ${activation}: use ${otherLossesFor(needed)}`, ['loss', 'activation']);
  } else {
    if (feedForward) activation ??= 'relu';
    // hinge reads raw class scores; kl-divergence, like cross-entropy, a softmax distribution.
    outputActivation ??=
      loss === 'cross-entropy' || loss === 'kl-divergence' ? 'softmax' : loss === 'hinge' ? 'linear' : loss === 'binary-cross-entropy' || classes ? 'sigmoid' : 'linear';
    const needed = outputActivationNeeded(loss, outputActivation);
    if (needed) {
      throw new ConfigError(
        `{loss} ${loss} needs {outputActivation} ${needed} or linear (got ${outputActivation}); use {loss} ${otherLossesFor(needed).replace(/'/g, '')} with ${outputActivation}`,
        ['loss', 'outputActivation'],
      );
    }
  }

  // Splits and batches.
  if (facts.hasTestRows && has('testSplit') && (get<number>('testSplit') as number) > 0) {
    throw new ConfigError(`{testSplit} does not apply to data '${facts.name}': it comes with its own test rows`, ['testSplit']);
  }
  const testSplit = facts.hasTestRows ? 0 : (get<number>('testSplit') ?? (facts.n < MIN_ROWS_FOR_TEST_SPLIT ? 0 : 0.2));
  const earlyStopping = get<EarlyStoppingOptions>('earlyStopping');
  // Early stopping watches the validation loss: hold out 10% of the training rows unless told otherwise.
  const validationSplit = get<number>('validationSplit') ?? (earlyStopping ? 0.1 : 0);
  const trainRows = facts.n - Math.round(facts.n * testSplit);
  if (trainRows < 1) throw new ConfigError(`{testSplit} ${testSplit} leaves no training rows of the ${facts.n} in '${facts.name}'`, ['testSplit']);
  const batchSize = get<number>('batchSize') ?? (model === 'cnn' ? CNN_PRESET.batchSize : 32);
  const batchRows = batchSize > 0 ? Math.min(batchSize, trainRows) : trainRows;

  // Optimizer.
  const optimizerName = get<OptimizerName>('optimizer.name') ?? (recurrent ? 'adam' : model === 'fixed-point' ? 'momentum' : model === 'cnn' ? CNN_PRESET.optimizer : 'sgd');
  // (A momentum of 0 is what a resolved adam config holds: resolving a resolved config changes nothing.)
  if ((get<number>('optimizer.momentum') ?? 0) > 0 && !MOMENTUM_OPTIMIZERS.includes(optimizerName)) {
    throw new ConfigError(`{optimizer.momentum} applies to sgd, momentum, nesterov and rmsprop, not ${optimizerName}`, ['optimizer.momentum', 'optimizer.name']);
  }
  // Every optimizer default (momentum, moments' decays, weight decay, L1) spelled out, as Model.fit decides them.
  const optimizer: ResolvedOptimizerConfig = resolveOptimizerConfig({
    name: optimizerName,
    lr: get<number>('optimizer.lr') ?? defaultLr(optimizerName, model, loss, batchRows),
    ...Object.fromEntries(['momentum', 'weightDecay', 'l1', 'beta1', 'beta2', 'eps', 'alpha', 'centered', 'momentumDecay', 'lrDecay', 'initialAccumulatorValue'].filter((k) => has(`optimizer.${k}`)).map((k) => [k, get<number | boolean>(`optimizer.${k}`)])),
  });

  // Shapes: every hidden layer must get rows it can read (image layers need images, windows must fit).
  const image = facts.imageShape;
  const imageValues = image?.reduce((a, b) => a * b, 1);
  if (image && imageValues !== facts.inputSize) {
    throw new ConfigError(`{data} '${facts.name}' describes its rows as ${image.join('×')} images, ${imageValues} values, but they hold ${facts.inputSize}`, ['data']);
  }
  const layers = feedForward ? (get<LayerEntry[]>('layers') ?? checkLayerEntries(model === 'cnn' ? CNN_PRESET.layers : [8])) : undefined;
  if (layers) layerShapes(layers, readsImages(layers) && image ? image : [facts.inputSize], `'${facts.name}'`);
  let seqLen = get<number>('seqLen') ?? facts.seqLen;
  if (recurrent) {
    seqLen ??= facts.inputSize;
    if (facts.inputSize % seqLen !== 0) {
      throw new ConfigError(`{seqLen} ${seqLen} does not divide the ${facts.inputSize} input values of each row of '${facts.name}' into whole steps`, ['seqLen']);
    }
  }

  const epochs = get<number>('epochs') ?? (recurrent ? 30 : model === 'fixed-point' ? 1500 : model === 'cnn' ? CNN_PRESET.epochs : 100);
  const checkpointEvery = get<number>('checkpointEvery');
  const target = get<string | number>('target');
  return {
    data: facts.name,
    ...(target !== undefined ? { target } : {}),
    model,
    ...(layers ? { layers } : { units: get<number>('units') ?? (model === 'fixed-point' ? 3 : 32) }),
    ...(seqLen !== undefined ? { seqLen } : {}),
    ...(embedding !== undefined ? { embedding } : {}),
    ...(activation !== undefined ? { activation } : {}),
    ...(outputActivation !== undefined ? { outputActivation } : {}),
    loss,
    ...(huberDelta !== undefined && huberDelta !== 1 ? { huberDelta } : {}),
    ...(labelSmoothing !== undefined && labelSmoothing !== 0 ? { labelSmoothing } : {}),
    optimizer,
    schedule: get<LrSchedule>('schedule') ?? { type: 'constant' },
    epochs,
    batchSize,
    ...(feedForward ? { dropout: get<number>('dropout') ?? 0 } : {}),
    clipNorm: get<number>('clipNorm') ?? (recurrent ? 1 : 0),
    testSplit,
    validationSplit,
    ...(earlyStopping ? { earlyStopping } : {}),
    normalize: checkNormalize(get<NormalizeKind>('normalize'), embedding, facts),
    seed: get<number>('seed') ?? 42,
    backend: get<string>('backend') ?? 'auto',
    ...(checkpointEvery !== undefined ? { checkpointEvery } : {}),
  };
}
