/**
 * Feature preprocessing fitted on training rows only, and stored with a model as plain JSON so that
 * `predict` on raw input applies the very same transform.
 *
 * - standardize: x' = (x − mean) / std, mean and population std (divide by n) per feature; a feature with
 *   zero std gets std 1 (it becomes x − mean = 0 on the training rows) rather than a division by zero.
 * - minmax: x' = (x − min) / (max − min) per feature, [0, 1] on the training rows; a constant feature gets
 *   range 1.
 * - scale: x' = x · factor, e.g. 1/255 for 8-bit pixels.
 */
import type { Dataset } from './dataset.js';
import { withArrays } from './subset.js';

/** The JSON form of a fitted preprocessor, as stored in a model file's metadata. */
export type PreprocessorJSON =
  | { type: 'standardize'; mean: number[]; std: number[] }
  | { type: 'minmax'; min: number[]; max: number[] }
  | { type: 'scale'; factor: number };

/** The kinds of preprocessing. */
export type PreprocessorType = PreprocessorJSON['type'];

/** A fitted feature transform. */
export interface Preprocessor {
  readonly type: PreprocessorType;
  /** Features per row, or undefined for transforms that work on any width ('scale'). */
  readonly features: number | undefined;
  /** A new array holding the transformed rows of `x` (n × features, row-major). */
  transform(x: Float32Array, rows?: number): Float32Array;
  /** Transform `x` in place and return it. */
  transformInPlace(x: Float32Array, rows?: number): Float32Array;
  /** A new data set with transformed inputs (targets shared, not copied). */
  transformDataset(data: Dataset): Dataset;
  /**
   * The fitted parameters as JSON, for a model file's `preprocess` metadata (`preprocessorFromJSON`
   * reads it back).
   */
  toJSON(): PreprocessorJSON;
}

/** What fitting reads: a data set, or flat rows with their width. */
export type FitInput = Dataset | { readonly x: Float32Array; readonly inputSize: number };

/**
 * A finite input value that a transform turned into a value beyond float32 (±3.4e38), e.g. with a
 * stored standardize mean of 1e308. `row` and `feature` are 0-based; callers that know the file's
 * lines and feature names (the CLI) say where in their own terms.
 */
export class PreprocessOverflowError extends RangeError {
  constructor(
    readonly transform: PreprocessorType,
    readonly row: number,
    readonly feature: number,
    /** The transform written out with its parameters, e.g. "(x − mean) / std = (1 − 1e308) / 1". */
    readonly step: string,
  ) {
    super(`${transform}: feature ${feature + 1} of row ${row + 1} overflows float32 in the preprocessing: ${step}`);
    this.name = 'PreprocessOverflowError';
  }
}

/** Base for per-feature affine transforms x' = (x − shift) · mult. */
abstract class AffineTransform implements Preprocessor {
  abstract readonly type: PreprocessorType;
  protected shift: Float64Array = new Float64Array(0);
  protected mult: Float64Array = new Float64Array(0);
  protected fitted = false;

  get features(): number | undefined {
    return this.fitted ? this.shift.length : undefined;
  }

  abstract toJSON(): PreprocessorJSON;

  transform(x: Float32Array, rows?: number): Float32Array {
    return this.transformInPlace(new Float32Array(x), rows);
  }

  transformInPlace(x: Float32Array, rows?: number): Float32Array {
    if (!this.fitted) throw new Error(`${this.type}: transform called before fit`);
    const f = this.shift.length;
    checkShape(this.type, x.length, f, rows);
    const { shift, mult } = this;
    for (let i = 0; i < x.length; i += f) {
      for (let j = 0; j < f; j++) {
        const v = x[i + j] as number;
        const y = (v - (shift[j] as number)) * (mult[j] as number);
        x[i + j] = y;
        // A finite input whose result does not fit float32 (a stored mean of 1e308): name the step, not the data.
        if (!Number.isFinite(x[i + j]) && Number.isFinite(v)) throw this.overflow(i / f, j, v, y);
      }
    }
    return x;
  }

  /** The error for feature `feature` of row `row` overflowing float32: which transform, on which value. */
  protected abstract overflow(row: number, feature: number, value: number, result: number): PreprocessOverflowError;

  transformDataset(data: Dataset): Dataset {
    return withArrays(data, this.transform(data.x, data.n), data.y, data.n);
  }

  protected setParams(shift: ArrayLike<number>, mult: ArrayLike<number>): this {
    this.shift = Float64Array.from(shift);
    this.mult = Float64Array.from(mult);
    this.fitted = true;
    return this;
  }
}

