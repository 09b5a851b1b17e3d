/**
 * Softmax + cross-entropy, fused, from the logits z:
 *   L = −(1/rows) Σ_i Σ_j t_ij log softmax(z_i)_j,   ∂L/∂z_ij = (softmax(z_i)_j − t_ij) / rows
 * With label smoothing ε (PyTorch's `label_smoothing`) the targets are first mixed with the
 * uniform distribution, t' = (1 − ε)·t + ε/cols, which is PyTorch's
 *   (1 − ε)·CE(z, t) + ε·(1/cols) Σ_j −log softmax(z)_j
 * for one-hot and probability targets alike.
 */
import type { FloatArray } from '../../backend/backend.js';
import type { Loss } from './loss.js';

export const softmaxCrossEntropyLoss: Loss = {
  name: 'cross-entropy',
  fusedActivation: 'softmax',
  compute(backend, rows, cols, output, target, grad) {
    return backend.softmaxCrossEntropy(rows, cols, output, target, 1 / rows, grad) / rows;
  },
  objectiveScale: () => 1,
};

/** Cross-entropy against targets smoothed with ε (0 < ε < 1). */
export function labelSmoothedCrossEntropyLoss(epsilon: number): Loss {
  let smoothed: FloatArray | null = null;
  return {
    name: 'cross-entropy',
    fusedActivation: 'softmax',
    compute(backend, rows, cols, output, target, grad) {
      const n = rows * cols;
      if (!smoothed || smoothed.length < n || smoothed.constructor !== output.constructor) {
        smoothed = output instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
      }
      const t = smoothed.subarray(0, n);
      t.fill(epsilon / cols);
      backend.axpy(n, 1 - epsilon, target, t);
      return backend.softmaxCrossEntropy(rows, cols, output, t, 1 / rows, grad) / rows;
    },
    objectiveScale: () => 1,
  };
}
