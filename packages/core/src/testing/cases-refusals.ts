/**
 * Conformance cases for the refusal contract: every backend rejects the same bad arguments
 * the same way, before touching any memory.
 *
 * - TypeError for an argument of the wrong JS type: a size or scalar that is not a number, a
 *   flag that is not a boolean, an array that is not a float typed array (a plain Array, a
 *   number, null, an Int32Array), an activation kind that is not a string.
 * - RangeError for a value of the right type out of range: a size that is negative, not an
 *   integer, NaN, or so large (2^31, 2^53) that the arrays cannot hold it; a scalar
 *   (hyper-parameter, scale factor) that is NaN or ±Infinity; an array shorter than the sizes
 *   say; arrays that partly overlap where the op does not allow it; an unknown kind.
 * - The message starts with "<op>: " and names the argument (a bad size may be named through
 *   the array it makes too short: "b has 12 elements but needs 6442450944 (k·n)").
 *
 * Each bad value replaces one argument of a valid call; the call's arrays must be unchanged
 * after the refusal.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import type { DType } from './arena.js';
import { assertThrows, type SuiteContext } from './suite-context.js';

type Kind = 'bool' | 'size' | 'positive' | 'number' | 'floats' | 'floats?' | 'ints' | 'kind';

interface Param {
  name: string;
  kind: Kind;
  /** The valid value, made afresh for each call. */
  value: (dtype: DType) => unknown;
  /**
   * How a size too large for the arrays (2^31, 2^32) shows: by default in a message naming the
   * argument; `via` a size derived from it (an image size or padding through the output size it
   * makes too large, when an array of output size is checked first);
   * 'valid' when it is no error at all (a stride longer than the image gives one output position).
   */
  large?: { via: string } | 'valid';
}

/** A valid float array argument of n values, fill(i) (0.25 + (i % 7)·0.1 by default). */
const floats = (name: string, n: number, kind: 'floats' | 'floats?' = 'floats', fill = (i: number) => 0.25 + (i % 7) * 0.1): Param => ({
  name,
  kind,
  value: (dtype) => {
    const x = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = fill(i);
    return x;
  },
});
const size = (name: string, v: number, large?: Param['large']): Param => ({ name, kind: 'size', value: () => v, large });
/** A size that must be at least 1 (kernel, stride, dilation). */
const positive = (name: string, v: number, large?: Param['large']): Param => ({ name, kind: 'positive', value: () => v, large });
const num = (name: string, v: number): Param => ({ name, kind: 'number', value: () => v });
const bool = (name: string, v: boolean): Param => ({ name, kind: 'bool', value: () => v });
const kind = (v: string): Param => ({ name: 'kind', kind: 'kind', value: () => v });
/** An Int32Array of n indices fill(i). */
const ints = (name: string, n: number, fill: (i: number) => number): Param => ({ name, kind: 'ints', value: () => Int32Array.from({ length: n }, (_, i) => fill(i)) });

/**
 * The geometry arguments of a window op, [rows, channels, height, width, kernelH, kernelW, strideH,
 * strideW, padH, padW] and, for a convolution, [dilationH, dilationW]. A huge height, width or
 * (convolution) pad may be reported through the output size it makes too large; a huge stride is
 * valid; pooling's pad is refused above ⌊kernel / 2⌋ first.
 */
function windowParams(values: readonly number[]): Param[] {
  const [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW] = values as number[];
  const conv = dilationH !== undefined;
  const params = [
    size('rows', rows!),
    size('channels', channels!),
    size('height', height!, { via: 'outH' }),
    size('width', width!, { via: 'outW' }),
    positive('kernelH', kernelH!),
    positive('kernelW', kernelW!),
    positive('strideH', strideH!, 'valid'),
    positive('strideW', strideW!, 'valid'),
    size('padH', padH!, conv ? { via: 'outH' } : undefined),
    size('padW', padW!, conv ? { via: 'outW' } : undefined),
  ];
  if (conv) params.push(positive('dilationH', dilationH), positive('dilationW', dilationW!));
  return params;
}

