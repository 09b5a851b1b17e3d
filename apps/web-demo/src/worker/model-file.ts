/**
 * Model files in the CLI's format (core's serializeModel / deserializeModel, format version 1),
 * plus the input preprocessing a file carries: the fitted transform's JSON under
 * `metadata.preprocess` (as the CLI writes it; an older `preprocessor` key is read too), and
 * predictions on raw inputs go through it, exactly as `backprop predict` does.
 */
import { deserializeModel, preprocessorFromJSON, serializeModel, type Model, type ModelMetadata, type Preprocessor } from '@backprop/core';

export interface LoadedModel {
  readonly model: Model;
  readonly metadata: ModelMetadata;
  /** The input transform from the metadata, when the file has one. */
  readonly preprocessor?: Preprocessor;
}

export function preprocessorOf(metadata: ModelMetadata): Preprocessor | undefined {
  const json = metadata.preprocess ?? metadata.preprocessor;
  return json === undefined || json === null ? undefined : preprocessorFromJSON(json);
}

export function saveModelFile(m: LoadedModel): Uint8Array {
  const metadata: ModelMetadata = { ...m.metadata, savedBy: '@backprop/web-demo' };
  if (m.preprocessor && metadata.preprocess === undefined && metadata.preprocessor === undefined) {
    metadata.preprocess = JSON.parse(JSON.stringify(m.preprocessor.toJSON())) as ModelMetadata['preprocess'];
  }
  return serializeModel(m.model, metadata);
}

/** Read a model file; throws core's ModelFormatError (bad magic, version, checksum, ...) with its message. */
export function loadModelFile(bytes: Uint8Array): LoadedModel {
  const { model, metadata } = deserializeModel(bytes);
  const preprocessor = preprocessorOf(metadata);
  return preprocessor ? { model, metadata, preprocessor } : { model, metadata };
}

/** Raw input rows through the model's preprocessing (a copy; the input is untouched). */
export function prepareInput(m: LoadedModel, x: Float32Array, rows: number): Float32Array {
  return m.preprocessor ? m.preprocessor.transform(x, rows) : x;
}
