/**
 * Layer normalisation (Ba et al. 2016; PyTorch's LayerNorm over the row's whole shape): each row's
 * D values are normalised by their own mean and variance, then scaled and shifted per value:
 *   μ = (1/D) Σ_j x_j,  σ² = (1/D) Σ_j (x_j − μ)²,  x̂ = (x − μ)/√(σ² + ε),  y_j = γ_j·x̂_j + β_j
 * Backward, with g = ∂L/∂y and ĝ = γ ∘ g (∂L/∂x̂):
 *   ∂L/∂γ = Σ_rows g ∘ x̂,  ∂L/∂β = Σ_rows g
 *   ∂L/∂x = (1/√(σ² + ε))·(ĝ − (Σ_j ĝ_j + x̂·Σ_j ĝ_j x̂_j)/D)
 * The same arithmetic as batch normalisation with the statistics taken along the row instead of
 * down the batch, so it runs on the same backend ops with the batch read as 1 × rows × D.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import { allocFloat, RowBuffer } from '../buffers.js';
import type { LayerNormSpec, LayerSpec } from '../types.js';
import { STORE_GRADIENTS, type GradientDestination, type Layer, type LayerContext, type Param } from './layer.js';
import { normOptions } from './norm-options.js';
import { checkSpecKeys } from './spec-keys.js';

export class LayerNorm implements Layer {
  readonly type = 'layernorm';
  readonly outputSize: number;
  readonly outputShape: readonly number[] | undefined;
  /** γ and β are written once, after backward's last read of γ. */
  readonly fusesUpdate = true;
  readonly eps: number;
  private readonly backend: Backend;
  private readonly weight: Param;
  private readonly bias: Param;
  private readonly paramList: Param[];
  private readonly zeros: FloatArray;
  /** Per row: mean, then −μ/σ; variance, then 1/σ (σ = √(σ² + ε)); and the sums of backward. */
  private readonly rowA: RowBuffer;
  private readonly rowB: RowBuffer;
  private readonly rowC: RowBuffer;
  private readonly rowD: RowBuffer;
  private readonly xhat: RowBuffer;
  private readonly out: RowBuffer;
  private readonly ghat: RowBuffer;
  private rowsSeen = -1;

  constructor(
    readonly inputSize: number,
    spec: LayerNormSpec,
    context: LayerContext,
  ) {
    this.eps = normOptions(spec, `layer ${context.index + 1} (layernorm)`, false).eps;
    this.outputSize = inputSize;
    this.outputShape = context.inputShape;
    this.backend = context.backend;
    const { dtype } = context;
    const d = inputSize;
    const shape = context.inputShape ? [...context.inputShape] : [d];
    context.reserve?.(2 * d);
    const weight = allocFloat(dtype, d);
    weight.fill(1);
    this.weight = { name: 'weight', shape, value: weight, grad: allocFloat(dtype, d), decay: false };
    this.bias = { name: 'bias', shape, value: allocFloat(dtype, d), grad: allocFloat(dtype, d), decay: false };
    this.paramList = [this.weight, this.bias];
    this.zeros = allocFloat(dtype, d);
    this.rowA = new RowBuffer(dtype, 1);
    this.rowB = new RowBuffer(dtype, 1);
    this.rowC = new RowBuffer(dtype, 1);
    this.rowD = new RowBuffer(dtype, 1);
    this.xhat = new RowBuffer(dtype, d);
    this.out = new RowBuffer(dtype, d);
    this.ghat = new RowBuffer(dtype, d);
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  forward(input: FloatArray, rows: number, _training: boolean): FloatArray {
    const b = this.backend;
    const d = this.inputSize;
    const shift = this.rowA.view(rows);
    const invStd = this.rowB.view(rows);
    b.channelMoments(1, rows, d, input, shift, invStd);
    // Per-row bookkeeping on `rows` values: x̂ = x·(1/σ) + (−μ/σ).
    for (let r = 0; r < rows; r++) {
      const inv = 1 / Math.sqrt((invStd[r] as number) + this.eps);
      invStd[r] = inv;
      shift[r] = -(shift[r] as number) * inv;
    }
    const xhat = this.xhat.view(rows);
    b.channelAffine(1, rows, d, input, invStd, shift, xhat);
    const y = this.out.view(rows);
    b.channelAffine(rows, d, 1, xhat, this.weight.value, this.bias.value, y);
    this.rowsSeen = rows;
    return y;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true, destination: GradientDestination = STORE_GRADIENTS): FloatArray | null {
    if (this.rowsSeen !== rows) throw new Error('layernorm: backward needs a forward pass of the same rows');
    const b = this.backend;
    const d = this.inputSize;
    const xhat = this.xhat.view(rows);
    let dx: FloatArray | null = null;
    if (needInputGrad) {
      const ghat = this.ghat.view(rows);
      b.channelAffine(rows, d, 1, gradOutput, this.weight.value, this.zeros, ghat);
      const sumG = this.rowC.view(rows);
      const sumGXhat = this.rowD.view(rows);
      b.channelSums(1, rows, d, ghat, xhat, sumG, sumGXhat);
      dx = ghat;
      b.normalizeBackward(1, rows, d, xhat, ghat, this.rowB.view(rows), sumG, sumGXhat, dx);
    }
    // ∂L/∂x has read γ: the destination may now be γ itself.
    b.channelSums(rows, d, 1, gradOutput, xhat, this.bias.grad, this.weight.grad);
    if (destination.into === 'value') {
      b.axpy(d, destination.alpha, this.weight.grad, this.weight.value);
      b.axpy(d, destination.alpha, this.bias.grad, this.bias.value);
    }
    return dx;
  }

  toSpec(): LayerNormSpec {
    return { type: 'layernorm', eps: this.eps };
  }
}

export function createLayerNorm(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, ['eps'], `layer ${context.index + 1} (layernorm)`);
  return new LayerNorm(inputSize, spec as LayerNormSpec, context);
}