/** The valid im2col / col2im calls: 2×2 images of 4×5, kernel 3×2, stride 1×2, pad 1×0, dilation 1×2 (output 4×2). */
const CONV = windowParams([2, 2, 4, 5, 3, 2, 1, 2, 1, 0, 1, 2]);
/** The valid conv2d / conv2dWeightGrad calls: im2col's geometry with 3 filters (weights 3·2·3·2 = 36, y 2·3·4·2 = 48). */
const DIRECT = [...CONV.slice(0, 4), size('filters', 3), ...CONV.slice(4)];
/** The valid pooling calls: 2×3 images of 5×4, window 3×2, stride 2×1, pad 1×1 (output 3×5). */
const POOL = windowParams([2, 3, 5, 4, 3, 2, 2, 1, 1, 1]);
/** rows × channels × spatial of the valid normalisation calls. */
const NORM: Param[] = [size('rows', 2), size('channels', 3), size('spatial', 4)];
/** n ids of dim values from a table of 4 rows, for the valid embedding calls. */
const EMBED: Param[] = [size('n', 6), size('dim', 3), size('tableRows', 4)];
const ids = (): Param => floats('ids', 6, 'floats', (i) => i % 4);

/** A valid call of every op: 2×3 by 3×4 matrices (op(B) transposed), vectors of 6. */
const SIGNATURES: Record<keyof Omit<Backend, 'info'>, Param[]> = {
  gemm: [bool('transA', false), bool('transB', true), size('m', 2), size('n', 4), size('k', 3), num('alpha', 1), floats('a', 6), floats('b', 12), num('beta', 0.5), floats('c', 8)],
  addRowVector: [size('rows', 2), size('cols', 3), floats('x', 6), floats('v', 3)],
  sumRows: [size('rows', 2), size('cols', 3), floats('x', 6), num('beta', 0), floats('out', 3)],
  activation: [kind('tanh'), size('n', 6), floats('x', 6), floats('y', 6), num('alpha', 0.1)],
  activationBackward: [kind('sigmoid'), size('n', 6), floats('y', 6), floats('dy', 6), floats('dx', 6), num('alpha', 0.1)],
  activationBackwardFromInput: [kind('gelu'), size('n', 6), floats('x', 6), floats('dy', 6), floats('dx', 6), num('alpha', 0.1)],
  softmax: [size('rows', 2), size('cols', 3), floats('x', 6), floats('y', 6)],
  softmaxBackward: [size('rows', 2), size('cols', 3), floats('y', 6), floats('dy', 6), floats('dx', 6)],
  softmaxCrossEntropy: [size('rows', 2), size('cols', 3), floats('logits', 6), floats('targets', 6), num('gradScale', 0.5), floats('grad', 6)],
  mse: [size('n', 6), floats('pred', 6), floats('target', 6), num('gradScale', 1), floats('grad', 6)],
  sigmoidBinaryCrossEntropy: [size('n', 6), floats('logits', 6), floats('targets', 6), num('gradScale', 1), floats('grad', 6)],
  l1Loss: [size('n', 6), floats('pred', 6), floats('target', 6), num('gradScale', 1), floats('grad', 6)],
  huber: [size('n', 6), floats('pred', 6), floats('target', 6), num('delta', 1), num('gradScale', 1), floats('grad', 6)],
  multiMargin: [size('rows', 2), size('cols', 3), floats('logits', 6), floats('targets', 6), num('margin', 1), num('gradScale', 0.5), floats('grad', 6)],
  add: [size('n', 6), floats('a', 6), floats('b', 6), floats('out', 6)],
  sub: [size('n', 6), floats('a', 6), floats('b', 6), floats('out', 6)],
  mul: [size('n', 6), floats('a', 6), floats('b', 6), floats('out', 6)],
  mulAdd: [size('n', 6), floats('a', 6), floats('b', 6), floats('c', 6)],
  axpy: [size('n', 6), num('alpha', 2), floats('x', 6), floats('y', 6)],
  scale: [size('n', 6), num('alpha', 2), floats('x', 6)],
  sumSquares: [size('n', 6), floats('x', 6)],
  l1Gradient: [size('n', 6), num('lambda', 0.01), floats('w', 6), floats('g', 6)],
  sgdStep: [size('n', 6), floats('weights', 6), floats('grads', 6), floats('velocity', 6, 'floats?'), num('lr', 0.1), num('momentum', 0.9), bool('nesterov', true), num('weightDecay', 0.01)],
  adamStep: [size('n', 6), floats('weights', 6), floats('grads', 6), floats('m', 6), floats('v', 6), num('lr', 0.01), num('beta1', 0.9), num('beta2', 0.999), num('eps', 1e-8), num('weightDecay', 0), bool('decoupled', false), num('step', 3)],
  rmspropStep: [size('n', 6), floats('weights', 6), floats('grads', 6), floats('squareAvg', 6), floats('gradAvg', 6, 'floats?'), floats('momentumBuffer', 6, 'floats?'), num('lr', 0.01), num('alpha', 0.99), num('eps', 1e-8), num('weightDecay', 0.01), num('momentum', 0.9), bool('centered', true)],
  adagradStep: [size('n', 6), floats('weights', 6), floats('grads', 6), floats('sum', 6), num('lr', 0.01), num('lrDecay', 0.001), num('eps', 1e-10), num('weightDecay', 0), num('step', 3)],
  adamaxStep: [size('n', 6), floats('weights', 6), floats('grads', 6), floats('m', 6), floats('u', 6), num('lr', 0.002), num('beta1', 0.9), num('beta2', 0.999), num('eps', 1e-8), num('weightDecay', 0), num('step', 3)],
  nadamStep: [size('n', 6), floats('weights', 6), floats('grads', 6), floats('m', 6), floats('v', 6), num('lr', 0.002), num('beta1', 0.9), num('beta2', 0.999), num('eps', 1e-8), num('weightDecay', 0), num('momentumDecay', 0.004), num('muProduct', 0.5), num('step', 3)],
  im2col: [...CONV, floats('x', 80), floats('cols', 192)],
  col2im: [...CONV, floats('cols', 192), num('beta', 0.5), floats('dx', 80)],
  conv2d: [...DIRECT, floats('x', 80), floats('weights', 36), floats('y', 48)],
  conv2dWeightGrad: [...DIRECT, floats('x', 80), floats('dy', 48), num('alpha', 0.5), num('beta', 0.5), floats('dw', 36)],
  transposeBatch: [size('batch', 2), size('r', 3), size('c', 4), size('inner', 2), floats('x', 48), floats('y', 48)],
  maxPool2d: [...POOL, floats('x', 120), floats('y', 90), ints('argmax', 90, () => 0)],
  maxPool2dBackward: [size('rows', 2), size('channels', 3), size('height', 5), size('width', 4), size('outSize', 15), ints('argmax', 90, (i) => i % 20), floats('dy', 90), floats('dx', 120)],
  avgPool2d: [...POOL, floats('x', 120), floats('y', 90)],
  avgPool2dBackward: [...POOL, floats('dy', 90), floats('dx', 120)],
  channelMoments: [...NORM, floats('x', 24), floats('mean', 3), floats('variance', 3)],
  channelAffine: [...NORM, floats('x', 24), floats('scale', 3), floats('shift', 3), floats('y', 24)],
  channelSums: [...NORM, floats('a', 24), floats('b', 24), floats('sumA', 3), floats('sumAB', 3)],
  normalizeBackward: [...NORM, floats('xhat', 24), floats('g', 24), floats('scale', 3), floats('sumG', 3), floats('sumGXhat', 3), floats('dx', 24)],
  gatherRows: [...EMBED, floats('table', 12), ids(), floats('out', 18)],
  scatterAddRows: [...EMBED, ids(), floats('src', 18), num('alpha', 1), num('beta', 0.5), floats('table', 12)],
};

