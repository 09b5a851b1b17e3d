/**
 * Kullback–Leibler divergence of the model's softmax distribution q = softmax(z) from the
 * target distributions t (rows of probabilities), fused with the softmax like cross-entropy:
 * PyTorch's KLDivLoss(reduction='batchmean') applied to log_softmax(z) and t,
 *   L = (1/rows) Σ_i Σ_j t_ij (log t_ij − log q_ij)      (0·log 0 = 0)
 *     = cross-entropy(z, t) − (1/rows) Σ_i Σ_j t_ij log t_ij
 *   ∂L/∂z_ij = (q_ij − t_ij) / rows        (rows of t summing to 1)
 * The second term does not depend on z: the gradient is cross-entropy's, and the targets'
 * entropy is subtracted from the value (one pass over the targets).
 */
import type { Loss } from './loss.js';

export const klDivergenceLoss: Loss = {
  name: 'kl-divergence',
  fusedActivation: 'softmax',
  compute(backend, rows, cols, output, target, grad) {
    if (rows === 0) return 0;
    const crossEntropy = backend.softmaxCrossEntropy(rows, cols, output, target, 1 / rows, grad);
    let negEntropy = 0;
    const n = rows * cols;
    for (let i = 0; i < n; i++) {
      const t = target[i]!;
      if (t > 0) negEntropy += t * Math.log(t);
    }
    return (crossEntropy + negEntropy) / rows;
  },
  objectiveScale: () => 1,
};
