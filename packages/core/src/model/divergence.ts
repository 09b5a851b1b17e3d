/**
 * The error thrown when training diverges (a NaN or infinite loss). Its advice names the
 * TrainConfig keys to change (see ConfigError), so a front end can show them as its own flags.
 */
import { ConfigError } from '../util/config-error.js';

export class DivergenceError extends ConfigError {
  override readonly name = 'DivergenceError';

  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly batches: number,
    readonly loss: number,
    readonly lr: number,
  ) {
    super(
      `training diverged: the loss became ${loss} at epoch ${epoch}, batch ${batch} of ${batches}. ` +
        `Try a lower learning rate ({optimizer.lr}; it was ${lr}), standardising the inputs ({normalize} standardize), ` +
        `or gradient clipping ({clipNorm} 1).`,
      ['optimizer.lr', 'normalize', 'clipNorm'],
    );
  }
}
