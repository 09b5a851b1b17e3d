/**
 * The public shapes of models, layers, data and training. This file is the contract
 * between the library, the CLI and the web demo: names here are relied on outside.
 */
import type { ActivationName, FloatArray } from '../backend/backend.js';
import type { Dataset } from '../data/dataset.js';

export type { ActivationName } from '../backend/backend.js';

/** CLI spellings: 'cross-entropy' is softmax + cross-entropy on the output layer. */
export type LossName = 'mse' | 'cross-entropy' | 'binary-cross-entropy' | 'mae' | 'huber' | 'kl-divergence' | 'hinge';

/**
 * A loss's hyper-parameters (PyTorch's names in camel case); each applies to one loss and is
 * omitted at its default.
 */
export interface LossOptions {
  /** huber: the δ where the quadratic turns linear (> 0, default 1). */
  readonly huberDelta?: number;
  /** cross-entropy: ε in [0, 1) mixing the targets with the uniform distribution (default 0). */
  readonly labelSmoothing?: number;
}

/**
 * The optimizers `fit` can use (PyTorch semantics): plain SGD, SGD with momentum or Nesterov
 * momentum, Adam, and AdamW (decoupled weight decay).
 */
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad' | 'adamax' | 'nadam';

/**
 * Weight initialisers (PyTorch semantics): Xavier/Glorot and He/Kaiming, uniform or normal;
 * `uniform` and `normal` are U(−0.05, 0.05) and N(0, 0.05²); `zeros` fills with 0.
 */
export type InitName = 'xavier-uniform' | 'xavier-normal' | 'he-uniform' | 'he-normal' | 'uniform' | 'normal' | 'zeros';

/**
 * Element type of a model's parameters and buffers: float32 for training, float64 for gradient
 * checks (TS backend only).
 */
export type DType = 'float32' | 'float64';

/** A batch of rows: row-major, `rows` × `cols` values in `data` (a view, not a copy). */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;
}

/** Declarative layer specs: what a saved model's topology holds. */
export interface DenseSpec {
  readonly type: 'dense';
  readonly units: number;
  /** Default 'linear'. */
  readonly activation?: ActivationName;
  /** Negative slope for leaky-relu, default 0.01. */
  readonly alpha?: number;
  /** Default: he-normal for relu/leaky-relu, xavier-uniform otherwise. */
  readonly init?: InitName;
  readonly useBias?: boolean;
}

/**
 * Spec of a dropout layer: during training each unit is zeroed with probability `rate`; at
 * inference it is the identity.
 */
export interface DropoutSpec {
  readonly type: 'dropout';
  /** Fraction of units zeroed during training (inverted dropout: survivors scaled by 1/(1−rate)). */
  readonly rate: number;
}

/** A size per image axis: one number for both (height and width), or `[height, width]`. */
export type Size2d = number | readonly [number, number];

/**
 * 2-D convolution over NCHW images (PyTorch's Conv2d): `filters` output channels, each a
 * kernel of shape `[inC, kh, kw]`; the layer's kernel tensor is `[filters, inC, kh, kw]`.
 */
export interface Conv2dSpec {
  readonly type: 'conv2d';
  /** Output channels. */
  readonly filters: number;
  readonly kernelSize: Size2d;
  /** Default 1. */
  readonly stride?: Size2d;
  /**
   * Zero padding per side: a number of pixels (default 0, as PyTorch), 'valid' (0) or 'same'
   * (output as large as the input: stride 1 and an odd dilated kernel).
   */
  readonly padding?: Size2d | 'valid' | 'same';
  /** Default 1. */
  readonly dilation?: Size2d;
  /** Default 'linear'. */
  readonly activation?: ActivationName;
  /** Negative slope for leaky-relu (default 0.01), α for elu (default 1). */
  readonly alpha?: number;
  /** Default: he-normal for relu/leaky-relu, xavier-uniform otherwise (fans count kh·kw). */
  readonly init?: InitName;
  readonly useBias?: boolean;
}

/** Max or average pooling over NCHW images (PyTorch's MaxPool2d / AvgPool2d, count_include_pad). */
export interface Pool2dSpec {
  readonly type: 'maxpool2d' | 'avgpool2d';
  readonly kernelSize: Size2d;
  /** Default: the kernel size. */
  readonly stride?: Size2d;
  /** Padding per side, at most half the kernel (default 0). */
  readonly padding?: Size2d;
}

