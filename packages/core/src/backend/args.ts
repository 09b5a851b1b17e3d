/**
 * The argument checks every backend's ops are built from (op-checks.ts composes them, one
 * function per op): the same contract, the same error classes and the same messages as the
 * native binding (native/src/binding/args.cc), so that a caller sees one behaviour whichever
 * backend runs.
 *
 * - TypeError: an argument of the wrong JS type (a size or scalar that is not a number, a
 *   flag that is not a boolean, an array that is not a Float32Array / Float64Array, arrays of
 *   one call of different types, an activation kind that is not a string).
 *   An index array (max pooling's argmax) that is not an Int32Array is a TypeError too.
 * - RangeError: a value of the right type out of range (a size that is not a non-negative
 *   safe integer, a scalar that is NaN or ±Infinity, an array shorter than the sizes say,
 *   arrays that partly overlap where the op does not allow it, an unknown activation kind;
 *   a kernel, stride or dilation below 1, a pooling pad above ⌊kernel / 2⌋ or pooling over an
 *   empty image, a window that does not fit the padded image, an index out of range).
 *
 * Every message starts with "<op>: <argument> ". Each check is O(1) and allocates nothing
 * on the success path (a window op's check returns its geometry as one object); messages are
 * built only on failure. The exceptions to O(1) are the index checks (embedding ids, max
 * pooling's argmax): O(n), run before anything is written.
 */
import { ELEMENTWISE_ACTIVATIONS, OUTPUT_DERIVATIVE_ACTIVATIONS, windowOutputSize, type ElementwiseActivation, type FloatArray } from './backend.js';

/** 2^53 − 1: beyond this a number is no longer an exact integer. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A short description of a value for messages: its type, or the typed array's kind. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an Array';
  if (ArrayBuffer.isView(value)) {
    // "an Int32Array", "a Uint8Array", "a Float64Array", as the native binding writes them.
    const name = value.constructor.name;
    return `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
  }
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
 * The check of one float array argument: at least `need` elements; `like` is an array of the
 * same call already checked (every array of one call must be of its type); `needText` says where
 * the count comes from, e.g. "m·k"; `nullable` marks an argument that may also be null (the
 * optimizers' optional state), which only the wording of a refusal shows.
 */
export type FloatsCheck = (op: string, name: string, x: FloatArray, need: number, needText: string, like?: FloatArray, nullable?: boolean) => void;

/** RangeError if x (already of the right type) holds fewer than `need` elements. */
function length(op: string, name: string, x: FloatArray | Int32Array, need: number, needText: string): void {
  if (x.length < need) throw new RangeError(`${op}: ${name} has ${x.length} elements but needs ${need} (${needText})`);
}

/** A Float32Array or Float64Array holding at least `need` elements (a backend that accepts both). */
export const floats: FloatsCheck = (op, name, x, need, needText, like) => {
  if (!(x instanceof Float32Array || x instanceof Float64Array)) {
    throw new TypeError(`${op}: ${name} must be a Float32Array or Float64Array (got ${describe(x)})`);
  }
  if (like !== undefined && x.constructor !== like.constructor) {
    throw new TypeError(`${op}: ${name} must be a ${like.constructor.name} like the call's other arrays (got ${describe(x)})`);
  }
  length(op, name, x, need, needText);
};

/** A Float32Array holding at least `need` elements (a backend without Float64Array), worded as the native binding words it. */
export const float32s: FloatsCheck = (op, name, x, need, needText, _like, nullable) => {
  if (!(x instanceof Float32Array)) throw new TypeError(`${op}: ${name} must be a Float32Array${nullable ? ' or null' : ''} (got ${describe(x)})`);
  length(op, name, x, need, needText);
};

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

/** RangeError if the first `nx` elements of x and the first `ny` of y share any byte (either may be an Int32Array of indices). */
export function disjoint(op: string, x: FloatArray | Int32Array, xName: string, nx: number, y: FloatArray | Int32Array, yName: string, ny: number): void {
  if (nx === 0 || ny === 0) return;
  if (x !== y && x.buffer !== y.buffer) return;
  if (intersects(x.byteOffset, nx * x.BYTES_PER_ELEMENT, y.byteOffset, ny * y.BYTES_PER_ELEMENT)) {
    throw new RangeError(`${op}: ${xName} must not overlap ${yName}`);
  }
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

/** The 1-based step count of a bias-corrected step: an integer ≥ 1 (RangeError otherwise). */
export function stepCount(op: string, step: number): void {
  finite(op, 'step', step);
  if (!(step >= 1) || Math.floor(step) !== step) {
    throw new RangeError(`${op}: step must be an integer ≥ 1 (the 1-based step count, got ${step})`);
  }
}

/** A size that must be at least 1 (kernel, stride, dilation): TypeError if not a number, RangeError otherwise. */
export function positive(op: string, name: string, value: number): void {
  if (typeof value !== 'number') throw new TypeError(`${op}: ${name} must be a number (got ${describe(value)})`);
  if (!(value >= 1 && value <= MAX_SAFE) || Math.floor(value) !== value) {
    throw new RangeError(`${op}: ${name} must be a positive integer (got ${value})`);
  }
}

/**
 * The product of checked sizes, named by `what` (e.g. "rows·channels·height·width"), or a
 * RangeError naming the factors (as the native binding does) if it exceeds what any array can
 * hold. A zero factor makes it 0 whatever the others. Exact: with non-negative integer factors
 * every partial product is at most the whole, so it is exact whenever the whole is safe.
 */
export function volume(op: string, what: string, ...factors: number[]): number {
  let v = 1;
  for (const f of factors) {
    if (f === 0) return 0;
    v *= f;
  }
  if (v > MAX_SAFE) throw new RangeError(`${op}: ${what} = ${factors.join('·')} is larger than any array`);
  return v;
}

/** An Int32Array holding at least `need` elements (TypeError / RangeError), e.g. max pooling's argmax. */
export function ints(op: string, name: string, x: Int32Array, need: number, needText: string): void {
  if (!(x instanceof Int32Array)) throw new TypeError(`${op}: ${name} must be an Int32Array (got ${describe(x)})`);
  length(op, name, x, need, needText);
}

/**
 * RangeError unless each of the first n values of `ids` is an integer in [0, limit), naming the
 * first that is not: "ids[3] = 7.5 is not an integer in [0, 5)". O(n), run before any write.
 */
export function indices(op: string, name: string, ids: FloatArray | Int32Array, n: number, limit: number): void {
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!(id >= 0 && id < limit) || Math.floor(id) !== id) {
      throw new RangeError(`${op}: ${name}[${i}] = ${id} is not ${ids instanceof Int32Array ? 'in' : 'an integer in'} [0, ${limit})`);
    }
  }
}