/** Bad values for one argument: what each must throw, and whether the message must name the argument itself. */
function badValues(param: Param, dtype: DType): { value: unknown; error: typeof TypeError | typeof RangeError; named: boolean }[] {
  const type = (value: unknown) => ({ value, error: TypeError, named: true });
  const range = (value: unknown, named = true) => ({ value, error: RangeError, named });
  switch (param.kind) {
    case 'size':
    case 'positive': {
      const bad = [type('2'), type(null), type(undefined), range(-1), range(1.5), range(NaN), range(Infinity)];
      if (param.kind === 'positive') bad.push(range(0));
      // Too large a size is reported through the first array it makes too short, or the product it overflows.
      if (param.large !== 'valid') bad.push(range(2 ** 31, false), range(2 ** 32, false));
      bad.push(range(2 ** 53, false));
      return bad;
    }
    case 'ints': {
      const valid = param.value(dtype) as Int32Array;
      const other = dtype === 'float64' ? new Float64Array(valid.length) : new Float32Array(valid.length);
      return [type(3), type(Array.from(valid)), type(other), type(new Uint32Array(valid.length)), type(valid.buffer), type(null), type(undefined), range(valid.subarray(1)), range(valid.subarray(valid.length))];
    }
    case 'number':
      return [type('1'), type(null), type(true), range(NaN), range(Infinity), range(-Infinity)];
    case 'bool':
      return [type(0), type(1), type('true'), type(null)];
    case 'kind':
      return [type(3), type(null), range('softmax'), range('Tanh'), range('')];
    case 'floats':
    case 'floats?': {
      const valid = param.value(dtype) as FloatArray;
      const bad = [type(3), type('x'), type(Array.from(valid)), type(new Int32Array(valid.length)), type(valid.buffer)];
      if (param.kind === 'floats') bad.push(type(null), type(undefined));
      bad.push(range(valid.subarray(1)), range(valid.subarray(valid.length)));
      return bad;
    }
  }
}

