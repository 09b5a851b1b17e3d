/**
 * The model's saved preprocessing applied to rows read for predict or eval. A transform that
 * overflows float32 (a stored standardize mean of 1e308) is reported in the reader's terms: the
 * row as the input names it (a file's line), the feature by name and column, the transform and
 * its step, and the model file whose record caused it.
 */
import { PreprocessOverflowError, type Dataset } from '@backprop/core';
import { CliError } from '../errors.js';
import { displayName } from '../output/display-names.js';
import type { OpenedModel } from './open-model.js';

function overflowMessage(opened: OpenedModel, error: PreprocessOverflowError, where: string): string {
  const name = opened.metadata.featureNames?.[error.feature];
  const feature = name !== undefined ? `feature ${displayName(name)} (column ${error.feature + 1})` : `feature ${error.feature + 1}`;
  return (
    `${where}, ${feature}: the model's ${error.transform} preprocessing overflows float32: ${error.step}. ` +
    `The preprocessing record in model '${opened.path}' does not fit this value; retrain the model or check the file.`
  );
}

/** x transformed by the model's preprocessing (a copy), or x itself when it has none. */
export function preprocessRows(opened: OpenedModel, x: Float32Array, rows: number, rowName: (row: number) => string): Float32Array {
  if (!opened.preprocessor) return x;
  try {
    return opened.preprocessor.transform(x, rows);
  } catch (error) {
    if (error instanceof PreprocessOverflowError) throw new CliError(overflowMessage(opened, error, rowName(error.row)));
    throw error;
  }
}

/** A data set with inputs transformed by the model's preprocessing, or the data set itself when it has none. */
export function preprocessDataset(opened: OpenedModel, data: Dataset, rowName: (row: number) => string): Dataset {
  if (!opened.preprocessor) return data;
  try {
    return opened.preprocessor.transformDataset(data);
  } catch (error) {
    if (error instanceof PreprocessOverflowError) throw new CliError(overflowMessage(opened, error, rowName(error.row)));
    throw error;
  }
}
