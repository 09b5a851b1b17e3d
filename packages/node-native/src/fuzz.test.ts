import { describe, expect, it } from 'vitest';
import { Rng } from '@backprop/core';
import { loadAddon, type NativeAddon } from './addon.js';

// Every binding called with wrong arguments, thousands of times: the process must survive,
// and every rejection must be a TypeError (wrong type / argument count) or a RangeError
// (bad size, NaN or ±Infinity scalar, short array, partial overlap, window geometry, index out of
// range) whose message starts with the function's name.

const addon = loadAddon();

// 'geom': a kernel size, stride or dilation (an integer ≥ 1); 'dim': an image's height or width,
// a size that a zero-size call keeps (a window needs pixels or padding); 'int32': max pooling's argmax.
type Kind = 'bool' | 'size' | 'dim' | 'geom' | 'number' | 'floats' | 'floats?' | 'int32' | 'activation';
interface Param {
  kind: Kind;
  /** The valid value used when other arguments are mutated. */
  value: () => unknown;
}

const f32 = (n: number) => () => Float32Array.from({ length: n }, (_, i) => 0.25 + (i % 7) * 0.1);
const size = (v: number): Param => ({ kind: 'size', value: () => v });
const num = (v: number): Param => ({ kind: 'number', value: () => v });
const bool = (v: boolean): Param => ({ kind: 'bool', value: () => v });
const floats = (n: number): Param => ({ kind: 'floats', value: f32(n) });
const dim = (v: number): Param => ({ kind: 'dim', value: () => v });
const geom = (v: number): Param => ({ kind: 'geom', value: () => v });
/** Row ids (valid for a table of ≥ 5 rows). */
const ids = (...v: number[]): Param => ({ kind: 'floats', value: () => Float32Array.from(v) });
/** Argmax indices (valid for 4×4 images). */
const argmax = (n: number): Param => ({ kind: 'int32', value: () => Int32Array.from({ length: n }, (_, i) => (i * 5) % 16) });

// The window of the convolution and pooling calls: 2 images of 2 channels. im2col: 4×3 pixels,
// 2×2 kernel, stride 1, pad 1×0, dilation 1, so the output is 5×2 and cols 2·5·2·(2·2·2) = 160.
// Pooling: 4×4 pixels, 2×2 kernel, stride 2, pad 1×0, so the output is 3×2 (24 values in all).
const convWindow = [size(2), size(2), dim(4), dim(3), geom(2), geom(2), geom(1), geom(1), size(1), size(0), geom(1), geom(1)];
const poolWindow = [size(2), size(2), dim(4), dim(4), geom(2), geom(2), geom(2), geom(2), size(1), size(0)];