/** Mean of each channel over the whole image: [C, H, W] → [C]. */
export interface GlobalAvgPool2dSpec {
  readonly type: 'globalavgpool2d';
}

/** Forgets a row's image shape: [C, H, W] → [C·H·W]; the values are unchanged. */
export interface FlattenSpec {
  readonly type: 'flatten';
}

/** Gives a row a new shape with the same number of values (e.g. [784] → [1, 28, 28]). */
export interface ReshapeSpec {
  readonly type: 'reshape';
  readonly shape: readonly number[];
}

/**
 * Batch normalisation (PyTorch's BatchNorm1d after dense layers, BatchNorm2d after conv2d: one
 * mean and variance per channel): in training the batch's statistics normalise and update the
 * running ones, r ← (1 − momentum)·r + momentum·batch (variance unbiased); predict and evaluate
 * use the running statistics.
 */
export interface BatchNormSpec {
  readonly type: 'batchnorm';
  /** Default 0.1. */
  readonly momentum?: number;
  /** Default 1e-5. */
  readonly eps?: number;
}

/** Layer normalisation over each row's values (PyTorch's LayerNorm over the row's whole shape). */
export interface LayerNormSpec {
  readonly type: 'layernorm';
  /** Default 1e-5. */
  readonly eps?: number;
}

/**
 * Token ids → vectors (PyTorch's Embedding): each input value is an integer id in
 * [0, vocabSize), a row of seqLen ids becomes seqLen × dim values.
 */
export interface EmbeddingSpec {
  readonly type: 'embedding';
  readonly vocabSize: number;
  readonly dim: number;
}

/** Extended by the recurrent layers; `type` is the discriminator. */
export type LayerSpec =
  | DenseSpec
  | DropoutSpec
  | Conv2dSpec
  | Pool2dSpec
  | GlobalAvgPool2dSpec
  | FlattenSpec
  | ReshapeSpec
  | BatchNormSpec
  | LayerNormSpec
  | EmbeddingSpec
  | { readonly type: string; readonly [key: string]: unknown };

/**
 * A model's topology: the input width, the layers in order and the loss. `Model.create` builds it;
 * a model file stores it (with every layer default filled in).
 */
export interface ModelSpec {
  readonly inputSize: number;
  /**
   * The shape of one input row when it is more than a vector, e.g. `[1, 28, 28]` (channels,
   * height, width) for images; its product must be `inputSize`. Convolution and pooling layers
   * need it.
   */
  readonly inputShape?: readonly number[];
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
  /** The loss's hyper-parameters; absent when all are at their defaults. */
  readonly lossOptions?: LossOptions;
}

/** A supervised data set (defined in data/, which knows no model). */
export type { Dataset } from '../data/dataset.js';

/**
 * The optimizer `fit` trains with: its name, the learning rate and the options of that optimizer.
 */
export interface OptimizerConfig {
  readonly name: OptimizerName;
  readonly lr: number;
  /** Momentum μ: sgd / momentum / nesterov (default 0.9 for the last two, 0 for sgd) and rmsprop (default 0). */
  readonly momentum?: number;
  /** adam, adamw, adamax, nadam: decay of the first moment β1 (default 0.9). */
  readonly beta1?: number;
  /** adam, adamw, adamax, nadam: decay of the second moment (adamax: of the infinity norm) β2 (default 0.999). */
  readonly beta2?: number;
  /** ε of the denominator: default 1e-8; 1e-10 for adagrad. */
  readonly eps?: number;
  /** rmsprop: smoothing constant α of the squared-gradient average (default 0.99). */
  readonly alpha?: number;
  /** rmsprop: divide by the variance estimate s − ḡ² instead of s (default false). */
  readonly centered?: boolean;
  /** nadam: momentum decay ψ of the schedule μ_t = β1·(1 − ½·0.96^(t·ψ)) (default 0.004). */
  readonly momentumDecay?: number;
  /** adagrad: learning-rate decay, lr_t = lr / (1 + (t−1)·lrDecay) (default 0). */
  readonly lrDecay?: number;
  /** adagrad: starting value of the squared-gradient sum (default 0). */
  readonly initialAccumulatorValue?: number;
  /** L2 weight decay added to the gradient (decoupled for adamw). */
  readonly weightDecay?: number;
  /**
   * L1 regularisation rate λ ≥ 0 (default 0): the subgradient λ·sign(w) of λ·Σ|w| is added to
   * the gradient of every kernel (not biases, as for weight decay) before each optimizer step,
   * for every optimizer; it drives unneeded weights to zero. The reported loss excludes λ·Σ|w|.
   */
  readonly l1?: number;
}

