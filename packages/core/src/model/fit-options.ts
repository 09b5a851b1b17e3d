/** Validation of FitOptions, and the held-out validation split. */
import { subset } from '../data/subset.js';
import { Rng } from '../util/rng.js';
import type { Dataset, FitOptions } from './types.js';

/** Throws a clear error for a malformed FitOptions (the optimizer and schedule are checked elsewhere). */
export function checkFitOptions(options: FitOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('fit: options { epochs, batchSize, optimizer } are required');
  const int = (key: string, v: unknown, min: number): void => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`fit: ${key} must be an integer ≥ ${min}, got ${String(v)}`);
  };
  int('epochs', options.epochs, 0);
  int('batchSize', options.batchSize, 0);
  if (options.initialEpoch !== undefined) {
    int('initialEpoch', options.initialEpoch, 0);
    if (options.initialEpoch > options.epochs) {
      throw new RangeError(`fit: initialEpoch (${options.initialEpoch}) is past epochs (${options.epochs})`);
    }
  }
  const split = options.validationSplit;
  if (split !== undefined && !(typeof split === 'number' && split > 0 && split < 1)) {
    throw new RangeError(`fit: validationSplit must be a fraction in (0, 1), got ${String(split)}`);
  }
  if (split !== undefined && options.validationData) throw new Error('fit: give validationData or validationSplit, not both');
  const clip = options.clipNorm;
  if (clip !== undefined && !(typeof clip === 'number' && clip > 0 && Number.isFinite(clip))) {
    throw new RangeError(`fit: clipNorm must be a positive number, got ${String(clip)}`);
  }
}

/**
 * Hold out ⌈n·fraction⌉ rows for validation, chosen by a PRNG derived from the model seed (not the
 * model's own stream, so that a resumed run splits identically). The validation rows are copied
 * (scoring reads them in contiguous chunks; they are the small part). The training rows are
 * returned as indices into `data`, not copied: fit gathers every batch through an index anyway,
 * so it reads them in place and holds the data set only once.
 */
export function splitValidation(data: Dataset, fraction: number, seed: number): { trainRows: Uint32Array; validation: Dataset } {
  const nVal = Math.ceil(data.n * fraction);
  if (nVal >= data.n) throw new RangeError(`fit: validationSplit ${fraction} leaves no training rows out of ${data.n}`);
  const perm = new Rng((seed ^ 0x5f3759df) >>> 0).permutation(data.n);
  const nTrain = data.n - nVal;
  return { trainRows: perm.subarray(0, nTrain), validation: subset(data, perm.subarray(nTrain)) };
}
