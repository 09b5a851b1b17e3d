/**
 * Mean absolute error (PyTorch's L1Loss, mean reduction):
 *   L = (1/(rows·cols)) Σ_i Σ_j |p_ij − t_ij|,   ∂L/∂p_ij = sign(p_ij − t_ij) / (rows·cols)
 * with sign(0) = 0. The objective is the reported mean itself.
 */
import type { Loss } from './loss.js';

export const maeLoss: Loss = {
  name: 'mae',
  fusedActivation: null,
  compute(backend, rows, cols, output, target, grad) {
    const n = rows * cols;
    return n === 0 ? 0 : backend.l1Loss(n, output, target, 1 / n, grad) / n;
  },
  objectiveScale: () => 1,
};
