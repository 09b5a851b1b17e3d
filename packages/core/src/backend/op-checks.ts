/**
 * One argument check per Backend op, shared by every backend so that all refuse the same bad
 * arguments with the same error classes, the same messages and in the same order (the
 * conformance suite's refusal cases hold every backend to this).
 *
 * `createOpChecks(options)` returns an object with one function per op, named as the op and
 * taking the op's parameters. It runs the op's checks (args.ts) and returns the op's extents: for
 * every array parameter, keyed by its name, the number of elements the op reads or writes there
 * (a backend that copies arrays into its own memory copies exactly those), plus what the op's
 * computation derives from its sizes (a window op's geometry). An optimizer's optional state that
 * the step does not use (null, or momentum 0) has extent 0.
 */
import type { Backend, FloatArray } from './backend.js';
import * as check from './args.js';
import type { Window } from './args.js';

/** The element counts of an op's arrays, keyed by parameter name. */
export type Extents<Name extends string> = { readonly [P in Name]: number };

/** What a window op's computation derives from its sizes: output size, element counts (args.ts's Window). */
export interface WindowGeometry {
  readonly window: Window;
}

type Unary = Extents<'x' | 'y'>;
type Binary = Extents<'a' | 'b' | 'out'>;
type Loss<P extends string, T extends string> = Extents<P | T | 'grad'>;

/** The extents each op's check returns. */
export interface OpExtents {
  gemm: Extents<'a' | 'b' | 'c'>;
  addRowVector: Extents<'x' | 'v'>;
  sumRows: Extents<'x' | 'out'>;
  activation: Unary;
  activationBackward: Extents<'y' | 'dy' | 'dx'>;
  activationBackwardFromInput: Extents<'x' | 'dy' | 'dx'>;
  softmax: Unary;
  softmaxBackward: Extents<'y' | 'dy' | 'dx'>;
  softmaxCrossEntropy: Loss<'logits', 'targets'>;
  mse: Loss<'pred', 'target'>;
  sigmoidBinaryCrossEntropy: Loss<'logits', 'targets'>;
  l1Loss: Loss<'pred', 'target'>;
  huber: Loss<'pred', 'target'>;
  multiMargin: Loss<'logits', 'targets'>;
  add: Binary;
  sub: Binary;
  mul: Binary;
  mulAdd: Extents<'a' | 'b' | 'c'>;
  axpy: Unary;
  scale: Extents<'x'>;
  sumSquares: Extents<'x'>;
  l1Gradient: Extents<'w' | 'g'>;
  im2col: Extents<'x' | 'cols'> & WindowGeometry;
  col2im: Extents<'cols' | 'dx'> & WindowGeometry;
  conv2d: Extents<'x' | 'weights' | 'y'> & WindowGeometry;
  conv2dWeightGrad: Extents<'x' | 'dy' | 'dw'> & WindowGeometry;
  transposeBatch: Unary;
  maxPool2d: Extents<'x' | 'y' | 'argmax'> & WindowGeometry;
  maxPool2dBackward: Extents<'argmax' | 'dy' | 'dx'>;
  avgPool2d: Unary & WindowGeometry;
  avgPool2dBackward: Extents<'dy' | 'dx'> & WindowGeometry;
  channelMoments: Extents<'x' | 'mean' | 'variance'>;
  channelAffine: Extents<'x' | 'scale' | 'shift' | 'y'>;
  channelSums: Extents<'a' | 'b' | 'sumA' | 'sumAB'>;
  normalizeBackward: Extents<'xhat' | 'g' | 'scale' | 'sumG' | 'sumGXhat' | 'dx'>;
  gatherRows: Extents<'table' | 'ids' | 'out'>;
  scatterAddRows: Extents<'ids' | 'src' | 'table'>;
  sgdStep: Extents<'weights' | 'grads' | 'velocity'>;
  adamStep: Extents<'weights' | 'grads' | 'm' | 'v'>;
  rmspropStep: Extents<'weights' | 'grads' | 'squareAvg' | 'gradAvg' | 'momentumBuffer'>;
  adagradStep: Extents<'weights' | 'grads' | 'sum'>;
  adamaxStep: Extents<'weights' | 'grads' | 'm' | 'u'>;
  nadamStep: Extents<'weights' | 'grads' | 'm' | 'v'>;
}

