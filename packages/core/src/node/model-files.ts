/** Saving and loading model files from Node (atomic saves). */
import type { Model } from '../model/model.js';
// A program that imports only @backprop/core/node must still read recurrent models: the layer
// types rnn/lstm/gru/time-distributed-dense are registered by this import (a side effect).
import '../recurrent/register.js';
import {
  deserializeModel,
  ModelFormatError,
  serializeModel,
  type DeserializeOptions,
  type LoadedModel,
  type ModelMetadata,
  type SerializeOptions,
} from '../model/serialize.js';
import { writeFileAtomic } from './atomic-write.js';
import { INPUT_FILE_LIMITS, InputFileError, readInputFile } from './input-file.js';

/** Options of {@link loadModel}: the backend, and the largest file read. */
export interface LoadModelOptions extends DeserializeOptions {
  /** The largest model file read, in bytes (default `INPUT_FILE_LIMITS.model`, 2 GiB). */
  readonly maxBytes?: number;
}

/**
 * Save a model (with `{ trainingState: true }`, a resumable checkpoint) to `path`, atomically:
 * a crash mid-save leaves the previous file intact.
 * @param path the file to write (replaced atomically)
 * @param model the model to save
 * @param metadata free JSON stored beside it (class names, feature names, preprocessing, …)
 * @param options whether to store a training state
 * @throws the file system's error, or as `serializeModel`
 */
export async function saveModel(path: string, model: Model, metadata?: ModelMetadata, options?: SerializeOptions): Promise<void> {
  await writeFileAtomic(path, serializeModel(model, metadata, options));
}

/**
 * Load a model file; errors name the file and what is wrong with it.
 * @param path a model file
 * @param options the backend of the loaded model (default: the default backend, `native` once
 *   `@backprop/node-native` is imported), and the largest file read (`maxBytes`)
 * @returns the model, its metadata and, for a checkpoint, the training state (already applied)
 * @throws an Error naming the file when it is missing or a folder; InputFileError when it is not a
 *   regular file (a device, a FIFO) or over `maxBytes`; ModelFormatError naming the file
 *   and the problem
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  let bytes: Buffer;
  try {
    bytes = readInputFile(path, 'model file', options.maxBytes ?? INPUT_FILE_LIMITS.model);
  } catch (e) {
    // As loadCsv and loadMnist say it, with the code kept for programs.
    if (!(e instanceof InputFileError) || (e.code !== 'ENOENT' && e.code !== 'EISDIR')) throw e;
    throw Object.assign(new Error(`${path}: ${e.code === 'ENOENT' ? 'file not found' : 'is a folder, not a model file'}`, { cause: e }), { code: e.code });
  }
  try {
    return deserializeModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  } catch (e) {
    if (e instanceof ModelFormatError) throw new ModelFormatError(e.problem, `${path}: ${e.message}`);
    throw e;
  }
}
