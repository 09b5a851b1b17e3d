/**
 * Losses. `compute` returns the value that is reported (a per-sample mean) and writes the
 * gradient of the objective that training descends. The objective is the reported value times
 * `objectiveScale(rows, cols)`: 1 for the cross-entropies, and for the tutorial's MSE the factor
 * that turns the mean into ½·Σ(p − t)² (see mse.ts). gradcheck differentiates the objective.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { LossName } from '../types.js';

/**
 * A loss function: its value and gradient on the backend, and the output activation it is fused
 * with. `getLoss(name)` returns the built-in ones.
 */
export interface Loss {
  readonly name: LossName;
  /**
   * The activation the loss is fused with ('softmax' for cross-entropy, 'sigmoid' for binary
   * cross-entropy): the network's output is then the logits, and predictions apply this
   * transform. null when the loss reads the network's output as is (mse).
   */
  readonly fusedActivation: 'softmax' | 'sigmoid' | null;
  /**
   * Reported loss over `rows` rows of `output` (rows × cols) against `target`; writes
   * ∂objective/∂output into `grad` (rows × cols, may be a scratch buffer when only the value is wanted).
   */
  compute(backend: Backend, rows: number, cols: number, output: FloatArray, target: FloatArray, grad: FloatArray): number;
  /** objective = reported value × objectiveScale(rows, cols). */
  objectiveScale(rows: number, cols: number): number;
}