/** The names of the Backend's ops: its members that are functions. */
export type OpName = { [K in keyof Backend]-?: Backend[K] extends (...args: never[]) => unknown ? K : never }[keyof Backend];

/**
 * One check per op, with the op's own parameters. Indexing OpExtents by every OpName makes a
 * Backend op without an entry there a compile error, so the checks cannot fall behind the interface.
 */
export type OpChecks = { readonly [K in OpName]: (...args: Parameters<Backend[K]>) => OpExtents[K] };

/** How `createOpChecks` checks float arrays. */
export interface OpChecksOptions {
  /** Whether Float64Array arguments are accepted (all arrays of one call then of one type); if not, every float array must be a Float32Array. */
  readonly float64: boolean;
}

/** Where the element counts of the window ops' arrays come from, for messages. */
const IMAGE = 'rows·channels·height·width';
const PATCHES = 'rows·outH·outW·channels·kernelH·kernelW';
const POOLED = 'rows·channels·outH·outW';
const WEIGHTS = 'filters·channels·kernelH·kernelW';
const OUTPUTS = 'rows·filters·outH·outW';
const CHANNEL_DATA = 'rows·channels·spatial';

/** conv2d's filters (checked after the window, as the native binding does) and the element counts of its kernel and output. */
function directSizes(op: string, g: Window, filters: number): { nw: number; ny: number } {
  check.size(op, 'filters', filters);
  return { nw: check.volume(op, WEIGHTS, filters, g.channels, g.kernelH, g.kernelW), ny: check.volume(op, OUTPUTS, g.rows, filters, g.outH, g.outW) };
}

/** The sizes of gatherRows and scatterAddRows and the element counts of the table (tableRows·dim) and of the n gathered or scattered rows (n·dim). */
function embeddingSizes(op: string, n: number, dim: number, tableRows: number): { tableSize: number; rowsSize: number } {
  check.size(op, 'n', n);
  check.size(op, 'dim', dim);
  check.size(op, 'tableRows', tableRows);
  return { tableSize: check.volume(op, 'tableRows·dim', tableRows, dim), rowsSize: check.volume(op, 'n·dim', n, dim) };
}

/** An optimizer step's array argument: the array, its name, and whether it may be null or undefined (state the step does not use). */
type StepArray = readonly [FloatArray | null | undefined, string, 'optional'?];

/**
 * The argument checks of every Backend op; `float64` says which float arrays the backend accepts.
 * Each check allocates only its extents object (and a window op's geometry).
 */
