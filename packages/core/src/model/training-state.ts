/** Training state that checkpoints carry so that a resumed run equals an uninterrupted one. */
import type { EarlyStoppingState } from './early-stopping.js';
import type { ResolvedOptimizerConfig } from './optimizers/index.js';
import type { OptimizerState } from './optimizers/optimizer.js';

/**
 * What a checkpoint stores besides the weights, so that a resumed run equals an uninterrupted one:
 * epochs done, the PRNG state, the optimizer state and early-stopping progress. Treat it as opaque.
 */
export interface TrainingState {
  /** Epochs completed (pass as FitOptions.initialEpoch to continue). */
  readonly epoch: number;
  /** The model PRNG's state (shuffles and dropout masks continue from here). */
  readonly rng: readonly number[];
  /** The optimizer of the last fit, with its moments and step count. */
  readonly optimizer?: { readonly config: ResolvedOptimizerConfig; readonly state: OptimizerState };
  /** Early-stopping progress of the last fit, when it used early stopping. */
  readonly earlyStopping?: EarlyStoppingState;
}
