/**
 * SGD with optional momentum / Nesterov momentum and L2 weight decay (PyTorch semantics; the
 * update itself is backend.sgdStep):
 *   g ← g + wd·w;   v ← μ·v + g;   w ← w − lr·(nesterov ? g + μ·v : v)
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType, OptimizerName } from '../types.js';
import { SlotOptimizer } from './optimizer.js';

export class Sgd extends SlotOptimizer {
  /** The momentum buffer of each parameter (none without momentum). */
  private readonly velocities: FloatArray[];

  constructor(
    name: OptimizerName,
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly momentum: number,
    readonly nesterov: boolean,
    readonly weightDecay: number,
  ) {
    super(name, dtype);
    this.velocities = momentum > 0 ? params.map((p, i) => this.addSlot(i, 'velocity', p.value.length)) : [];
  }

  step(params: readonly Param[], lr: number): void {
    const b = this.backend;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const velocity = this.velocities[i] ?? null;
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
}
