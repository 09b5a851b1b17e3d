import type { Dataset } from './dataset.js';
import { argmaxRows } from './one-hot.js';

/**
 * Integer class labels of a classification data set (argmax of each one-hot target row).
 * @param data a data set with one-hot targets and class names
 * @throws if the data set has no class names (i.e. is not a classification set)
 */
export function datasetLabels(data: Dataset): Int32Array {
  if (!data.classNames || data.classNames.length !== data.outputSize) {
    throw new Error(
      `datasetLabels: not a classification data set (classNames ${data.classNames ? `has ${data.classNames.length} names` : 'missing'}, outputSize ${data.outputSize})`,
    );
  }
  return argmaxRows(data.y, data.outputSize);
}
