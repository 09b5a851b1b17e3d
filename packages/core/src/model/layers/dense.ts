/**
 * Dense (fully connected) layer: y = f(x·W + b), W is inputSize × units (row-major), b has
 * `units` values, f an element-wise activation or row-wise softmax.
 *
 * Backward, with δ = ∂L/∂y ∘ f'(z) (or the softmax Jacobian-vector product):
 *   ∂L/∂W = xᵀ·δ,   ∂L/∂b = Σ_rows δ,   ∂L/∂x = δ·Wᵀ
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import { checkActivation, isElementwise } from '../activations.js';
import { allocFloat, RowBuffer } from '../buffers.js';
import type { ActivationName, DenseSpec, InitName, LayerSpec } from '../types.js';
import { checkInit, initialise } from './init.js';
import type { Layer, LayerContext, Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

export class Dense implements Layer {
  readonly type = 'dense';
  readonly outputSize: number;
  readonly activation: ActivationName;
  readonly alpha: number;
  readonly init: InitName;
  readonly useBias: boolean;
  private readonly backend: Backend;
  private readonly kernel: Param;
  private readonly bias: Param | null;
  private readonly paramList: Param[];
  private readonly out: RowBuffer;
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
    this.alpha = spec.alpha ?? 0.01;
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
    b.gemm(false, false, rows, units, this.inputSize, 1, input, this.kernel.value, 0, y);
    if (this.bias) b.addRowVector(rows, units, y, this.bias.value);
    if (!this.emitLogits) {
      if (isElementwise(this.activation)) {
        if (this.activation !== 'linear') b.activation(this.activation, rows * units, y, y, this.alpha);
      } else b.softmax(rows, units, y, y);
    }
    return y;
  }

  /** The last forward's input, and δ = ∂L/∂z for `gradOutput` = ∂L/∂y. */
  private inputAndDelta(gradOutput: FloatArray, rows: number): { input: FloatArray; delta: FloatArray } {
    const input = this.input;
    if (!input) throw new Error('dense: backward called before forward');
    const b = this.backend;
    const units = this.outputSize;
    let delta = gradOutput;
    if (!this.emitLogits && this.activation !== 'linear') {
      const y = this.out.view(rows);
      delta = this.delta.view(rows);
      if (isElementwise(this.activation)) b.activationBackward(this.activation, rows * units, y, gradOutput, delta, this.alpha);
      else b.softmaxBackward(rows, units, y, gradOutput, delta);
    }
    return { input, delta };
  }

  /** ∂L/∂x = δ·Wᵀ with the current kernel. */
  private inputGrad(delta: FloatArray, rows: number): FloatArray {
    const dx = this.dx.view(rows);
    this.backend.gemm(false, true, rows, this.inputSize, this.outputSize, 1, delta, this.kernel.value, 0, dx);
    return dx;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true): FloatArray | null {
    const { input, delta } = this.inputAndDelta(gradOutput, rows);
    const b = this.backend;
    b.gemm(true, false, this.inputSize, this.outputSize, rows, 1, input, delta, 0, this.kernel.grad);
    if (this.bias) b.sumRows(rows, this.outputSize, delta, 0, this.bias.grad);
    return needInputGrad ? this.inputGrad(delta, rows) : null;
  }

  /** Plain-SGD fast path (see Layer.backwardSgd): W ← W − lr·xᵀ·δ,  b ← b − lr·Σ_rows δ. */
  backwardSgd(gradOutput: FloatArray, rows: number, needInputGrad: boolean, lr: number): FloatArray | null {
    const { input, delta } = this.inputAndDelta(gradOutput, rows);
    const b = this.backend;
    const units = this.outputSize;
    // ∂L/∂x first: it needs the kernel from before the update.
    const dx = needInputGrad ? this.inputGrad(delta, rows) : null;
    // The weight-gradient GEMM accumulates straight into the kernel (alpha = −lr, beta = 1).
    b.gemm(true, false, this.inputSize, units, rows, -lr, input, delta, 1, this.kernel.value);
    if (this.bias) {
      b.sumRows(rows, units, delta, 0, this.bias.grad);
      b.axpy(units, -lr, this.bias.grad, this.bias.value);
    }
    return dx;
  }

  toSpec(): DenseSpec {
    const spec: DenseSpec = { type: 'dense', units: this.outputSize, activation: this.activation, init: this.init, useBias: this.useBias };
    return this.activation === 'leaky-relu' ? { ...spec, alpha: this.alpha } : spec;
  }
}

const DENSE_KEYS = ['units', 'activation', 'alpha', 'init', 'useBias'] as const;

export function createDense(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, DENSE_KEYS, `layer ${context.index + 1} (dense)`);
  return new Dense(inputSize, spec as DenseSpec, context);
}