// A valid call of every binding: 2×3 by 3×4 matrices, vectors of 6.
const SIGNATURES: Record<string, Param[]> = {
  gemm: [bool(false), bool(true), size(2), size(4), size(3), num(1), floats(6), floats(12), num(0), floats(8)],
  addRowVector: [size(2), size(3), floats(6), floats(3)],
  sumRows: [size(2), size(3), floats(6), num(0), floats(3)],
  activation: [{ kind: 'activation', value: () => 'tanh' }, size(6), floats(6), floats(6), num(0.1)],
  activationBackward: [{ kind: 'activation', value: () => 'sigmoid' }, size(6), floats(6), floats(6), floats(6), num(0.1)],
  activationBackwardFromInput: [{ kind: 'activation', value: () => 'gelu' }, size(6), floats(6), floats(6), floats(6), num(0.1)],
  softmax: [size(2), size(3), floats(6), floats(6)],
  softmaxBackward: [size(2), size(3), floats(6), floats(6), floats(6)],
  softmaxCrossEntropy: [size(2), size(3), floats(6), floats(6), num(0.5), floats(6)],
  mse: [size(6), floats(6), floats(6), num(1), floats(6)],
  sigmoidBinaryCrossEntropy: [size(6), floats(6), floats(6), num(1), floats(6)],
  l1Loss: [size(6), floats(6), floats(6), num(1), floats(6)],
  huber: [size(6), floats(6), floats(6), num(1), num(1), floats(6)],
  multiMargin: [size(2), size(3), floats(6), floats(6), num(1), num(0.5), floats(6)],
  add: [size(6), floats(6), floats(6), floats(6)],
  sub: [size(6), floats(6), floats(6), floats(6)],
  mul: [size(6), floats(6), floats(6), floats(6)],
  mulAdd: [size(6), floats(6), floats(6), floats(6)],
  axpy: [size(6), num(2), floats(6), floats(6)],
  scale: [size(6), num(2), floats(6)],
  sumSquares: [size(6), floats(6)],
  l1Gradient: [size(6), num(0.01), floats(6), floats(6)],
  sgdStep: [size(6), floats(6), floats(6), { kind: 'floats?', value: f32(6) }, num(0.1), num(0.9), bool(true), num(0.01)],
  adamStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.01), num(0.9), num(0.999), num(1e-8), num(0), bool(false), num(3)],
  rmspropStep: [size(6), floats(6), floats(6), floats(6), { kind: 'floats?', value: f32(6) }, { kind: 'floats?', value: f32(6) }, num(0.01), num(0.99), num(1e-8), num(0), num(0.9), bool(true)],
  adagradStep: [size(6), floats(6), floats(6), floats(6), num(0.01), num(0), num(1e-10), num(0), num(3)],
  adamaxStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.002), num(0.9), num(0.999), num(1e-8), num(0), num(3)],
  nadamStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.002), num(0.9), num(0.999), num(1e-8), num(0), num(0.004), num(0.5), num(3)],
  im2col: [...convWindow, floats(48), floats(160)],
  col2im: [...convWindow, floats(160), num(0.5), floats(48)],
  // conv2d / conv2dWeightGrad: im2col's window with 3 filters between width and kernelH (weights 3·2·2·2 = 24, y 2·3·5·2 = 60).
  conv2d: [...convWindow.slice(0, 4), size(3), ...convWindow.slice(4), floats(48), floats(24), floats(60)],
  conv2dWeightGrad: [...convWindow.slice(0, 4), size(3), ...convWindow.slice(4), floats(48), floats(60), num(1), num(0.5), floats(24)],
  transposeBatch: [size(2), size(3), size(4), size(2), floats(48), floats(48)],
  maxPool2d: [...poolWindow, floats(64), floats(24), argmax(24)],
  maxPool2dBackward: [size(2), size(2), size(4), size(4), size(6), argmax(24), floats(24), floats(64)],
  avgPool2d: [...poolWindow, floats(64), floats(24)],
  avgPool2dBackward: [...poolWindow, floats(24), floats(64)],
  channelMoments: [size(2), size(3), size(4), floats(24), floats(3), floats(3)],
  channelAffine: [size(2), size(3), size(4), floats(24), floats(3), floats(3), floats(24)],
  channelSums: [size(2), size(3), size(4), floats(24), floats(24), floats(3), floats(3)],
  normalizeBackward: [size(2), size(3), size(4), floats(24), floats(24), floats(3), floats(3), floats(3), floats(24)],
  gatherRows: [size(4), size(3), size(5), floats(15), ids(0, 4, 2, 4), floats(12)],
  scatterAddRows: [size(4), size(3), size(5), ids(0, 4, 2, 4), floats(12), num(1), num(0.5), floats(15)],
};

