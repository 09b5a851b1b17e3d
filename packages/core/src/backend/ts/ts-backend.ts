import type { ElementwiseActivation, Backend, BackendInfo, FloatArray } from '../backend.js';
import { createOpChecks } from '../op-checks.js';
import * as am from './activation-math.js';
import * as embedding from './embedding.js';
import { gemm } from './gemm.js';
import * as direct from './conv-direct.js';
import * as conv from './im2col.js';
import * as norm from './normalization.js';
import * as pool from './pooling.js';
import { scaleOutput } from './scale-output.js';

/** The TS backend accepts Float64Array too: gradient checks run in double precision. */
const checks = createOpChecks({ float64: true });

/**
 * The pure-TypeScript backend: runs anywhere (Node, browsers, workers) and accepts
 * Float64Array as well as Float32Array, which gradient checks rely on. Every op validates its
 * arguments first with the checks every backend shares (op-checks.ts) and refuses bad ones
 * exactly as the native backend does, so a short array or a NaN hyper-parameter never reaches a loop.
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
    checks.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
    gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  addRowVector(rows: number, cols: number, x: FloatArray, v: FloatArray): void {
    checks.addRowVector(rows, cols, x, v);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) x[o + j] += v[j];
    }
  }

  sumRows(rows: number, cols: number, x: FloatArray, beta: number, out: FloatArray): void {
    checks.sumRows(rows, cols, x, beta, out);
    scaleOutput(cols, beta, out);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[j] += x[o + j];
    }
  }

  activation(kind: ElementwiseActivation, n: number, x: FloatArray, y: FloatArray, alpha: number): void {
    checks.activation(kind, n, x, y, alpha);
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
    checks.activationBackward(kind, n, y, dy, dx, alpha);
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
    checks.activationBackwardFromInput(kind, n, x, dy, dx, alpha);
    const f = inputDerivative(kind, alpha);
    for (let i = 0; i < n; i++) dx[i] = dy[i] * f(x[i]);
  }

  softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void {
    checks.softmax(rows, cols, x, y);
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
    checks.softmaxBackward(rows, cols, y, dy, dx);
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
    checks.softmaxCrossEntropy(rows, cols, logits, targets, gradScale, grad);
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
    checks.mse(n, pred, target, gradScale, grad);
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
    checks.sigmoidBinaryCrossEntropy(n, logits, targets, gradScale, grad);
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
    checks.l1Loss(n, pred, target, gradScale, grad);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      loss += Math.abs(d);
      grad[i] = d > 0 ? gradScale : d < 0 ? -gradScale : 0;
    }
    return loss;
  }

  huber(n: number, pred: FloatArray, target: FloatArray, delta: number, gradScale: number, grad: FloatArray): number {
    checks.huber(n, pred, target, delta, gradScale, grad);
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
    checks.multiMargin(rows, cols, logits, targets, margin, gradScale, grad);
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
    checks.add(n, a, b, out);
    for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
  }

  sub(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    checks.sub(n, a, b, out);
    for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
  }

  mul(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    checks.mul(n, a, b, out);
    for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
  }

  mulAdd(n: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
    checks.mulAdd(n, a, b, c);
    for (let i = 0; i < n; i++) c[i] += a[i] * b[i];
  }

  axpy(n: number, alpha: number, x: FloatArray, y: FloatArray): void {
    checks.axpy(n, alpha, x, y);
    for (let i = 0; i < n; i++) y[i] += alpha * x[i];
  }

  scale(n: number, alpha: number, x: FloatArray): void {
    checks.scale(n, alpha, x);
    for (let i = 0; i < n; i++) x[i] *= alpha;
  }

  sumSquares(n: number, x: FloatArray): number {
    checks.sumSquares(n, x);
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i];
    return s;
  }

  l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void {
    checks.l1Gradient(n, lambda, w, g);
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
    const g = checks.im2col(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, cols).window;
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
    const g = checks.col2im(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, cols, beta, dx).window;
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
    const g = checks.conv2d(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, weights, y).window;
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
    const g = checks.conv2dWeightGrad(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, dy, alpha, beta, dw).window;
    direct.conv2dWeightGrad(g, filters, x, dy, alpha, beta, dw);
  }

  transposeBatch(batch: number, r: number, c: number, inner: number, x: FloatArray, y: FloatArray): void {
    checks.transposeBatch(batch, r, c, inner, x, y);
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
    const g = checks.maxPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y, argmax).window;
    pool.pool('max', g, x, y, argmax);
  }

  maxPool2dBackward(rows: number, channels: number, height: number, width: number, outSize: number, argmax: Int32Array, dy: FloatArray, dx: FloatArray): void {
    checks.maxPool2dBackward(rows, channels, height, width, outSize, argmax, dy, dx);
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
    const g = checks.avgPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y).window;
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
    const g = checks.avgPool2dBackward(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dy, dx).window;
    pool.pool('average-backward', g, dy, dx, null);
  }

  channelMoments(rows: number, channels: number, spatial: number, x: FloatArray, mean: FloatArray, variance: FloatArray): void {
    checks.channelMoments(rows, channels, spatial, x, mean, variance);
    norm.channelMoments(rows, channels, spatial, x, mean, variance);
  }

  channelAffine(rows: number, channels: number, spatial: number, x: FloatArray, scale: FloatArray, shift: FloatArray, y: FloatArray): void {
    checks.channelAffine(rows, channels, spatial, x, scale, shift, y);
    norm.channelAffine(rows, channels, spatial, x, scale, shift, y);
  }

  channelSums(rows: number, channels: number, spatial: number, a: FloatArray, b: FloatArray, sumA: FloatArray, sumAB: FloatArray): void {
    checks.channelSums(rows, channels, spatial, a, b, sumA, sumAB);
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
    checks.normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx);
    norm.normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx);
  }

  gatherRows(n: number, dim: number, tableRows: number, table: FloatArray, ids: FloatArray, out: FloatArray): void {
    checks.gatherRows(n, dim, tableRows, table, ids, out);
    embedding.gatherRows(n, dim, table, ids, out);
  }

  scatterAddRows(n: number, dim: number, tableRows: number, ids: FloatArray, src: FloatArray, alpha: number, beta: number, table: FloatArray): void {
    checks.scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table);
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
    checks.sgdStep(n, weights, grads, velocity, lr, momentum, nesterov, weightDecay);
    velocity ??= null;
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
    checks.adamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
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
    checks.rmspropStep(n, weights, grads, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, weightDecay, momentum, centered);
    gradAvg ??= null;
    momentumBuffer ??= null;
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
    checks.adagradStep(n, weights, grads, sum, lr, lrDecay, eps, weightDecay, step);
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
    checks.adamaxStep(n, weights, grads, m, u, lr, beta1, beta2, eps, weightDecay, step);
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
    checks.nadamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, momentumDecay, muProduct, step);
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
