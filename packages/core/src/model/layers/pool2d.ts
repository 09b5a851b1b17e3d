/**
 * Pooling over NCHW rows, each channel on its own (PyTorch's MaxPool2d, AvgPool2d and
 * AdaptiveAvgPool2d(1)):
 *   max:     y[r, c, o] = max_{(h, w) ∈ window(o)} x[r, c, h, w]
 *            ∂L/∂x[r, c, h, w] = Σ_{o : argmax(o) = (h, w)} ∂L/∂y[r, c, o]
 *            (the gradient flows to the first maximum of each window only)
 *   average: y[r, c, o] = (1 / (kh·kw)) Σ_{window(o)} x   (padding counts as zeros in the divisor)
 *            ∂L/∂x[r, c, h, w] = (1 / (kh·kw)) Σ_{o : (h, w) ∈ window(o)} ∂L/∂y[r, c, o]
 *   global average: the window is the whole image, y[r, c] = (1 / (H·W)) Σ_{h,w} x[r, c, h, w].
 * No parameters.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import { RowBuffer } from '../buffers.js';
import type { GlobalAvgPool2dSpec, LayerSpec, Pool2dSpec } from '../types.js';
import { compact2d, imageShapeOf, size2d, window2d, type ImageShape, type Window2d } from './image-geometry.js';
import type { Layer, LayerContext, Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

type PoolType = 'maxpool2d' | 'avgpool2d' | 'globalavgpool2d';

export class Pool2d implements Layer {
  readonly outputSize: number;
  readonly outputShape: readonly number[];
  private readonly backend: Backend;
  private readonly image: ImageShape;
  private readonly g: Window2d;
  private readonly out: RowBuffer;
  private readonly dx: RowBuffer;
  /** max pooling: the index h·W + w of each output's maximum, per row. */
  private argmax: Int32Array = new Int32Array(0);
  private readonly spec: Pool2dSpec | GlobalAvgPool2dSpec;

  constructor(
    readonly type: PoolType,
    readonly inputSize: number,
    spec: Pool2dSpec | GlobalAvgPool2dSpec,
    context: LayerContext,
  ) {
    const where = `layer ${context.index + 1} (${type})`;
    const image = imageShapeOf(context.inputShape, inputSize, where);
    this.image = image;
    this.backend = context.backend;
    if (type === 'globalavgpool2d') {
      this.g = window2d(image, [image.height, image.width], [1, 1], [0, 0], [1, 1], where);
      this.spec = { type };
    } else {
      const s = spec as Pool2dSpec;
      if (s.kernelSize === undefined) throw new Error(`${where}: kernelSize is required (e.g. 2)`);
      const kernel = size2d(s.kernelSize, 'kernelSize', where, [1, 1]);
      const stride = size2d(s.stride, 'stride', where, kernel);
      const pad = size2d(s.padding, 'padding', where, [0, 0], 0);
      if (pad[0] > Math.floor(kernel[0] / 2) || pad[1] > Math.floor(kernel[1] / 2)) {
        throw new Error(`${where}: padding ${pad.join('×')} is more than half the kernel ${kernel.join('×')} (a window would hold only padding); use padding ≤ ${Math.floor(kernel[0] / 2)}`);
      }
      this.g = window2d(image, kernel, stride, pad, [1, 1], where);
      this.spec = { type, kernelSize: compact2d(kernel[0], kernel[1]), stride: compact2d(stride[0], stride[1]), padding: compact2d(pad[0], pad[1]) };
    }
    this.outputShape = type === 'globalavgpool2d' ? [image.channels] : [image.channels, this.g.outH, this.g.outW];
    this.outputSize = image.channels * this.g.outH * this.g.outW;
    this.out = new RowBuffer(context.dtype, this.outputSize);
    this.dx = new RowBuffer(context.dtype, inputSize);
  }

  params(): readonly Param[] {
    return [];
  }

  forward(input: FloatArray, rows: number, _training: boolean): FloatArray {
    const { g, image } = this;
    const y = this.out.view(rows);
    if (this.type === 'maxpool2d') {
      if (this.argmax.length < y.length) this.argmax = new Int32Array(y.length);
      const argmax = this.argmax.length === y.length ? this.argmax : this.argmax.subarray(0, y.length);
      this.backend.maxPool2d(rows, image.channels, image.height, image.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, input, y, argmax);
    } else {
      this.backend.avgPool2d(rows, image.channels, image.height, image.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, input, y);
    }
    return y;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true): FloatArray | null {
    if (!needInputGrad) return null;
    const { g, image } = this;
    const dx = this.dx.view(rows);
    if (this.type === 'maxpool2d') {
      const n = rows * this.outputSize;
      if (this.argmax.length < n) throw new Error('maxpool2d: backward needs a forward pass of the same rows');
      const argmax = this.argmax.length === n ? this.argmax : this.argmax.subarray(0, n);
      this.backend.maxPool2dBackward(rows, image.channels, image.height, image.width, g.outH * g.outW, argmax, gradOutput, dx);
    } else {
      this.backend.avgPool2dBackward(rows, image.channels, image.height, image.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, gradOutput, dx);
    }
    return dx;
  }

  toSpec(): Pool2dSpec | GlobalAvgPool2dSpec {
    return this.spec;
  }
}

function poolFactory(type: PoolType, keys: readonly string[]) {
  return (spec: LayerSpec, inputSize: number, context: LayerContext): Layer => {
    checkSpecKeys(spec, keys, `layer ${context.index + 1} (${type})`);
    return new Pool2d(type, inputSize, spec as Pool2dSpec | GlobalAvgPool2dSpec, context);
  };
}

const POOL_KEYS = ['kernelSize', 'stride', 'padding'] as const;
export const createMaxPool2d = poolFactory('maxpool2d', POOL_KEYS);
export const createAvgPool2d = poolFactory('avgpool2d', POOL_KEYS);
export const createGlobalAvgPool2d = poolFactory('globalavgpool2d', []);
