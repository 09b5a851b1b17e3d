/**
 * Adagrad (Duchi, Hazan & Singer 2011; torch.optim.Adagrad semantics, the update itself is
 * backend.adagradStep) at 1-based step t: with g ← g + wd·w,
 *   s ← s + g²;  w ← w − (lr / (1 + (t−1)·lrDecay))·g / (√s + ε)
 * s starts at `initialAccumulatorValue`. Slot per parameter: 'sum' (s).
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType } from '../types.js';
import { SlotOptimizer } from './optimizer.js';

export class Adagrad extends SlotOptimizer {
  /** The sum of squared gradients of each parameter. */
  private readonly sums: FloatArray[];

  constructor(
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly lrDecay: number,
    readonly eps: number,
    readonly weightDecay: number,
    initialAccumulatorValue: number,
  ) {
    super('adagrad', dtype);
    this.sums = params.map((p, i) => this.addSlot(i, 'sum', p.value.length, initialAccumulatorValue));
  }

  step(params: readonly Param[], lr: number): void {
    const t = ++this.steps;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const wd = p.decay === false ? 0 : this.weightDecay;
      this.backend.adagradStep(p.value.length, p.value, p.grad, this.sums[i] as FloatArray, lr, this.lrDecay, this.eps, wd, t);
    }
  }
}
