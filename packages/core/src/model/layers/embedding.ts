/**
 * Embedding (PyTorch's Embedding): a table E of vocabSize × dim values; each input value is a
 * token id t, and a row of seqLen ids becomes the seqLen × dim values E[t_1], …, E[t_seqLen]:
 *   y[r, s, :] = E[x[r, s], :]
 * Backward: ∂L/∂E[v, :] = Σ_{(r, s) : x[r, s] = v} ∂L/∂y[r, s, :] (a scatter-add), written through
 * the gradient destination directly (E ← E − lr·∂L/∂E touches only the rows used). Ids are not
 * differentiable: the input gradient is zero. E is initialised N(0, 1), as in PyTorch.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import { allocFloat, RowBuffer } from '../buffers.js';
import type { EmbeddingSpec, LayerSpec } from '../types.js';
import { STORE_GRADIENTS, type GradientDestination, type Layer, type LayerContext, type Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

export class Embedding implements Layer {
  readonly type = 'embedding';
  readonly outputSize: number;
  readonly outputShape: readonly number[];
  /** The table's gradient is written once and backward reads no parameter. */
  readonly fusesUpdate = true;
  readonly vocabSize: number;
  readonly dim: number;
  private readonly backend: Backend;
  private readonly table: Param;
  private readonly out: RowBuffer;
  private readonly dx: RowBuffer;
  private input: FloatArray | null = null;

  constructor(
    readonly inputSize: number,
    spec: EmbeddingSpec,
    context: LayerContext,
  ) {
    const where = `layer ${context.index + 1} (embedding)`;
    for (const key of ['vocabSize', 'dim'] as const) {
      const v = spec[key];
      if (!Number.isInteger(v) || v < 1 || v > 1 << 24) throw new Error(`${where}: ${key} must be a positive integer, got ${String(v)}`);
    }
    this.vocabSize = spec.vocabSize;
    this.dim = spec.dim;
    this.outputShape = [inputSize, this.dim];
    this.outputSize = inputSize * this.dim;
    this.backend = context.backend;
    const n = this.vocabSize * this.dim;
    context.reserve?.(n);
    this.table = { name: 'weight', shape: [this.vocabSize, this.dim], value: allocFloat(context.dtype, n), grad: allocFloat(context.dtype, n), decay: true };
    for (let i = 0; i < n; i++) this.table.value[i] = context.rng.normal(0, 1);
    this.out = new RowBuffer(context.dtype, this.outputSize);
    this.dx = new RowBuffer(context.dtype, inputSize);
  }

  params(): readonly Param[] {
    return [this.table];
  }

  forward(input: FloatArray, rows: number, _training: boolean): FloatArray {
    const y = this.out.view(rows);
    this.backend.gatherRows(rows * this.inputSize, this.dim, this.vocabSize, this.table.value, input, y);
    this.input = input;
    return y;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true, destination: GradientDestination = STORE_GRADIENTS): FloatArray | null {
    const input = this.input;
    if (!input) throw new Error('embedding: backward called before forward');
    this.backend.scatterAddRows(rows * this.inputSize, this.dim, this.vocabSize, input, gradOutput, destination.alpha, destination.beta, this.table[destination.into]);
    if (!needInputGrad) return null;
    const dx = this.dx.view(rows);
    dx.fill(0);
    return dx;
  }

  toSpec(): EmbeddingSpec {
    return { type: 'embedding', vocabSize: this.vocabSize, dim: this.dim };
  }
}

export function createEmbedding(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, ['vocabSize', 'dim'], `layer ${context.index + 1} (embedding)`);
  return new Embedding(inputSize, spec as EmbeddingSpec, context);
}
