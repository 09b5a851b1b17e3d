import type { ActivationName, Backend, BackendInfo, FloatArray } from '@backprop/core';
import type { NativeAddon } from './addon.js';

/**
 * The native backend: every op forwards straight to the C++ addon, which reads and writes
 * the caller's Float32Array memory (zero copy) and validates every argument. Float32 only:
 * a Float64Array is rejected with a TypeError.
 */
export class NativeBackend implements Backend {
  private readonly addon: NativeAddon;
  private last: { isa: string; threads: number; info: BackendInfo } | undefined;

  /** Wraps a loaded addon. */
  constructor(addon: NativeAddon) {
    this.addon = addon;
  }

  /**
   * What GEMM dispatches to now: read from the addon on each access, because `configure`
   * (the addon's, process-wide) changes the ISA and thread count after the backend exists.
   * The same object is returned while they stay the same.
   */
  get info(): BackendInfo {
    const { isa, threads } = this.addon.info();
    if (this.last?.isa !== isa || this.last.threads !== threads) {
      const info: BackendInfo = {
        name: 'native',
        description: `native (${isa}, ${threads} thread${threads === 1 ? '' : 's'})`,
        isa,
        threads,
        float64: false,
      };
      this.last = { isa, threads, info };
    }
    return this.last.info;
  }

  /** Sets GEMM's thread count (1–256) and ISA (null: the best this CPU supports), process-wide; `info` follows. */
  configure(threads: number, isa: string | null): void {
    this.addon.configure(threads, isa);
  }

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
    this.addon.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  addRowVector(rows: number, cols: number, x: FloatArray, v: FloatArray): void {
    this.addon.addRowVector(rows, cols, x, v);
  }

  sumRows(rows: number, cols: number, x: FloatArray, beta: number, out: FloatArray): void {
    this.addon.sumRows(rows, cols, x, beta, out);
  }

  activation(kind: Exclude<ActivationName, 'softmax'>, n: number, x: FloatArray, y: FloatArray, alpha: number): void {
    this.addon.activation(kind, n, x, y, alpha);
  }

  activationBackward(kind: Exclude<ActivationName, 'softmax'>, n: number, y: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void {
    this.addon.activationBackward(kind, n, y, dy, dx, alpha);
  }

  activationBackwardFromInput(kind: Exclude<ActivationName, 'softmax'>, n: number, x: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void {
    this.addon.activationBackwardFromInput(kind, n, x, dy, dx, alpha);
  }

  softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void {
    this.addon.softmax(rows, cols, x, y);
  }

  softmaxBackward(rows: number, cols: number, y: FloatArray, dy: FloatArray, dx: FloatArray): void {
    this.addon.softmaxBackward(rows, cols, y, dy, dx);
  }

  softmaxCrossEntropy(rows: number, cols: number, logits: FloatArray, targets: FloatArray, gradScale: number, grad: FloatArray): number {
    return this.addon.softmaxCrossEntropy(rows, cols, logits, targets, gradScale, grad);
  }

  mse(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number {
    return this.addon.mse(n, pred, target, gradScale, grad);
  }

  sigmoidBinaryCrossEntropy(n: number, logits: FloatArray, targets: FloatArray, gradScale: number, grad: FloatArray): number {
    return this.addon.sigmoidBinaryCrossEntropy(n, logits, targets, gradScale, grad);
  }
  l1Loss(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number {
    return this.addon.l1Loss(n, pred, target, gradScale, grad);
  }

  huber(n: number, pred: FloatArray, target: FloatArray, delta: number, gradScale: number, grad: FloatArray): number {
    return this.addon.huber(n, pred, target, delta, gradScale, grad);
  }

  multiMargin(rows: number, cols: number, logits: FloatArray, targets: FloatArray, margin: number, gradScale: number, grad: FloatArray): number {
    return this.addon.multiMargin(rows, cols, logits, targets, margin, gradScale, grad);
  }


  add(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    this.addon.add(n, a, b, out);
  }

  sub(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    this.addon.sub(n, a, b, out);
  }

  mul(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    this.addon.mul(n, a, b, out);
  }

  mulAdd(n: number, a: FloatArray, b: FloatArray, c: FloatArray): void {
    this.addon.mulAdd(n, a, b, c);
  }

  axpy(n: number, alpha: number, x: FloatArray, y: FloatArray): void {
    this.addon.axpy(n, alpha, x, y);
  }

  scale(n: number, alpha: number, x: FloatArray): void {
    this.addon.scale(n, alpha, x);
  }

  sumSquares(n: number, x: FloatArray): number {
    return this.addon.sumSquares(n, x);
  }

  l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void {
    this.addon.l1Gradient(n, lambda, w, g);
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
    this.addon.im2col(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, cols);
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
    this.addon.col2im(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, cols, beta, dx);
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
    this.addon.conv2d(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, weights, y);
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
    this.addon.conv2dWeightGrad(rows, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, x, dy, alpha, beta, dw);
  }

  transposeBatch(batch: number, r: number, c: number, inner: number, x: FloatArray, y: FloatArray): void {
    this.addon.transposeBatch(batch, r, c, inner, x, y);
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
    this.addon.maxPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y, argmax);
  }

  maxPool2dBackward(rows: number, channels: number, height: number, width: number, outSize: number, argmax: Int32Array, dy: FloatArray, dx: FloatArray): void {
    this.addon.maxPool2dBackward(rows, channels, height, width, outSize, argmax, dy, dx);
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
    this.addon.avgPool2d(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, x, y);
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
    this.addon.avgPool2dBackward(rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dy, dx);
  }

  channelMoments(rows: number, channels: number, spatial: number, x: FloatArray, mean: FloatArray, variance: FloatArray): void {
    this.addon.channelMoments(rows, channels, spatial, x, mean, variance);
  }

  channelAffine(rows: number, channels: number, spatial: number, x: FloatArray, scale: FloatArray, shift: FloatArray, y: FloatArray): void {
    this.addon.channelAffine(rows, channels, spatial, x, scale, shift, y);
  }

  channelSums(rows: number, channels: number, spatial: number, a: FloatArray, b: FloatArray, sumA: FloatArray, sumAB: FloatArray): void {
    this.addon.channelSums(rows, channels, spatial, a, b, sumA, sumAB);
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
    this.addon.normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx);
  }

  gatherRows(n: number, dim: number, tableRows: number, table: FloatArray, ids: FloatArray, out: FloatArray): void {
    this.addon.gatherRows(n, dim, tableRows, table, ids, out);
  }

  scatterAddRows(n: number, dim: number, tableRows: number, ids: FloatArray, src: FloatArray, alpha: number, beta: number, table: FloatArray): void {
    this.addon.scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table);
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
    this.addon.sgdStep(n, weights, grads, velocity, lr, momentum, nesterov, weightDecay);
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
    this.addon.adamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
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
    this.addon.rmspropStep(n, weights, grads, squareAvg, gradAvg, momentumBuffer, lr, alpha, eps, weightDecay, momentum, centered);
  }

  adagradStep(n: number, weights: FloatArray, grads: FloatArray, sum: FloatArray, lr: number, lrDecay: number, eps: number, weightDecay: number, step: number): void {
    this.addon.adagradStep(n, weights, grads, sum, lr, lrDecay, eps, weightDecay, step);
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
    this.addon.adamaxStep(n, weights, grads, m, u, lr, beta1, beta2, eps, weightDecay, step);
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
    this.addon.nadamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, momentumDecay, muProduct, step);
  }
}
