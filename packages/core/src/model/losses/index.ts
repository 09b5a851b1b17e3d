/** Loss lookup by name. */
import type { LossName } from '../types.js';
import { binaryCrossEntropyLoss } from './binary-cross-entropy.js';
import type { Loss } from './loss.js';
import { mseLoss } from './mse.js';
import { softmaxCrossEntropyLoss } from './softmax-cross-entropy.js';

export type { Loss } from './loss.js';

export const LOSS_NAMES: readonly LossName[] = ['mse', 'cross-entropy', 'binary-cross-entropy'];

const losses: Record<LossName, Loss> = {
  mse: mseLoss,
  'cross-entropy': softmaxCrossEntropyLoss,
  'binary-cross-entropy': binaryCrossEntropyLoss,
};

/**
 * The loss of this name; throws a clear error for an unknown name.
 * @param name a `LossName`: mse, cross-entropy or binary-cross-entropy
 * @throws an Error listing the known losses when `name` is not one of them
 */
export function getLoss(name: unknown): Loss {
  if (typeof name !== 'string' || !Object.hasOwn(losses, name)) {
    throw new Error(`unknown loss '${String(name)}' (expected one of ${LOSS_NAMES.join(', ')})`);
  }
  return losses[name as LossName];
}

/**
 * The output activation a loss needs when `activation` cannot go with it, or null when it can.
 * The fused losses read logits: cross-entropy needs a softmax (or linear) output, binary
 * cross-entropy a sigmoid (or linear) one. Model.create and resolveConfig both ask this, so the
 * rule is written once.
 */
export function outputActivationNeeded(loss: LossName, activation: string | undefined): 'softmax' | 'sigmoid' | null {
  const fused = getLoss(loss).fusedActivation;
  if (!fused || activation === undefined || activation === 'linear' || activation === fused) return null;
  return fused;
}

/** What to use instead when an output activation cannot go with a loss (see outputActivationNeeded). */
export function otherLossesFor(needed: 'softmax' | 'sigmoid'): string {
  return needed === 'softmax' ? "'binary-cross-entropy' (sigmoid) or 'mse'" : "'cross-entropy' (softmax) or 'mse'";
}
