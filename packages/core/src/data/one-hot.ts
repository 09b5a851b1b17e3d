/**
 * One-hot encoding of integer class labels, and back (row-wise argmax).
 */

/**
 * Index of the largest of `cols` values starting at `offset` (first index wins ties): the
 * class label of one row of one-hot targets, scores or probabilities.
 * @param values row-major values
 * @param offset index of the row's first value
 * @param cols values in the row
 */
export function argmaxAt(values: ArrayLike<number>, offset: number, cols: number): number {
  let best = 0;
  let bestValue = values[offset] as number;
  for (let j = 1; j < cols; j++) {
    const v = values[offset + j] as number;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return best;
}

/**
 * Encode integer labels as one-hot rows: row i has a 1 in column labels[i], zeros elsewhere.
 * @param labels class index per row, each an integer in [0, classes)
 * @param classes number of classes (columns)
 * @returns n × classes row-major Float32Array
 */
export function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`oneHot: classes must be a positive integer, got ${classes}`);
  }
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`oneHot: label ${label} at row ${i} is not an integer in [0, ${classes})`);
    }
    out[i * classes + label] = 1;
  }
  return out;
}

/**
 * Index of the largest value in each row of a row-major matrix (first index wins ties).
 * Turns one-hot targets or class scores/probabilities into integer labels.
 * @param values rows × cols values
 * @param cols columns per row
 */
export function argmaxRows(values: ArrayLike<number>, cols: number): Int32Array {
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`argmaxRows: cols must be a positive integer, got ${cols}`);
  if (values.length % cols !== 0) {
    throw new RangeError(`argmaxRows: ${values.length} values is not a whole number of rows of ${cols}`);
  }
  const rows = values.length / cols;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = argmaxAt(values, r * cols, cols);
  return out;
}
