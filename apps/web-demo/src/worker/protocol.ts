/**
 * Messages between the page and the training worker. Every numeric result the page shows
 * (losses, predictions, activations, weights) is computed in the worker by @backprop/core
 * and arrives here as plain numbers or typed arrays (transferred, not copied).
 */
import type { ModelMetadata, TrainConfig } from '@backprop/core';
import type { Problem, HiddenActivation, Regularization } from '../playground/state.js';
import type { ExpectedShape, ModelFileFormat } from './model-file.js';

/** Points with their feature rows (n × features) and labels, as the page generated them. */
export interface PointSet {
  readonly features: Float32Array;
  readonly labels: Float32Array;
  readonly n: number;
}

export interface PlaygroundSetup {
  readonly problem: Problem;
  readonly inputSize: number;
  /** The input features in column order (saved with the model). */
  readonly featureNames: readonly string[];
  readonly hidden: readonly number[];
  readonly activation: HiddenActivation;
  readonly seed: number;
  readonly train: PointSet;
  readonly test: PointSet;
  /** Feature rows of the gridSize × gridSize heatmap grid (row-major, top row first). */
  readonly grid: Float32Array;
  readonly gridSize: number;
  /** The page's setup as its link's query, saved with the model so that the file reopens the same page. */
  readonly page?: string;
}

export interface PlaygroundHyper {
  readonly lr: number;
  readonly batchSize: number;
  readonly regularization: Regularization;
  readonly regRate: number;
}

/** One dense layer's weights, kernel is inputSize × units row-major. */
export interface LayerWeights {
  readonly inputSize: number;
  readonly units: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface PlaygroundSnapshot {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly weights: LayerWeights[];
  /**
   * For each layer (hidden layers then the output), gridSize² × units values: the layer's
   * output at every grid point, row-major with the unit as the fastest index.
   */
  readonly layerOutputs: Float32Array[];
  readonly running: boolean;
}

/** The optimizers the Iris, MNIST and Recurrent forms offer. */
export type FormOptimizer = 'sgd' | 'momentum' | 'adam';

/**
 * A training run of the Iris, MNIST or Recurrent tab: core's TrainConfig, which the worker runs
 * with core's `train` (defaults, split, preprocessing and network all decided there, as for the
 * CLI), plus only what is the page's own: the MNIST row limit and the sine task.
 */
export interface FitJob {
  /** The run. `data` names the set (MNIST's bytes come with the start message: the page fetched them); the page's forms always set the seed. */
  readonly config: TrainConfig & { readonly data: 'iris' | 'mnist' | 'sine' | 'text' | 'pattern-completion'; readonly seed: number };
  /** MNIST: the digits to use, the first `limit` after a shuffle seeded with the config's seed (in-browser training stays short). */
  readonly limit?: number;
  /** Recurrent tab (data 'sine'): the waves to forecast; the cell, its units and the window are the config's model, units and seqLen. */
  readonly sine?: SineTask;
  /** Recurrent tab (data 'text'): the rows to train on and how to sample text after each epoch. */
  readonly text?: TextTask;
}

export interface TextTask {
  /** Train on the first this many windows of the built-in text. */
  readonly rows: number;
  /** The text the samples continue (characters of the text's vocabulary). */
  readonly prompt: string;
  /** Characters generated per sample. */
  readonly length: number;
  /** Sampling temperature: 1 samples the model's distribution, 0 is greedy. */
  readonly temperature: number;
  /** Seed of the sampling: same model, prompt, temperature and seed, same text. */
  readonly sampleSeed: number;
}

/** Text the current model wrote (core's generateText). */
export interface TextSampleView {
  readonly prompt: string;
  /** The generated characters, after the prompt. */
  readonly text: string;
  readonly temperature: number;
  readonly seed: number;
}

/** The recurrent layer's hidden state at each step of one input window: values[t · units + j]. */
export interface HiddenStatesView {
  readonly steps: number;
  readonly units: number;
  readonly values: number[];
  /** What each step read (text: its character; '' for an empty step), when it is worth showing. */
  readonly labels?: readonly string[];
}

export interface SineTask {
  /** Period of the sine in steps. */
  readonly period: number;
  /** Standard deviation of the noise on the inputs. */
  readonly noise: number;
  /** Steps forecast after the seed window by feeding predictions back. */
  readonly steps: number;
}

/** A forecast drawn over the truth: the true series (seed window then continuation) and the predicted continuation. */
export interface ForecastView {
  readonly truth: number[];
  /** Forecast values for steps seqLen … seqLen + steps − 1 of `truth`. */
  readonly prediction: number[];
  readonly seqLen: number;
  /** Mean squared error of the forecast against the truth. */
  readonly mse: number;
}

/** One epoch's losses, for the live chart. */
export interface EpochPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly testLoss: number;
  readonly testAccuracy?: number;
}

