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

/** The loss of this name; throws a clear error for an unknown name. */
export function getLoss(name: unknown): Loss {
  if (typeof name !== 'string' || !Object.hasOwn(losses, name)) {
    throw new Error(`unknown loss '${String(name)}' (expected one of ${LOSS_NAMES.join(', ')})`);
  }
  return losses[name as LossName];
}

/**
 * Why an output activation cannot go with a loss, or null when it can. The fused losses read
 * logits: cross-entropy needs a softmax (or linear) output, binary cross-entropy a sigmoid (or
 * linear) one. Model.create and resolveConfig both ask this, so the rule is written once.
 */
export function outputActivationProblem(loss: LossName, activation: string | undefined): string | null {
  const fused = getLoss(loss).fusedActivation;
  if (!fused || activation === undefined || activation === 'linear' || activation === fused) return null;
  const other = fused === 'softmax' ? "'binary-cross-entropy' (sigmoid) or 'mse'" : "'cross-entropy' (softmax) or 'mse'";
  return `loss '${loss}' needs the output layer's activation to be ${fused} or linear, got '${activation}'; use ${other} with that output activation`;
}
