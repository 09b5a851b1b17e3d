/**
 * Training that goes wrong: the error thrown when the loss becomes NaN or infinite, and the
 * warning given when it explodes while staying finite. Their advice names the TrainConfig keys
 * to change (see ConfigError), so a front end can show them as its own flags.
 */
import { ConfigError } from '../util/config-error.js';

/** Weight decay at or above this (the usual values are 1e-5 … 0.1) is named as a likely cause. */
export const LARGE_WEIGHT_DECAY = 1;

/** What to try when the loss blows up: the learning rate first, weight decay when it is large. */
function advice(lr: number, weightDecay: number | undefined): { text: string; keys: string[] } {
  const decay = weightDecay !== undefined && weightDecay >= LARGE_WEIGHT_DECAY;
  return {
    text:
      `Try a lower learning rate ({optimizer.lr}; it was ${lr}), ` +
      (decay ? `a much smaller weight decay ({optimizer.weightDecay}; it was ${weightDecay}), ` : '') +
      `standardising the inputs ({normalize} standardize), or gradient clipping ({clipNorm} 1).`,
    keys: ['optimizer.lr', ...(decay ? ['optimizer.weightDecay'] : []), 'normalize', 'clipNorm'],
  };
}

export class DivergenceError extends ConfigError {
  override readonly name = 'DivergenceError';

  /** @param weightDecay the run's weight decay: named in the advice when it is large */
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly batches: number,
    readonly loss: number,
    readonly lr: number,
    readonly weightDecay?: number,
  ) {
    const { text, keys } = advice(lr, weightDecay);
    super(`training diverged: the loss became ${loss} at epoch ${epoch}, batch ${batch} of ${batches}. ${text}`, keys);
  }
}

/**
 * How far above its value before training (the first batch's loss) an epoch's loss must climb to
 * be called exploding. Normal runs, whose loss falls, never come near it; the reference is at
 * least FLOOR so that a resumed, almost perfectly fitted model is not flagged for noise.
 */
export const EXPLOSION_FACTOR = 100;
const FLOOR = 0.01;

/** The loss of an epoch is exploding while staying finite (a warning; training goes on). */
export class LossExplosionWarning extends ConfigError {
  override readonly name = 'LossExplosionWarning';

  constructor(
    readonly epoch: number,
    readonly loss: number,
    readonly initialLoss: number,
    readonly lr: number,
    readonly weightDecay?: number,
  ) {
    const { text, keys } = advice(lr, weightDecay);
    super(
      `the loss is exploding: ${loss.toPrecision(6)} at epoch ${epoch}, over ${EXPLOSION_FACTOR} times its value before training (${initialLoss.toPrecision(6)}). ${text}`,
      keys,
    );
  }

  /** Whether an epoch's `loss` counts as exploding, given the first batch's loss. */
  static applies(loss: number, initialLoss: number): boolean {
    return Number.isFinite(loss) && Number.isFinite(initialLoss) && loss > EXPLOSION_FACTOR * Math.max(initialLoss, FLOOR);
  }
}
