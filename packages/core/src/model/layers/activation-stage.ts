/**
 * The element-wise activation y = f(z) after a layer's linear part, with its backward
 * δ = ∂L/∂y ∘ f'(z). f'(z) is taken from the output y where the activation allows it (see
 * OUTPUT_DERIVATIVE_ACTIVATIONS); otherwise z is kept in its own buffer and differentiated there.
 * The layer writes z into `pre(rows)` and calls `apply`.
 */
import { derivativeFromOutput, type Backend, type ElementwiseActivation, type FloatArray } from '../../backend/backend.js';
import { RowBuffer } from '../buffers.js';
import type { DType } from '../types.js';

export class ActivationStage {
  private readonly out: RowBuffer;
  /** z, kept apart from y only when backward needs it. */
  private readonly z: RowBuffer | null;
  private readonly delta: RowBuffer;

  constructor(
    private readonly backend: Backend,
    readonly kind: ElementwiseActivation,
    readonly alpha: number,
    dtype: DType,
    width: number,
  ) {
    this.out = new RowBuffer(dtype, width);
    this.z = kind !== 'linear' && !derivativeFromOutput(kind) ? new RowBuffer(dtype, width) : null;
    this.delta = new RowBuffer(dtype, width);
  }

  /** Where the layer writes its pre-activation z for `rows` rows. */
  pre(rows: number): FloatArray {
    return (this.z ?? this.out).view(rows);
  }

  /** y = f(z) for the z just written; the returned buffer is owned by the stage. */
  apply(rows: number): FloatArray {
    const y = this.out.view(rows);
    if (this.kind !== 'linear') this.backend.activation(this.kind, y.length, this.pre(rows), y, this.alpha);
    return y;
  }

  /** δ = ∂L/∂y ∘ f'(z) for the last `apply` (dy itself for linear). */
  backward(dy: FloatArray, rows: number): FloatArray {
    if (this.kind === 'linear') return dy;
    const delta = this.delta.view(rows);
    if (this.z) this.backend.activationBackwardFromInput(this.kind, delta.length, this.z.view(rows), dy, delta, this.alpha);
    else this.backend.activationBackward(this.kind, delta.length, this.out.view(rows), dy, delta, this.alpha);
    return delta;
  }
}
