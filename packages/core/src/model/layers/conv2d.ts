/**
 * 2-D convolution over NCHW rows (PyTorch's Conv2d, cross-correlation): with the kernel W stored
 * [outC, inC, kh, kw] and flattened to outC × K (K = inC·kh·kw),
 *   z[r, o, p] = b[o] + Σ_{c,i,j} W[o, c, i, j] · x[r, c, oh·s_h − pad_h + i·d_h, ow·s_w − pad_w + j·d_w]
 * for each output position p = (oh, ow), and y = f(z) element-wise.
 *
 * As GEMMs: im2col lays out each position's receptive field as one row of X_col
 * ((rows·P) × K, P = outH·outW positions), so T = W·X_colᵀ (outC × rows·P) is one GEMM over the
 * whole batch, with the batch's long side along the GEMM's wide tile; a block transpose turns
 * [outC, rows, P] into NCHW [rows, outC, P]. Backward, with δ = ∂L/∂y ∘ f'(z) transposed back to
 * Δ (outC × rows·P):
 *   ∂L/∂X_col = Δᵀ·W,   ∂L/∂x = col2im(∂L/∂X_col)   (the adjoint of im2col)
 *   ∂L/∂W = Δ·X_col,     ∂L/∂b = Σ_{rows, positions} δ
 * in that order: ∂L/∂x reads W before the destination may overwrite it (see layer.ts).
 * A small receptive field skips im2col: z and ∂L/∂W come from the direct ops (Backend.conv2d,
 * conv2dWeightGrad), which compute the same sums.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import { checkActivation, isElementwise } from '../activations.js';
import { allocFloat, RowBuffer } from '../buffers.js';
import type { ActivationName, Conv2dSpec, InitName, LayerSpec } from '../types.js';
import { ActivationStage } from './activation-stage.js';
import { compact2d, imageShapeOf, size2d, window2d, type ImageShape, type Window2d } from './image-geometry.js';
import { checkInit, initialise } from './init.js';
import { STORE_GRADIENTS, writeRowSums, type GradientDestination, type Layer, type LayerContext, type Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

/** Rows per im2col pass in inference. */
const INFERENCE_CHUNK_ROWS = 64;

/**
 * A receptive field of at most this many values (inC·kh·kw) is convolved directly (Backend.conv2d):
 * with so few taps per output the GEMM's depth is too short to pay for im2col's copy and the
 * packing (LeNet's first layer, 1×5×5: 4× faster direct); larger fields go through im2col + GEMM.
 */
const DIRECT_MAX_FIELD = 32;

export class Conv2d implements Layer {
  readonly type = 'conv2d';
  readonly outputSize: number;
  readonly outputShape: readonly number[];
  readonly activation: ActivationName;
  /** Each gradient is written once, after ∂L/∂x has read the kernel. */
  readonly fusesUpdate = true;
  private readonly spec: Conv2dSpec;
  private readonly backend: Backend;
  private readonly image: ImageShape;
  private readonly g: Window2d;
  private readonly filters: number;
  /** inC·kh·kw: one receptive field. */
  private readonly fieldSize: number;
  private readonly positions: number;
  private readonly kernel: Param;
  private readonly bias: Param | null;
  private readonly paramList: Param[];
  private readonly stage: ActivationStage;
  private readonly cols: RowBuffer;
  /** T in forward, Δ in backward: outC × rows·P. */
  private readonly transposed: RowBuffer;
  /** outC ones: the scale of the bias add. */
  private readonly ones: FloatArray;
  /** Scratch for channelSums' second sum. */
  private readonly sumSquares: FloatArray;
  private readonly dcols: RowBuffer;
  private readonly dx: RowBuffer;
  /** Whether forward and the kernel gradient use the direct ops (see DIRECT_MAX_FIELD). */
  private readonly direct: boolean;
  /** The direct path's input, kept for the kernel gradient. */
  private input: FloatArray | null = null;
  private rowsSeen = -1;

