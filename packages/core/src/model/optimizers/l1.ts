/**
 * L1 regularisation for any optimizer: before the wrapped optimizer's step, every parameter
 * that takes weight decay (kernels, not biases) gets backend.l1Gradient, the subgradient of
 * λ·Σ|w|:
 *   g ← g + λ·sign(w)   (sign(0) = 0)
 * so with plain SGD a step moves each weight lr·λ·sign(w) further towards 0 (sparse weights).
 * The term joins the gradient (after clipping, as weight decay does), so momentum and Adam's
 * moments see it too; the reported loss stays the data loss alone, as with weight decay.
 */
import type { Backend } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { OptimizerName } from '../types.js';
import type { Optimizer, OptimizerState } from './optimizer.js';

export class L1Regularized implements Optimizer {
  readonly name: OptimizerName;

  constructor(
    private readonly inner: Optimizer,
    private readonly backend: Backend,
    /** λ, the L1 rate (> 0). */
    readonly l1: number,
  ) {
    this.name = inner.name;
  }

  step(params: readonly Param[], lr: number): void {
    for (const p of params) {
      if (p.decay !== false) this.backend.l1Gradient(p.value.length, this.l1, p.value, p.grad);
    }
    this.inner.step(params, lr);
  }

  getState(): OptimizerState {
    return this.inner.getState();
  }

  setState(state: OptimizerState): void {
    this.inner.setState(state);
  }
}