export interface FitProgress {
  /** Epochs finished since the previous progress message (several when epochs are fast). */
  readonly points: readonly EpochPoint[];
  readonly epoch: number;
  readonly epochs: number;
  /** 0..1 within the whole job, updated per batch. */
  readonly fraction: number;
  readonly loss: number;
  readonly testLoss?: number;
  readonly testAccuracy?: number;
  /** confusion[actual][predicted] on the test rows, classification only. */
  readonly confusion?: number[][];
  /** Per-class precision and recall on the test rows (core's metrics). */
  readonly precision?: number[];
  readonly recall?: number[];
  readonly samplesPerSecond?: number;
  /** Recurrent tab: the current model's forecast over a held-out series. */
  readonly forecast?: ForecastView;
  /** Recurrent tab: the hidden state over the forecast's seed window (sine) or the prompt's window (text). */
  readonly hidden?: HiddenStatesView;
  /** Recurrent tab, text task: a sample of the current model's text. */
  readonly sample?: TextSampleView;
}

export interface ModelInfo {
  readonly inputSize: number;
  readonly outputSize: number;
  /** Human summary per layer, e.g. "dense 784→128 relu". */
  readonly layers: string[];
  readonly classNames?: readonly string[];
  readonly metadata?: ModelMetadata;
}

/** What `evaluate` answers. */
export interface EvaluationResult {
  readonly rows: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly confusion?: number[][];
  readonly precision?: number[];
  readonly recall?: number[];
  readonly classNames?: readonly string[];
}

/** What `first-layer` answers: the kernel is inputSize × units, row-major. */
export interface FirstLayerWeights {
  readonly inputSize: number;
  readonly units: number;
  readonly kernel: Float32Array;
}

/** The backend the worker trains on, as `backend.info` describes it, and why it is not wasm when it is not. */
export interface BackendReport {
  readonly name: string;
  /** e.g. 'wasm (relaxed-simd, 2 threads)'. */
  readonly description: string;
  /** Why the worker fell back to the TS backend; absent on wasm. */
  readonly fallback?: string;
}

/** What `bench-gemm` answers. */
export interface GemmBenchResult {
  readonly n: number;
  readonly threads: number;
  readonly description: string;
  readonly gflops: number;
  readonly runs: number;
}

/** How fast the playground trains while playing: epochs per drawn frame, or as fast as it can. */
export type PlaygroundSpeed = 'slow' | 'normal' | 'fast' | 'max';

/** One dense layer in an explained training step (all float64, from core's forward and backward pass). */
export interface ExplainLayer {
  readonly inputSize: number;
  readonly units: number;
  readonly activation: string;
  /** The layer's output a = f(z) for the example (the output layer's after its activation). */
  readonly output: Float64Array;
  /** Weights before the step, inputSize × units row-major. */
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
  /** ∂L/∂W, inputSize × units row-major. */
  readonly kernelGrad: Float64Array;
  /** δ = ∂L/∂z per unit (on one example it is ∂L/∂b). */
  readonly delta: Float64Array;
  /** Weights after one SGD step on the example. */
  readonly kernelAfter: Float64Array;
  readonly biasAfter: Float64Array;
}

/** One training step on one example, laid open (what `explain` answers). */
export interface ExplainStep {
  readonly input: Float64Array;
  readonly target: Float64Array;
  readonly loss: number;
  readonly lossName: string;
  readonly lr: number;
  /** L2 (core's weight decay λ: the update adds λ·w to a kernel weight's gradient) and L1 (adds λ·sign(w)); 0 when off. */
  readonly weightDecay: number;
  readonly l1: number;
  readonly layers: ExplainLayer[];
}

/**
 * One cue through a fixed-point network: the free units' states after each forward sweep (from
 * 0 to the fixed point; hidden units first, then outputs) and the adjoint δ after each backward
 * sweep for the error against the target.
 */
export interface FixedPointTrace {
  /** The clamped input units (0, 1, or 0.5 for unknown). */
  readonly inputs: readonly number[];
  readonly target: readonly number[];
  readonly hidden: number;
  readonly outputs: number;
  readonly activation: 'sigmoid' | 'tanh';
  readonly forward: readonly (readonly number[])[];
  readonly adjoint: readonly (readonly number[])[];
  /** Core's own `predict` for the cue: the output units at the fixed point its layer reaches. */
  readonly prediction: readonly number[];
}

