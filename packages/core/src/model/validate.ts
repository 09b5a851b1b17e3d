/** Input validation for data handed to a model: shapes, sizes and finite values. */
import { count } from '../util/count.js';
import type { Backend, FloatArray } from '../backend/backend.js';
import type { Dataset } from './types.js';

/**
 * Throws naming the first NaN/Inf (row and column) in `values` (rows × cols). The fast path is
 * one backend reduction: Σ x² is finite iff every value is (float32 values cannot overflow a
 * double sum of squares).
 */
export function checkFinite(backend: Backend, values: FloatArray, rows: number, cols: number, what: string): void {
  if (Number.isFinite(backend.sumSquares(values.length, values))) return;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new RangeError(`${what}: value ${v} at row ${Math.floor(i / cols)}, column ${i % cols} (of ${rows} × ${cols}); clean or impute the data first`);
    }
  }
  // A sum of squares can overflow for float64 data with huge values.
  throw new RangeError(`${what}: values too large (the sum of squares overflows); scale the data`);
}

function checkArray(value: unknown, what: string): asserts value is Float32Array {
  if (!(value instanceof Float32Array)) {
    const got = value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
    throw new TypeError(`${what} must be a Float32Array, got ${got}`);
  }
}

/** Throws a clear error unless `data` is a well-formed data set for a model of these sizes. */
export function checkDataset(backend: Backend, data: Dataset, inputSize: number, outputSize: number, what: string): void {
  if (data === null || typeof data !== 'object') throw new TypeError(`${what}: expected a Dataset { x, y, n, inputSize, outputSize }`);
  const { n } = data;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what}: n must be a positive integer, got ${String(n)}`);
  if (data.inputSize !== inputSize) {
    throw new RangeError(`${what}: inputSize is ${String(data.inputSize)} but the model takes ${count(inputSize, 'input')}`);
  }
  if (data.outputSize !== outputSize) {
    throw new RangeError(`${what}: outputSize is ${String(data.outputSize)} but the model has ${count(outputSize, 'output')}`);
  }
  checkArray(data.x, `${what}: x`);
  checkArray(data.y, `${what}: y`);
  if (data.x.length !== n * inputSize) {
    throw new RangeError(`${what}: x has ${data.x.length} values, expected n × inputSize = ${n} × ${inputSize} = ${n * inputSize}`);
  }
  if (data.y.length !== n * outputSize) {
    throw new RangeError(`${what}: y has ${data.y.length} values, expected n × outputSize = ${n} × ${outputSize} = ${n * outputSize}`);
  }
  checkFinite(backend, data.x, n, inputSize, `${what}: x`);
  checkFinite(backend, data.y, n, outputSize, `${what}: y`);
}

/** Throws unless `x` holds exactly rows × cols finite values. */
export function checkRows(backend: Backend, x: Float32Array, rows: number, cols: number, what: string): void {
  checkArray(x, `${what}: x`);
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`${what}: rows must be a non-negative integer, got ${String(rows)}`);
  if (x.length !== rows * cols) {
    throw new RangeError(`${what}: x has ${x.length} values, expected rows × inputSize = ${rows} × ${cols} = ${rows * cols}`);
  }
  checkFinite(backend, x, rows, cols, `${what}: x`);
}
