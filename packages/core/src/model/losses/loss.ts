/**
 * Losses. Every loss value is a mean over rows of a sum over output columns, and its gradient
 * is the exact derivative of that value (so gradcheck sees one consistent function).
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { LossName } from '../types.js';

export interface Loss {
  readonly name: LossName;
  /**
   * The activation the loss is fused with ('softmax' for cross-entropy, 'sigmoid' for binary
   * cross-entropy): the network's output is then the logits, and predictions apply this
   * transform. null when the loss reads the network's output as is (mse).
   */
  readonly fusedActivation: 'softmax' | 'sigmoid' | null;
  /**
   * Mean loss over `rows` rows of `output` (rows × cols) against `target`; writes
   * ∂loss/∂output into `grad` (rows × cols, may be a scratch buffer when only the value is wanted).
   */
  compute(backend: Backend, rows: number, cols: number, output: FloatArray, target: FloatArray, grad: FloatArray): number;
}