  constructor(
    readonly inputSize: number,
    spec: Conv2dSpec,
    context: LayerContext,
  ) {
    const where = `layer ${context.index + 1} (conv2d)`;
    const image = imageShapeOf(context.inputShape, inputSize, where);
    if (!Number.isInteger(spec.filters) || spec.filters < 1 || spec.filters > 1 << 20) {
      throw new Error(`${where}: filters must be a positive integer, got ${String(spec.filters)}`);
    }
    if (spec.kernelSize === undefined) throw new Error(`${where}: kernelSize is required (e.g. 3 or [3, 5])`);
    const kernel = size2d(spec.kernelSize, 'kernelSize', where, [1, 1]);
    const stride = size2d(spec.stride, 'stride', where, [1, 1]);
    const dilation = size2d(spec.dilation, 'dilation', where, [1, 1]);
    const pad = convPadding(spec.padding, kernel, stride, dilation, where);
    this.g = window2d(image, kernel, stride, pad, dilation, where);
    const activation = checkActivation(spec.activation ?? 'linear', where);
    if (!isElementwise(activation)) throw new Error(`${where}: activation '${activation}' is not element-wise; put a dense layer with softmax after the convolutions`);
    this.activation = activation;
    const alpha = spec.alpha ?? (activation === 'elu' ? 1 : 0.01);
    if (!Number.isFinite(alpha)) throw new Error(`${where}: alpha must be a finite number, got ${String(spec.alpha)}`);
    const relu = activation === 'relu' || activation === 'leaky-relu';
    const init: InitName = checkInit(spec.init ?? (relu ? 'he-normal' : 'xavier-uniform'), where);
    if (spec.useBias !== undefined && typeof spec.useBias !== 'boolean') throw new Error(`${where}: useBias must be true or false, got ${JSON.stringify(spec.useBias)}`);
    const useBias = spec.useBias ?? true;

    this.backend = context.backend;
    this.image = image;
    this.filters = spec.filters;
    this.fieldSize = image.channels * kernel[0] * kernel[1];
    this.positions = this.g.outH * this.g.outW;
    this.outputShape = [this.filters, this.g.outH, this.g.outW];
    this.outputSize = this.filters * this.positions;
    const { dtype } = context;
    const kernelValues = this.filters * this.fieldSize;
    context.reserve?.(kernelValues + (useBias ? this.filters : 0));
    this.kernel = { name: 'kernel', shape: [this.filters, image.channels, kernel[0], kernel[1]], value: allocFloat(dtype, kernelValues), grad: allocFloat(dtype, kernelValues), decay: true };
    // Fans as PyTorch counts them for a conv kernel: each tap of the receptive field is an input.
    initialise(init, this.kernel.value, this.fieldSize, this.filters * kernel[0] * kernel[1], context.rng);
    this.bias = useBias ? { name: 'bias', shape: [this.filters], value: allocFloat(dtype, this.filters), grad: allocFloat(dtype, this.filters), decay: false } : null;
    this.paramList = this.bias ? [this.kernel, this.bias] : [this.kernel];
    this.stage = new ActivationStage(this.backend, activation, alpha, dtype, this.outputSize);
    this.direct = this.fieldSize <= DIRECT_MAX_FIELD;
    this.cols = new RowBuffer(dtype, this.positions * this.fieldSize);
    this.transposed = new RowBuffer(dtype, this.positions * this.filters);
    this.dcols = new RowBuffer(dtype, this.positions * this.fieldSize);
    this.dx = new RowBuffer(dtype, inputSize);
    this.ones = allocFloat(dtype, this.filters).fill(1);
    this.sumSquares = allocFloat(dtype, this.filters);

    const padding = spec.padding === 'same' ? 'same' : compact2d(pad[0], pad[1]);
    this.spec = {
      type: 'conv2d',
      filters: this.filters,
      kernelSize: compact2d(kernel[0], kernel[1]),
      stride: compact2d(stride[0], stride[1]),
      padding,
      dilation: compact2d(dilation[0], dilation[1]),
      activation,
      ...(activation === 'leaky-relu' || activation === 'elu' ? { alpha } : {}),
      init,
      useBias,
    };
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    const z = this.stage.pre(rows);
    if (this.direct) {
      const { g, image } = this;
      this.backend.conv2d(rows, image.channels, image.height, image.width, this.filters, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW, input, this.kernel.value, z);
      this.addBias(rows, z);
      this.input = input;
      this.rowsSeen = rows;
      return this.stage.apply(rows);
    }
    // Training keeps the whole batch's receptive fields for backward; inference goes through
    // them a chunk of rows at a time, so that predicting thousands of rows does not hold
    // thousands of im2col copies.
    const chunk = training ? rows : Math.min(rows, INFERENCE_CHUNK_ROWS);
    for (let r0 = 0; r0 < rows; r0 += chunk) {
      const n = Math.min(chunk, rows - r0);
      const x = r0 === 0 && n === rows ? input : input.subarray(r0 * this.inputSize, (r0 + n) * this.inputSize);
      const out = r0 === 0 && n === rows ? z : z.subarray(r0 * this.outputSize, (r0 + n) * this.outputSize);
      this.linear(x, n, out);
    }
    // backward needs every row's receptive fields, which only a single pass leaves in `cols`.
    this.rowsSeen = chunk === rows ? rows : -1;
    return this.stage.apply(rows);
  }

