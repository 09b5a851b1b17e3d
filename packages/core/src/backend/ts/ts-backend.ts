import type { ElementwiseActivation, Backend, BackendInfo, FloatArray } from '../backend.js';
import * as check from './args.js';
import * as am from './activation-math.js';
import * as embedding from './embedding.js';
import { gemm } from './gemm.js';
import * as direct from './conv-direct.js';
import * as conv from './im2col.js';
import * as norm from './normalization.js';
import * as pool from './pooling.js';
import { scaleOutput } from './scale-output.js';

/** Where the element counts of the window ops' arrays come from, for messages. */
const IMAGE = 'rows·channels·height·width';
const PATCHES = 'rows·outH·outW·channels·kernelH·kernelW';
const POOLED = 'rows·channels·outH·outW';
const WEIGHTS = 'filters·channels·kernelH·kernelW';
const OUTPUTS = 'rows·filters·outH·outW';
const CHANNEL_DATA = 'rows·channels·spatial';

/** conv2d's filters (checked after the window, as the native binding does) and the element counts of its kernel and output. */
function directSizes(op: string, g: check.Window, filters: number): { nw: number; ny: number } {
  check.size(op, 'filters', filters);
  return { nw: check.volume(op, WEIGHTS, filters, g.channels, g.kernelH, g.kernelW), ny: check.volume(op, OUTPUTS, g.rows, filters, g.outH, g.outW) };
}

/**
 * The pure-TypeScript backend: runs anywhere (Node, browsers, workers) and accepts
 * Float64Array as well as Float32Array, which gradient checks rely on. Every op validates its
 * arguments first (args.ts: O(1) per call) and refuses bad ones exactly as the native backend
 * does, so a short array or a NaN hyper-parameter never reaches a loop.
 */
