/** What the page is told of the worker's model: its widths, a line per layer, its classes and metadata. */
import type { LoadedModel } from './model-file.js';
import type { ModelInfo } from './protocol.js';

export function modelInfo(m: LoadedModel): ModelInfo {
  const { model, metadata } = m;
  const classNames = Array.isArray(metadata.classNames) ? metadata.classNames.map(String) : undefined;
  return {
    inputSize: model.inputSize,
    outputSize: model.outputSize,
    layers: model.layers.map((l) => `${l.type} ${l.inputSize}→${l.outputSize}${l.activation ? ` ${l.activation}` : ''}`),
    ...(classNames ? { classNames } : {}),
    metadata,
  };
}
