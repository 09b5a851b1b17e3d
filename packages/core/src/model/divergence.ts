/** The error thrown when training diverges (a NaN or infinite loss). */
export class DivergenceError extends Error {
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly batches: number,
    readonly loss: number,
    lr: number,
  ) {
    super(
      `training diverged: the loss became ${loss} at epoch ${epoch}, batch ${batch} of ${batches}. ` +
        `Try a lower learning rate (it was ${lr}), standardising the inputs, or gradient clipping (clipNorm, e.g. 1).`,
    );
    this.name = 'DivergenceError';
  }
}
