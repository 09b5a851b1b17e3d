/**
 * Model files in the CLI's format. Placeholder until core's serializeModel/deserializeModel land.
 */
import type { Model } from '@backprop/core';

export interface LoadedModel {
  readonly model: Model;
  readonly metadata: Record<string, unknown>;
}

export function saveModelFile(_m: LoadedModel): Uint8Array {
  throw new Error('saving models is not available yet');
}

export function loadModelFile(_bytes: Uint8Array): LoadedModel {
  throw new Error('loading models is not available yet');
}
