/**
 * The fuzz suite's table of valid calls (one per Backend op) and the wrong values it swaps in,
 * one argument at a time: values of the wrong JS type (a TypeError) and values of the right type
 * but out of range (a RangeError).
 */

/**
 * 'geom': a kernel size, stride or dilation (an integer ≥ 1); 'dim': an image's height or width,
 * a size that a zero-size call keeps (a window needs pixels or padding); 'int32': max pooling's argmax.
 */
export type Kind = 'bool' | 'size' | 'dim' | 'geom' | 'number' | 'floats' | 'floats?' | 'int32' | 'activation';

export interface Param {
  kind: Kind;
  /** The valid value used when other arguments are mutated (a fresh array on each call). */
  value: () => unknown;
}

const f32 = (n: number) => () => Float32Array.from({ length: n }, (_, i) => 0.25 + (i % 7) * 0.1);
const size = (v: number): Param => ({ kind: 'size', value: () => v });
const num = (v: number): Param => ({ kind: 'number', value: () => v });
const bool = (v: boolean): Param => ({ kind: 'bool', value: () => v });
const floats = (n: number): Param => ({ kind: 'floats', value: f32(n) });
const optionalFloats = (n: number): Param => ({ kind: 'floats?', value: f32(n) });
const dim = (v: number): Param => ({ kind: 'dim', value: () => v });
const geom = (v: number): Param => ({ kind: 'geom', value: () => v });
const activation = (name: string): Param => ({ kind: 'activation', value: () => name });
/** Row ids (valid for a table of ≥ 5 rows). */
const ids = (...v: number[]): Param => ({ kind: 'floats', value: () => Float32Array.from(v) });
/** Argmax indices (valid for 4×4 images). */
const argmax = (n: number): Param => ({ kind: 'int32', value: () => Int32Array.from({ length: n }, (_, i) => (i * 5) % 16) });

// The window of the convolution and pooling calls: 2 images of 2 channels. im2col: 4×3 pixels,
// 2×2 kernel, stride 1, pad 1×0, dilation 1, so the output is 5×2 and cols 2·5·2·(2·2·2) = 160.
// Pooling: 4×4 pixels, 2×2 kernel, stride 2, pad 1×0, so the output is 3×2 (24 values in all).
const convWindow = [size(2), size(2), dim(4), dim(3), geom(2), geom(2), geom(1), geom(1), size(1), size(0), geom(1), geom(1)];
const poolWindow = [size(2), size(2), dim(4), dim(4), geom(2), geom(2), geom(2), geom(2), size(1), size(0)];

/** A valid call of every op: 2×3 by 3×4 matrices, vectors of 6. */
export const SIGNATURES: Readonly<Record<string, readonly Param[]>> = {
  gemm: [bool(false), bool(true), size(2), size(4), size(3), num(1), floats(6), floats(12), num(0), floats(8)],
  addRowVector: [size(2), size(3), floats(6), floats(3)],
  sumRows: [size(2), size(3), floats(6), num(0), floats(3)],
  activation: [activation('tanh'), size(6), floats(6), floats(6), num(0.1)],
  activationBackward: [activation('sigmoid'), size(6), floats(6), floats(6), floats(6), num(0.1)],
  activationBackwardFromInput: [activation('gelu'), size(6), floats(6), floats(6), floats(6), num(0.1)],
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
  sgdStep: [size(6), floats(6), floats(6), optionalFloats(6), num(0.1), num(0.9), bool(true), num(0.01)],
  adamStep: [size(6), floats(6), floats(6), floats(6), floats(6), num(0.01), num(0.9), num(0.999), num(1e-8), num(0), bool(false), num(3)],
  rmspropStep: [size(6), floats(6), floats(6), floats(6), optionalFloats(6), optionalFloats(6), num(0.01), num(0.99), num(1e-8), num(0), num(0.9), bool(true)],
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

/** Fresh valid arguments of an op's call. */
export function validArgs(op: string): unknown[] {
  return SIGNATURES[op]!.map((p) => p.value());
}

/**
 * A valid call of every Backend op, with fresh arrays: a backend's own tests build on it to
 * fuzz what the shared suite cannot reach (a raw binding's argument count, its export list).
 * @returns each op's name mapped to the arguments of one valid call
 */
export function fuzzValidCalls(): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(SIGNATURES).map((op) => [op, validArgs(op)]));
}

function detachedOf<T>(make: (buffer: ArrayBuffer) => T): () => T {
  return () => {
    const buffer = new ArrayBuffer(24);
    const view = make(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    return view;
  };
}
/** A Float32Array whose buffer was transferred away: no memory behind it at all. */
export const detached = detachedOf((b) => new Float32Array(b));
export const detachedInt32 = detachedOf((b) => new Int32Array(b));

/** Values of the wrong JS type for an argument of this kind: each must give a TypeError. */
export function wrongTypes(kind: Kind): unknown[] {
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
export function badValues(kind: Kind): unknown[] {
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
export function label(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  try {
    return typeof value === 'symbol' ? value.toString() : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
