/**
 * Inverted dropout: in training, each unit is kept with probability 1 − rate and scaled by
 * 1/(1 − rate), so that inference is the identity: y = x ∘ m, m_i ∈ {0, 1/(1−rate)}.
 * Backward: ∂L/∂x = ∂L/∂y ∘ m. The mask is drawn from the model's seeded PRNG.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Rng } from '../../util/rng.js';
import { RowBuffer } from '../buffers.js';
import type { DropoutSpec, LayerSpec } from '../types.js';
import type { Layer, LayerContext, Param } from './layer.js';
import { checkSpecKeys } from './spec-keys.js';

export class Dropout implements Layer {
  readonly type = 'dropout';
  readonly outputSize: number;
  readonly rate: number;
  private readonly backend: Backend;
  private readonly rng: Rng;
  private readonly out: RowBuffer;
  private readonly mask: RowBuffer;
  private readonly dx: RowBuffer;
  /** Whether the last forward applied a mask (training) or was the identity. */
  private masked = false;
  private frozen = false;
  private maskRows = -1;

  constructor(
    readonly inputSize: number,
    spec: DropoutSpec,
    context: LayerContext,
  ) {
    if (typeof spec.rate !== 'number' || !(spec.rate >= 0 && spec.rate < 1)) {
      throw new Error(`layer ${context.index + 1} (dropout): rate must be a number in [0, 1), got ${String(spec.rate)}`);
    }
    this.rate = spec.rate;
    this.outputSize = inputSize;
    this.backend = context.backend;
    this.rng = context.rng;
    this.out = new RowBuffer(context.dtype, inputSize);
    this.mask = new RowBuffer(context.dtype, inputSize);
    this.dx = new RowBuffer(context.dtype, inputSize);
  }

  params(): readonly Param[] {
    return [];
  }

  freezeRandomness(on: boolean): void {
    this.frozen = on;
  }

  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    this.masked = training && this.rate > 0;
    if (!this.masked) return input;
    const n = rows * this.inputSize;
    const mask = this.mask.view(rows);
    if (!(this.frozen && this.maskRows === rows)) {
      // Drawing the mask is bookkeeping on the PRNG, not arithmetic on the data.
      const keep = 1 - this.rate;
      const scale = 1 / keep;
      for (let i = 0; i < n; i++) mask[i] = this.rng.next() < keep ? scale : 0;
      this.maskRows = rows;
    }
    const y = this.out.view(rows);
    this.backend.mul(n, input, mask, y);
    return y;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true): FloatArray | null {
    if (!needInputGrad) return null;
    if (!this.masked) return gradOutput;
    const dx = this.dx.view(rows);
    this.backend.mul(rows * this.inputSize, gradOutput, this.mask.view(rows), dx);
    return dx;
  }

  toSpec(): DropoutSpec {
    return { type: 'dropout', rate: this.rate };
  }
}

export function createDropout(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, ['rate'], `layer ${context.index + 1} (dropout)`);
  return new Dropout(inputSize, spec as DropoutSpec, context);
}
