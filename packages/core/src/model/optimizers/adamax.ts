/**
 * Adamax (Kingma & Ba 2015, §7.1: Adam with the infinity norm; torch.optim.Adamax semantics,
 * the update itself is backend.adamaxStep) at 1-based step t: with g ← g + wd·w,
 *   m ← β1·m + (1−β1)·g;  u ← max(β2·u, |g| + ε);  w ← w − (lr / (1−β1^t))·m / u
 * Slots per parameter: 'm', then 'u'.
 */
import type { Backend } from '../../backend/backend.js';
import { allocFloat } from '../buffers.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';
import { restoreSlots, type Optimizer, type OptimizerSlot, type OptimizerState } from './optimizer.js';

export class Adamax implements Optimizer {
  readonly name: OptimizerName = 'adamax';
  private readonly slots: OptimizerSlot[] = [];
  private steps = 0;

  constructor(
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    readonly weightDecay: number,
  ) {
    params.forEach((p, i) => {
      this.slots.push({ param: i, slot: 'm', data: allocFloat(dtype, p.value.length) });
      this.slots.push({ param: i, slot: 'u', data: allocFloat(dtype, p.value.length) });
    });
  }

  step(params: readonly Param[], lr: number): void {
    const t = ++this.steps;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const m = (this.slots[2 * i] as OptimizerSlot).data;
      const u = (this.slots[2 * i + 1] as OptimizerSlot).data;
      const wd = p.decay === false ? 0 : this.weightDecay;
      this.backend.adamaxStep(p.value.length, p.value, p.grad, m, u, lr, this.beta1, this.beta2, this.eps, wd, t);
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
