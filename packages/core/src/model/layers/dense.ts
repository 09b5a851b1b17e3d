/**
 * Dense (fully connected) layer: y = f(x·W + b), W is inputSize × units (row-major), b has
 * `units` values, f an element-wise activation or row-wise softmax.
 *
 * Backward, with δ = ∂L/∂y ∘ f'(z) (or the softmax Jacobian-vector product). f'(z) is taken from
 * the output y where it can be (sigmoid, tanh, relu, elu, …: see OUTPUT_DERIVATIVE_ACTIVATIONS);
 * for gelu, silu, softplus and mish, whose derivative is not a function of y, forward keeps the
 * pre-activation z = x·W + b in its own buffer and backward differentiates at z.
 *   ∂L/∂x = δ·Wᵀ,   ∂L/∂W = xᵀ·δ,   ∂L/∂b = Σ_rows δ
 * in that order, so that ∂L/∂x reads W before the destination may overwrite it: the
 * weight-gradient GEMM writes W_dest ← alpha·xᵀ·δ + beta·W_dest (see layer.ts), which for
 * sgdUpdate(lr) is the step W ← W − lr·xᵀ·δ itself.
 */
import { derivativeFromOutput, type Backend, type ElementwiseActivation, type FloatArray } from '../../backend/backend.js';
import { checkActivation, isElementwise } from '../activations.js';
import { allocFloat, RowBuffer } from '../buffers.js';
import type { ActivationName, DenseSpec, InitName, LayerSpec } from '../types.js';
import { checkInit, initialise } from './init.js';
import { STORE_GRADIENTS, writeRowSums, type GradientDestination, type Layer, type LayerContext, type Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

export class Dense implements Layer {
  readonly type = 'dense';
  readonly outputSize: number;
  readonly activation: ActivationName;
  readonly alpha: number;
  readonly init: InitName;
  readonly useBias: boolean;
  /** Each gradient is written once, after ∂L/∂x has read the kernel. */
  readonly fusesUpdate = true;
  private readonly backend: Backend;
  private readonly kernel: Param;
  private readonly bias: Param | null;
  private readonly paramList: Param[];
  private readonly out: RowBuffer;
  /** The pre-activation z, kept only for activations whose derivative needs it. */
  private readonly pre: RowBuffer | null;
  private readonly delta: RowBuffer;
  private readonly dx: RowBuffer;
  private input: FloatArray | null = null;
  private emitLogits = false;

  constructor(
    readonly inputSize: number,
    spec: DenseSpec,
    context: LayerContext,
  ) {
    const where = `layer ${context.index + 1} (dense)`;
    if (!Number.isInteger(spec.units) || spec.units < 1) {
      throw new Error(`${where}: units must be a positive integer, got ${String(spec.units)}`);
    }
    this.outputSize = spec.units;
    this.activation = checkActivation(spec.activation ?? 'linear', where);
    // alpha is leaky-relu's negative slope (default 0.01) and elu's α (default 1, as in PyTorch).
    this.alpha = spec.alpha ?? (this.activation === 'elu' ? 1 : 0.01);
    if (!Number.isFinite(this.alpha)) throw new Error(`${where}: alpha must be a finite number, got ${String(spec.alpha)}`);
    const relu = this.activation === 'relu' || this.activation === 'leaky-relu';
    this.init = checkInit(spec.init ?? (relu ? 'he-normal' : 'xavier-uniform'), where);
    if (spec.useBias !== undefined && typeof spec.useBias !== 'boolean') throw new Error(`${where}: useBias must be true or false, got ${JSON.stringify(spec.useBias)}`);
    this.useBias = spec.useBias ?? true;
    this.backend = context.backend;
    const { dtype } = context;
    const units = this.outputSize;
    context.reserve?.(inputSize * units + (this.useBias ? units : 0));
    this.kernel = {
      name: 'kernel',
      shape: [inputSize, units],
      value: allocFloat(dtype, inputSize * units),
      grad: allocFloat(dtype, inputSize * units),
      decay: true,
    };
    initialise(this.init, this.kernel.value, inputSize, units, context.rng);
    this.bias = this.useBias
      ? { name: 'bias', shape: [units], value: allocFloat(dtype, units), grad: allocFloat(dtype, units), decay: false }
      : null;
    this.paramList = this.bias ? [this.kernel, this.bias] : [this.kernel];
    this.out = new RowBuffer(dtype, units);
    this.pre = isElementwise(this.activation) && !derivativeFromOutput(this.activation) ? new RowBuffer(dtype, units) : null;
    this.delta = new RowBuffer(dtype, units);
    this.dx = new RowBuffer(dtype, inputSize);
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  setEmitLogits(on: boolean): void {
    this.emitLogits = on;
  }

  forward(input: FloatArray, rows: number, _training: boolean): FloatArray {
    const b = this.backend;
    const units = this.outputSize;
    const y = this.out.view(rows);
    this.input = input;
    // With emitLogits the output is z itself; otherwise z goes to its own buffer when backward needs it.
    const z = this.pre && !this.emitLogits ? this.pre.view(rows) : y;
    b.gemm(false, false, rows, units, this.inputSize, 1, input, this.kernel.value, 0, z);
    if (this.bias) b.addRowVector(rows, units, z, this.bias.value);
    if (!this.emitLogits) {
      if (isElementwise(this.activation)) {
        if (this.activation !== 'linear') b.activation(this.activation, rows * units, z, y, this.alpha);
      } else b.softmax(rows, units, y, y);
    }
    return y;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true, destination: GradientDestination = STORE_GRADIENTS): FloatArray | null {
    const input = this.input;
    if (!input) throw new Error('dense: backward called before forward');
    const b = this.backend;
    const units = this.outputSize;
    let delta = gradOutput;
    if (!this.emitLogits && this.activation !== 'linear') {
      const y = this.out.view(rows);
      delta = this.delta.view(rows);
      if (this.pre) b.activationBackwardFromInput(this.activation as ElementwiseActivation, rows * units, this.pre.view(rows), gradOutput, delta, this.alpha);
      else if (isElementwise(this.activation)) b.activationBackward(this.activation, rows * units, y, gradOutput, delta, this.alpha);
      else b.softmaxBackward(rows, units, y, gradOutput, delta);
    }
    // ∂L/∂x = δ·Wᵀ first: the destination may be W itself.
    let dx: FloatArray | null = null;
    if (needInputGrad) {
      dx = this.dx.view(rows);
      b.gemm(false, true, rows, this.inputSize, units, 1, delta, this.kernel.value, 0, dx);
    }
    b.gemm(true, false, this.inputSize, units, rows, destination.alpha, input, delta, destination.beta, this.kernel[destination.into]);
    if (this.bias) writeRowSums(b, rows, units, delta, this.bias, destination);
    return dx;
  }

  toSpec(): DenseSpec {
    const spec: DenseSpec = { type: 'dense', units: this.outputSize, activation: this.activation, init: this.init, useBias: this.useBias };
    return this.activation === 'leaky-relu' || this.activation === 'elu' ? { ...spec, alpha: this.alpha } : spec;
  }
}

const DENSE_KEYS = ['units', 'activation', 'alpha', 'init', 'useBias'] as const;

export function createDense(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, DENSE_KEYS, `layer ${context.index + 1} (dense)`);
  return new Dense(inputSize, spec as DenseSpec, context);
}