export class TsBackend implements Backend {
  readonly info: BackendInfo = { name: 'ts', description: 'ts', float64: true };

  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: FloatArray,
    b: FloatArray,
    beta: number,
    c: FloatArray,
  ): void {
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
    check.floats(op, 'a', a, mk, transA ? 'k·m for op(A) = Aᵀ' : 'm·k');
    check.floats(op, 'b', b, kn, transB ? 'n·k for op(B) = Bᵀ' : 'k·n', a);
    check.floats(op, 'c', c, mn, 'm·n', a);
    check.disjoint(op, c, 'c', mn, a, 'a', mk);
    check.disjoint(op, c, 'c', mn, b, 'b', kn);
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  addRowVector(rows: number, cols: number, x: FloatArray, v: FloatArray): void {
    const op = 'addRowVector';
    const total = check.matrix(op, rows, cols);
    check.floats(op, 'x', x, total, 'rows·cols');
    check.floats(op, 'v', v, cols, 'cols', x);
    check.disjoint(op, x, 'x', total, v, 'v', cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) x[o + j] += v[j];
    }
  }

  sumRows(rows: number, cols: number, x: FloatArray, beta: number, out: FloatArray): void {
    const op = 'sumRows';
    const total = check.matrix(op, rows, cols);
    check.floats(op, 'x', x, total, 'rows·cols');
    check.finite(op, 'beta', beta);
    check.floats(op, 'out', out, cols, 'cols', x);
    check.disjoint(op, out, 'out', cols, x, 'x', total);
    scaleOutput(cols, beta, out);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[j] += x[o + j];
    }
  }

  activation(kind: ElementwiseActivation, n: number, x: FloatArray, y: FloatArray, alpha: number): void {
    const op = 'activation';
    check.activationKind(op, kind);
    check.size(op, 'n', n);
    check.floats(op, 'x', x, n, 'n');
    check.floats(op, 'y', y, n, 'n', x);
    check.finite(op, 'alpha', alpha);
    check.sameOrDisjoint(op, y, 'y', x, 'x', n);
    switch (kind) {
      case 'linear':
        if (x !== y) for (let i = 0; i < n; i++) y[i] = x[i];
        return;
      case 'sigmoid':
        // σ(x) = 1 / (1 + e^{−x}), written to avoid overflow of e^{−x} for large negative x.
        for (let i = 0; i < n; i++) {
          const v = x[i];
          if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
          else {
            const e = Math.exp(v);
            y[i] = e / (1 + e);
          }
        }
        return;
      case 'tanh':
        for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
        return;
      case 'relu':
        for (let i = 0; i < n; i++) {
          const v = x[i];
          y[i] = v > 0 ? v : 0;
        }
        return;
      case 'leaky-relu':
        for (let i = 0; i < n; i++) {
          const v = x[i];
          y[i] = v > 0 ? v : alpha * v;
        }
        return;
      case 'elu':
        for (let i = 0; i < n; i++) y[i] = am.elu(x[i], alpha);
        return;
      case 'selu':
        for (let i = 0; i < n; i++) y[i] = am.selu(x[i]);
        return;
      case 'gelu':
        for (let i = 0; i < n; i++) y[i] = am.gelu(x[i]);
        return;
      case 'gelu-tanh':
        for (let i = 0; i < n; i++) y[i] = am.geluTanh(x[i]);
        return;
      case 'softplus':
        for (let i = 0; i < n; i++) y[i] = am.softplus(x[i]);
        return;
      case 'silu':
        for (let i = 0; i < n; i++) y[i] = am.silu(x[i]);
        return;
      case 'mish':
        for (let i = 0; i < n; i++) y[i] = am.mish(x[i]);
        return;
      default:
        throw new RangeError(`unknown activation '${String(kind)}'`);
    }
  }

  activationBackward(kind: ElementwiseActivation, n: number, y: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void {
    const op = 'activationBackward';
    check.outputDerivativeKind(op, kind);
    check.size(op, 'n', n);
    check.floats(op, 'y', y, n, 'n');
    check.floats(op, 'dy', dy, n, 'n', y);
    check.floats(op, 'dx', dx, n, 'n', y);
    check.finite(op, 'alpha', alpha);
    check.sameOrDisjoint(op, dx, 'dx', dy, 'dy', n);
    check.sameOrDisjoint(op, dx, 'dx', y, 'y', n);
    switch (kind) {
      case 'linear':
        if (dx !== dy) for (let i = 0; i < n; i++) dx[i] = dy[i];
        return;
      case 'sigmoid':
        for (let i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
        return;
      case 'tanh':
        for (let i = 0; i < n; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
        return;
      case 'relu':
        for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : 0;
        return;
      case 'leaky-relu':
        for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : alpha * dy[i];
        return;
      case 'elu':
        // y = α(eˣ − 1) for x ≤ 0, so f' = αeˣ = y + α.
        for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : dy[i] * (y[i] + alpha);
        return;
      case 'selu':
        // y = λα₀(eˣ − 1) for x ≤ 0, so f' = λα₀eˣ = y + λα₀.
        for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? am.SELU_SCALE * dy[i] : dy[i] * (y[i] + am.SELU_SCALE * am.SELU_ALPHA);
        return;
      default:
        throw new RangeError(`unknown activation '${String(kind)}'`);
    }
  }

  activationBackwardFromInput(kind: ElementwiseActivation, n: number, x: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void {
    const op = 'activationBackwardFromInput';
    check.activationKind(op, kind);
    check.size(op, 'n', n);
    check.floats(op, 'x', x, n, 'n');
    check.floats(op, 'dy', dy, n, 'n', x);
    check.floats(op, 'dx', dx, n, 'n', x);
    check.finite(op, 'alpha', alpha);
    check.sameOrDisjoint(op, dx, 'dx', dy, 'dy', n);
    check.sameOrDisjoint(op, dx, 'dx', x, 'x', n);
    const f = inputDerivative(kind, alpha);
    for (let i = 0; i < n; i++) dx[i] = dy[i] * f(x[i]);
  }

  softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void {
    const op = 'softmax';
    const total = check.matrix(op, rows, cols);
    check.floats(op, 'x', x, total, 'rows·cols');
    check.floats(op, 'y', y, total, 'rows·cols', x);
    check.sameOrDisjoint(op, y, 'y', x, 'x', total);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (x[o + j] > max) max = x[o + j];
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const e = Math.exp(x[o + j] - max);
        y[o + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let j = 0; j < cols; j++) y[o + j] *= inv;
    }
  }

  softmaxBackward(rows: number, cols: number, y: FloatArray, dy: FloatArray, dx: FloatArray): void {
    const op = 'softmaxBackward';
    const total = check.matrix(op, rows, cols);
    check.floats(op, 'y', y, total, 'rows·cols');
    check.floats(op, 'dy', dy, total, 'rows·cols', y);
    check.floats(op, 'dx', dx, total, 'rows·cols', y);
    check.sameOrDisjoint(op, dx, 'dx', dy, 'dy', total);
    check.sameOrDisjoint(op, dx, 'dx', y, 'y', total);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += dy[o + j] * y[o + j];
      for (let j = 0; j < cols; j++) dx[o + j] = y[o + j] * (dy[o + j] - dot);
    }
  }

  softmaxCrossEntropy(
    rows: number,
    cols: number,
    logits: FloatArray,
    targets: FloatArray,
    gradScale: number,
    grad: FloatArray,
  ): number {
    const op = 'softmaxCrossEntropy';
    const total = check.matrix(op, rows, cols);
    check.floats(op, 'logits', logits, total, 'rows·cols');
    check.floats(op, 'targets', targets, total, 'rows·cols', logits);
    check.finite(op, 'gradScale', gradScale);
    check.floats(op, 'grad', grad, total, 'rows·cols', logits);
    check.sameOrDisjoint(op, grad, 'grad', logits, 'logits', total);
    check.sameOrDisjoint(op, grad, 'grad', targets, 'targets', total);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (logits[o + j] > max) max = logits[o + j];
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += Math.exp(logits[o + j] - max);
      const logSum = Math.log(sum) + max;
      // −Σ t·log p with log p = z − logΣe^z; the gradient of the mean loss is p − t.
      for (let j = 0; j < cols; j++) {
        const z = logits[o + j];
        const t = targets[o + j];
        if (t !== 0) loss -= t * (z - logSum);
        grad[o + j] = gradScale * (Math.exp(z - logSum) - t);
      }
    }
    return loss;
  }

  mse(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number {
    check.lossArgs('mse', n, pred, 'pred', target, 'target', gradScale, grad);
    let loss = 0;
    const s = 2 * gradScale;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      loss += d * d;
      grad[i] = s * d;
    }
    return loss;
  }

  sigmoidBinaryCrossEntropy(n: number, logits: FloatArray, targets: FloatArray, gradScale: number, grad: FloatArray): number {
    check.lossArgs('sigmoidBinaryCrossEntropy', n, logits, 'logits', targets, 'targets', gradScale, grad);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const z = logits[i];
      const t = targets[i];
      loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      grad[i] = gradScale * (p - t);
    }
    return loss;
  }

  l1Loss(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number {
    check.lossArgs('l1Loss', n, pred, 'pred', target, 'target', gradScale, grad);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      loss += Math.abs(d);
      grad[i] = d > 0 ? gradScale : d < 0 ? -gradScale : 0;
    }
    return loss;
  }

  huber(n: number, pred: FloatArray, target: FloatArray, delta: number, gradScale: number, grad: FloatArray): number {
    const op = 'huber';
    check.finite(op, 'delta', delta);
    if (!(delta > 0)) throw new RangeError(`${op}: delta must be > 0, got ${delta}`);
    check.lossArgs(op, n, pred, 'pred', target, 'target', gradScale, grad);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      const a = Math.abs(d);
      if (a < delta) {
        loss += 0.5 * d * d;
        grad[i] = gradScale * d;
      } else {
        loss += delta * (a - 0.5 * delta);
        grad[i] = gradScale * (d > 0 ? delta : -delta);
      }
    }
    return loss;
  }

  multiMargin(rows: number, cols: number, logits: FloatArray, targets: FloatArray, margin: number, gradScale: number, grad: FloatArray): number {
    const op = 'multiMargin';
    const total = check.matrix(op, rows, cols);
    check.floats(op, 'logits', logits, total, 'rows·cols');
    check.floats(op, 'targets', targets, total, 'rows·cols', logits);
    check.finite(op, 'margin', margin);
    check.finite(op, 'gradScale', gradScale);
    check.floats(op, 'grad', grad, total, 'rows·cols', logits);
    check.sameOrDisjoint(op, grad, 'grad', logits, 'logits', total);
    check.sameOrDisjoint(op, grad, 'grad', targets, 'targets', total);
    let loss = 0;
    const g = gradScale / cols;
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let y = 0;
      for (let j = 1; j < cols; j++) if (targets[o + j] > targets[o + y]) y = j;
      const zy = logits[o + y];
      let row = 0;
      let active = 0;
      // All of row i's logits are read before grad (which may be the logits) is written.
      for (let j = 0; j < cols; j++) {
        const m = j === y ? 0 : margin - zy + logits[o + j];
        if (m > 0) {
          row += m;
          active++;
        }
      }
      for (let j = 0; j < cols; j++) {
        if (j === y) continue;
        grad[o + j] = margin - zy + logits[o + j] > 0 ? g : 0;
      }
      grad[o + y] = -g * active;
      loss += row / cols;
    }
    return loss;
  }

  add(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    check.binaryArgs('add', n, a, b, out);
    for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
  }

  sub(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    check.binaryArgs('sub', n, a, b, out);
    for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
  }

  mul(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    check.binaryArgs('mul', n, a, b, out);
    for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
  }

  mulAdd(n: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
    const op = 'mulAdd';
    check.size(op, 'n', n);
    check.floats(op, 'a', a, n, 'n');
    check.floats(op, 'b', b, n, 'n', a);
    check.floats(op, 'c', c, n, 'n', a);
    check.disjoint(op, c, 'c', n, a, 'a', n);
    check.disjoint(op, c, 'c', n, b, 'b', n);
    for (let i = 0; i < n; i++) c[i] += a[i] * b[i];
  }

  axpy(n: number, alpha: number, x: FloatArray, y: FloatArray): void {
    const op = 'axpy';
    check.size(op, 'n', n);
    check.finite(op, 'alpha', alpha);
    check.floats(op, 'x', x, n, 'n');
    check.floats(op, 'y', y, n, 'n', x);
    check.sameOrDisjoint(op, y, 'y', x, 'x', n);
    for (let i = 0; i < n; i++) y[i] += alpha * x[i];
  }

  scale(n: number, alpha: number, x: FloatArray): void {
    check.size('scale', 'n', n);
    check.finite('scale', 'alpha', alpha);
    check.floats('scale', 'x', x, n, 'n');
    for (let i = 0; i < n; i++) x[i] *= alpha;
  }

  sumSquares(n: number, x: FloatArray): number {
    check.size('sumSquares', 'n', n);
    check.floats('sumSquares', 'x', x, n, 'n');
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i];
    return s;
  }

  l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void {
    const op = 'l1Gradient';
    check.size(op, 'n', n);
    check.finite(op, 'lambda', lambda);
    check.floats(op, 'w', w, n, 'n');
    check.floats(op, 'g', g, n, 'n', w);
    check.sameOrDisjoint(op, g, 'g', w, 'w', n);
    // ∂(λ·Σ|w|)/∂w = λ·sign(w), with the subgradient 0 at w = 0 (NaN compares false: 0 too).
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      g[i] += wi > 0 ? lambda : wi < 0 ? -lambda : 0;
    }
  }

  im2col(
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
    x: FloatArray,
    cols: FloatArray,
  ): void {
    const op = 'im2col';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, false);
    check.floats(op, 'x', x, g.image, IMAGE);
    check.floats(op, 'cols', cols, g.patches, PATCHES, x);
    check.disjoint(op, cols, 'cols', g.patches, x, 'x', g.image);
    conv.im2col(g, x, cols);
  }

  col2im(
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
    cols: FloatArray,
    beta: number,
    dx: FloatArray,
  ): void {
    const op = 'col2im';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, false);
    check.floats(op, 'cols', cols, g.patches, PATCHES);
    check.finite(op, 'beta', beta);
    check.floats(op, 'dx', dx, g.image, IMAGE, cols);
    check.disjoint(op, dx, 'dx', g.image, cols, 'cols', g.patches);
    conv.col2im(g, cols, beta, dx);
  }

  conv2d(
    rows: number,
    channels: number,
    height: number,
    width: number,
    filters: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dilationH: number,
    dilationW: number,
    x: FloatArray,
    weights: FloatArray,
    y: FloatArray,
  ): void {
    const op = 'conv2d';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, false);
    const { nw, ny } = directSizes(op, g, filters);
    check.floats(op, 'x', x, g.image, IMAGE);
    check.floats(op, 'weights', weights, nw, WEIGHTS, x);
    check.floats(op, 'y', y, ny, OUTPUTS, x);
    check.disjoint(op, y, 'y', ny, x, 'x', g.image);
    check.disjoint(op, y, 'y', ny, weights, 'weights', nw);
    direct.conv2d(g, filters, x, weights, y);
  }

  conv2dWeightGrad(
    rows: number,
    channels: number,
    height: number,
    width: number,
    filters: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dilationH: number,
    dilationW: number,
    x: FloatArray,
    dy: FloatArray,
    alpha: number,
    beta: number,
    dw: FloatArray,
  ): void {
    const op = 'conv2dWeightGrad';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, false);
    const { nw, ny } = directSizes(op, g, filters);
    check.floats(op, 'x', x, g.image, IMAGE);
    check.floats(op, 'dy', dy, ny, OUTPUTS, x);
    check.finite(op, 'alpha', alpha);
    check.finite(op, 'beta', beta);
    check.floats(op, 'dw', dw, nw, WEIGHTS, x);
    check.disjoint(op, dw, 'dw', nw, x, 'x', g.image);
    check.disjoint(op, dw, 'dw', nw, dy, 'dy', ny);
    direct.conv2dWeightGrad(g, filters, x, dy, alpha, beta, dw);
  }

  transposeBatch(batch: number, r: number, c: number, inner: number, x: FloatArray, y: FloatArray): void {
    const op = 'transposeBatch';
    check.size(op, 'batch', batch);
    check.size(op, 'r', r);
    check.size(op, 'c', c);
    check.size(op, 'inner', inner);
    const total = check.volume(op, 'batch·r·c·inner', batch, r, c, inner);
    check.floats(op, 'x', x, total, 'batch·r·c·inner');
    check.floats(op, 'y', y, total, 'batch·r·c·inner', x);
    check.disjoint(op, y, 'y', total, x, 'x', total);
    conv.transposeBatch(batch, r, c, inner, x, y);
  }

  maxPool2d(
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
    x: FloatArray,
    y: FloatArray,
    argmax: Int32Array,
  ): void {
    const op = 'maxPool2d';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, 1, 1, true);
    check.floats(op, 'x', x, g.image, IMAGE);
    check.floats(op, 'y', y, g.pooled, POOLED, x);
    check.ints(op, 'argmax', argmax, g.pooled, POOLED);
    check.disjoint(op, y, 'y', g.pooled, x, 'x', g.image);
    check.disjoint(op, argmax, 'argmax', g.pooled, x, 'x', g.image);
    check.disjoint(op, argmax, 'argmax', g.pooled, y, 'y', g.pooled);
    pool.pool('max', g, x, y, argmax);
  }

  maxPool2dBackward(rows: number, channels: number, height: number, width: number, outSize: number, argmax: Int32Array, dy: FloatArray, dx: FloatArray): void {
    const op = 'maxPool2dBackward';
    const image = check.images(op, rows, channels, height, width);
    check.size(op, 'outSize', outSize);
    const pooled = check.volume(op, 'rows·channels·outSize', rows, channels, outSize);
    check.ints(op, 'argmax', argmax, pooled, 'rows·channels·outSize');
    check.floats(op, 'dy', dy, pooled, 'rows·channels·outSize');
    check.floats(op, 'dx', dx, image, IMAGE, dy);
    check.disjoint(op, dx, 'dx', image, dy, 'dy', pooled);
    check.disjoint(op, dx, 'dx', image, argmax, 'argmax', pooled);
    check.indices(op, 'argmax', argmax, pooled, height * width);
    pool.maxPool2dBackward(rows * channels, height * width, outSize, argmax, dy, dx);
  }

  avgPool2d(
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
    x: FloatArray,
    y: FloatArray,
  ): void {
    const op = 'avgPool2d';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, 1, 1, true);
    check.floats(op, 'x', x, g.image, IMAGE);
    check.floats(op, 'y', y, g.pooled, POOLED, x);
    check.disjoint(op, y, 'y', g.pooled, x, 'x', g.image);
    pool.pool('average', g, x, y, null);
  }

  avgPool2dBackward(
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
    dy: FloatArray,
    dx: FloatArray,
  ): void {
    const op = 'avgPool2dBackward';
    const g = check.window(op, rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, 1, 1, true);
    check.floats(op, 'dy', dy, g.pooled, POOLED);
    check.floats(op, 'dx', dx, g.image, IMAGE, dy);
    check.disjoint(op, dx, 'dx', g.image, dy, 'dy', g.pooled);
    pool.pool('average-backward', g, dy, dx, null);
  }

  channelMoments(rows: number, channels: number, spatial: number, x: FloatArray, mean: FloatArray, variance: FloatArray): void {
    const op = 'channelMoments';
    const total = check.channelData(op, rows, channels, spatial);
    check.floats(op, 'x', x, total, CHANNEL_DATA);
    check.floats(op, 'mean', mean, channels, 'channels', x);
    check.floats(op, 'variance', variance, channels, 'channels', x);
    check.disjoint(op, mean, 'mean', channels, x, 'x', total);
    check.disjoint(op, variance, 'variance', channels, x, 'x', total);
    check.disjoint(op, variance, 'variance', channels, mean, 'mean', channels);
    norm.channelMoments(rows, channels, spatial, x, mean, variance);
  }

  channelAffine(rows: number, channels: number, spatial: number, x: FloatArray, scale: FloatArray, shift: FloatArray, y: FloatArray): void {
    const op = 'channelAffine';
    const total = check.channelData(op, rows, channels, spatial);
    check.floats(op, 'x', x, total, CHANNEL_DATA);
    check.floats(op, 'scale', scale, channels, 'channels', x);
    check.floats(op, 'shift', shift, channels, 'channels', x);
    check.floats(op, 'y', y, total, CHANNEL_DATA, x);
    check.sameOrDisjoint(op, y, 'y', x, 'x', total);
    check.disjoint(op, y, 'y', total, scale, 'scale', channels);
    check.disjoint(op, y, 'y', total, shift, 'shift', channels);
    norm.channelAffine(rows, channels, spatial, x, scale, shift, y);
  }

  channelSums(rows: number, channels: number, spatial: number, a: FloatArray, b: FloatArray, sumA: FloatArray, sumAB: FloatArray): void {
    const op = 'channelSums';
    const total = check.channelData(op, rows, channels, spatial);
    check.floats(op, 'a', a, total, CHANNEL_DATA);
    check.floats(op, 'b', b, total, CHANNEL_DATA, a);
    check.floats(op, 'sumA', sumA, channels, 'channels', a);
    check.floats(op, 'sumAB', sumAB, channels, 'channels', a);
    check.disjoint(op, sumA, 'sumA', channels, a, 'a', total);
    check.disjoint(op, sumA, 'sumA', channels, b, 'b', total);
    check.disjoint(op, sumAB, 'sumAB', channels, a, 'a', total);
    check.disjoint(op, sumAB, 'sumAB', channels, b, 'b', total);
    check.disjoint(op, sumAB, 'sumAB', channels, sumA, 'sumA', channels);
    norm.channelSums(rows, channels, spatial, a, b, sumA, sumAB);
  }

  normalizeBackward(
    rows: number,
    channels: number,
    spatial: number,
    xhat: FloatArray,
    g: FloatArray,
    scale: FloatArray,
    sumG: FloatArray,
    sumGXhat: FloatArray,
    dx: FloatArray,
  ): void {
    const op = 'normalizeBackward';
    const total = check.channelData(op, rows, channels, spatial);
    check.floats(op, 'xhat', xhat, total, CHANNEL_DATA);
    check.floats(op, 'g', g, total, CHANNEL_DATA, xhat);
    check.floats(op, 'scale', scale, channels, 'channels', xhat);
    check.floats(op, 'sumG', sumG, channels, 'channels', xhat);
    check.floats(op, 'sumGXhat', sumGXhat, channels, 'channels', xhat);
    check.floats(op, 'dx', dx, total, CHANNEL_DATA, xhat);
    check.sameOrDisjoint(op, dx, 'dx', g, 'g', total);
    check.disjoint(op, dx, 'dx', total, xhat, 'xhat', total);
    check.disjoint(op, dx, 'dx', total, scale, 'scale', channels);
    check.disjoint(op, dx, 'dx', total, sumG, 'sumG', channels);
    check.disjoint(op, dx, 'dx', total, sumGXhat, 'sumGXhat', channels);
    norm.normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx);
  }

  gatherRows(n: number, dim: number, tableRows: number, table: FloatArray, ids: FloatArray, out: FloatArray): void {
    const op = 'gatherRows';
    check.size(op, 'n', n);
    check.size(op, 'dim', dim);
    check.size(op, 'tableRows', tableRows);
    const tableSize = check.volume(op, 'tableRows·dim', tableRows, dim);
    const outSize = check.volume(op, 'n·dim', n, dim);
    check.floats(op, 'table', table, tableSize, 'tableRows·dim');
    check.floats(op, 'ids', ids, n, 'n', table);
    check.floats(op, 'out', out, outSize, 'n·dim', table);
    check.disjoint(op, out, 'out', outSize, table, 'table', tableSize);
    check.disjoint(op, out, 'out', outSize, ids, 'ids', n);
    check.indices(op, 'ids', ids, n, tableRows);
    embedding.gatherRows(n, dim, table, ids, out);
  }

  scatterAddRows(n: number, dim: number, tableRows: number, ids: FloatArray, src: FloatArray, alpha: number, beta: number, table: FloatArray): void {
    const op = 'scatterAddRows';
    check.size(op, 'n', n);
    check.size(op, 'dim', dim);
    check.size(op, 'tableRows', tableRows);
    const tableSize = check.volume(op, 'tableRows·dim', tableRows, dim);
    const srcSize = check.volume(op, 'n·dim', n, dim);
    check.floats(op, 'ids', ids, n, 'n');
    check.floats(op, 'src', src, srcSize, 'n·dim', ids);
    check.finite(op, 'alpha', alpha);
    check.finite(op, 'beta', beta);
    check.floats(op, 'table', table, tableSize, 'tableRows·dim', ids);
    check.disjoint(op, table, 'table', tableSize, ids, 'ids', n);
    check.disjoint(op, table, 'table', tableSize, src, 'src', srcSize);
    check.indices(op, 'ids', ids, n, tableRows);
    embedding.scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table);
  }

  sgdStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    velocity: FloatArray | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
    weightDecay: number,
  ): void {
    const op = 'sgdStep';
    check.stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [velocity, 'velocity', 'optional']], { lr, momentum, weightDecay });
    check.bool(op, 'nesterov', nesterov);
    velocity ??= null;
    if (momentum > 0 && velocity === null && n > 0) throw new TypeError('sgdStep: velocity is required when momentum > 0');
    for (let i = 0; i < n; i++) {
      let g = grads[i] + weightDecay * weights[i];
      if (momentum > 0 && velocity !== null) {
        const v = momentum * velocity[i] + g;
        velocity[i] = v;
        g = nesterov ? g + momentum * v : v;
      }
      weights[i] -= lr * g;
    }
  }

  adamStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    v: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    decoupled: boolean,
    step: number,
  ): void {
    const op = 'adamStep';
    check.stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [m, 'm'], [v, 'v']], { lr, beta1, beta2, eps, weightDecay });
    check.bool(op, 'decoupled', decoupled);
    check.stepCount(op, step);
    const c1 = 1 - Math.pow(beta1, step);
    const c2 = 1 - Math.pow(beta2, step);
    for (let i = 0; i < n; i++) {
      let w = weights[i];
      let g = grads[i];
      if (decoupled) w -= lr * weightDecay * w;
      else g += weightDecay * w;
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      weights[i] = w - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
  }

  rmspropStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    squareAvg: FloatArray,
    gradAvg: FloatArray | null,
    momentumBuffer: FloatArray | null,
    lr: number,
    alpha: number,
    eps: number,
    weightDecay: number,
    momentum: number,
    centered: boolean,
  ): void {
    const op = 'rmspropStep';
    const arrays = [[weights, 'weights'], [grads, 'grads'], [squareAvg, 'squareAvg'], [gradAvg, 'gradAvg', 'optional'], [momentumBuffer, 'momentumBuffer', 'optional']] as const;
    check.stepArgs(op, n, arrays, { lr, alpha, eps, weightDecay, momentum });
    check.bool(op, 'centered', centered);
    gradAvg ??= null;
    momentumBuffer ??= null;
    if (centered && gradAvg === null && n > 0) throw new TypeError(`${op}: gradAvg is required when centered`);
    if (momentum > 0 && momentumBuffer === null && n > 0) throw new TypeError(`${op}: momentumBuffer is required when momentum > 0`);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const g = grads[i] + weightDecay * w;
      const s = alpha * squareAvg[i] + (1 - alpha) * g * g;
      squareAvg[i] = s;
      let d: number;
      if (centered && gradAvg !== null) {
        const a = alpha * gradAvg[i] + (1 - alpha) * g;
        gradAvg[i] = a;
        d = Math.sqrt(s - a * a) + eps;
      } else {
        d = Math.sqrt(s) + eps;
      }
      if (momentum > 0 && momentumBuffer !== null) {
        const b = momentum * momentumBuffer[i] + g / d;
        momentumBuffer[i] = b;
        weights[i] = w - lr * b;
      } else {
        weights[i] = w - (lr * g) / d;
      }
    }
  }

  adagradStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    sum: FloatArray,
    lr: number,
    lrDecay: number,
    eps: number,
    weightDecay: number,
    step: number,
  ): void {
    const op = 'adagradStep';
    check.stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [sum, 'sum']], { lr, lrDecay, eps, weightDecay });
    check.stepCount(op, step);
    const clr = lr / (1 + (step - 1) * lrDecay);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const g = grads[i] + weightDecay * w;
      const s = sum[i] + g * g;
      sum[i] = s;
      weights[i] = w - (clr * g) / (Math.sqrt(s) + eps);
    }
  }

  adamaxStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    u: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    step: number,
  ): void {
    const op = 'adamaxStep';
    check.stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [m, 'm'], [u, 'u']], { lr, beta1, beta2, eps, weightDecay });
    check.stepCount(op, step);
    const clr = lr / (1 - Math.pow(beta1, step));
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const g = grads[i] + weightDecay * w;
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const a = beta2 * u[i];
      const b = Math.abs(g) + eps;
      // max that propagates NaN (torch.amax does): the comparison is false for a NaN in a or b.
      const ui = a > b || a !== a ? a : b;
      m[i] = mi;
      u[i] = ui;
      weights[i] = w - (clr * mi) / ui;
    }
  }

  nadamStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    v: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    momentumDecay: number,
    muProduct: number,
    step: number,
  ): void {
    const op = 'nadamStep';
    check.stepArgs(op, n, [[weights, 'weights'], [grads, 'grads'], [m, 'm'], [v, 'v']], { lr, beta1, beta2, eps, weightDecay, momentumDecay, muProduct });
    check.stepCount(op, step);
    const mu = beta1 * (1 - 0.5 * Math.pow(0.96, step * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
    const cg = (lr * (1 - mu)) / (1 - muProduct);
    const cm = (lr * muNext) / (1 - muProduct * muNext);
    const c2 = 1 - Math.pow(beta2, step);
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      const g = grads[i] + weightDecay * w;
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      const d = Math.sqrt(vi / c2) + eps;
      weights[i] = w - (cg * g) / d - (cm * mi) / d;
    }
  }

}

/** f'(x) of an element-wise activation, as a function of the pre-activation x. */
function inputDerivative(kind: ElementwiseActivation, alpha: number): (x: number) => number {
  switch (kind) {
    case 'linear':
      return () => 1;
    case 'sigmoid':
      return (x) => {
        const s = am.sigmoid(x);
        return s * (1 - s);
      };
    case 'tanh':
      return (x) => {
        const t = Math.tanh(x);
        return 1 - t * t;
      };
    case 'relu':
      return (x) => (x > 0 ? 1 : 0);
    case 'leaky-relu':
      return (x) => (x > 0 ? 1 : alpha);
    case 'elu':
      return (x) => (x > 0 ? 1 : alpha * Math.exp(x));
    case 'selu':
      return (x) => (x > 0 ? am.SELU_SCALE : am.SELU_SCALE * am.SELU_ALPHA * Math.exp(x));
    case 'gelu':
      return am.geluGrad;
    case 'gelu-tanh':
      return am.geluTanhGrad;
    case 'softplus':
      return am.softplusGrad;
    case 'silu':
      return am.siluGrad;
    case 'mish':
      return am.mishGrad;
    default:
      throw new RangeError(`unknown activation '${String(kind)}'`);
  }
}
