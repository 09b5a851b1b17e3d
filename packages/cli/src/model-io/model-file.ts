/**
 * Reading and writing model files for the CLI (format: docs/model-format.md, implemented in
 * @backprop/core). Load errors become CliErrors that name the file and the problem.
 */
import { ModelFormatError, type Backend, type Model, type TrainingState } from '@backprop/core';
import { loadModel, saveModel } from '@backprop/core/node';
import { inputLimit } from '../data/input-limits.js';
import { checkInputFile } from '../data/check-input-file.js';
import { CliError } from '../errors.js';
import { fromModelMetadata, toModelMetadata, type CliModelMetadata } from './model-metadata.js';

export interface LoadedModelFile {
  readonly model: Model;
  readonly metadata: Partial<CliModelMetadata>;
  /** Present for checkpoints; already applied to the model. */
  readonly trainingState: TrainingState | undefined;
}

/** Saves a model with the CLI's metadata (atomic: temp file + rename); `checkpoint` adds the training state. */
export async function saveModelFile(path: string, model: Model, metadata: CliModelMetadata, options: { checkpoint?: boolean } = {}): Promise<void> {
  try {
    await saveModel(path, model, toModelMetadata(metadata), { trainingState: Boolean(options.checkpoint) });
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${(error as Error).message}`, { cause: error });
  }
}

/** Loads a model file onto a backend; refuses missing, corrupt and wrong-version files with a clear message. */
export async function loadModelFile(path: string, backend: Backend): Promise<LoadedModelFile> {
  checkInputFile(path, 'model file', "give the .bpm file that 'backprop train --save' wrote", inputLimit('model'));
  try {
    const loaded = await loadModel(path, { backend, maxBytes: inputLimit('model') });
    return { model: loaded.model, metadata: fromModelMetadata(loaded.metadata), trainingState: loaded.trainingState };
  } catch (error) {
    if (error instanceof ModelFormatError) {
      throw new CliError(`cannot load model ${error.message} (is it a file saved by 'backprop train --save'?)`, { cause: error });
    }
    throw new CliError(`cannot load model '${path}': ${(error as Error).message}`, { cause: error });
  }
}