/** Calls backend[op](...args). */
export function call(backend: Backend, op: string, args: unknown[]): unknown {
  return (backend as unknown as Record<string, (...a: unknown[]) => unknown>)[op]!(...args);
}

/** A label for a value in failure messages. */
function label(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as FloatArray).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** The arguments of the valid call of `op` the refusal cases start from, made afresh. */
export function validArgs(op: keyof typeof SIGNATURES, dtype: DType): unknown[] {
  return SIGNATURES[op].map((p) => p.value(dtype));
}

/** The position of argument `name` in the signature of `op`. */
export function argIndex(op: keyof typeof SIGNATURES, name: string): number {
  const at = SIGNATURES[op].findIndex((p) => p.name === name);
  if (at < 0) throw new Error(`${op} has no argument ${name}`);
  return at;
}

/** Throws unless the typed arrays among `args` hold what `before` recorded. */
export function assertUnchanged(what: string, args: unknown[], before: (number[] | null)[]): void {
  args.forEach((arg, i) => {
    const was = before[i];
    if (!was) return;
    const now = Array.from(arg as FloatArray);
    if (now.some((v, j) => !Object.is(v, was[j]))) throw new Error(`${what}: the refused call wrote into argument ${i}`);
  });
}

/** Copies of the typed arrays among `args` (null for the other arguments), for assertUnchanged. */
export const snapshot = (args: unknown[]): (number[] | null)[] =>
  args.map((a) => (a instanceof Float32Array || a instanceof Float64Array || a instanceof Int32Array ? Array.from(a) : null));

/** The message pattern of a refusal of `param`: its name first, or (not `named`) anywhere, or the size it is reported through. */
function mention(op: string, param: Param, named: boolean): RegExp {
  if (named) return new RegExp(`^${op}: ${param.name} `, 's');
  const names = typeof param.large === 'object' ? `(${param.name}|${param.large.via})` : param.name;
  return new RegExp(`^${op}: .*(?<![\\w])${names}(?![\\w])`, 's');
}

