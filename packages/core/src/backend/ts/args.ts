/**
 * Argument validation for the TS backend's public ops: the same contract, the same error
 * classes and the same messages as the native binding (native/src/binding/args.cc), so that
 * a caller sees one behaviour whichever backend runs.
 *
 * - TypeError: an argument of the wrong JS type (a size or scalar that is not a number, a
 *   flag that is not a boolean, an array that is not a Float32Array / Float64Array, arrays of
 *   one call of different types, an activation kind that is not a string).
 * - RangeError: a value of the right type out of range (a size that is not a non-negative
 *   safe integer, a scalar that is NaN or ±Infinity, an array shorter than the sizes say,
 *   arrays that partly overlap where the op does not allow it, an unknown activation kind).
 *
 * Every message starts with "<op>: <argument> ". Each check is O(1) and allocates nothing
 * on the success path (the optimizer steps pass their few arrays and scalars as a short list);
 * messages are built only on failure.
 */
import { ELEMENTWISE_ACTIVATIONS, OUTPUT_DERIVATIVE_ACTIVATIONS, type ElementwiseActivation, type FloatArray } from '../backend.js';

/** 2^53 − 1: beyond this a number is no longer an exact integer. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A short description of a value for messages: its type, or the typed array's kind. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an Array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer';
  const type = typeof value;
  if (type === 'undefined') return 'undefined';
  if (type === 'object') return 'an object';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** A size: a non-negative safe integer (TypeError if not a number, RangeError otherwise). */
export function size(op: string, name: string, value: number): void {
  if (typeof value !== 'number') throw new TypeError(`${op}: ${name} must be a number (got ${describe(value)})`);
  if (!(value >= 0 && value <= MAX_SAFE) || Math.floor(value) !== value) {
    throw new RangeError(`${op}: ${name} must be a non-negative integer (got ${value})`);
  }
}

/** The product of two checked sizes, or a RangeError if it exceeds what any array can hold. */
export function product(op: string, a: number, b: number, what: string): number {
  if (a !== 0 && b > Math.floor(MAX_SAFE / a)) throw new RangeError(`${op}: ${what} = ${a}·${b} is larger than any array`);
  return a * b;
}

/** A finite number: hyper-parameters and scale factors (TypeError / RangeError). */
export function finite(op: string, name: string, value: number): void {
  if (typeof value !== 'number') throw new TypeError(`${op}: ${name} must be a number (got ${describe(value)})`);
  if (!Number.isFinite(value)) throw new RangeError(`${op}: ${name} must be a finite number (got ${value})`);
}

/** A boolean flag (TypeError otherwise). */
export function bool(op: string, name: string, value: boolean): void {
  if (typeof value !== 'boolean') throw new TypeError(`${op}: ${name} must be a boolean (got ${describe(value)})`);
}

/**
 * A Float32Array or Float64Array holding at least `need` elements. `like` is an array of
 * the same call already checked: every array of one call must be of its type. `needText`
 * says where the count comes from, e.g. "m·k".
 */
export function floats(op: string, name: string, x: FloatArray, need: number, needText: string, like?: FloatArray): void {
  if (!(x instanceof Float32Array || x instanceof Float64Array)) {
    throw new TypeError(`${op}: ${name} must be a Float32Array or Float64Array (got ${describe(x)})`);
  }
  if (like !== undefined && x.constructor !== like.constructor) {
    throw new TypeError(`${op}: ${name} must be a ${like.constructor.name} like the call's other arrays (got ${describe(x)})`);
  }
  if (x.length < need) throw new RangeError(`${op}: ${name} has ${x.length} elements but needs ${need} (${needText})`);
}

// The overlap checks read `byteOffset` before `buffer`: two views starting at the same byte are
// the same memory or in different buffers, both fine for sameOrDisjoint, and the common calls
// (whole arrays, in place) are settled without the slower `buffer` getter.

/** Whether [xb, xb + xBytes) and [yb, yb + yBytes) intersect. */
function intersects(xb: number, xBytes: number, yb: number, yBytes: number): boolean {
  return xb < yb + yBytes && yb < xb + xBytes;
}

/**
 * RangeError unless x and y (their first `need` elements, of one element type) are the same
 * memory or do not overlap.
 */
export function sameOrDisjoint(op: string, x: FloatArray, xName: string, y: FloatArray, yName: string, need: number): void {
  if (x === y || need === 0) return;
  const xb = x.byteOffset;
  const yb = y.byteOffset;
  if (xb === yb || x.buffer !== y.buffer) return;
  const bytes = need * x.BYTES_PER_ELEMENT;
  if (intersects(xb, bytes, yb, bytes)) {
    throw new RangeError(`${op}: ${xName} and ${yName} partly overlap: pass the same array (in place) or separate memory`);
  }
}