function detachedOf<T>(make: (buffer: ArrayBuffer) => T): () => T {
  return () => {
    const buffer = new ArrayBuffer(24);
    const view = make(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    return view;
  };
}
const detached = detachedOf((b) => new Float32Array(b));
const detachedInt32 = detachedOf((b) => new Int32Array(b));

/** Values of the wrong JS type for an argument of this kind: each must give a TypeError. */
function wrongTypes(kind: Kind): unknown[] {
  const common = [undefined, {}, [], () => 0, Symbol('s'), 10n, new ArrayBuffer(24), new DataView(new ArrayBuffer(24))];
  switch (kind) {
    case 'bool':
      return [...common, null, 0, 1, 'true', new Float32Array(6)];
    case 'size':
    case 'dim':
    case 'geom':
    case 'number':
      return [...common, null, true, '3', new Float32Array(6), new Number(3)];
    case 'int32':
      return [...common, null, 1, 'x', true, [1, 2, 3, 4, 5, 6], new Float32Array(24), new Float64Array(24), new Uint32Array(24), new Int16Array(24)];
    case 'floats':
      return [...common, null, 1, 'x', true, [1, 2, 3, 4, 5, 6], new Float64Array(6), new Int32Array(6), new Uint8Array(24), new Float32Array(6).buffer];
    case 'floats?':
      return [...common.filter((v) => v !== undefined), 1, 'x', true, [1, 2, 3, 4, 5, 6], new Float64Array(6), new Int32Array(6)];
    case 'activation':
      return [...common, null, 0, 3, true, new Float32Array(6)];
  }
}

/** Values of the right type but out of range: each must give a RangeError. */
function badValues(kind: Kind): unknown[] {
  switch (kind) {
    case 'size':
    case 'dim':
      return [-1, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 60, 1e300, 1000, 2 ** 31];
    case 'geom':
      // Not 1000: a stride of 1000 is valid (one output position).
      return [0, -1, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 60, 1e300];
    case 'int32':
      return [new Int32Array(0), new Int32Array(1), new Int32Array(30).subarray(20), detachedInt32()];
    case 'floats':
    case 'floats?':
      return [new Float32Array(0), new Float32Array(1), new Float32Array(20).subarray(18), detached()];
    case 'number':
      return [NaN, Infinity, -Infinity];
    case 'activation':
      return ['', 'Tanh', 'softmax', 'relu ', 'leaky-relu-x', 'sigmoid\0', 'x'.repeat(1000)];
    default:
      return [];
  }
}

/** A label for a value in failure messages (String() throws on detached arrays and symbols). */
function label(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  try {
    return typeof value === 'symbol' ? value.toString() : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function call(fn: string, args: unknown[]): unknown {
  return (addon as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]!(...args);
}

/** Calls and returns the error class thrown, or 'ok'. Any other error class fails the test. */
function outcome(fn: string, args: unknown[]): 'ok' | 'TypeError' | 'RangeError' {
  try {
    call(fn, args);
    return 'ok';
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      expect(error.message.startsWith(`${fn}: `), `message of ${fn}: ${error.message}`).toBe(true);
      return error instanceof TypeError ? 'TypeError' : 'RangeError';
    }
    throw new Error(`${fn} threw ${String(error)}, not a TypeError/RangeError`);
  }
}

describe('fuzz: every binding with wrong arguments', () => {
  it('has a signature for every exported op', () => {
    const exported = Object.keys(addon).filter((k) => k !== 'info' && k !== 'configure').sort();
    expect(exported).toEqual(Object.keys(SIGNATURES).sort());
  });

  it('accepts the valid calls', () => {
    for (const [fn, params] of Object.entries(SIGNATURES)) expect(outcome(fn, params.map((p) => p.value())), fn).toBe('ok');
  });

  it('throws TypeError for a wrong argument count', () => {
    for (const [fn, params] of Object.entries(SIGNATURES)) {
      const valid = params.map((p) => p.value());
      for (const count of [0, 1, params.length - 1, params.length + 1, params.length + 5]) {
        const args = count <= valid.length ? valid.slice(0, count) : [...valid, ...Array.from({ length: count - valid.length }, () => 1)];
        expect(outcome(fn, args), `${fn} with ${count} arguments`).toBe('TypeError');
      }
    }
  });

  it('throws TypeError for each argument of the wrong type, naming it', () => {
    let calls = 0;
    for (const [fn, params] of Object.entries(SIGNATURES)) {
      params.forEach((param, index) => {
        for (const bad of wrongTypes(param.kind)) {
          const args = params.map((p) => p.value());
          args[index] = bad;
          expect(outcome(fn, args), `${fn} argument ${index} = ${label(bad)}`).toBe('TypeError');
          calls++;
        }
      });
    }
    expect(calls).toBeGreaterThan(1000);
  });

  it('throws RangeError for bad sizes, non-finite scalars, short or detached arrays and unknown kinds', () => {
    let calls = 0;
    for (const [fn, params] of Object.entries(SIGNATURES)) {
      params.forEach((param, index) => {
        for (const bad of badValues(param.kind)) {
          const args = params.map((p) => p.value());
          args[index] = bad;
          expect(outcome(fn, args), `${fn} argument ${index} = ${label(bad)}`).toBe('RangeError');
          calls++;
        }
      });
    }
    expect(calls).toBeGreaterThan(300);
  });

  it('throws RangeError for overlaps the op cannot handle', () => {
    const buf = new Float32Array(64);
    expect(outcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(2)])).toBe('RangeError');
    expect(outcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(10)])).toBe('RangeError');
    expect(outcome('gemm', [false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(12)])).toBe('ok');
    expect(outcome('add', [6, buf, buf.subarray(8), buf.subarray(1)])).toBe('RangeError');
    expect(outcome('add', [6, buf, buf.subarray(8), buf])).toBe('ok'); // in place: allowed
    expect(outcome('mulAdd', [6, buf, buf.subarray(8), buf])).toBe('RangeError');
    expect(outcome('addRowVector', [2, 3, buf, buf.subarray(3)])).toBe('RangeError');
    expect(outcome('softmax', [2, 3, buf, buf.subarray(1)])).toBe('RangeError');
    expect(outcome('sgdStep', [6, buf, buf.subarray(2), null, 0.1, 0, false, 0])).toBe('RangeError');
    expect(outcome('l1Gradient', [6, 0.1, buf, buf.subarray(3)])).toBe('RangeError');
    expect(outcome('l1Gradient', [6, 0.1, buf, buf])).toBe('ok'); // in place: allowed
    // The window, normalisation and embedding ops: outputs never overlap inputs, except where in place is allowed.
    const big = new Float32Array(512);
    const conv = [1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1]; // x: 9 values, cols: 16
    expect(outcome('im2col', [...conv, big, big.subarray(8)])).toBe('RangeError');
    expect(outcome('im2col', [...conv, big, big.subarray(9)])).toBe('ok');
    expect(outcome('col2im', [...conv, big, 1, big.subarray(15)])).toBe('RangeError');
    const direct = [1, 1, 3, 3, 2, 2, 2, 1, 1, 0, 0, 1, 1]; // x: 9 values, weights: 8, y: 2·2·2 = 8
    expect(outcome('conv2d', [...direct, big, big.subarray(9), big.subarray(16)])).toBe('RangeError'); // y over weights
    expect(outcome('conv2d', [...direct, big, big.subarray(9), big.subarray(8)])).toBe('RangeError'); // y over x
    expect(outcome('conv2d', [...direct, big, big.subarray(9), big.subarray(17)])).toBe('ok');
    expect(outcome('conv2dWeightGrad', [...direct, big, big.subarray(9), 1, 0, big.subarray(16)])).toBe('RangeError'); // dw over dy
    expect(outcome('conv2dWeightGrad', [...direct, big, big.subarray(9), 1, 0, big.subarray(17)])).toBe('ok');
    expect(outcome('transposeBatch', [1, 2, 3, 1, big, big])).toBe('RangeError');
    expect(outcome('transposeBatch', [1, 2, 3, 4, big, big.subarray(23)])).toBe('RangeError');
    expect(outcome('transposeBatch', [1, 2, 3, 4, big, big.subarray(24)])).toBe('ok');
    const pool = [1, 1, 4, 4, 2, 2, 2, 2, 0, 0]; // x: 16 values, y and argmax: 4
    const ints = new Int32Array(big.buffer);
    expect(outcome('maxPool2d', [...pool, big, big, new Int32Array(4)])).toBe('RangeError');
    expect(outcome('maxPool2d', [...pool, big, big.subarray(16), ints.subarray(15)])).toBe('RangeError'); // argmax over x
    expect(outcome('maxPool2d', [...pool, big, big.subarray(16), ints.subarray(18)])).toBe('RangeError'); // argmax over y
    expect(outcome('maxPool2d', [...pool, big, big.subarray(16), ints.subarray(20)])).toBe('ok');
    expect(outcome('maxPool2dBackward', [1, 1, 4, 4, 4, new Int32Array(4), big, big.subarray(3)])).toBe('RangeError');
    expect(outcome('maxPool2dBackward', [1, 1, 4, 4, 4, ints.subarray(100, 104), big.subarray(200), big.subarray(90)])).toBe('RangeError'); // dx over argmax
    expect(outcome('avgPool2d', [...pool, big, big.subarray(15)])).toBe('RangeError');
    expect(outcome('avgPool2dBackward', [...pool, big, big.subarray(3)])).toBe('RangeError');
    expect(outcome('channelMoments', [2, 3, 4, big, big.subarray(23), big.subarray(40)])).toBe('RangeError');
    expect(outcome('channelMoments', [2, 3, 4, big, big.subarray(30), big.subarray(32)])).toBe('RangeError'); // variance over mean
    expect(outcome('channelAffine', [2, 3, 4, big, big.subarray(30), big.subarray(40), big])).toBe('ok'); // in place: allowed
    expect(outcome('channelAffine', [2, 3, 4, big, big.subarray(30), big.subarray(40), big.subarray(1)])).toBe('RangeError');
    expect(outcome('channelAffine', [2, 3, 4, big, big.subarray(20), big.subarray(40), big.subarray(100)])).toBe('ok');
    expect(outcome('channelAffine', [2, 3, 4, big, big.subarray(110), big.subarray(40), big.subarray(100)])).toBe('RangeError'); // y over scale
    expect(outcome('channelSums', [2, 3, 4, big, big.subarray(24), big.subarray(47), big.subarray(60)])).toBe('RangeError');
    expect(outcome('channelSums', [2, 3, 4, big, big.subarray(24), big.subarray(60), big.subarray(62)])).toBe('RangeError');
    expect(outcome('normalizeBackward', [2, 3, 4, big.subarray(100), big, big.subarray(30), big.subarray(40), big.subarray(50), big])).toBe('ok');
    expect(outcome('normalizeBackward', [2, 3, 4, big.subarray(100), big, big.subarray(30), big.subarray(40), big.subarray(50), big.subarray(110)])).toBe('RangeError');
    const ids = Float32Array.of(0, 1, 0, 1);
    expect(outcome('gatherRows', [4, 3, 2, big, ids, big.subarray(5)])).toBe('RangeError');
    expect(outcome('gatherRows', [4, 3, 2, big, ids, big.subarray(6)])).toBe('ok');
    expect(outcome('scatterAddRows', [4, 3, 2, ids, big, 1, 1, big.subarray(11)])).toBe('RangeError');
    expect(outcome('scatterAddRows', [4, 3, 2, ids, big, 1, 1, big.subarray(12)])).toBe('ok');
  });

  it('refuses bad window geometry, argmax and row ids, naming the argument', () => {
    const x = new Float32Array(64);
    const cols = new Float32Array(400);
    const y = new Float32Array(16);
    const argmax = new Int32Array(16);
    const refuse = (fn: string, args: unknown[], message: RegExp) => expect(() => call(fn, args), `${fn}: ${message}`).toThrow(message);
    refuse('im2col', [1, 1, 3, 3, 0, 2, 1, 1, 0, 0, 1, 1, x, cols], /^im2col: kernelH must be a positive integer \(got 0\)$/);
    refuse('im2col', [1, 1, 3, 3, 2, 2, 1, 0, 0, 0, 1, 1, x, cols], /^im2col: strideW must be a positive integer \(got 0\)$/);
    refuse('col2im', [1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, -2, cols, 0, x], /^col2im: dilationW must be a positive integer \(got -2\)$/);
    refuse('im2col', [1, 1, 3, 3, 5, 2, 1, 1, 0, 0, 1, 1, x, cols], /^im2col: kernelH = 5 with dilationH = 1 does not fit in height \+ 2·padH = 3$/);
    refuse('im2col', [1, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 3, x, cols], /^im2col: kernelW = 2 with dilationW = 3 does not fit in width \+ 2·padW = 3$/);
    expect(outcome('im2col', [1, 1, 3, 3, 2, 2, 1, 1, 1, 0, 1, 3, x, cols])).toBe('RangeError');
    expect(outcome('im2col', [1, 1, 3, 3, 2, 2, 1, 1, 0, 1, 1, 3, x, cols])).toBe('ok'); // 3 + 2 = 5 ≥ 3·1 + 1
    expect(outcome('im2col', [1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, new Float32Array(0), cols])).toBe('ok'); // all padding
    refuse('maxPool2d', [1, 1, 4, 4, 3, 2, 2, 2, 2, 0, x, y, argmax], /^maxPool2d: padH must be at most ⌊kernelH \/ 2⌋ = 1 \(got 2\)$/);
    refuse('avgPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 2, x, y], /^avgPool2d: padW must be at most ⌊kernelW \/ 2⌋ = 1 \(got 2\)$/);
    refuse('avgPool2dBackward', [1, 1, 1, 4, 3, 2, 2, 2, 0, 0, y, x], /^avgPool2dBackward: kernelH = 3 does not fit in height \+ 2·padH = 1$/);
    refuse('maxPool2d', [1, 1, 0, 4, 2, 2, 2, 2, 1, 0, x, y, argmax], /^maxPool2d: height must be a positive integer \(got 0\)$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, y, new Float32Array(4)], /^maxPool2d: argmax must be an Int32Array \(got a Float32Array\)$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, y, new Int32Array(3)], /^maxPool2d: argmax has 3 elements but needs 4 \(rows·channels·outH·outW\)$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, new Float32Array(3), argmax], /^maxPool2d: y has 3 elements but needs 4 \(rows·channels·outH·outW\)$/);
    refuse('im2col', [2, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, new Float32Array(17), cols], /^im2col: x has 17 elements but needs 18 \(rows·channels·height·width\)$/);
    refuse('col2im', [2, 1, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, new Float32Array(31), 0, x], /^col2im: cols has 31 elements but needs 32 \(rows·outH·outW·channels·kernelH·kernelW\)$/);
    refuse('maxPool2dBackward', [1, 1, 4, 4, 4, Int32Array.of(0, 15, 16, 1), y, x], /^maxPool2dBackward: argmax\[2\] = 16 is not in \[0, 16\)$/);
    refuse('maxPool2dBackward', [1, 1, 4, 4, 4, Int32Array.of(0, -1, 3, 1), y, x], /^maxPool2dBackward: argmax\[1\] = -1 is not in \[0, 16\)$/);
    refuse('gatherRows', [3, 2, 5, x, Float32Array.of(1, 2, 7.5), y], /^gatherRows: ids\[2\] = 7.5 is not an integer in \[0, 5\)$/);
    refuse('gatherRows', [3, 2, 5, x, Float32Array.of(1, NaN, 2), y], /^gatherRows: ids\[1\] = NaN is not an integer in \[0, 5\)$/);
    refuse('scatterAddRows', [3, 2, 5, Float32Array.of(5, 0, 0), y, 1, 1, x], /^scatterAddRows: ids\[0\] = 5 is not an integer in \[0, 5\)$/);
    refuse('scatterAddRows', [1, 2, 5, Float32Array.of(0.1), y, 1, 1, x], /^scatterAddRows: ids\[0\] = 0.10000000149011612 is not an integer in \[0, 5\)$/);
    refuse('channelMoments', [2, 3, 4, x, new Float32Array(2), y], /^channelMoments: mean has 2 elements but needs 3 \(channels\)$/);
    refuse('normalizeBackward', [2, 3, 4, x, x.subarray(24), y, y, y, x.subarray(1)], /^normalizeBackward: dx and g partly overlap: pass the same array \(in place\) or separate memory$/);
    refuse('maxPool2d', [1, 1, 4, 4, 2, 2, 2, 2, 0, 0, x, x, argmax], /^maxPool2d: y must not overlap x$/);
    // Ids are checked before anything is written: the table is unchanged by a refused scatter.
    const table = Float32Array.of(1, 2, 3, 4);
    refuse('scatterAddRows', [2, 2, 2, Float32Array.of(1, 2), Float32Array.of(9, 9, 9, 9), 1, 0, table], /^scatterAddRows: ids\[1\] = 2 /);
    expect(Array.from(table)).toEqual([1, 2, 3, 4]);
  });

  it('survives 5000 random multi-argument mutations and still computes correctly', () => {
    const rng = new Rng(2024);
    const names = Object.keys(SIGNATURES);
    const counts = { ok: 0, TypeError: 0, RangeError: 0 };
    for (let trial = 0; trial < 5000; trial++) {
      const fn = names[rng.int(names.length)]!;
      const params = SIGNATURES[fn]!;
      const args = params.map((p) => p.value());
      const mutations = 1 + rng.int(3);
      for (let j = 0; j < mutations; j++) {
        const index = rng.int(params.length);
        const pool = [...wrongTypes(params[index]!.kind), ...badValues(params[index]!.kind), 0, -1, NaN, 2 ** 40, 7];
        args[index] = pool[rng.int(pool.length)];
      }
      if (rng.next() < 0.1) args.length = rng.int(args.length + 3);
      counts[outcome(fn, args)]++;
    }
    expect(counts.TypeError).toBeGreaterThan(1000);
    expect(counts.RangeError).toBeGreaterThan(300);
    // The addon still works after all that.
    const a = Float32Array.of(1, 2, 3, 4, 5, 6);
    const b = Float32Array.of(1, 0, 0, 1, 1, 1);
    const c = new Float32Array(4).fill(NaN);
    addon.gemm(false, false, 2, 2, 3, 1, a, b, 0, c);
    expect(Array.from(c)).toEqual([4, 5, 10, 11]);
  });

  it('accepts zero sizes with empty or detached arrays (no data pointer at all)', () => {
    // A zero-length or detached array has no memory behind it: with every size 0 each op must
    // return without touching it, and the loss/norm ops return 0.
    for (const [empty, emptyInt32] of [
      [() => new Float32Array(0), () => new Int32Array(0)],
      [detached, detachedInt32],
    ] as const) {
      for (const [fn, params] of Object.entries(SIGNATURES)) {
        const args = params.map((p) =>
          p.kind === 'size' ? 0 : p.kind === 'floats' || p.kind === 'floats?' ? empty() : p.kind === 'int32' ? emptyInt32() : p.value(),
        );
        expect(outcome(fn, args), `${fn} with zero sizes`).toBe('ok');
        const result = call(fn, args);
        if (result !== undefined) expect(result, fn).toBe(0);
      }
    }
    // gemm with k = 0 reads neither A nor B (which may be empty) and only scales C.
    const c = Float32Array.of(1, 2, 3, 4);
    addon.gemm(false, true, 2, 2, 0, 1, new Float32Array(0), detached(), 0.5, c);
    expect(Array.from(c)).toEqual([0.5, 1, 1.5, 2]);
  });

  it('gives the same results on SharedArrayBuffer and length-tracking resizable buffers', () => {
    type Make = (n: number) => Float32Array;
    const shared: Make = (n) => new Float32Array(new SharedArrayBuffer(4 * n));
    const ResizableBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;
    const resizable: Make = (n) => new Float32Array(new ResizableBuffer(4 * n, { maxByteLength: 8 * n + 8 }));
    for (const make of [shared, resizable]) {
      for (const [fn, params] of Object.entries(SIGNATURES)) {
        const plain = params.map((p) => p.value());
        const other = plain.map((v) => {
          if (!(v instanceof Float32Array)) return v;
          const copy = make(v.length);
          copy.set(v);
          return copy;
        });
        const want = call(fn, plain);
        const got = call(fn, other);
        expect(got, fn).toEqual(want);
        plain.forEach((v, i) => v instanceof Float32Array && expect(Array.from(other[i] as Float32Array), `${fn} argument ${i}`).toEqual(Array.from(v)));
      }
    }
  });

  it('refuses a view left out of bounds by shrinking its resizable buffer', () => {
    const ResizableBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer & { resize(bytes: number): void };
    const buffer = new ResizableBuffer(64, { maxByteLength: 128 });
    const view = new Float32Array(buffer, 16, 6); // elements 4..9
    const tracking = new Float32Array(buffer); // follows the buffer's length
    buffer.resize(20); // view now out of bounds, tracking has 5 elements
    expect(outcome('add', [6, view, view, view])).toBe('RangeError');
    expect(outcome('add', [6, tracking, tracking, tracking])).toBe('RangeError');
    expect(outcome('add', [5, tracking, tracking, tracking])).toBe('ok');
    expect(() => addon.sumSquares(6, tracking)).toThrow(/^sumSquares: x has 5 elements but needs 6 \(n\)$/);
  });

  it('refuses sizes whose products overflow instead of wrapping them', () => {
    // 2^32·2^32 wraps to 0 in 64-bit arithmetic: without the check every length test would pass.
    const big = 2 ** 32;
    const tiny = new Float32Array(4);
    expect(() => addon.gemm(false, false, big, big, big, 1, tiny, tiny, 0, tiny)).toThrow(/^gemm: m·k = 4294967296·4294967296 is larger than any array$/);
    expect(() => addon.gemm(true, true, 1, big, big, 1, tiny, tiny, 0, tiny)).toThrow(/^gemm: k·n = .* is larger than any array$/);
    for (const fn of ['addRowVector', 'sumRows', 'softmax', 'softmaxBackward', 'softmaxCrossEntropy']) {
      const args = SIGNATURES[fn]!.map((p) => p.value());
      args[0] = big;
      args[1] = big;
      expect(() => call(fn, args), fn).toThrow(new RegExp(`^${fn}: rows·cols = .* is larger than any array$`));
    }
    // Products of several sizes name every factor.
    const overflows: [string, number[], RegExp][] = [
      ['im2col', [0, 1], /^im2col: rows·channels·height·width = 4294967296·4294967296·4·3 is larger than any array$/],
      ['col2im', [0, 1], /^col2im: rows·outH·outW·channels·kernelH·kernelW = 4294967296·5·2·4294967296·2·2 is larger than any array$/],
      ['conv2d', [4, 1], /^conv2d: filters·channels·kernelH·kernelW = 4294967296·4294967296·2·2 is larger than any array$/],
      ['conv2dWeightGrad', [0, 4], /^conv2dWeightGrad: rows·filters·outH·outW = 4294967296·4294967296·5·2 is larger than any array$/],
      ['transposeBatch', [0, 1], /^transposeBatch: batch·r·c·inner = 4294967296·4294967296·4·2 is larger than any array$/],
      ['transposeBatch', [0, 3], /^transposeBatch: batch·r·c·inner = 4294967296·3·4·4294967296 is larger than any array$/],
      ['maxPool2d', [0, 1], /^maxPool2d: rows·channels·height·width = 4294967296·4294967296·4·4 is larger than any array$/],
      ['maxPool2dBackward', [0, 4], /^maxPool2dBackward: rows·channels·outSize = 4294967296·2·4294967296 is larger than any array$/],
      ['avgPool2dBackward', [0, 1], /^avgPool2dBackward: rows·channels·outH·outW = 4294967296·4294967296·3·2 is larger than any array$/],
      ['channelSums', [0, 2], /^channelSums: rows·channels·spatial = 4294967296·3·4294967296 is larger than any array$/],
      ['gatherRows', [1, 2], /^gatherRows: tableRows·dim = 4294967296·4294967296 is larger than any array$/],
      ['scatterAddRows', [0, 1], /^scatterAddRows: n·dim = 4294967296·4294967296 is larger than any array$/],
    ];
    for (const [fn, at, message] of overflows) {
      const args = SIGNATURES[fn]!.map((p) => p.value());
      for (const i of at) args[i] = big;
      expect(() => call(fn, args), fn).toThrow(message);
    }
    // A zero factor makes the product 0, however large the others: nothing to read or write.
    expect(outcome('transposeBatch', [big, big, 0, big, new Float32Array(0), new Float32Array(0)])).toBe('ok');
    expect(outcome('transposeBatch', [big, big, big, 0, new Float32Array(0), new Float32Array(0)])).toBe('ok');
  });

  it('validates configure(threads, isa) and keeps the configuration on failure', () => {
    const before = addon.info();
    const configure = (...args: unknown[]) => (addon.configure as unknown as (...a: unknown[]) => void)(...args);
    const kind = (args: unknown[]): string => {
      try {
        configure(...args);
        return 'ok';
      } catch (error) {
        expect((error as Error).message.startsWith('configure: '), (error as Error).message).toBe(true);
        return (error as Error).constructor.name;
      }
    };
    try {
      for (const count of [0, 1, 3]) expect(kind([1, null, null].slice(0, count)), `${count} arguments`).toBe('TypeError');
      for (const bad of ['2', true, null, undefined, {}, new Float32Array(1), 2n]) expect(kind([bad, null]), label(bad)).toBe('TypeError');
      for (const bad of [0, -1, 1.5, NaN, Infinity, 257, 2 ** 53]) expect(kind([bad, null]), label(bad)).toBe('RangeError');
      for (const bad of [1, true, {}, new Float32Array(1), Symbol('avx2')]) expect(kind([1, bad]), label(bad)).toBe('TypeError');
      for (const bad of ['', 'AVX2', 'avx2 ', 'avx2\0junk', 'sse', 'x'.repeat(100)]) expect(kind([1, bad]), JSON.stringify(bad)).toBe('RangeError');
      for (const isa of ['generic', 'avx2', 'avx512']) expect(kind([1, isa]), isa).toBe(before.isas.includes(isa) ? 'ok' : 'RangeError');
      // A refused call leaves the last good configuration in place.
      configure(1, 'generic');
      expect(kind([0, 'avx2'])).toBe('RangeError');
      expect(kind([3, 'avx2\0'])).toBe('RangeError');
      expect(addon.info()).toMatchObject({ isa: 'generic', threads: 1 });
    } finally {
      configure(before.threads, null);
    }
    expect(addon.info()).toEqual(before);
  });

  it('names the argument in its messages', () => {
    expect(() => addon.gemm(false, false, 2, 2, 3, 1, new Float64Array(6) as never, new Float32Array(6), 0, new Float32Array(4))).toThrow(
      /^gemm: a must be a Float32Array \(got a Float64Array\)$/,
    );
    expect(() => addon.gemm(false, false, 2, 2, 3, 1, new Float32Array(6), new Float32Array(5), 0, new Float32Array(4))).toThrow(
      /^gemm: b has 5 elements but needs 6 \(k·n\)$/,
    );
    expect(() => addon.add(-1, new Float32Array(1), new Float32Array(1), new Float32Array(1))).toThrow(/^add: n must be a non-negative integer \(got -1\)$/);
    expect(() => addon.activation('swish' as never, 1, new Float32Array(1), new Float32Array(1), 0)).toThrow(/^activation: kind must be one of 'linear'/);
    expect(() => addon.adamStep(1, ...[0, 0, 0, 0].map(() => new Float32Array(1)) as [Float32Array, Float32Array, Float32Array, Float32Array], 0.1, 0.9, 0.999, 1e-8, 0, false, 0)).toThrow(
      /^adamStep: step must be an integer ≥ 1/,
    );
  });
});

export type { NativeAddon };