/**
 * One spatial axis of a window op: kernel, stride and dilation integers ≥ 1, pad ≥ 0 (and, for
 * pooling, pad ≤ ⌊kernel / 2⌋, so that every window holds a pixel), and a dilated kernel that fits
 * the padded input. Returns the output size ⌊(input + 2·pad − span) / stride⌋ + 1, with
 * span = dilation·(kernel − 1) + 1. `axis` is 'H' (input named height) or 'W' (width).
 */
export function windowAxis(op: string, axis: 'H' | 'W', input: number, kernel: number, stride: number, pad: number, dilation: number, pooling: boolean): number {
  positive(op, `kernel${axis}`, kernel);
  positive(op, `stride${axis}`, stride);
  size(op, `pad${axis}`, pad);
  if (!pooling) positive(op, `dilation${axis}`, dilation);
  else if (pad > Math.floor(kernel / 2)) {
    throw new RangeError(`${op}: pad${axis} must be at most ⌊kernel${axis} / 2⌋ = ${Math.floor(kernel / 2)} (got ${pad})`);
  }
  const span = dilation * (kernel - 1) + 1;
  const padded = input + 2 * pad;
  if (span > padded) {
    const inputName = axis === 'H' ? 'height' : 'width';
    const how = pooling ? '' : ` with dilation${axis} = ${dilation}`;
    throw new RangeError(`${op}: kernel${axis} = ${kernel}${how} does not fit in ${inputName} + 2·pad${axis} = ${padded}`);
  }
  return windowOutputSize(input, kernel, stride, pad, dilation);
}

/**
 * A window op's checked geometry (NCHW images, kernel, stride, padding and dilation per axis;
 * dilation 1 for pooling) with what follows from it: the output size and the element counts of
 * the images, of the pooled outputs and (convolution only) of the im2col matrix.
 */
export interface Window {
  readonly rows: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly outH: number;
  readonly outW: number;
  /** rows·channels·height·width. */
  readonly image: number;
  /** rows·channels·outH·outW. */
  readonly pooled: number;
  /** rows·outH·outW·channels·kernelH·kernelW (0 for pooling). */
  readonly patches: number;
}

/**
 * The geometry of a window op: the images and both window axes (windowAxis); for pooling
 * (`dilationH` and `dilationW` then 1) also height and width ≥ 1, since a window of padding alone
 * has no pixel to pool. `imagesFirst`: whether the images' element count is checked before the
 * other side's (the patches or the pooled outputs), as the native binding orders each op (the side
 * the op reads first). The one allocation of a successful check: the Window it returns.
 */
export function window(
  op: string,
  rows: number,
  channels: number,
  height: number,
  width: number,
  kernelH: number,
  kernelW: number,
  strideH: number,
  strideW: number,
  padH: number,
  padW: number,
  dilationH: number,
  dilationW: number,
  pooling: boolean,
  imagesFirst: boolean,
): Window {
  // The native binding's order: the sizes, then each axis's window, then the two products.
  size(op, 'rows', rows);
  size(op, 'channels', channels);
  // Pooling needs a pixel in every window (pad ≤ ⌊kernel / 2⌋ gives one in any non-empty image);
  // a convolution's window may be all padding.
  const extent = pooling ? positive : size;
  extent(op, 'height', height);
  extent(op, 'width', width);
  const outH = windowAxis(op, 'H', height, kernelH, strideH, padH, dilationH, pooling);
  const outW = windowAxis(op, 'W', width, kernelW, strideW, padW, dilationW, pooling);
  const imageVolume = (): number => volume(op, 'rows·channels·height·width', rows, channels, height, width);
  const otherVolume = (): number =>
    pooling
      ? volume(op, 'rows·channels·outH·outW', rows, channels, outH, outW)
      : volume(op, 'rows·outH·outW·channels·kernelH·kernelW', rows, outH, outW, channels, kernelH, kernelW);
  let image: number;
  let other: number;
  if (imagesFirst) {
    image = imageVolume();
    other = otherVolume();
  } else {
    other = otherVolume();
    image = imageVolume();
  }
  const pooled = pooling ? other : rows * channels * outH * outW;
  const patches = pooling ? 0 : other;
  return { rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW, image, pooled, patches };
}

/** Checks the sizes of rows × channels × spatial data (the normalisation ops) and returns rows·channels·spatial. */
export function channelData(op: string, rows: number, channels: number, spatial: number): number {
  size(op, 'rows', rows);
  size(op, 'channels', channels);
  size(op, 'spatial', spatial);
  return volume(op, 'rows·channels·spatial', rows, channels, spatial);
}
