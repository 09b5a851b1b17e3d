import type { Dataset } from './dataset.js';
import { IRIS_ROWS } from './iris-data.js';
import { oneHot } from './one-hot.js';

/** Species in label order. */
export const IRIS_CLASS_NAMES: readonly string[] = Object.freeze(['setosa', 'versicolor', 'virginica']);

/** The four measurements, in cm, in column order. */
export const IRIS_FEATURE_NAMES: readonly string[] = Object.freeze([
  'sepal_length',
  'sepal_width',
  'petal_length',
  'petal_width',
]);

/** Integer species label (0 setosa, 1 versicolor, 2 virginica) of each of the 150 rows, in row order. */
export function irisLabels(): Int32Array {
  return Int32Array.from(IRIS_ROWS, (row) => row[4]);
}

/**
 * Fisher's Iris data: 150 rows, 4 features (raw cm, not scaled), one-hot targets over 3 species.
 * Rows keep the original order (50 setosa, 50 versicolor, 50 virginica): split or shuffle before training.
 * Each call returns fresh arrays, so callers may transform them in place.
 */
export function loadIris(): Dataset {
  const n = IRIS_ROWS.length;
  const x = new Float32Array(n * 4);
  IRIS_ROWS.forEach((row, i) => {
    for (let j = 0; j < 4; j++) x[i * 4 + j] = row[j] as number;
  });
  return {
    x,
    y: oneHot(irisLabels(), 3),
    n,
    inputSize: 4,
    outputSize: 3,
    classNames: IRIS_CLASS_NAMES,
    featureNames: IRIS_FEATURE_NAMES,
  };
}
