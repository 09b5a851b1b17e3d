/**
 * Multi-class hinge loss (PyTorch's MultiMarginLoss, p = 1, margin 1, mean reduction) on the
 * network's raw scores z (a linear output layer); the class y_i is the one-hot target's index:
 *   L = (1/rows) Σ_i (1/cols) Σ_{j≠y_i} max(0, 1 − z_{i,y_i} + z_ij)
 * The gradient is 1/(rows·cols) for each violating j and minus their sum at y_i (backend.multiMargin).
 */
import type { Loss } from './loss.js';

export const hingeLoss: Loss = {
  name: 'hinge',
  fusedActivation: null,
  compute(backend, rows, cols, output, target, grad) {
    return rows === 0 ? 0 : backend.multiMargin(rows, cols, output, target, 1, 1 / rows, grad) / rows;
  },
  objectiveScale: () => 1,
};