  private addBias(rows: number, z: FloatArray): void {
    if (this.bias) this.backend.channelAffine(rows, this.filters, this.positions, z, this.ones, this.bias.value, z);
  }

  /** z = W ⋆ x + b for `rows` rows (see the header), leaving their receptive fields in `cols`. */
  private linear(input: FloatArray, rows: number, z: FloatArray): void {
    const b = this.backend;
    const { g, image } = this;
    const cols = this.cols.view(rows);
    b.im2col(rows, image.channels, image.height, image.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW, input, cols);
    const t = this.transposed.view(rows);
    b.gemm(false, true, this.filters, rows * this.positions, this.fieldSize, 1, this.kernel.value, cols, 0, t);
    b.transposeBatch(1, this.filters, rows, this.positions, t, z);
    this.addBias(rows, z);
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true, destination: GradientDestination = STORE_GRADIENTS): FloatArray | null {
    if (this.rowsSeen !== rows) throw new Error('conv2d: backward needs a training-mode forward pass (or one of at most 64 rows) of the same rows');
    const b = this.backend;
    const { g, image } = this;
    const delta = this.stage.backward(gradOutput, rows);
    const n = rows * this.positions;
    const dt = this.transposed.view(rows);
    if (needInputGrad || !this.direct) b.transposeBatch(1, rows, this.filters, this.positions, delta, dt);
    let dx: FloatArray | null = null;
    if (needInputGrad) {
      // ∂L/∂x first: the destination may be the kernel itself.
      const dcols = this.dcols.view(rows);
      b.gemm(true, false, n, this.fieldSize, this.filters, 1, dt, this.kernel.value, 0, dcols);
      dx = this.dx.view(rows);
      b.col2im(rows, image.channels, image.height, image.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW, dcols, 0, dx);
    }
    const kernelDest = this.kernel[destination.into];
    if (this.direct) {
      const x = this.input as FloatArray;
      b.conv2dWeightGrad(rows, image.channels, image.height, image.width, this.filters, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW, x, delta, destination.alpha, destination.beta, kernelDest);
    } else {
      b.gemm(false, false, this.filters, this.fieldSize, n, destination.alpha, dt, this.cols.view(rows), destination.beta, kernelDest);
    }
    if (this.bias) {
      // ∂L/∂b[o] = Σ δ[·, o, ·]: per-channel sums of δ (their Σ δ² lands in scratch).
      b.channelSums(rows, this.filters, this.positions, delta, delta, this.bias.grad, this.sumSquares);
      if (destination.into === 'value') b.axpy(this.filters, destination.alpha, this.bias.grad, this.bias.value);
    }
    return dx;
  }

  toSpec(): Conv2dSpec {
    return this.spec;
  }
}

/** Padding per axis from the spec: a size, 'valid' (0) or 'same' (stride 1, odd dilated kernel). */
function convPadding(
  padding: Conv2dSpec['padding'],
  kernel: readonly [number, number],
  stride: readonly [number, number],
  dilation: readonly [number, number],
  where: string,
): [number, number] {
  if (padding === 'valid') return [0, 0];
  if (padding !== 'same') return size2d(padding, 'padding', where, [0, 0], 0);
  if (stride[0] !== 1 || stride[1] !== 1) throw new Error(`${where}: padding 'same' needs stride 1 (as in PyTorch); give the padding in pixels instead`);
  const total = [dilation[0] * (kernel[0] - 1), dilation[1] * (kernel[1] - 1)] as const;
  if (total[0] % 2 !== 0 || total[1] % 2 !== 0) {
    throw new Error(`${where}: padding 'same' needs an odd kernel size, got ${kernel.join('×')}; give the padding in pixels instead`);
  }
  return [total[0] / 2, total[1] / 2];
}

const CONV_KEYS = ['filters', 'kernelSize', 'stride', 'padding', 'dilation', 'activation', 'alpha', 'init', 'useBias'] as const;

export function createConv2d(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, CONV_KEYS, `layer ${context.index + 1} (conv2d)`);
  return new Conv2d(inputSize, spec as Conv2dSpec, context);
}
