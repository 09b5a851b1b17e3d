/** Loss lookup by name. */
import type { LossName, LossOptions } from '../types.js';
import { binaryCrossEntropyLoss } from './binary-cross-entropy.js';
import { hingeLoss } from './hinge.js';
import { DEFAULT_HUBER_DELTA, huberLoss } from './huber.js';
import { klDivergenceLoss } from './kl-divergence.js';
import type { Loss } from './loss.js';
import { maeLoss } from './mae.js';
import { mseLoss } from './mse.js';
import { labelSmoothedCrossEntropyLoss, softmaxCrossEntropyLoss } from './softmax-cross-entropy.js';

export type { Loss } from './loss.js';

export const LOSS_NAMES: readonly LossName[] = ['mse', 'cross-entropy', 'binary-cross-entropy', 'mae', 'huber', 'kl-divergence', 'hinge'];

const losses: Record<LossName, Loss> = {
  mse: mseLoss,
  'cross-entropy': softmaxCrossEntropyLoss,
  'binary-cross-entropy': binaryCrossEntropyLoss,
  mae: maeLoss,
  huber: huberLoss(),
  'kl-divergence': klDivergenceLoss,
  hinge: hingeLoss,
};

/**
 * Checks a loss's options against its name and returns them with the defaults left out (the form a
 * model file stores), or undefined when none is set. Throws a clear error for an option of another
 * loss or a value out of range.
 */
export function checkLossOptions(loss: LossName, options: unknown): LossOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`lossOptions must be an object, got ${JSON.stringify(options)}`);
  }
  const out: { huberDelta?: number; labelSmoothing?: number } = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key === 'huberDelta') {
      if (loss !== 'huber') throw new Error(`lossOptions.huberDelta applies to loss 'huber', not '${loss}'`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error(`lossOptions.huberDelta must be a number > 0, got ${JSON.stringify(value)}`);
      if (value !== DEFAULT_HUBER_DELTA) out.huberDelta = value;
    } else if (key === 'labelSmoothing') {
      if (loss !== 'cross-entropy') throw new Error(`lossOptions.labelSmoothing applies to loss 'cross-entropy', not '${loss}'`);
      if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw new Error(`lossOptions.labelSmoothing must be a number in [0, 1), got ${JSON.stringify(value)}`);
      if (value !== 0) out.labelSmoothing = value;
    } else {
      throw new Error(`lossOptions: unknown option '${key}' (expected huberDelta, labelSmoothing)`);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The loss of this name; throws a clear error for an unknown name.
 * @param name a `LossName`: mse, cross-entropy, binary-cross-entropy, mae, huber, kl-divergence or hinge
 * @param options the loss's hyper-parameters (huberDelta for huber, labelSmoothing for cross-entropy)
 * @throws an Error listing the known losses when `name` is not one of them
 */
export function getLoss(name: unknown, options?: LossOptions): Loss {
  if (typeof name !== 'string' || !Object.hasOwn(losses, name)) {
    throw new Error(`unknown loss '${String(name)}' (expected one of ${LOSS_NAMES.join(', ')})`);
  }
  const opts = checkLossOptions(name as LossName, options);
  if (opts?.huberDelta !== undefined) return huberLoss(opts.huberDelta);
  if (opts?.labelSmoothing !== undefined) return labelSmoothedCrossEntropyLoss(opts.labelSmoothing);
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
  return needed === 'softmax' ? "'binary-cross-entropy' (sigmoid), 'mse', 'mae' or 'huber'" : "'cross-entropy' (softmax), 'mse', 'mae' or 'huber'";
}
