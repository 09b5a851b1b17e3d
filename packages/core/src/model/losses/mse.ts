/**
 * Mean squared error, as the classic tutorial defines it.
 * Reported value (the tutorial's `mean_squared_error`, a mean over every element):
 *   MSE = (1 / (rows·cols)) Σ_i Σ_j (p_ij − t_ij)²
 * Objective that training descends (the tutorial's update, `delta = error · f'`):
 *   E = ½ Σ_i Σ_j (p_ij − t_ij)²,   ∂E/∂p_ij = p_ij − t_ij
 * The objective is summed over the batch, not averaged: as in the tutorial (and in Rumelhart,
 * Hinton & Williams), a full-batch step with lr 0.1 moves as far as the tutorial's does. With
 * SGD the effective step therefore grows with the batch size (divide lr by the batch size to
 * compare with a mean-reduced loss); Adam is insensitive to this scale.
 */
import type { Loss } from './loss.js';

export const mseLoss: Loss = {
  name: 'mse',
  fusedActivation: null,
  compute(backend, rows, cols, output, target, grad) {
    // backend.mse writes gradScale·2·(p − t); gradScale ½ gives ∂E/∂p = p − t.
    return backend.mse(rows * cols, output, target, 0.5, grad) / (rows * cols);
  },
  objectiveScale: (rows, cols) => (rows * cols) / 2,
};
