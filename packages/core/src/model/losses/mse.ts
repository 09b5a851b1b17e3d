/**
 * Mean squared error, the classic tutorial's loss:
 *   L = (1/rows) Σ_i Σ_j (p_ij − t_ij)²,   ∂L/∂p_ij = 2 (p_ij − t_ij) / rows
 * (a mean over rows, a sum over outputs, no ½ factor).
 */
import type { Loss } from './loss.js';

export const mseLoss: Loss = {
  name: 'mse',
  fusedActivation: null,
  compute(backend, rows, cols, output, target, grad) {
    return backend.mse(rows * cols, output, target, 1 / rows, grad) / rows;
  },
};
