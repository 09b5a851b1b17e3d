/**
 * Reading and writing model files for the CLI (format: docs/model-format.md, implemented in
 * @backprop/core). Errors are turned into CliErrors that name the file and the problem.
 */
import type { Backend, Model, TrainingState } from '@backprop/core';
import { CliError } from '../errors.js';
import type { CliModelMetadata } from './model-metadata.js';

export interface LoadedModel {
  readonly model: Model;
  readonly metadata: Partial<CliModelMetadata>;
  readonly trainingState: TrainingState | undefined;
}

/** Saves a model with the CLI's metadata (atomic: temp file + rename). */
export async function saveModelFile(
  _path: string,
  _model: Model,
  _metadata: CliModelMetadata,
  _options: { trainingState?: TrainingState } = {},
): Promise<void> {
  throw new CliError('saving models is not available in this build yet.');
}

/** Loads a model file onto a backend; refuses missing, corrupt and wrong-version files with a clear message. */
export async function loadModelFile(path: string, _backend: Backend): Promise<LoadedModel> {
  throw new CliError(`cannot load '${path}': loading models is not available in this build yet.`);
}