/** The Recurrent tab's views of a loaded model: the task it fits, and what a run shows after an epoch. */
export interface RecurrentView {
  readonly task: 'sine' | 'text';
  readonly forecast?: ForecastView;
  readonly hidden: HiddenStatesView;
  readonly sample?: TextSampleView;
}

export type ToWorker =
  | { readonly type: 'pg-setup'; readonly setup: PlaygroundSetup; readonly hyper: PlaygroundHyper }
  | { readonly type: 'pg-hyper'; readonly hyper: PlaygroundHyper }
  | { readonly type: 'pg-play' }
  | { readonly type: 'pg-pause' }
  | { readonly type: 'pg-step' }
  /** Pace of play; the default is about one epoch per animation frame. */
  | { readonly type: 'pg-speed'; readonly speed: PlaygroundSpeed }
  /**
   * Explain one SGD step of the current model on one training example (row `row` of the
   * playground's training points, or of Iris through the model's preprocessing); `lr` is
   * the step's learning rate where the tab has no playground hyper-parameters.
   */
  | { readonly type: 'explain'; readonly id: number; readonly row: number; readonly lr?: number }
  /** Set one weight of the playground network (layer's kernel, row-major index), as Playground's link editor does; answered by a snapshot. */
  | { readonly type: 'pg-set-weight'; readonly layer: number; readonly index: number; readonly value: number }
  /** The page has drawn the last snapshot: the next may come (snapshots never queue up). */
  | { readonly type: 'pg-ack' }
  | { readonly type: 'fit-start'; readonly job: FitJob; readonly mnistBytes?: Uint8Array }
  | { readonly type: 'fit-stop' }
  /** Run the current model on rows and return its prediction and every layer's activations. */
  | { readonly type: 'predict'; readonly id: number; readonly x: Float32Array; readonly rows: number }
  /** Serialise the current model: the CLI's file format (the default), ONNX or safetensors. */
  | { readonly type: 'save'; readonly id: number; readonly format?: ModelFileFormat }
  /** Replace the current model by one read from a file; one of another shape than `expected` is refused, keeping the current one. */
  | { readonly type: 'load'; readonly id: number; readonly bytes: Uint8Array; readonly expected?: ExpectedShape }
  /** Score the current model on a built-in set (all rows), through the model's own preprocessing. */
  | { readonly type: 'evaluate'; readonly id: number; readonly dataset: 'iris' | 'mnist'; readonly mnistBytes?: Uint8Array }
  /** First-layer weights (MNIST tab). */
  | { readonly type: 'first-layer'; readonly id: number }
  /** Time n×n×n GEMM on a wasm backend of its own with `threads` threads for about `seconds` (the in-page benchmark). */
  | { readonly type: 'bench-gemm'; readonly id: number; readonly n: number; readonly threads: number; readonly seconds: number }
  /** Read a playground model file and hold its network until `pg-apply-loaded`; answers its PlaygroundFileInfo. */
  | { readonly type: 'pg-load'; readonly id: number; readonly bytes: Uint8Array }
  /** Put the held file's weights into the network of the last `pg-setup` (sent after the page rebuilt its setup from the file). */
  | { readonly type: 'pg-apply-loaded' }
  /** Recurrent tab: forecast or text sample, and hidden states, of the current (loaded) model (answers a RecurrentView). */
  | { readonly type: 'rnn-view'; readonly id: number; readonly sine: SineTask; readonly text: TextTask; readonly seed: number }
  /** Fixed-point tab: the stored patterns of the built-in pattern-completion set (answers number[][]). */
  | { readonly type: 'fp-patterns'; readonly id: number }
  /** Fixed-point tab: relax a cue forward and the adjoint back, sweep by sweep (answers a FixedPointTrace). */
  | { readonly type: 'fp-relax'; readonly id: number; readonly cue: readonly number[]; readonly target: readonly number[] }


export interface Prediction {
  readonly output: Float32Array;
  /** Every layer's output; `shape` is [channels, height, width] for image layers (convolutions, pooling). */
  readonly activations: { name: string; cols: number; data: Float32Array; shape?: readonly number[] }[];
}

export type FromWorker =
  /** Sent once, when the worker has chosen its backend (before it handles any other message). */
  | { readonly type: 'backend'; readonly backend: BackendReport }
  | { readonly type: 'pg-snapshot'; readonly snapshot: PlaygroundSnapshot }
  | { readonly type: 'fit-progress'; readonly progress: FitProgress }
  | { readonly type: 'fit-done'; readonly progress: FitProgress; readonly stopReason: string; readonly info: ModelInfo }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly type: 'error'; readonly message: string }
  /** A fit job that failed (a config refused, a divergence): the error and the progress at that point, whose epoch the message names. */
  | { readonly type: 'fit-failed'; readonly message: string; readonly progress: FitProgress };
