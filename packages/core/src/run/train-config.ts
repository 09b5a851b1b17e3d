/**
 * TrainConfig: the one description of a training run. The CLI's flags (`--batch-size` is
 * `batchSize`, `--lr` is `optimizer.lr`), `--config` files, saved models and the web demo's
 * jobs are all this object. Every key is optional: `resolveConfig` decides the defaults (some
 * depend on the data and the model kind) and refuses combinations that cannot work.
 */
import type { ActivationName, Dataset, LossName, LrSchedule, OptimizerName } from '../model/types.js';
import type { LayerEntry } from './layer-tokens.js';

/**
 * The network kinds `train` builds. `mlp` is a feed-forward stack of the `layers` given (dense,
 * or convolutional on image data); `cnn` the same with a preset convolutional network and its
 * training settings as defaults (cnn-preset.ts); `fixed-point` the Almeida–Pineda recurrent network.
 */
export type ModelKind = 'mlp' | 'cnn' | 'rnn' | 'lstm' | 'gru' | 'fixed-point';

/** Input preprocessing fitted on the training rows: z-scores, [0, 1] per feature, or none. */
export type NormalizeKind = 'standardize' | 'minmax' | 'none';

/** The optimizer of a run: `{ name, lr, … }`, as `Model.fit` takes it, every field optional here. */
export interface TrainOptimizerConfig {
  /** Default 'sgd'; the preset's for cnn; 'adam' for rnn/lstm/gru; 'momentum' for fixed-point. */
  readonly name?: OptimizerName;
  /** Default depends on the optimizer, the model kind and the loss (see resolveConfig). */
  readonly lr?: number;
  /** Momentum μ for sgd/momentum/nesterov/rmsprop (default 0.9 for momentum and nesterov). */
  readonly momentum?: number;
  /** L2 weight decay (decoupled for adamw). Default 0 (0.01 for adamw). */
  readonly weightDecay?: number;
  /** L1 regularisation rate on the kernels. Default 0. */
  readonly l1?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  /** rmsprop: smoothing constant α (default 0.99). */
  readonly alpha?: number;
  /** rmsprop: centred (default false). */
  readonly centered?: boolean;
  /** adagrad: learning-rate decay (default 0). */
  readonly lrDecay?: number;
  /** adagrad: starting value of the squared-gradient sum (default 0). */
  readonly initialAccumulatorValue?: number;
  /** nadam: momentum decay ψ (default 0.004). */
  readonly momentumDecay?: number;
}

/** Early stopping: the patience in epochs, or the full options. */
export type EarlyStoppingConfig = number | { readonly patience: number; readonly minDelta?: number; readonly restoreBestWeights?: boolean };

/** A training run. All keys are optional; `resolveConfig` fills in the rest. */
export interface TrainConfig {
  /** A built-in data set name ('iris', 'mnist', 'sine', 'xor', …), a file the caller loads, or rows. Default 'iris'. */
  readonly data?: string | Dataset;
  /** CSV files: the target column, by name or 0-based index (default: the last). */
  readonly target?: string | number;
  /** The network kind. Default 'mlp'. */
  readonly model?: ModelKind;
  /**
   * mlp/cnn: the hidden layers, in order: numbers (dense units), layer tokens ('conv:6:5:p2',
   * 'pool:2', 'bn', 'dropout:0.5', …; see layer-tokens.ts) and LayerSpec objects, or one string of
   * comma-separated tokens. Image layers need data with an image shape. Default [8]; cnn: its preset.
   */
  readonly layers?: readonly LayerEntry[] | string;
  /** rnn/lstm/gru: hidden units of the recurrent layer (default 32); fixed-point: free hidden units (default 3). */
  readonly units?: number;
  /** rnn/lstm/gru: time steps per row; generated sequence sets are made this long. */
  readonly seqLen?: number;
  /**
   * rnn/lstm/gru on data that can give token ids (the text set): read each character as its id,
   * looked up in a learned table of vectors of this size (an embedding layer before the
   * recurrent one), instead of as a one-hot row. Default absent: one-hot rows.
   */
  readonly embedding?: number;
  /** Hidden activation, of the dense and conv2d layers (a layer object's own wins). Default relu (mlp, cnn); sigmoid (fixed-point units: sigmoid or tanh). */
  readonly activation?: ActivationName;
  /** Output activation. Default: softmax for cross-entropy and kl-divergence, sigmoid for binary cross-entropy and for mse/mae/huber on classes, else linear (hinge reads raw scores). */
  readonly outputActivation?: ActivationName;
  /** Default: cross-entropy for classes (binary-cross-entropy for one output), mse otherwise (and for fixed-point). */
  readonly loss?: LossName;
  /** huber only: δ, where the loss turns from quadratic to linear (> 0). Default 1. */
  readonly huberDelta?: number;
  /** cross-entropy only: label smoothing ε in [0, 1), PyTorch's `label_smoothing`. Default 0. */
  readonly labelSmoothing?: number;
  /** Optimizer and its settings. */
  readonly optimizer?: TrainOptimizerConfig;
  /** Learning-rate schedule, as an object or its short form ('step:10:0.5', 'exponential:0.99', 'cosine', 'cosine:0.001'). */
  readonly schedule?: LrSchedule | string;
  /** Default 100; cnn: its preset's; 30 for rnn/lstm/gru; 1500 for fixed-point. */
  readonly epochs?: number;
  /** Rows per batch, 0 = full batch. Default 32; cnn: its preset's. */
  readonly batchSize?: number;
  /** mlp/cnn: dropout rate after each hidden dense layer. Default 0. */
  readonly dropout?: number;
  /** Clip the global gradient norm; 0 = off. Default off (1 for rnn/lstm/gru). */
  readonly clipNorm?: number;
  /** Fraction of the rows held out for the test (stratified for classes). Default 0.2 (0 for sets under 20 rows). */
  readonly testSplit?: number;
  /** Fraction of the training rows held out for validation. Default 0 (0.1 with early stopping). */
  readonly validationSplit?: number;
  /** Stop when the validation loss has not improved for this many epochs, restoring the best weights. */
  readonly earlyStopping?: EarlyStoppingConfig;
  /** Input preprocessing fitted on the training rows. Default: the data set's (standardize for tables, none for images and sequences); token ids take none only. */
  readonly normalize?: NormalizeKind;
  /** Seed of every random choice (split, init, shuffle, dropout). Default 42. */
  readonly seed?: number;
  /** Backend name: 'auto' (default), 'ts', 'native', or another registered one. */
  readonly backend?: string;
  /** Call `onCheckpoint` every this many epochs. Default: never. */
  readonly checkpointEvery?: number;
}