function checkShape(type: string, length: number, features: number, rows: number | undefined): void {
  if (length % features !== 0) {
    throw new RangeError(`${type}: ${length} values is not a whole number of rows of ${features} features`);
  }
  if (rows !== undefined && rows * features !== length) {
    throw new RangeError(`${type}: expected ${rows} rows × ${features} features = ${rows * features} values, got ${length}`);
  }
}

/** Validate fit input and return its width and row count. */
function fitShape(type: string, data: FitInput): { f: number; n: number } {
  const f = data.inputSize;
  if (!Number.isInteger(f) || f < 1) throw new RangeError(`${type}: inputSize must be a positive integer, got ${f}`);
  checkShape(type, data.x.length, f, 'n' in data ? data.n : undefined);
  const n = data.x.length / f;
  if (n === 0) throw new RangeError(`${type}: cannot fit on zero rows`);
  for (let i = 0; i < data.x.length; i++) {
    if (!Number.isFinite(data.x[i])) {
      throw new RangeError(`${type}: value ${data.x[i]} at row ${Math.floor(i / f)}, feature ${i % f} is not finite`);
    }
  }
  return { f, n };
}

/** Per-feature standardisation to zero mean and unit (population) variance. */
export class Standardizer extends AffineTransform {
  readonly type = 'standardize' as const;

  /** Fit mean and std on the given (training) rows; returns this. */
  fit(data: FitInput): this {
    const { f, n } = fitShape(this.type, data);
    const mean = new Float64Array(f);
    const m2 = new Float64Array(f);
    for (let i = 0; i < data.x.length; i++) mean[i % f]! += data.x[i] as number;
    for (let j = 0; j < f; j++) mean[j]! /= n;
    // Two-pass variance: sum of squared deviations about the mean, stable unlike E[x²] − E[x]².
    for (let i = 0; i < data.x.length; i++) {
      const d = (data.x[i] as number) - (mean[i % f] as number);
      m2[i % f]! += d * d;
    }
    const std = Array.from(m2, (s) => Math.sqrt(s / n) || 1);
    return this.setParams(mean, std.map((s) => 1 / s));
  }

  protected overflow(row: number, feature: number, value: number, result: number): PreprocessOverflowError {
    const step = `(x − mean) / std = (${value} − ${this.shift[feature]}) / ${1 / (this.mult[feature] as number)} = ${result}`;
    return new PreprocessOverflowError(this.type, row, feature, step);
  }

  /** Per-feature means (after fit). */
  get mean(): number[] {
    return Array.from(this.shift);
  }

  /** Per-feature standard deviations, 1 for constant features (after fit). */
  get std(): number[] {
    return Array.from(this.mult, (m) => 1 / m);
  }

  /** Restore from saved parameters. */
  static fromParams(mean: readonly number[], std: readonly number[]): Standardizer {
    return new Standardizer().setParams(mean, std.map((s) => 1 / s));
  }

  /**
   * The fitted parameters as JSON, for a model file's `preprocess` metadata.
   * @throws an Error when called before `fit`
   */
  toJSON(): PreprocessorJSON {
    if (!this.fitted) throw new Error('standardize: toJSON called before fit');
    return { type: 'standardize', mean: this.mean, std: this.std };
  }
}

/** Per-feature scaling of the training range to [0, 1]. */
export class MinMaxScaler extends AffineTransform {
  readonly type = 'minmax' as const;
  private maxes: number[] = [];

  /** Fit per-feature min and max on the given (training) rows; returns this. */
  fit(data: FitInput): this {
    const { f } = fitShape(this.type, data);
    const min = new Array<number>(f).fill(Infinity);
    const max = new Array<number>(f).fill(-Infinity);
    for (let i = 0; i < data.x.length; i++) {
      const v = data.x[i] as number;
      const j = i % f;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
    return this.setMinMax(min, max);
  }

  get min(): number[] {
    return Array.from(this.shift);
  }

  get max(): number[] {
    return [...this.maxes];
  }

  protected overflow(row: number, feature: number, value: number, result: number): PreprocessOverflowError {
    const range = (this.maxes[feature] as number) - (this.shift[feature] as number) || 1;
    const step = `(x − min) / (max − min) = (${value} − ${this.shift[feature]}) / ${range} = ${result}`;
    return new PreprocessOverflowError(this.type, row, feature, step);
  }

  /** Restore from saved parameters. */
  static fromParams(min: readonly number[], max: readonly number[]): MinMaxScaler {
    return new MinMaxScaler().setMinMax(min, max);
  }

  private setMinMax(min: readonly number[], max: readonly number[]): this {
    this.maxes = [...max];
    return this.setParams(
      min,
      min.map((lo, j) => 1 / ((max[j] as number) - lo || 1)),
    );
  }

  /**
   * The fitted parameters as JSON, for a model file's `preprocess` metadata.
   * @throws an Error when called before `fit`
   */
  toJSON(): PreprocessorJSON {
    if (!this.fitted) throw new Error('minmax: toJSON called before fit');
    return { type: 'minmax', min: this.min, max: this.max };
  }
}

/** Multiply every value by a constant (no fitting; any row width). */
export class ScaleTransform implements Preprocessor {
  readonly type = 'scale' as const;
  readonly features = undefined;