export function createOpChecks(options: OpChecksOptions): OpChecks {
  const floats: check.FloatsCheck = options.float64 ? check.floats : check.float32s;

  /** The arguments of add / sub / mul: out may be a or b, but not a shifted view of them. */
  function binaryArgs(op: string, n: number, a: FloatArray, b: FloatArray, out: FloatArray): Binary {
    check.size(op, 'n', n);
    floats(op, 'a', a, n, 'n');
    floats(op, 'b', b, n, 'n', a);
    floats(op, 'out', out, n, 'n', a);
    check.sameOrDisjoint(op, out, 'out', a, 'a', n);
    check.sameOrDisjoint(op, out, 'out', b, 'b', n);
    return { a: n, b: n, out: n };
  }

  /** The arguments of the element-wise losses: grad may be the prediction, in place. */
  function lossArgs(op: string, n: number, p: FloatArray, pName: string, t: FloatArray, tName: string, gradScale: number, grad: FloatArray): void {
    check.size(op, 'n', n);
    floats(op, pName, p, n, 'n');
    floats(op, tName, t, n, 'n', p);
    check.finite(op, 'gradScale', gradScale);
    floats(op, 'grad', grad, n, 'n', p);
    check.sameOrDisjoint(op, grad, 'grad', p, pName, n);
    check.sameOrDisjoint(op, grad, 'grad', t, tName, n);
  }

  /** The arguments of the row-wise softmax losses and multiMargin's arrays: logits, targets, grad (which may be the logits). */
  function rowLossArrays(op: string, total: number, logits: FloatArray, targets: FloatArray, grad: FloatArray): Loss<'logits', 'targets'> {
    floats(op, 'grad', grad, total, 'rows·cols', logits);
    check.sameOrDisjoint(op, grad, 'grad', logits, 'logits', total);
    check.sameOrDisjoint(op, grad, 'grad', targets, 'targets', total);
    return { logits: total, targets: total, grad: total };
  }

  /**
   * The arguments of an element-wise optimizer step: n; each array a float array of the first
   * one's type holding n values (an entry marked optional may be null or undefined); every scalar
   * finite; every pair of arrays the same memory or disjoint.
   */
  function stepArgs(op: string, n: number, arrays: readonly StepArray[], scalars: Readonly<Record<string, number>>): void {
    check.size(op, 'n', n);
    let first: FloatArray | undefined;
    for (const [x, name, optional] of arrays) {
      if (optional && (x === null || x === undefined)) continue;
      floats(op, name, x as FloatArray, n, 'n', first, optional === 'optional');
      first ??= x as FloatArray;
    }
    for (const name in scalars) check.finite(op, name, scalars[name] as number);
    for (let i = 0; i < arrays.length; i++) {
      const [x, xName] = arrays[i] as StepArray;
      if (x === null || x === undefined) continue;
      for (let j = i + 1; j < arrays.length; j++) {
        const [y, yName] = arrays[j] as StepArray;
        if (y !== null && y !== undefined) check.sameOrDisjoint(op, x, xName, y, yName, n);
      }
    }
  }

  /** The element-wise activation ops' arrays: u (x or y) is read, dy read, dx written; dx may be dy or u. */
  function activationBackwardArrays(op: string, n: number, u: FloatArray, uName: string, dy: FloatArray, dx: FloatArray, alpha: number): void {
    check.size(op, 'n', n);
    floats(op, uName, u, n, 'n');
    floats(op, 'dy', dy, n, 'n', u);
    floats(op, 'dx', dx, n, 'n', u);
    check.finite(op, 'alpha', alpha);
    check.sameOrDisjoint(op, dx, 'dx', dy, 'dy', n);
    check.sameOrDisjoint(op, dx, 'dx', u, uName, n);
  }

  /** The window of a convolution op (im2col, col2im, conv2d, conv2dWeightGrad); see check.window for imagesFirst. */
  function convWindow(op: string, args: readonly [number, number, number, number, number, number, number, number, number, number, number, number], imagesFirst = true): Window {
    return check.window(op, ...args, false, imagesFirst);
  }

  /** The window of a pooling op: dilation 1. */
  function poolWindow(op: string, args: readonly [number, number, number, number, number, number, number, number, number, number], imagesFirst = true): Window {
    return check.window(op, ...args, 1, 1, true, imagesFirst);
  }

  return {
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
      const op = 'gemm';
      check.bool(op, 'transA', transA);
      check.bool(op, 'transB', transB);
      check.size(op, 'm', m);
      check.size(op, 'n', n);
      check.size(op, 'k', k);
      check.finite(op, 'alpha', alpha);
      check.finite(op, 'beta', beta);
      let mk = check.product(op, m, k, 'm·k');
      let kn = check.product(op, k, n, 'k·n');
      const mn = check.product(op, m, n, 'm·n');
      // An empty C (m = 0 or n = 0) is a no-op that reads nothing, as in BLAS's quick return.
      if (mn === 0) mk = kn = 0;
      floats(op, 'a', a, mk, transA ? 'k·m for op(A) = Aᵀ' : 'm·k');
      floats(op, 'b', b, kn, transB ? 'n·k for op(B) = Bᵀ' : 'k·n', a);
      floats(op, 'c', c, mn, 'm·n', a);
      check.disjoint(op, c, 'c', mn, a, 'a', mk);
      check.disjoint(op, c, 'c', mn, b, 'b', kn);
      return { a: mk, b: kn, c: mn };
    },

    addRowVector(rows, cols, x, v) {
      const op = 'addRowVector';
      const total = check.matrix(op, rows, cols);
      floats(op, 'x', x, total, 'rows·cols');
      floats(op, 'v', v, cols, 'cols', x);
      check.disjoint(op, x, 'x', total, v, 'v', cols);
      return { x: total, v: cols };
    },

    sumRows(rows, cols, x, beta, out) {
      const op = 'sumRows';
      const total = check.matrix(op, rows, cols);
      floats(op, 'x', x, total, 'rows·cols');
      check.finite(op, 'beta', beta);
      floats(op, 'out', out, cols, 'cols', x);
      check.disjoint(op, out, 'out', cols, x, 'x', total);
      return { x: total, out: cols };
    },

    activation(kind, n, x, y, alpha) {
      const op = 'activation';
      check.activationKind(op, kind);
      check.size(op, 'n', n);
      floats(op, 'x', x, n, 'n');
      floats(op, 'y', y, n, 'n', x);
      check.finite(op, 'alpha', alpha);
      check.sameOrDisjoint(op, y, 'y', x, 'x', n);
      return { x: n, y: n };
    },

    activationBackward(kind, n, y, dy, dx, alpha) {
      check.outputDerivativeKind('activationBackward', kind);
      activationBackwardArrays('activationBackward', n, y, 'y', dy, dx, alpha);
      return { y: n, dy: n, dx: n };
    },

    activationBackwardFromInput(kind, n, x, dy, dx, alpha) {
      check.activationKind('activationBackwardFromInput', kind);
      activationBackwardArrays('activationBackwardFromInput', n, x, 'x', dy, dx, alpha);
      return { x: n, dy: n, dx: n };
    },

    softmax(rows, cols, x, y) {
      const op = 'softmax';
      const total = check.matrix(op, rows, cols);
      floats(op, 'x', x, total, 'rows·cols');
      floats(op, 'y', y, total, 'rows·cols', x);
      check.sameOrDisjoint(op, y, 'y', x, 'x', total);
      return { x: total, y: total };
    },

    softmaxBackward(rows, cols, y, dy, dx) {
      const op = 'softmaxBackward';
      const total = check.matrix(op, rows, cols);
      floats(op, 'y', y, total, 'rows·cols');
      floats(op, 'dy', dy, total, 'rows·cols', y);
      floats(op, 'dx', dx, total, 'rows·cols', y);
      check.sameOrDisjoint(op, dx, 'dx', dy, 'dy', total);
      check.sameOrDisjoint(op, dx, 'dx', y, 'y', total);
      return { y: total, dy: total, dx: total };
    },

    softmaxCrossEntropy(rows, cols, logits, targets, gradScale, grad) {
      const op = 'softmaxCrossEntropy';
      const total = check.matrix(op, rows, cols);
      floats(op, 'logits', logits, total, 'rows·cols');
      floats(op, 'targets', targets, total, 'rows·cols', logits);
      check.finite(op, 'gradScale', gradScale);
      return rowLossArrays(op, total, logits, targets, grad);
    },

    mse(n, pred, target, gradScale, grad) {
      lossArgs('mse', n, pred, 'pred', target, 'target', gradScale, grad);
      return { pred: n, target: n, grad: n };
    },

    sigmoidBinaryCrossEntropy(n, logits, targets, gradScale, grad) {
      lossArgs('sigmoidBinaryCrossEntropy', n, logits, 'logits', targets, 'targets', gradScale, grad);
      return { logits: n, targets: n, grad: n };
    },

    l1Loss(n, pred, target, gradScale, grad) {
      lossArgs('l1Loss', n, pred, 'pred', target, 'target', gradScale, grad);
      return { pred: n, target: n, grad: n };
    },

    huber(n, pred, target, delta, gradScale, grad) {
      const op = 'huber';
      check.finite(op, 'delta', delta);
      if (!(delta > 0)) throw new RangeError(`${op}: delta must be > 0, got ${delta}`);
      lossArgs(op, n, pred, 'pred', target, 'target', gradScale, grad);
      return { pred: n, target: n, grad: n };
    },

    multiMargin(rows, cols, logits, targets, margin, gradScale, grad) {
      const op = 'multiMargin';
      const total = check.matrix(op, rows, cols);
      floats(op, 'logits', logits, total, 'rows·cols');
      floats(op, 'targets', targets, total, 'rows·cols', logits);
      check.finite(op, 'margin', margin);
      check.finite(op, 'gradScale', gradScale);
      return rowLossArrays(op, total, logits, targets, grad);
    },

    add: (n, a, b, out) => binaryArgs('add', n, a, b, out),
    sub: (n, a, b, out) => binaryArgs('sub', n, a, b, out),
    mul: (n, a, b, out) => binaryArgs('mul', n, a, b, out),

    mulAdd(n, a, b, c) {
      const op = 'mulAdd';
      check.size(op, 'n', n);
      floats(op, 'a', a, n, 'n');
      floats(op, 'b', b, n, 'n', a);
      floats(op, 'c', c, n, 'n', a);
      check.disjoint(op, c, 'c', n, a, 'a', n);
      check.disjoint(op, c, 'c', n, b, 'b', n);
      return { a: n, b: n, c: n };
    },

    axpy(n, alpha, x, y) {
      const op = 'axpy';
      check.size(op, 'n', n);
      check.finite(op, 'alpha', alpha);
      floats(op, 'x', x, n, 'n');
      floats(op, 'y', y, n, 'n', x);
      check.sameOrDisjoint(op, y, 'y', x, 'x', n);
      return { x: n, y: n };
    },

    scale(n, alpha, x) {
      check.size('scale', 'n', n);
      check.finite('scale', 'alpha', alpha);
      floats('scale', 'x', x, n, 'n');
      return { x: n };
    },

    sumSquares(n, x) {
      check.size('sumSquares', 'n', n);
      floats('sumSquares', 'x', x, n, 'n');
      return { x: n };
    },

    l1Gradient(n, lambda, w, g) {
      const op = 'l1Gradient';
      check.size(op, 'n', n);
      check.finite(op, 'lambda', lambda);
      floats(op, 'w', w, n, 'n');
      floats(op, 'g', g, n, 'n', w);
      check.sameOrDisjoint(op, g, 'g', w, 'w', n);
      return { w: n, g: n };
    },

    im2col(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, cols) {
      const op = 'im2col';
      const g = convWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW]);
      floats(op, 'x', x, g.image, IMAGE);
      floats(op, 'cols', cols, g.patches, PATCHES, x);
      check.disjoint(op, cols, 'cols', g.patches, x, 'x', g.image);
      return { x: g.image, cols: g.patches, window: g };
    },

    col2im(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, cols, beta, dx) {
      const op = 'col2im';
      const g = convWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW], false);
      floats(op, 'cols', cols, g.patches, PATCHES);
      check.finite(op, 'beta', beta);
      floats(op, 'dx', dx, g.image, IMAGE, cols);
      check.disjoint(op, dx, 'dx', g.image, cols, 'cols', g.patches);
      return { cols: g.patches, dx: g.image, window: g };
    },

    conv2d(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, weights, y) {
      const op = 'conv2d';
      const g = convWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW]);
      const { nw, ny } = directSizes(op, g, filters);
      floats(op, 'x', x, g.image, IMAGE);
      floats(op, 'weights', weights, nw, WEIGHTS, x);
      floats(op, 'y', y, ny, OUTPUTS, x);
      check.disjoint(op, y, 'y', ny, x, 'x', g.image);
      check.disjoint(op, y, 'y', ny, weights, 'weights', nw);
      return { x: g.image, weights: nw, y: ny, window: g };
    },

    conv2dWeightGrad(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, dy, alpha, beta, dw) {
      const op = 'conv2dWeightGrad';
      const g = convWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW]);
      const { nw, ny } = directSizes(op, g, filters);
      floats(op, 'x', x, g.image, IMAGE);
      floats(op, 'dy', dy, ny, OUTPUTS, x);
      check.finite(op, 'alpha', alpha);
      check.finite(op, 'beta', beta);
      floats(op, 'dw', dw, nw, WEIGHTS, x);
      check.disjoint(op, dw, 'dw', nw, x, 'x', g.image);
      check.disjoint(op, dw, 'dw', nw, dy, 'dy', ny);
      return { x: g.image, dy: ny, dw: nw, window: g };
    },

    transposeBatch(batch, r, c, inner, x, y) {
      const op = 'transposeBatch';
      check.size(op, 'batch', batch);
      check.size(op, 'r', r);
      check.size(op, 'c', c);
      check.size(op, 'inner', inner);
      const total = check.volume(op, 'batch·r·c·inner', batch, r, c, inner);
      floats(op, 'x', x, total, 'batch·r·c·inner');
      floats(op, 'y', y, total, 'batch·r·c·inner', x);
      check.disjoint(op, y, 'y', total, x, 'x', total);
      return { x: total, y: total };
    },

    maxPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y, argmax) {
      const op = 'maxPool2d';
      const g = poolWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW]);
      floats(op, 'x', x, g.image, IMAGE);
      floats(op, 'y', y, g.pooled, POOLED, x);
      check.ints(op, 'argmax', argmax, g.pooled, POOLED);
      check.disjoint(op, y, 'y', g.pooled, x, 'x', g.image);
      check.disjoint(op, argmax, 'argmax', g.pooled, x, 'x', g.image);
      check.disjoint(op, argmax, 'argmax', g.pooled, y, 'y', g.pooled);
      return { x: g.image, y: g.pooled, argmax: g.pooled, window: g };
    },

    maxPool2dBackward(rows, channels, height, width, outSize, argmax, dy, dx) {
      const op = 'maxPool2dBackward';
      check.size(op, 'rows', rows);
      check.size(op, 'channels', channels);
      check.size(op, 'height', height);
      check.size(op, 'width', width);
      check.size(op, 'outSize', outSize);
      const pooled = check.volume(op, 'rows·channels·outSize', rows, channels, outSize);
      const image = check.volume(op, IMAGE, rows, channels, height, width);
      check.ints(op, 'argmax', argmax, pooled, 'rows·channels·outSize');
      floats(op, 'dy', dy, pooled, 'rows·channels·outSize');
      floats(op, 'dx', dx, image, IMAGE, dy);
      check.disjoint(op, dx, 'dx', image, dy, 'dy', pooled);
      check.disjoint(op, dx, 'dx', image, argmax, 'argmax', pooled);
      check.indices(op, 'argmax', argmax, pooled, height * width);
      return { argmax: pooled, dy: pooled, dx: image };
    },

    avgPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y) {
      const op = 'avgPool2d';
      const g = poolWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW]);
      floats(op, 'x', x, g.image, IMAGE);
      floats(op, 'y', y, g.pooled, POOLED, x);
      check.disjoint(op, y, 'y', g.pooled, x, 'x', g.image);
      return { x: g.image, y: g.pooled, window: g };
    },

    avgPool2dBackward(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dy, dx) {
      const op = 'avgPool2dBackward';
      const g = poolWindow(op, [rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW], false);
      floats(op, 'dy', dy, g.pooled, POOLED);
      floats(op, 'dx', dx, g.image, IMAGE, dy);
      check.disjoint(op, dx, 'dx', g.image, dy, 'dy', g.pooled);
      return { dy: g.pooled, dx: g.image, window: g };
    },

    channelMoments(rows, channels, spatial, x, mean, variance) {
      const op = 'channelMoments';
      const total = check.channelData(op, rows, channels, spatial);
      floats(op, 'x', x, total, CHANNEL_DATA);
      floats(op, 'mean', mean, channels, 'channels', x);
      floats(op, 'variance', variance, channels, 'channels', x);
      check.disjoint(op, mean, 'mean', channels, x, 'x', total);
      check.disjoint(op, variance, 'variance', channels, x, 'x', total);
      check.disjoint(op, variance, 'variance', channels, mean, 'mean', channels);
      return { x: total, mean: channels, variance: channels };
    },

    channelAffine(rows, channels, spatial, x, scale, shift, y) {
      const op = 'channelAffine';
      const total = check.channelData(op, rows, channels, spatial);
      floats(op, 'x', x, total, CHANNEL_DATA);
      floats(op, 'scale', scale, channels, 'channels', x);
      floats(op, 'shift', shift, channels, 'channels', x);
      floats(op, 'y', y, total, CHANNEL_DATA, x);
      check.sameOrDisjoint(op, y, 'y', x, 'x', total);
      check.disjoint(op, y, 'y', total, scale, 'scale', channels);
      check.disjoint(op, y, 'y', total, shift, 'shift', channels);
      return { x: total, scale: channels, shift: channels, y: total };
    },

    channelSums(rows, channels, spatial, a, b, sumA, sumAB) {
      const op = 'channelSums';
      const total = check.channelData(op, rows, channels, spatial);
      floats(op, 'a', a, total, CHANNEL_DATA);
      floats(op, 'b', b, total, CHANNEL_DATA, a);
      floats(op, 'sumA', sumA, channels, 'channels', a);
      floats(op, 'sumAB', sumAB, channels, 'channels', a);
      check.disjoint(op, sumA, 'sumA', channels, a, 'a', total);
      check.disjoint(op, sumA, 'sumA', channels, b, 'b', total);
      check.disjoint(op, sumAB, 'sumAB', channels, a, 'a', total);
      check.disjoint(op, sumAB, 'sumAB', channels, b, 'b', total);
      check.disjoint(op, sumAB, 'sumAB', channels, sumA, 'sumA', channels);
      return { a: total, b: total, sumA: channels, sumAB: channels };
    },

    normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx) {
      const op = 'normalizeBackward';
      const total = check.channelData(op, rows, channels, spatial);
      floats(op, 'xhat', xhat, total, CHANNEL_DATA);
      floats(op, 'g', g, total, CHANNEL_DATA, xhat);
      floats(op, 'scale', scale, channels, 'channels', xhat);
      floats(op, 'sumG', sumG, channels, 'channels', xhat);
      floats(op, 'sumGXhat', sumGXhat, channels, 'channels', xhat);
      floats(op, 'dx', dx, total, CHANNEL_DATA, xhat);
      check.sameOrDisjoint(op, dx, 'dx', g, 'g', total);
      check.disjoint(op, dx, 'dx', total, xhat, 'xhat', total);
      check.disjoint(op, dx, 'dx', total, scale, 'scale', channels);
      check.disjoint(op, dx, 'dx', total, sumG, 'sumG', channels);
      check.disjoint(op, dx, 'dx', total, sumGXhat, 'sumGXhat', channels);
      return { xhat: total, g: total, scale: channels, sumG: channels, sumGXhat: channels, dx: total };
    },

    gatherRows(n, dim, tableRows, table, ids, out) {
      const op = 'gatherRows';
      const { tableSize, rowsSize: outSize } = embeddingSizes(op, n, dim, tableRows);
      floats(op, 'table', table, tableSize, 'tableRows·dim');
      floats(op, 'ids', ids, n, 'n', table);
      floats(op, 'out', out, outSize, 'n·dim', table);
      check.disjoint(op, out, 'out', outSize, table, 'table', tableSize);
      check.disjoint(op, out, 'out', outSize, ids, 'ids', n);
      check.indices(op, 'ids', ids, n, tableRows);
      return { table: tableSize, ids: n, out: outSize };
    },

    scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table) {
      const op = 'scatterAddRows';
      const { tableSize, rowsSize: srcSize } = embeddingSizes(op, n, dim, tableRows);
      floats(op, 'ids', ids, n, 'n');
      floats(op, 'src', src, srcSize, 'n·dim', ids);
      check.finite(op, 'alpha', alpha);
      check.finite(op, 'beta', beta);
      floats(op, 'table', table, tableSize, 'tableRows·dim', ids);
      check.disjoint(op, table, 'table', tableSize, ids, 'ids', n);
      check.disjoint(op, table, 'table', tableSize, src, 'src', srcSize);
      check.indices(op, 'ids', ids, n, tableRows);
      return { ids: n, src: srcSize, table: tableSize };
    },

    sgdStep(n, weights, grads, velocity, lr, momentum, nesterov, weightDecay) {
      const op = 'sgdStep';
      stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [velocity, 'velocity', 'optional']], { lr, momentum, weightDecay });
      check.bool(op, 'nesterov', nesterov);
      const hasVelocity = velocity !== null && velocity !== undefined;
      if (momentum > 0 && !hasVelocity && n > 0) throw new TypeError('sgdStep: velocity is required when momentum > 0');
      return { weights: n, grads: n, velocity: momentum > 0 && hasVelocity ? n : 0 };
    },

    adamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step) {
      const op = 'adamStep';
      stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [m, 'm'], [v, 'v']], { lr, beta1, beta2, eps, weightDecay });
      check.bool(op, 'decoupled', decoupled);
      check.stepCount(op, step);
      return { weights: n, grads: n, m: n, v: n };
    },

    rmspropStep(n, weights, grads, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, weightDecay, momentum, centered) {
      const op = 'rmspropStep';
      const arrays = [[weights, 'weights'], [grads, 'grads'], [squareAvg, 'squareAvg'], [gradAvg, 'gradAvg', 'optional'], [momentumBuffer, 'momentumBuffer', 'optional']] as const;
      stepArgs(op, n, arrays, { lr, alpha, eps, weightDecay, momentum });
      check.bool(op, 'centered', centered);
      const hasGradAvg = gradAvg !== null && gradAvg !== undefined;
      const hasMomentumBuffer = momentumBuffer !== null && momentumBuffer !== undefined;
      if (centered && !hasGradAvg && n > 0) throw new TypeError(`${op}: gradAvg is required when centered`);
      if (momentum > 0 && !hasMomentumBuffer && n > 0) throw new TypeError(`${op}: momentumBuffer is required when momentum > 0`);
      return {
        weights: n,
        grads: n,
        squareAvg: n,
        gradAvg: centered && hasGradAvg ? n : 0,
        momentumBuffer: momentum > 0 && hasMomentumBuffer ? n : 0,
      };
    },

    adagradStep(n, weights, grads, sum, lr, lrDecay, eps, weightDecay, step) {
      const op = 'adagradStep';
      stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [sum, 'sum']], { lr, lrDecay, eps, weightDecay });
      check.stepCount(op, step);
      return { weights: n, grads: n, sum: n };
    },

    adamaxStep(n, weights, grads, m, u, lr, beta1, beta2, eps, weightDecay, step) {
      const op = 'adamaxStep';
      stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [m, 'm'], [u, 'u']], { lr, beta1, beta2, eps, weightDecay });
      check.stepCount(op, step);
      return { weights: n, grads: n, m: n, u: n };
    },

    nadamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, momentumDecay, muProduct, step) {
      const op = 'nadamStep';
      stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [m, 'm'], [v, 'v']], { lr, beta1, beta2, eps, weightDecay, momentumDecay, muProduct });
      check.stepCount(op, step);
      return { weights: n, grads: n, m: n, v: n };
    },
  };
}
