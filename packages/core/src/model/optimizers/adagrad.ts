/**
 * Adagrad (Duchi, Hazan & Singer 2011; torch.optim.Adagrad semantics, the update itself is
 * backend.adagradStep) at 1-based step t: with g ← g + wd·w,
 *   s ← s + g²;  w ← w − (lr / (1 + (t−1)·lrDecay))·g / (√s + ε)
 * s starts at `initialAccumulatorValue`. Slot per parameter: 'sum' (s).
 */
import type { Backend } from '../../backend/backend.js';
import { allocFloat } from '../buffers.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';
import { restoreSlots, type Optimizer, type OptimizerSlot, type OptimizerState } from './optimizer.js';

export class Adagrad implements Optimizer {
  readonly name: OptimizerName = 'adagrad';
  private readonly slots: OptimizerSlot[];
  private steps = 0;

  constructor(
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly lrDecay: number,
    readonly eps: number,
    readonly weightDecay: number,
    initialAccumulatorValue: number,
  ) {
    this.slots = params.map((p, i) => ({ param: i, slot: 'sum', data: allocFloat(dtype, p.value.length).fill(initialAccumulatorValue) }));
  }

  step(params: readonly Param[], lr: number): void {
    const t = ++this.steps;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const wd = p.decay === false ? 0 : this.weightDecay;
      this.backend.adagradStep(p.value.length, p.value, p.grad, (this.slots[i] as OptimizerSlot).data, lr, this.lrDecay, this.eps, wd, t);
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