  constructor(readonly factor: number) {
    if (!Number.isFinite(factor) || factor === 0) throw new RangeError(`scale: factor must be finite and non-zero, got ${factor}`);
  }

  transform(x: Float32Array, rows?: number): Float32Array {
    return this.transformInPlace(new Float32Array(x), rows);
  }

  transformInPlace(x: Float32Array, rows?: number): Float32Array {
    const width = rows ? x.length / rows : x.length;
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      x[i] = v * this.factor;
      if (!Number.isFinite(x[i]) && Number.isFinite(v)) {
        throw new PreprocessOverflowError(this.type, Math.floor(i / width), i % width, `x · factor = ${v} · ${this.factor} = ${v * this.factor}`);
      }
    }
    return x;
  }

  transformDataset(data: Dataset): Dataset {
    return withArrays(data, this.transform(data.x, data.n), data.y, data.n);
  }

  /** The factor as JSON, for a model file's `preprocess` metadata. */
  toJSON(): PreprocessorJSON {
    return { type: 'scale', factor: this.factor };
  }
}

/**
 * Fit a standardiser or min-max scaler on training rows (the CLI's `--normalize` choices).
 * Fit on the training part only, then apply the result to train, validation, test and predict inputs.
 * @param type 'standardize' (zero mean, unit variance) or 'minmax' (to [0, 1])
 * @param train the training rows (a data set, or `{ x, inputSize }`)
 * @throws when the rows are empty or not finite
 */
export function fitPreprocessor(type: 'standardize' | 'minmax', train: FitInput): Preprocessor {
  return type === 'standardize' ? new Standardizer().fit(train) : new MinMaxScaler().fit(train);
}

function finiteArray(json: Record<string, unknown>, key: string): number[] {
  const v = json[key];
  if (!Array.isArray(v) || v.length === 0 || !v.every((e) => typeof e === 'number' && Number.isFinite(e))) {
    throw new Error(`preprocessor '${String(json.type)}': '${key}' must be a non-empty array of finite numbers`);
  }
  return v as number[];
}

/**
 * Rebuild a preprocessor from its JSON (e.g. from a model file), validating every field.
 * @param json what `toJSON()` of a preprocessor returned
 * @throws an Error naming the problem for unknown types, missing or non-finite parameters, length mismatches
 *   or non-positive std
 */
export function preprocessorFromJSON(json: unknown): Preprocessor {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('preprocessor: expected an object with a "type" field');
  }
  const o = json as Record<string, unknown>;
  switch (o.type) {
    case 'standardize': {
      const mean = finiteArray(o, 'mean');
      const std = finiteArray(o, 'std');
      if (mean.length !== std.length) {
        throw new Error(`preprocessor 'standardize': mean has ${mean.length} values but std has ${std.length}`);
      }
      const bad = std.findIndex((s) => !(s > 0));
      if (bad >= 0) throw new Error(`preprocessor 'standardize': std[${bad}] = ${std[bad]} is not positive`);
      return Standardizer.fromParams(mean, std);
    }
    case 'minmax': {
      const min = finiteArray(o, 'min');
      const max = finiteArray(o, 'max');
      if (min.length !== max.length) {
        throw new Error(`preprocessor 'minmax': min has ${min.length} values but max has ${max.length}`);
      }
      const bad = min.findIndex((lo, j) => lo > max[j]!);
      if (bad >= 0) throw new Error(`preprocessor 'minmax': min[${bad}] = ${min[bad]} exceeds max[${bad}] = ${max[bad]}`);
      return MinMaxScaler.fromParams(min, max);
    }
    case 'scale': {
      if (typeof o.factor !== 'number') throw new Error("preprocessor 'scale': 'factor' must be a number");
      return new ScaleTransform(o.factor);
    }
    default:
      throw new Error(`preprocessor: unknown type ${JSON.stringify(o.type)} (expected 'standardize', 'minmax' or 'scale')`);
  }
}
