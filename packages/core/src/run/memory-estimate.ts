/**
 * How much memory training a config's model needs, estimated from the config before anything is
 * allocated, so that `--layers 100000000` is refused with the numbers instead of allocating until the
 * process is killed (or V8 throwing "Invalid typed array length").
 *
 *   bytes ≈ 4 · (P · (2 + m) + A · B)
 *
 * P parameters, each with a gradient and m optimizer moments (2 for adam/adamw, else 1 at most);
 * A activation values per row (each layer's pre-activation, output and gradient, for every time
 * step of a recurrent layer; a convolution's im2col patches once more); B rows in a batch. An
 * embedding's table is vocabSize · dim of the parameters.
 * Float32 throughout: 4 bytes per value.
 */
import { ConfigError } from '../util/config-error.js';
import { formatBytes } from '../util/format-bytes.js';
import { layerShapes, readsImages } from './layer-shapes.js';
import { describeLayerEntry } from './layer-tokens.js';
import { embeddingSpecOf } from './model-spec.js';
import type { ResolvedTrainConfig, RowFacts } from './resolve-config.js';

/** The memory train allows by default: 4 GiB (2^30 float32 values). Raise it with `TrainOptions.memoryLimitBytes`. */
export const DEFAULT_TRAIN_MEMORY_BYTES = 4 * 2 ** 30;

/** The estimate for one config. */
export interface TrainingMemory {
  /** Trainable parameter values. */
  readonly parameters: number;
  /** Bytes of weights, gradients and optimizer moments. */
  readonly parameterBytes: number;
  /** Bytes of activations and their gradients for one batch. */
  readonly activationBytes: number;
  /** Rows per batch counted. */
  readonly batchRows: number;
}

const BYTES = 4;
/** Values kept per activation: pre-activation, output, and the gradient flowing back. */
const PER_ACTIVATION = 3;

/** Parameters and activation values per row of the model `modelSpecOf` builds (see model-spec.ts). */
function shape(config: ResolvedTrainConfig, inputSize: number, outputSize: number, rows: RowFacts): { parameters: number; activations: number } {
  const { imageShape } = rows;
  switch (config.model) {
    case 'mlp':
    case 'cnn': {
      const layers = config.layers ?? [];
      const hidden = layerShapes(layers, imageShape && readsImages(layers) ? imageShape : [inputSize]);
      const last = hidden.reduce((size, h) => h.shape.reduce((a, b) => a * b, 1), inputSize);
      let parameters = (last + 1) * outputSize;
      let activations = inputSize + outputSize;
      for (const h of hidden) {
        parameters += h.parameters;
        activations += h.shape.reduce((a, b) => a * b, 1) + h.scratch / PER_ACTIVATION;
      }
      return { parameters, activations };
    }
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const gates = config.model === 'lstm' ? 4 : config.model === 'gru' ? 3 : 1;
      const steps = config.seqLen ?? inputSize;
      // On token ids the embedding's table and output come first; the recurrent layer reads that output.
      const embedding = embeddingSpecOf(config, rows);
      const embedded = embedding ? layerShapes([embedding], [inputSize])[0] : undefined;
      const width = embedded ? embedded.shape.reduce((a, b) => a * b, 1) : inputSize;
      const features = width / steps;
      const units = config.units ?? 32;
      const parameters = (embedded?.parameters ?? 0) + gates * (features * units + units * units + 2 * units) + (units + 1) * outputSize;
      return { parameters, activations: inputSize + (embedded ? width : 0) + steps * gates * units + outputSize };
    }
    case 'fixed-point': {
      const free = (config.units ?? 3) + outputSize;
      return { parameters: free * inputSize + free * free + free, activations: inputSize + free };
    }
  }
  return { parameters: 0, activations: 0 };
}

/** The memory training `config`'s model on rows of these sizes needs; see the file's comment. */
export function estimateTrainingMemory(config: ResolvedTrainConfig, inputSize: number, outputSize: number, trainRows: number, rows: RowFacts = {}): TrainingMemory {
  const { parameters, activations } = shape(config, inputSize, outputSize, rows);
  const moments = config.optimizer.name === 'adam' || config.optimizer.name === 'adamw' ? 2 : 1;
  const batchRows = config.batchSize > 0 ? Math.min(config.batchSize, trainRows) : trainRows;
  return {
    parameters,
    parameterBytes: BYTES * parameters * (2 + moments),
    activationBytes: BYTES * PER_ACTIVATION * activations * batchRows,
    batchRows,
  };
}

/**
 * Refuse a config whose training would not fit in `limitBytes`.
 * @throws ConfigError naming `layers` (mlp, cnn) or `units` (recurrent, fixed-point; and `embedding`
 *   when there is one) when the parameters alone do not fit, else `batchSize` when the batch's
 *   activations tip it over
 */
export function checkTrainingMemory(
  config: ResolvedTrainConfig,
  inputSize: number,
  outputSize: number,
  trainRows: number,
  limitBytes: number,
  rows: RowFacts = {},
): TrainingMemory {
  const m = estimateTrainingMemory(config, inputSize, outputSize, trainRows, rows);
  const total = m.parameterBytes + m.activationBytes;
  if (!(total > limitBytes)) return m;
  const limit = `the ${formatBytes(limitBytes)} memory limit`;
  if (!(m.parameterBytes <= limitBytes)) {
    const size = `a model of ${m.parameters} parameters, whose weights, gradients and optimizer moments need ${formatBytes(m.parameterBytes)}, over ${limit}`;
    if (config.layers) {
      const value = config.layers.map((e) => (typeof e === 'object' ? describeLayerEntry(e) : e)).join(',');
      throw new ConfigError(`{layers} ${value} make ${size}: use fewer or smaller layers`, ['layers']);
    }
    if (config.embedding !== undefined) {
      throw new ConfigError(`{units} ${config.units} and {embedding} ${config.embedding} make ${size}: use fewer units or a smaller embedding`, ['units', 'embedding']);
    }
    throw new ConfigError(`{units} ${config.units} makes ${size}: use fewer units`, ['units']);
  }
  throw new ConfigError(
    `{batchSize} ${config.batchSize} (${m.batchRows} rows) needs ${formatBytes(m.activationBytes)} of activations, and with the model's ${formatBytes(m.parameterBytes)} that is over ${limit}: use a smaller {batchSize}`,
    ['batchSize'],
  );
}
