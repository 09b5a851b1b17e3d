/**
 * Early stopping bookkeeping: tracks the best monitored loss, epochs without improvement, and
 * a snapshot of the best weights (preallocated, copied with TypedArray.set).
 */
import type { FloatArray } from '../backend/backend.js';
import type { Param } from './layers/layer.js';
import type { EarlyStoppingOptions } from './types.js';

/** Exportable state, for checkpoints. */
export interface EarlyStoppingState {
  readonly best: number;
  readonly bestEpoch: number;
  readonly wait: number;
  /** Copies of the best weights, in parameter order (absent until an epoch improved). */
  readonly bestWeights?: readonly FloatArray[];
}

/**
 * Throws unless `state` is a well-formed early-stopping state for these parameters: finite
 * counters (best may be Infinity: nothing yet) and, when present, one finite best-weights array
 * per parameter of the parameter's length.
 */
export function checkEarlyStoppingState(state: EarlyStoppingState, params: readonly Param[]): void {
  if (state === null || typeof state !== 'object') throw new TypeError('early-stopping state: expected an object');
  if (typeof state.best !== 'number' || Number.isNaN(state.best) || state.best === -Infinity) {
    throw new RangeError(`early-stopping state: invalid best loss ${String(state.best)}`);
  }
  for (const key of ['bestEpoch', 'wait'] as const) {
    const v = state[key];
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`early-stopping state: ${key} must be an integer ≥ 0, got ${String(v)}`);
  }
  const w = state.bestWeights;
  if (w === undefined) return;
  if (!Array.isArray(w) || w.length !== params.length || w.some((a, i) => a?.length !== params[i]?.value.length)) {
    throw new RangeError('early-stopping state: best weights do not match the model parameters');
  }
  w.forEach((a: FloatArray, i) => {
    for (let j = 0; j < a.length; j++) {
      if (!Number.isFinite(a[j])) throw new RangeError(`early-stopping state: best weights of parameter ${i} hold ${a[j]} at ${j}`);
    }
  });
}

export class EarlyStopping {
  best = Infinity;
  bestEpoch = 0;
  wait = 0;
  readonly patience: number;
  readonly minDelta: number;
  readonly restore: boolean;
  private snapshot: FloatArray[] | null = null;

  constructor(options: EarlyStoppingOptions, private readonly params: readonly Param[]) {
    if (!Number.isInteger(options.patience) || options.patience < 1) {
      throw new RangeError(`earlyStopping.patience must be a positive integer, got ${String(options.patience)}`);
    }
    const minDelta = options.minDelta ?? 0;
    if (!(minDelta >= 0 && Number.isFinite(minDelta))) throw new RangeError(`earlyStopping.minDelta must be ≥ 0, got ${String(options.minDelta)}`);
    this.patience = options.patience;
    this.minDelta = minDelta;
    this.restore = options.restoreBestWeights ?? true;
  }

  /** Record an epoch's monitored loss; returns true when training should stop. */
  update(value: number, epoch: number): boolean {
    if (Number.isFinite(value) && value < this.best - this.minDelta) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restore) {
        this.snapshot ??= this.params.map((p) => p.value.slice());
        this.params.forEach((p, i) => (this.snapshot as FloatArray[])[i]?.set(p.value));
      }
      return false;
    }
    this.wait++;
    return this.wait >= this.patience;
  }

  /** Copy the best weights back into the parameters; returns the epoch they come from (0 if none). */
  restoreBest(): number {
    if (!this.restore || !this.snapshot) return 0;
    this.params.forEach((p, i) => p.value.set((this.snapshot as FloatArray[])[i] as FloatArray));
    return this.bestEpoch;
  }

  getState(): EarlyStoppingState {
    const s = { best: this.best, bestEpoch: this.bestEpoch, wait: this.wait };
    return this.snapshot ? { ...s, bestWeights: this.snapshot.map((w) => w.slice()) } : s;
  }

  setState(state: EarlyStoppingState): void {
    checkEarlyStoppingState(state, this.params);
    this.best = state.best;
    this.bestEpoch = state.bestEpoch;
    this.wait = state.wait;
    if (state.bestWeights) {
      this.snapshot = state.bestWeights.map((w, i) => {
        const own = (this.params[i] as Param).value.slice();
        own.set(w);
        return own;
      });
    } else this.snapshot = null;
  }
}
