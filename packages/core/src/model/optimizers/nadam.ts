/**
 * NAdam (Dozat 2016: Adam with Nesterov momentum; torch.optim.NAdam semantics, the update
 * itself is backend.nadamStep) at 1-based step t, with the momentum schedule
 * μ_t = β1·(1 − ½·0.96^(t·ψ)) (ψ = momentumDecay) and its running product P_t = Π_{i≤t} μ_i:
 *   g ← g + wd·w;  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  d ← √(v / (1−β2^t)) + ε
 *   w ← w − lr·(1−μ_t)/(1−P_t)·g/d − lr·μ_{t+1}/(1−P_t·μ_{t+1})·m/d
 * Slots per parameter: 'm', then 'v'. P_t is a function of t: setState recomputes it by the same
 * sequence of multiplications as `step`, so a resumed run matches an uninterrupted one bit for bit.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType } from '../types.js';
import { SlotOptimizer, type OptimizerState } from './optimizer.js';

export class Nadam extends SlotOptimizer {
  /** m and v of each parameter. */
  private readonly moments: [FloatArray, FloatArray][];
  /** P_t = Π_{i≤t} μ_i after `steps` updates (1 before the first). */
  private muProduct = 1;

  constructor(
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    readonly weightDecay: number,
    readonly momentumDecay: number,
  ) {
    super('nadam', dtype);
    this.moments = params.map((p, i) => [this.addSlot(i, 'm', p.value.length), this.addSlot(i, 'v', p.value.length)]);
  }

  /** μ_t = β1·(1 − ½·0.96^(t·ψ)). */
  private mu(t: number): number {
    return this.beta1 * (1 - 0.5 * Math.pow(0.96, t * this.momentumDecay));
  }

  step(params: readonly Param[], lr: number): void {
    const t = ++this.steps;
    this.muProduct *= this.mu(t);
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const [m, v] = this.moments[i] as [FloatArray, FloatArray];
      const wd = p.decay === false ? 0 : this.weightDecay;
      this.backend.nadamStep(p.value.length, p.value, p.grad, m, v, lr, this.beta1, this.beta2, this.eps, wd, this.momentumDecay, this.muProduct, t);
    }
  }

  override setState(state: OptimizerState): void {
    super.setState(state);
    this.muProduct = 1;
    for (let t = 1; t <= state.step; t++) this.muProduct *= this.mu(t);
  }
}
