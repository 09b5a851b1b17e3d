/**
 * Adamax (Kingma & Ba 2015, §7.1: Adam with the infinity norm; torch.optim.Adamax semantics,
 * the update itself is backend.adamaxStep) at 1-based step t: with g ← g + wd·w,
 *   m ← β1·m + (1−β1)·g;  u ← max(β2·u, |g| + ε);  w ← w − (lr / (1−β1^t))·m / u
 * Slots per parameter: 'm', then 'u'.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType } from '../types.js';
import { SlotOptimizer } from './optimizer.js';

export class Adamax extends SlotOptimizer {
  /** m and u of each parameter. */
  private readonly moments: [FloatArray, FloatArray][];

  constructor(
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    readonly weightDecay: number,
  ) {
    super('adamax', dtype);
    this.moments = params.map((p, i) => [this.addSlot(i, 'm', p.value.length), this.addSlot(i, 'u', p.value.length)]);
  }

  step(params: readonly Param[], lr: number): void {
    const t = ++this.steps;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const [m, u] = this.moments[i] as [FloatArray, FloatArray];
      const wd = p.decay === false ? 0 : this.weightDecay;
      this.backend.adamaxStep(p.value.length, p.value, p.grad, m, u, lr, this.beta1, this.beta2, this.eps, wd, t);
    }
  }
}
