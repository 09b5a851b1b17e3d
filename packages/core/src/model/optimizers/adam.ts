/**
 * Adam (Kingma & Ba 2015) with L2 weight decay added to the gradient, or AdamW (Loshchilov &
 * Hutter 2019) with decoupled weight decay; the update itself is backend.adamStep:
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − lr·m̂ / (√v̂ + ε)
 * with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t), t the 1-based step.
 */
import type { Backend } from '../../backend/backend.js';
import { allocFloat } from '../buffers.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';
import { restoreSlots, type Optimizer, type OptimizerSlot, type OptimizerState } from './optimizer.js';

export class Adam implements Optimizer {
  private readonly slots: OptimizerSlot[] = [];
  private steps = 0;

  constructor(
    readonly name: OptimizerName,
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    readonly weightDecay: number,
    readonly decoupled: boolean,
  ) {
    params.forEach((p, i) => {
      this.slots.push({ param: i, slot: 'm', data: allocFloat(dtype, p.value.length) });
      this.slots.push({ param: i, slot: 'v', data: allocFloat(dtype, p.value.length) });
    });
  }

  step(params: readonly Param[], lr: number): void {
    const b = this.backend;
    const t = ++this.steps;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const m = (this.slots[2 * i] as OptimizerSlot).data;
      const v = (this.slots[2 * i + 1] as OptimizerSlot).data;
      const wd = p.decay === false ? 0 : this.weightDecay;
      b.adamStep(p.value.length, p.value, p.grad, m, v, lr, this.beta1, this.beta2, this.eps, wd, this.decoupled, t);
    }
  }

  getState(): OptimizerState {
    return { name: this.name, step: this.steps, slots: this.slots.map((s) => ({ ...s, data: s.data.slice() })) };
  }

  setState(state: OptimizerState): void {
    restoreSlots(this.name, state, this.slots);
    this.steps = state.step;
  }
}
