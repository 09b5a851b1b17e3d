/**
 * Sigmoid + binary cross-entropy, fused, from the logits z (each output an independent label):
 *   L = (1/rows) Σ_i Σ_j [max(z,0) − z·t + log(1 + e^{−|z|})]   (= −t log σ(z) − (1−t) log(1−σ(z)))
 *   ∂L/∂z_ij = (σ(z_ij) − t_ij) / rows
 */
import type { Loss } from './loss.js';

export const binaryCrossEntropyLoss: Loss = {
  name: 'binary-cross-entropy',
  fusedActivation: 'sigmoid',
  compute(backend, rows, cols, output, target, grad) {
    return backend.sigmoidBinaryCrossEntropy(rows * cols, output, target, 1 / rows, grad) / rows;
  },
  objectiveScale: () => 1,
};
