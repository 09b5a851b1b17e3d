/**
 * Model files in the CLI's format (core's serializeModel / deserializeModel, format version 1),
 * plus the input preprocessing a file carries: the fitted transform's JSON under
 * `metadata.preprocess` (as the CLI writes it; an older `preprocessor` key is read too), and
 * predictions on raw inputs go through it, exactly as `backprop predict` does.
 */
import { deserializeModel, preprocessorFromJSON, serializeModel, type Model, type ModelMetadata, type Preprocessor } from '@backprop/core';
import { exportOnnx, exportSafetensors } from '@backprop/core/interop';

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

/**
 * The formats a model is saved in, each also its file name extension: `bpm` (the CLI's model
 * file), `onnx` (opset 17, with the input preprocessing as graph nodes in front of the network)
 * and `safetensors` (PyTorch `state_dict` names and layouts, the metadata in the header).
 */
export type ModelFileFormat = 'bpm' | 'onnx' | 'safetensors';

/**
 * The model's bytes in `format`, all formats from the same model and metadata. A model the format
 * cannot hold (fixed-point layers in ONNX or safetensors, embeddings in ONNX) throws the
 * exporter's error, naming the layer.
 */
export function saveModelFile(m: LoadedModel, format: ModelFileFormat = 'bpm'): Uint8Array {
  const metadata: ModelMetadata = { ...m.metadata, savedBy: '@backprop/web-demo' };
  if (m.preprocessor && metadata.preprocess === undefined && metadata.preprocessor === undefined) {
    metadata.preprocess = JSON.parse(JSON.stringify(m.preprocessor.toJSON())) as ModelMetadata['preprocess'];
  }
  switch (format) {
    case 'bpm':
      return serializeModel(m.model, metadata);
    case 'onnx':
      // exportOnnx writes the preprocessing from `preprocess`; an older file has it under `preprocessor`.
      return exportOnnx(m.model, { ...metadata, preprocess: metadata.preprocess ?? metadata.preprocessor });
    case 'safetensors':
      return exportSafetensors(m.model, metadata);
  }
}

/** The widths a tab's model must have, with what they are there (for the message that refuses another). */
export interface ExpectedShape {
  /** e.g. "the Iris tab" */
  readonly where: string;
  readonly inputSize: number;
  /** e.g. "the 4 measurements" */
  readonly inputs: string;
  readonly outputSize: number;
  /** e.g. "the 3 species" */
  readonly outputs: string;
}

/**
 * Read a model file; throws core's ModelFormatError (bad magic, version, checksum, ...) with its
 * message, or, given `expected`, an error naming both shapes when the model's widths differ
 * (a well-formed file of another data set would otherwise replace the tab's model and fail
 * later, in Classify or Predict, with a bare size error).
 */
export function loadModelFile(bytes: Uint8Array, expected?: ExpectedShape): LoadedModel {
  const { model, metadata } = deserializeModel(bytes);
  if (expected && (model.inputSize !== expected.inputSize || model.outputSize !== expected.outputSize)) {
    throw new Error(
      `this model maps ${model.inputSize} inputs to ${model.outputSize} outputs; ${expected.where} needs ${expected.inputSize} inputs (${expected.inputs}) and ${expected.outputSize} outputs (${expected.outputs})`,
    );
  }
  const preprocessor = preprocessorOf(metadata);
  return preprocessor ? { model, metadata, preprocessor } : { model, metadata };
}

/** Raw input rows through the model's preprocessing (a copy; the input is untouched). */
export function prepareInput(m: LoadedModel, x: Float32Array, rows: number): Float32Array {
  return m.preprocessor ? m.preprocessor.transform(x, rows) : x;
}
