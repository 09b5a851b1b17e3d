/**
 * SGD with optional momentum / Nesterov momentum and L2 weight decay (PyTorch semantics; the
 * update itself is backend.sgdStep):
 *   g ← g + wd·w;   v ← μ·v + g;   w ← w − lr·(nesterov ? g + μ·v : v)
 */
import type { Backend } from '../../backend/backend.js';
import { allocFloat } from '../buffers.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';
import { restoreSlots, type Optimizer, type OptimizerSlot, type OptimizerState } from './optimizer.js';

export class Sgd implements Optimizer {
  private slots: OptimizerSlot[] = [];
  private steps = 0;

  constructor(
    readonly name: OptimizerName,
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly momentum: number,
    readonly nesterov: boolean,
    readonly weightDecay: number,
  ) {
    if (momentum > 0) this.slots = params.map((p, i) => ({ param: i, slot: 'velocity', data: allocFloat(dtype, p.value.length) }));
  }

  step(params: readonly Param[], lr: number): void {
    const b = this.backend;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const velocity = this.momentum > 0 ? (this.slots[i] as OptimizerSlot).data : null;
      const wd = p.decay === false ? 0 : this.weightDecay;
      b.sgdStep(p.value.length, p.value, p.grad, velocity, lr, this.momentum, this.nesterov, wd);
    }
    this.steps++;
  }

  /**
   * Plain SGD (no momentum, no weight decay): w ← w − lr·g, which Model.fit lets layers apply
   * during backward (the sgdUpdate destination of Layer.backward) instead of calling `step`.
   */
  get plain(): boolean {
    return this.momentum === 0 && this.weightDecay === 0;
  }

  /** Counts a step that the layers applied themselves (sgdUpdate), as `step` would. */
  countFusedStep(): void {
    this.steps++;
  }

  getState(): OptimizerState {
    return { name: this.name, step: this.steps, slots: this.slots.map((s) => ({ ...s, data: s.data.slice() })) };
  }

  setState(state: OptimizerState): void {
    restoreSlots(this.name, state, this.slots);
    this.steps = state.step;
  }
}