/**
 * How the learning rate changes over epochs (PyTorch's schedulers): constant; `step` multiplies it
 * by `gamma` every `stepSize` epochs; `exponential` by `gamma` every epoch; `cosine` anneals it to
 * `minLr` (default 0) over the run.
 */
export type LrSchedule =
  | { readonly type: 'constant' }
  | { readonly type: 'step'; readonly stepSize: number; readonly gamma: number }
  | { readonly type: 'exponential'; readonly gamma: number }
  | { readonly type: 'cosine'; readonly minLr?: number };

/** What every epoch reports (the CLI's progress lines and the web demo's charts read these keys). */
export interface EpochLog {
  /** 1-based. */
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly lr: number;
  /** Seconds of training time in this epoch. */
  readonly seconds: number;
  /**
   * Training rows per second of training time, over the epochs of this fit so far (so the last
   * epoch's value is the whole run's). Training time leaves out validation scoring and callbacks.
   */
  readonly samplesPerSecond: number;
}

/** What `onBatchEnd` receives after each training batch. */
export interface BatchLog {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly samples: number;
}

/** Stop training when the monitored loss has not improved for `patience` epochs. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement of the monitored loss before stopping. */
  readonly patience: number;
  readonly minDelta?: number;
  /** Restore the weights of the best epoch when stopping (default true). */
  readonly restoreBestWeights?: boolean;
}

/**
 * Options of `Model.fit`: epochs, batch size and optimizer (required), and the schedule, shuffling,
 * validation, early stopping, clipping, callbacks and abort signal.
 */
export interface FitOptions {
  readonly epochs: number;
  /**
   * Epochs already done (default 0): training runs epochs initialEpoch+1 … epochs, with the
   * learning-rate schedule at those epochs. Used to resume from a checkpoint.
   */
  readonly initialEpoch?: number;
  /** Rows per batch; 0 or ≥ n means full batch. */
  readonly batchSize: number;
  readonly optimizer: OptimizerConfig;
  /** Default true; shuffling uses the model's seeded PRNG. */
  readonly shuffle?: boolean;
  readonly schedule?: LrSchedule;
  readonly validationData?: Dataset;
  /** Fraction of the rows (taken from the end, after a seeded shuffle) held out for validation. */
  readonly validationSplit?: number;
  /** Monitors validation loss when there is validation data, else training loss. */
  readonly earlyStopping?: EarlyStoppingOptions;
  /** Clip the global gradient norm to this value. */
  readonly clipNorm?: number;
  /** Return false (or a Promise of false) to stop training after this epoch. */
  onEpochEnd?(log: EpochLog): void | boolean | Promise<void | boolean>;
  /** Called after every training batch (e.g. for a progress bar). */
  onBatchEnd?(log: BatchLog): void;
  /** Aborting stops after the current batch; fit resolves with the history so far. */
  readonly signal?: AbortSignal;
}

/** What `Model.fit` resolves with: one log per completed epoch and why training ended. */
export interface History {
  readonly epochs: EpochLog[];
  /** Why training ended: all epochs done, early stopping, a callback, or an abort. */
  readonly stopReason: 'completed' | 'early-stopping' | 'callback' | 'aborted';
  /**
   * 1-based epoch whose weights the model holds at the end. Absent when no epoch completed, and
   * when an abort stopped training part-way through an epoch without restoring best weights (the
   * weights are then those after the last batch run, of no whole epoch).
   */
  readonly bestEpoch?: number;
}

/**
 * What `Model.evaluate` returns: the loss, and for classification targets (one-hot or 0/1) the
 * accuracy, confusion matrix and per-class precision, recall and F1.
 */
export interface Evaluation {
  readonly loss: number;
  /** Classification only. */
  readonly accuracy?: number;
  /** confusion[actual][predicted], classification only. */
  readonly confusion?: number[][];
  readonly precision?: number[];
  readonly recall?: number[];
  readonly f1?: number[];
}

/** One layer's output for the rows given to Model.activations. */
export interface LayerActivations {
  readonly layer: number;
  readonly type: string;
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}
