/**
 * The network a resolved config describes: for mlp, hidden dense layers (each followed by
 * dropout when asked) and a dense output layer; for rnn/lstm/gru one recurrent layer over the
 * row's seqLen steps (sequence to one: its last hidden state) and a dense output layer; for
 * fixed-point one fixed-point layer whose output units are the outputs.
 */
import type { LayerSpec, ModelSpec } from '../model/types.js';
import type { ResolvedTrainConfig } from './resolve-config.js';

/** The ModelSpec of a resolved config for data of these sizes. */
export function modelSpecOf(config: ResolvedTrainConfig, inputSize: number, outputSize: number): ModelSpec {
  const layers: LayerSpec[] = [];
  switch (config.model) {
    case 'mlp':
      for (const units of config.layers ?? []) {
        layers.push({ type: 'dense', units, activation: config.activation ?? 'relu' });
        if (config.dropout) layers.push({ type: 'dropout', rate: config.dropout });
      }
      layers.push({ type: 'dense', units: outputSize, activation: config.outputActivation ?? 'linear' });
      break;
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const seqLen = config.seqLen ?? inputSize;
      layers.push({ type: config.model, units: config.units ?? 32, seqLen, features: inputSize / seqLen });
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
  return { inputSize, layers, loss: config.loss, ...(Object.keys(lossOptions).length > 0 ? { lossOptions } : {}) };
}
