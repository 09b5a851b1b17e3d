/**
 * Lines a classification data set's one-hot columns up with a saved model's classes.
 *
 * A CSV's classes are numbered from the rows it holds (sorted names), so a separate evaluation
 * file that lacks a class, or holds one the model never saw, numbers them differently from the
 * training file: column i would then mean another class than the model's output i, and the
 * accuracy and confusion matrix would be silently wrong. Matching by name fixes the first case
 * and refuses the second.
 */
import type { Dataset } from '@backprop/core';
import { CliError } from '../errors.js';
import { quotedNames } from '../output/display-names.js';

export function alignClasses(data: Dataset, modelClasses: readonly string[] | undefined, dataName: string): Dataset {
  const dataClasses = data.classNames;
  if (!modelClasses || !dataClasses) return data;
  if (dataClasses.length === modelClasses.length && dataClasses.every((name, i) => name === modelClasses[i])) return data;
  const modelIndex = new Map(modelClasses.map((name, i) => [name, i]));
  const unknown = dataClasses.filter((name) => !modelIndex.has(name));
  if (unknown.length > 0) {
    throw new CliError(
      `data set '${dataName}' holds ${unknown.length === 1 ? 'a class' : 'classes'} the model was not trained on: ` +
        `${quotedNames(unknown).join(', ')} (the model knows ${quotedNames(modelClasses).join(', ')}).`,
    );
  }
  const width = modelClasses.length;
  const y = new Float32Array(data.n * width);
  for (let r = 0; r < data.n; r++) {
    for (let c = 0; c < dataClasses.length; c++) {
      const v = data.y[r * dataClasses.length + c]!;
      if (v !== 0) y[r * width + modelIndex.get(dataClasses[c]!)!] = v;
    }
  }
  return { ...data, y, outputSize: width, classNames: [...modelClasses] };
}