/** RangeError if the first `nx` elements of x and the first `ny` of y (of one element type) share any byte. */
export function disjoint(op: string, x: FloatArray, xName: string, nx: number, y: FloatArray, yName: string, ny: number): void {
  if (nx === 0 || ny === 0) return;
  if (x !== y && x.buffer !== y.buffer) return;
  const size = x.BYTES_PER_ELEMENT;
  if (intersects(x.byteOffset, nx * size, y.byteOffset, ny * size)) throw new RangeError(`${op}: ${xName} must not overlap ${yName}`);
}

const KINDS: ReadonlySet<unknown> = new Set(ELEMENTWISE_ACTIVATIONS);

/** An element-wise activation's name (TypeError if not a string, RangeError if unknown). */
export function activationKind(op: string, kind: ElementwiseActivation): void {
  if (KINDS.has(kind)) return;
  if (typeof kind !== 'string') {
    throw new TypeError(`${op}: kind must be a string: ${KIND_LIST}`);
  }
  throw new RangeError(`${op}: kind must be one of ${KIND_LIST}`);
}

const KIND_LIST = ELEMENTWISE_ACTIVATIONS.map((k) => `'${k}'`).join(', ');
const OUTPUT_KINDS: ReadonlySet<unknown> = new Set(OUTPUT_DERIVATIVE_ACTIVATIONS);

/** An activation whose derivative can be taken from its output y (RangeError otherwise: it needs x). */
export function outputDerivativeKind(op: string, kind: ElementwiseActivation): void {
  activationKind(op, kind);
  if (!OUTPUT_KINDS.has(kind)) {
    throw new RangeError(`${op}: kind '${kind}' has no derivative in terms of its output: use activationBackwardFromInput`);
  }
}

/** Checks rows and cols and returns rows·cols. */
export function matrix(op: string, rows: number, cols: number): number {
  size(op, 'rows', rows);
  size(op, 'cols', cols);
  return product(op, rows, cols, 'rows·cols');
}

/** The arguments of add / sub / mul: out may be a or b, but not a shifted view of them. */
export function binaryArgs(op: string, n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
  size(op, 'n', n);
  floats(op, 'a', a, n, 'n');
  floats(op, 'b', b, n, 'n', a);
  floats(op, 'out', out, n, 'n', a);
  sameOrDisjoint(op, out, 'out', a, 'a', n);
  sameOrDisjoint(op, out, 'out', b, 'b', n);
}

/** The arguments of mse and sigmoidBinaryCrossEntropy: grad may be the prediction, in place. */
export function lossArgs(op: string, n: number, p: FloatArray, pName: string, t: FloatArray, tName: string, gradScale: number, grad: FloatArray): void {
  size(op, 'n', n);
  floats(op, pName, p, n, 'n');
  floats(op, tName, t, n, 'n', p);
  finite(op, 'gradScale', gradScale);
  floats(op, 'grad', grad, n, 'n', p);
  sameOrDisjoint(op, grad, 'grad', p, pName, n);
  sameOrDisjoint(op, grad, 'grad', t, tName, n);
}

/**
 * The arguments of an element-wise optimizer step: n; each array a float array of the first
 * one's type holding n values (an entry marked optional may be null or undefined: state the step
 * does not use); every scalar finite; every pair of arrays the same memory or disjoint.
 */
export function stepArgs(
  op: string,
  n: number,
  arrays: readonly (readonly [FloatArray | null | undefined, string, 'optional'?])[],
  scalars: Readonly<Record<string, number>>,
): void {
  size(op, 'n', n);
  let first: FloatArray | undefined;
  for (const [x, name, optional] of arrays) {
    if (optional && (x === null || x === undefined)) continue;
    floats(op, name, x as FloatArray, n, 'n', first);
    first ??= x as FloatArray;
  }
  for (const name in scalars) finite(op, name, scalars[name] as number);
  for (let i = 0; i < arrays.length; i++) {
    const [x, xName] = arrays[i] as readonly [FloatArray | null | undefined, string];
    if (x === null || x === undefined) continue;
    for (let j = i + 1; j < arrays.length; j++) {
      const [y, yName] = arrays[j] as readonly [FloatArray | null | undefined, string];
      if (y !== null && y !== undefined) sameOrDisjoint(op, x, xName, y, yName, n);
    }
  }
}

/** The 1-based step count of a bias-corrected step: an integer ≥ 1 (RangeError otherwise). */
export function stepCount(op: string, step: number): void {
  finite(op, 'step', step);
  if (!(step >= 1) || Math.floor(step) !== step) {
    throw new RangeError(`${op}: step must be an integer ≥ 1 (the 1-based step count, got ${step})`);
  }
}
