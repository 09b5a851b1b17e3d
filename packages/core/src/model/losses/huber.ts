/**
 * Huber loss (PyTorch's HuberLoss, mean reduction), d = p − t:
 *   L = (1/(rows·cols)) Σ h(d),  h(d) = |d| < δ ? ½d² : δ(|d| − ½δ)
 *   ∂L/∂p = clamp(d, −δ, δ) / (rows·cols)
 * δ = `huberDelta` (default 1). The objective is the reported mean itself.
 */
import type { Loss } from './loss.js';

export const DEFAULT_HUBER_DELTA = 1;

export function huberLoss(delta = DEFAULT_HUBER_DELTA): Loss {
  return {
    name: 'huber',
    fusedActivation: null,
    compute(backend, rows, cols, output, target, grad) {
      const n = rows * cols;
      return n === 0 ? 0 : backend.huber(n, output, target, delta, 1 / n, grad) / n;
    },
    objectiveScale: () => 1,
  };
}
