/**
 * The network a resolved config describes: for mlp and cnn, the hidden layers of `layers` (the
 * hidden activation on each dense and conv2d layer that names none, dropout after each dense
 * one when asked) and a dense output layer, with the data's image shape as the input shape when
 * a layer reads images; for rnn/lstm/gru one recurrent layer over the
 * row's seqLen steps (sequence to one: its last hidden state) and a dense output layer, with an
 * embedding layer first on token ids (each id becomes `embedding` values, so a step of k ids
 * is k·embedding features); for fixed-point one fixed-point layer whose output units are the outputs.
 */
import type { EmbeddingSpec, LayerSpec, ModelSpec } from '../model/types.js';
import { readsImages } from './layer-shapes.js';
import { layerSpecOf } from './layer-tokens.js';
import type { ResolvedTrainConfig, RowFacts } from './resolve-config.js';

/** Layers that take the run's hidden activation when they name none. */
const ACTIVATED = ['dense', 'conv2d'];

/**
 * The ModelSpec of a resolved config for data of these sizes.
 * @param rows what the rows are: their image shape (the model's input shape when its layers read
 *   images) and for token ids their vocabulary size (the embedding table's rows)
 */
export function modelSpecOf(config: ResolvedTrainConfig, inputSize: number, outputSize: number, rows: RowFacts = {}): ModelSpec {
  const { imageShape } = rows;
  const layers: LayerSpec[] = [];
  let inputShape: readonly number[] | undefined;
  switch (config.model) {
    case 'mlp':
    case 'cnn': {
      const hidden = config.layers ?? [];
      for (const entry of hidden) {
        const spec = layerSpecOf(entry);
        layers.push(ACTIVATED.includes(spec.type) && (spec as { activation?: unknown }).activation === undefined ? { ...spec, activation: config.activation ?? 'relu' } : spec);
        if (config.dropout && spec.type === 'dense') layers.push({ type: 'dropout', rate: config.dropout });
      }
      layers.push({ type: 'dense', units: outputSize, activation: config.outputActivation ?? 'linear' });
      if (imageShape && readsImages(hidden)) inputShape = [...imageShape];
      break;
    }
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const seqLen = config.seqLen ?? inputSize;
      const embedding = embeddingSpecOf(config, rows);
      if (embedding) layers.push(embedding);
      layers.push({ type: config.model, units: config.units ?? 32, seqLen, features: (inputSize / seqLen) * (embedding?.dim ?? 1) });
      layers.push({ type: 'dense', units: outputSize, activation: config.outputActivation ?? 'linear' });
      break;
    }
    case 'fixed-point':
      layers.push({ type: 'fixed-point', units: config.units ?? 3, outputSize, activation: config.activation ?? 'sigmoid' });
      break;
  }
  const lossOptions = {
    ...(config.huberDelta !== undefined ? { huberDelta: config.huberDelta } : {}),
    ...(config.labelSmoothing !== undefined ? { labelSmoothing: config.labelSmoothing } : {}),
  };
  return { inputSize, ...(inputShape ? { inputShape } : {}), layers, loss: config.loss, ...(Object.keys(lossOptions).length > 0 ? { lossOptions } : {}) };
}

/**
 * The embedding layer a recurrent config puts first on token ids, or undefined without `embedding`.
 * @throws Error when the config has an embedding and the rows are not token ids (resolveConfig refuses that)
 */
export function embeddingSpecOf(config: ResolvedTrainConfig, rows: RowFacts): EmbeddingSpec | undefined {
  if (config.embedding === undefined) return undefined;
  if (rows.vocabSize === undefined) throw new Error(`an embedding of ${config.embedding} needs rows of token ids (their vocabSize)`);
  return { type: 'embedding', vocabSize: rows.vocabSize, dim: config.embedding };
}
