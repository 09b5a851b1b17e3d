/**
 * Opening a saved model for eval / predict / inspect: pick the backend, load the file, and
 * rebuild the input preprocessing that was fitted when it was trained.
 */
import { getBackend, preprocessorFromJSON, setBackendWarningHandler, type Backend, type Dataset, type Preprocessor } from '@backprop/core';
import type { BackendChoice } from '../options/common-options.js';
import { CliError } from '../errors.js';
import type { Output } from '../output/output.js';
import { count } from '../output/count.js';
import { alignClasses } from './align-classes.js';
import { loadModelFile, type LoadedModelFile } from './model-file.js';

export interface OpenedModel extends LoadedModelFile {
  readonly path: string;
  readonly backend: Backend;
  readonly preprocessor: Preprocessor | undefined;
}

export async function loadBackend(name: BackendChoice, out?: Output): Promise<Backend> {
  if (out) setBackendWarningHandler((message) => out.warn(message));
  try {
    return await getBackend(name);
  } catch (error) {
    throw new CliError(`cannot use the '${name}' backend: ${(error as Error).message}`, { cause: error });
  }
}

export async function openModel(path: string, backendName: BackendChoice, out?: Output): Promise<OpenedModel> {
  const backend = await loadBackend(backendName, out);
  const loaded = await loadModelFile(path, backend);
  let preprocessor: Preprocessor | undefined;
  if (loaded.metadata.preprocessor) {
    try {
      preprocessor = preprocessorFromJSON(loaded.metadata.preprocessor);
    } catch (error) {
      throw new CliError(`model '${path}' holds a bad preprocessing record: ${(error as Error).message}`);
    }
    if (preprocessor.features !== undefined && preprocessor.features !== loaded.model.inputSize) {
      throw new CliError(
        `model '${path}' holds a preprocessing record for ${count(preprocessor.features, 'feature')}, but the model takes ${count(loaded.model.inputSize, 'input')}: the file is inconsistent.`,
      );
    }
  }
  return { ...loaded, path, backend, preprocessor };
}

/**
 * The data set as the model sees it: class columns put in the model's order (see alignClasses),
 * then refused if its shape still does not fit. Inputs of the wrong width are reported as a shape
 * mismatch before any class names are compared: that is the more basic mistake (the wrong data set).
 */
export function fitDataToModel(opened: OpenedModel, data: Dataset, dataName: string): Dataset {
  const aligned = data.inputSize === opened.model.inputSize ? alignClasses(data, opened.metadata.classNames, dataName) : data;
  checkDataFits(opened, aligned, dataName);
  return aligned;
}

/** Refuses data whose shape does not fit the model, saying both shapes. */
function checkDataFits(opened: OpenedModel, data: Dataset, dataName: string): void {
  const { model } = opened;
  if (model.inputSize !== data.inputSize || model.outputSize !== data.outputSize) {
    throw new CliError(
      `model '${opened.path}' takes ${count(model.inputSize, 'input')} and gives ${count(model.outputSize, 'output')}, ` +
        `but data set '${dataName}' has ${count(data.inputSize, 'feature')} and ${count(data.outputSize, 'target')}: use the data the model was trained on.`,
    );
  }
}
