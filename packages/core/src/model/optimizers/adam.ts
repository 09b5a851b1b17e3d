/**
 * Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient, or AdamW (Loshchilov &
 * Hutter 2019) with decoupled weight decay; the update itself is backend.adamStep:
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − lr·m̂ / (√v̂ + ε)
 * with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t), t the 1-based step.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';
import { SlotOptimizer } from './optimizer.js';

export class Adam extends SlotOptimizer {
  /** m and v of each parameter. */
  private readonly moments: [FloatArray, FloatArray][];

  constructor(
    name: OptimizerName,
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    readonly weightDecay: number,
    readonly decoupled: boolean,
  ) {
    super(name, dtype);
    this.moments = params.map((p, i) => [this.addSlot(i, 'm', p.value.length), this.addSlot(i, 'v', p.value.length)]);
  }

  step(params: readonly Param[], lr: number): void {
    const b = this.backend;
    const t = ++this.steps;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const [m, v] = this.moments[i] as [FloatArray, FloatArray];
      const wd = p.decay === false ? 0 : this.weightDecay;
      b.adamStep(p.value.length, p.value, p.grad, m, v, lr, this.beta1, this.beta2, this.eps, wd, this.decoupled, t);
    }
  }
}
