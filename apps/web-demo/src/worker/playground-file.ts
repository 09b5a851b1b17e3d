/**
 * Playground model files: a saved network with the page's setup (its link's query, under
 * `training.page`), so opening the file rebuilds the same data and network and then puts the
 * file's weights in it. Files of other tabs are refused: the playground draws dense networks
 * with one output over its own input features.
 */
import type { Model } from '@backprop/core';
import { loadModelFile, type LoadedModel } from './model-file.js';

/** What the page is told of a playground file it opened. */
export interface PlaygroundFileInfo {
  /** The page's setup when the file was saved, as the link's query; absent in files from elsewhere. */
  readonly page?: string;
  readonly hidden: number[];
  readonly featureNames?: string[];
  readonly layers: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a file for the playground; throws, naming what does not fit, for a model it cannot draw. */
export function readPlaygroundFile(bytes: Uint8Array): { loaded: LoadedModel; info: PlaygroundFileInfo } {
  const loaded = loadModelFile(bytes);
  const { model, metadata } = loaded;
  const notDense = model.layers.find((l) => l.type !== 'dense');
  if (notDense) throw new Error(`the playground draws dense networks; this model has a ${notDense.type} layer`);
  if (model.outputSize !== 1) throw new Error(`the playground's networks have one output; this model has ${model.outputSize}`);
  const training = isObj(metadata.training) ? metadata.training : {};
  const featureNames = Array.isArray(metadata.featureNames) ? metadata.featureNames.map(String) : undefined;
  if (featureNames && featureNames.length !== model.inputSize) throw new Error(`this model reads ${model.inputSize} inputs but names ${featureNames.length} features`);
  const page = typeof training['page'] === 'string' ? training['page'] : undefined;
  return {
    loaded,
    info: {
      ...(page !== undefined ? { page } : {}),
      hidden: model.layers.slice(0, -1).map((l) => l.outputSize),
      ...(featureNames ? { featureNames } : {}),
      layers: model.layers.map((l) => `${l.type} ${l.inputSize}→${l.outputSize}${l.activation ? ` ${l.activation}` : ''}`),
    },
  };
}

/** Puts a loaded network's weights into the playground's network of the same shape. */
export function copyWeights(from: Model, to: Model): void {
  const shape = (m: Model): string => m.layers.map((l) => `${l.inputSize}→${l.outputSize}`).join(', ');
  if (shape(from) !== shape(to)) throw new Error(`the file's network (${shape(from)}) does not fit the playground's (${shape(to)})`);
  to.setWeights(from.getWeights());
}