export function registerRefusalCases(ctx: SuiteContext): void {
  const { dtype } = ctx;
  ctx.api.describe('refusals', () => {
    ctx.plain('the valid calls the refusal cases start from are accepted', (backend) => {
      for (const [op, params] of Object.entries(SIGNATURES)) call(backend, op, params.map((p) => p.value(dtype)));
    });

    for (const [op, params] of Object.entries(SIGNATURES)) {
      ctx.plain(`${op} refuses each bad argument with the same error class and a message naming it`, (backend) => {
        params.forEach((param, index) => {
          for (const { value, error, named } of badValues(param, dtype)) {
            const args = params.map((p) => p.value(dtype));
            args[index] = value;
            const before = snapshot(args);
            const what = `${op} with ${param.name} = ${label(value)}`;
            assertThrows(what, () => call(backend, op, args), mention(op, param, named), error);
            assertUnchanged(what, args, before);
          }
        });
      });
    }

    ctx.plain('an array of the other float type in one call is a TypeError', (backend) => {
      for (const [op, params] of Object.entries(SIGNATURES)) {
        // With one array there is no other to differ from: a float64-capable backend computes.
        const arrays = params.filter((p) => p.kind === 'floats' || p.kind === 'floats?').length;
        if (backend.info.float64 && arrays === 1) continue;
        params.forEach((param, index) => {
          if (param.kind !== 'floats' && param.kind !== 'floats?') return;
          const args = params.map((p) => p.value(dtype));
          const n = (args[index] as FloatArray).length;
          args[index] = dtype === 'float64' ? new Float32Array(n) : new Float64Array(n);
          assertThrows(`${op} with ${param.name} of the other float type`, () => call(backend, op, args), new RegExp(`^${op}: `), TypeError);
        });
      }
    });

    ctx.plain('sgdStep without velocity but with momentum is a TypeError naming velocity', (backend) => {
      const args = SIGNATURES.sgdStep.map((p) => p.value(dtype));
      args[3] = null;
      assertThrows('sgdStep(momentum 0.9, velocity null)', () => call(backend, 'sgdStep', args), /^sgdStep: velocity is required/, TypeError);
      args[5] = 0;
      call(backend, 'sgdStep', args); // no momentum: no velocity needed
    });

    ctx.plain('rmspropStep without gradAvg when centered, or without momentumBuffer with momentum, is a TypeError naming it', (backend) => {
      const args = SIGNATURES.rmspropStep.map((p) => p.value(dtype));
      args[4] = null;
      assertThrows('rmspropStep(centered, gradAvg null)', () => call(backend, 'rmspropStep', args), /^rmspropStep: gradAvg is required/, TypeError);
      args[11] = false;
      args[5] = null;
      assertThrows('rmspropStep(momentum 0.9, momentumBuffer null)', () => call(backend, 'rmspropStep', args), /^rmspropStep: momentumBuffer is required/, TypeError);
      args[10] = 0;
      call(backend, 'rmspropStep', args); // neither centered nor momentum: neither buffer needed
    });

    ctx.plain('the bias-corrected steps refuse a step count that is not an integer ≥ 1', (backend) => {
      for (const op of ['adamStep', 'adagradStep', 'adamaxStep', 'nadamStep'] as const) {
        const params = SIGNATURES[op];
        const at = params.findIndex((p) => p.name === 'step');
        for (const bad of [0, -1, 1.5]) {
          const args = params.map((p) => p.value(dtype));
          args[at] = bad;
          assertThrows(`${op}(step ${bad})`, () => call(backend, op, args), new RegExp(`^${op}: step must be an integer ≥ 1`), RangeError);
        }
      }
    });

    ctx.plain('activationBackward refuses the kinds whose derivative needs the pre-activation', (backend) => {
      for (const k of ['gelu', 'gelu-tanh', 'softplus', 'silu', 'mish'] as const) {
        const args = SIGNATURES.activationBackward.map((p) => p.value(dtype));
        args[0] = k;
        const before = snapshot(args);
        assertThrows(`activationBackward('${k}')`, () => call(backend, 'activationBackward', args), new RegExp(`^activationBackward: kind '${k}' has no derivative in terms of its output`), RangeError);
        assertUnchanged(`activationBackward('${k}')`, args, before);
      }
    });

    ctx.plain('huber refuses delta ≤ 0', (backend) => {
      for (const d of [0, -1]) {
        const args = SIGNATURES.huber.map((p) => p.value(dtype));
        args[3] = d;
        assertThrows(`huber(delta ${d})`, () => call(backend, 'huber', args), /^huber: delta must be > 0/, RangeError);
      }
    });

    ctx.plain('partial overlaps are refused where the op cannot handle them; in place is accepted', (backend) => {
      const buf = dtype === 'float64' ? new Float64Array(64) : new Float32Array(64);
      const refused: [string, () => unknown, RegExp][] = [
        ['gemm, c overlapping a', () => backend.gemm(false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(2)), /^gemm: c must not overlap a/],
        ['add, out a shifted view of b', () => backend.add(6, buf, buf.subarray(8), buf.subarray(9)), /^add: out and b partly overlap/],
        ['mulAdd, c === a', () => backend.mulAdd(6, buf, buf.subarray(8), buf), /^mulAdd: c must not overlap a/],
        ['mulAdd, c another view of a', () => backend.mulAdd(6, buf, buf.subarray(8), buf.subarray(0, 6)), /^mulAdd: c must not overlap a/],
        ['addRowVector, v inside x', () => backend.addRowVector(2, 3, buf, buf.subarray(3)), /^addRowVector: x must not overlap v/],
        ['softmax, y a shifted view of x', () => backend.softmax(2, 3, buf, buf.subarray(1)), /^softmax: y and x partly overlap/],
        ['l1Gradient, g a shifted view of w', () => backend.l1Gradient(6, 0.1, buf, buf.subarray(3)), /^l1Gradient: g and w partly overlap/],
        ['sgdStep, grads a shifted view of weights', () => backend.sgdStep(6, buf, buf.subarray(2), null, 0.1, 0, false, 0), /^sgdStep: weights and grads partly overlap/],
        ['rmspropStep, squareAvg a shifted view of weights', () => backend.rmspropStep(6, buf, buf.subarray(8), buf.subarray(3), null, null, 0.1, 0.99, 1e-8, 0, 0, false), /^rmspropStep: weights and squareAvg partly overlap/],
        ['rmspropStep, momentumBuffer a shifted view of gradAvg', () => backend.rmspropStep(6, buf, buf.subarray(8), buf.subarray(16), buf.subarray(24), buf.subarray(26), 0.1, 0.99, 1e-8, 0, 0.9, true), /^rmspropStep: gradAvg and momentumBuffer partly overlap/],
        ['adagradStep, sum a shifted view of grads', () => backend.adagradStep(6, buf, buf.subarray(8), buf.subarray(10), 0.1, 0, 1e-10, 0, 1), /^adagradStep: grads and sum partly overlap/],
        ['adamaxStep, u a shifted view of m', () => backend.adamaxStep(6, buf, buf.subarray(8), buf.subarray(16), buf.subarray(18), 0.1, 0.9, 0.999, 1e-8, 0, 1), /^adamaxStep: m and u partly overlap/],
        ['nadamStep, v a shifted view of m', () => backend.nadamStep(6, buf, buf.subarray(8), buf.subarray(16), buf.subarray(20), 0.1, 0.9, 0.999, 1e-8, 0, 0.004, 0.45, 1), /^nadamStep: m and v partly overlap/],
      ];
      for (const [what, fn, pattern] of refused) assertThrows(what, fn, pattern, RangeError);
      backend.add(6, buf, buf.subarray(8), buf);
      backend.add(6, buf, buf.subarray(8), buf.subarray(0, 6)); // another view of the same memory: in place too
      backend.l1Gradient(6, 0.1, buf, buf);
      backend.gemm(false, false, 2, 2, 2, 1, buf, buf.subarray(8), 0, buf.subarray(12));
    });
  });
}
