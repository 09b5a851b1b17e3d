/**
 * Elman recurrence (simple RNN):
 *   h(t) = f(x(t)·W + h(t−1)·U + b),   f = tanh by default
 * Backward, from δh(t) (the layer's gradient plus the carry from t+1):
 *   δa(t) = δh(t) ∘ f'(a(t))   (from the output: tanh' = 1 − h²)
 *   δh(t−1) = δa(t)·Uᵀ
 * The gate buffer is h itself, so h(t) is computed in place of its pre-activation.
 */
import type { ElementwiseActivation, FloatArray } from '../backend/backend.js';
import { type CoreConfig, RecurrentCore } from './recurrent-core.js';

export class ElmanCore extends RecurrentCore {
  constructor(
    config: CoreConfig,
    readonly activation: ElementwiseActivation = 'tanh',
  ) {
    super(config, 1);
  }

  protected prepare(): void {}

  protected stepForward(t: number): void {
    const { backend: be, rows: B, units: H } = this;
    const a = this.at(this.gateBuf[0], t);
    be.gemm(false, false, B, H, H, 1, this.h(t - 1), this.u(0), 1, a);
    be.activation(this.activation, B * H, a, a, 0.01);
    this.h(t).set(a);
  }

  protected prepareBackward(): void {}

  protected stepBackward(t: number, dh: FloatArray, dhPrev: FloatArray | null): void {
    const { backend: be, rows: B, units: H } = this;
    be.activationBackward(this.activation, B * H, this.h(t), dh, this.at(this.dGateBuf[0], t), 0.01);
    if (dhPrev) this.recurrentBackward(t, dhPrev, 0);
  }
}
