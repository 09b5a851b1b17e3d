/**
 * Batch normalisation (Ioffe & Szegedy 2015; PyTorch's BatchNorm1d/2d): one mean and variance per
 * channel — per feature after a dense layer, per channel over rows and pixels after a conv2d
 * ([C, H, W] rows). With N = rows·H·W values per channel,
 *   training:  μ = (1/N) Σ x,  σ² = (1/N) Σ (x − μ)²,  x̂ = (x − μ) / √(σ² + ε),  y = γ·x̂ + β
 *              running_mean ← (1 − m)·running_mean + m·μ
 *              running_var  ← (1 − m)·running_var  + m·σ²·N/(N − 1)   (unbiased, as PyTorch)
 *   inference: x̂ = (x − running_mean) / √(running_var + ε),  y = γ·x̂ + β
 * Backward, with g = ∂L/∂y:
 *   ∂L/∂γ = Σ g·x̂,  ∂L/∂β = Σ g
 *   training:  ∂L/∂x = (γ/√(σ² + ε))·(g − (∂L/∂β + x̂·∂L/∂γ)/N)   (μ and σ² depend on x)
 *   inference: ∂L/∂x = (γ/√(running_var + ε))·g
 * The running statistics are saved with the weights (not trained: `trainable: false`).
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import { allocFloat, RowBuffer } from '../buffers.js';
import type { BatchNormSpec, LayerSpec } from '../types.js';
import { STORE_GRADIENTS, type GradientDestination, type Layer, type LayerContext, type Param } from './layer.js';
import { normOptions } from './norm-options.js';
import { checkSpecKeys } from './spec-keys.js';

export class BatchNorm implements Layer {
  readonly type = 'batchnorm';
  readonly outputSize: number;
  readonly outputShape: readonly number[] | undefined;
  /** γ and β are written once, after backward's last read of γ. */
  readonly fusesUpdate = true;
  readonly momentum: number;
  readonly eps: number;
  private readonly backend: Backend;
  private readonly channels: number;
  private readonly spatial: number;
  private readonly weight: Param;
  private readonly bias: Param;
  private readonly runningMean: Param;
  private readonly runningVar: Param;
  private readonly paramList: Param[];
  /** Per channel: the statistics' mean and 1/√(σ² + ε) used by the last forward, and scratch. */
  private readonly mean: FloatArray;
  private readonly variance: FloatArray;
  private readonly invStd: FloatArray;
  private readonly shift: FloatArray;
  private readonly xhat: RowBuffer;
  private readonly out: RowBuffer;
  private readonly dx: RowBuffer;
  private trainedForward = false;
  private rowsSeen = -1;

  constructor(
    readonly inputSize: number,
    spec: BatchNormSpec,
    context: LayerContext,
  ) {
    const where = `layer ${context.index + 1} (batchnorm)`;
    const opts = normOptions(spec, where, true);
    this.momentum = opts.momentum;
    this.eps = opts.eps;
    const shape = context.inputShape;
    const image = shape !== undefined && shape.length === 3;
    this.channels = image ? (shape[0] as number) : inputSize;
    this.spatial = inputSize / this.channels;
    this.outputSize = inputSize;
    this.outputShape = shape;
    this.backend = context.backend;
    const { dtype } = context;
    const c = this.channels;
    context.reserve?.(4 * c);
    const param = (name: string, fill: number, trainable: boolean): Param => {
      const value = allocFloat(dtype, c);
      value.fill(fill);
      return { name, shape: [c], value, grad: allocFloat(dtype, c), decay: false, trainable };
    };
    this.weight = param('weight', 1, true);
    this.bias = param('bias', 0, true);
    this.runningMean = param('runningMean', 0, false);
    this.runningVar = param('runningVar', 1, false);
    this.paramList = [this.weight, this.bias, this.runningMean, this.runningVar];
    this.mean = allocFloat(dtype, c);
    this.variance = allocFloat(dtype, c);
    this.invStd = allocFloat(dtype, c);
    this.shift = allocFloat(dtype, c);
    this.xhat = new RowBuffer(dtype, inputSize);
    this.out = new RowBuffer(dtype, inputSize);
    this.dx = new RowBuffer(dtype, inputSize);
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    const b = this.backend;
    const { channels: c, spatial: s } = this;
    if (training) {
      b.channelMoments(rows, c, s, input, this.mean, this.variance);
      this.updateRunning(rows * s);
    } else {
      this.mean.set(this.runningMean.value);
      this.variance.set(this.runningVar.value);
    }
    // Per-channel bookkeeping on C values: x̂ = x·invStd + (−μ·invStd).
    for (let k = 0; k < c; k++) {
      const inv = 1 / Math.sqrt((this.variance[k] as number) + this.eps);
      this.invStd[k] = inv;
      this.shift[k] = -(this.mean[k] as number) * inv;
    }
    const xhat = this.xhat.view(rows);
    b.channelAffine(rows, c, s, input, this.invStd, this.shift, xhat);
    const y = this.out.view(rows);
    b.channelAffine(rows, c, s, xhat, this.weight.value, this.bias.value, y);
    this.trainedForward = training;
    this.rowsSeen = rows;
    return y;
  }

  /** running ← (1 − m)·running + m·batch statistic (variance made unbiased; a single value per channel leaves it). */
  private updateRunning(n: number): void {
    const m = this.momentum;
    const rm = this.runningMean.value;
    const rv = this.runningVar.value;
    const unbias = n > 1 ? n / (n - 1) : 0;
    for (let k = 0; k < this.channels; k++) {
      rm[k] = (1 - m) * (rm[k] as number) + m * (this.mean[k] as number);
      if (n > 1) rv[k] = (1 - m) * (rv[k] as number) + m * (this.variance[k] as number) * unbias;
    }
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true, destination: GradientDestination = STORE_GRADIENTS): FloatArray | null {
    if (this.rowsSeen !== rows) throw new Error('batchnorm: backward needs a forward pass of the same rows');
    const b = this.backend;
    const { channels: c, spatial: s } = this;
    const xhat = this.xhat.view(rows);
    // Σ g and Σ g·x̂ land in the gradients' storage; the update (if any) is applied after ∂L/∂x.
    b.channelSums(rows, c, s, gradOutput, xhat, this.bias.grad, this.weight.grad);
    let dx: FloatArray | null = null;
    if (needInputGrad) {
      dx = this.dx.view(rows);
      const scale = this.shift;
      for (let k = 0; k < c; k++) scale[k] = (this.weight.value[k] as number) * (this.invStd[k] as number);
      if (this.trainedForward) b.normalizeBackward(rows, c, s, xhat, gradOutput, scale, this.bias.grad, this.weight.grad, dx);
      else {
        this.mean.fill(0);
        b.channelAffine(rows, c, s, gradOutput, scale, this.mean, dx);
      }
    }
    if (destination.into === 'value') {
      b.axpy(c, destination.alpha, this.weight.grad, this.weight.value);
      b.axpy(c, destination.alpha, this.bias.grad, this.bias.value);
    }
    return dx;
  }

  toSpec(): BatchNormSpec {
    return { type: 'batchnorm', momentum: this.momentum, eps: this.eps };
  }
}

export function createBatchNorm(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, ['momentum', 'eps'], `layer ${context.index + 1} (batchnorm)`);
  return new BatchNorm(inputSize, spec as BatchNormSpec, context);
}
