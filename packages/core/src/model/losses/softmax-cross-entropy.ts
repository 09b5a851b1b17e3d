/**
 * Softmax + cross-entropy, fused, from the logits z:
 *   L = −(1/rows) Σ_i Σ_j t_ij log softmax(z_i)_j,   ∂L/∂z_ij = (softmax(z_i)_j − t_ij) / rows
 */
import type { Loss } from './loss.js';

export const softmaxCrossEntropyLoss: Loss = {
  name: 'cross-entropy',
  fusedActivation: 'softmax',
  compute(backend, rows, cols, output, target, grad) {
    return backend.softmaxCrossEntropy(rows, cols, output, target, 1 / rows, grad) / rows;
  },
  objectiveScale: () => 1,
};
