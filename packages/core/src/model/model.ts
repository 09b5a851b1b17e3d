/**
 * The Model: a stack of layers, a loss, and the training loop. Every arithmetic loop on the
 * training path runs in the Backend; this file only moves buffers around and keeps the books.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { defaultBackend } from '../backend/registry.js';
import { Rng } from '../util/rng.js';
import { BatchSource } from './batches.js';
import { RowBuffer } from './buffers.js';
import { DivergenceError } from './divergence.js';
import { checkEarlyStoppingState, EarlyStopping } from './early-stopping.js';
import { checkFitOptions, splitValidation } from './fit-options.js';
import { sgdUpdate, STORE_GRADIENTS, type GradientDestination, type Layer, type Param } from './layers/layer.js';
import { createLayer } from './layers/registry.js';
import { checkLossOptions, getLoss, otherLossesFor, outputActivationNeeded, type Loss } from './losses/index.js';
import {
  accumulateBinaryConfusion,
  accumulateConfusion,
  accuracyFromConfusion,
  countCorrect,
  countCorrectBinary,
  emptyConfusion,
  isBinary,
  isOneHot,
  precisionRecallF1,
} from './metrics.js';
import { createOptimizer, resolveOptimizerConfig, type Optimizer } from './optimizers/index.js';
import { Sgd } from './optimizers/sgd.js';
import { checkSchedule, scheduledLr } from './schedules.js';
import type { TrainingState } from './training-state.js';
import type {
  Dataset,
  DType,
  EpochLog,
  Evaluation,
  FitOptions,
  History,
  LayerActivations,
  LayerSpec,
  ModelSpec,
} from './types.js';
import { checkDataset, checkRows } from './validate.js';

/**
 * The most parameter values Model.create allocates unless told otherwise (2^30, 4 GiB of float32):
 * past it a typo such as 100000000 units would allocate until the process is killed.
 */
export const DEFAULT_MAX_PARAMETERS = 2 ** 30;

/** Options of Model.create. */
export interface CreateModelOptions {
  /**
   * Default: `defaultBackend(dtype)`, the highest-priority backend that has loaded: `native`
   * after `import '@backprop/node-native'` (when its addon loads), else `ts`.
   */
  readonly backend?: Backend;
  /** Seed of the PRNG behind initialisation, shuffling and dropout (default 42). */
  readonly seed?: number;
  /** Default 'float32'; 'float64' needs a backend with info.float64 (the TS backend), for gradcheck. */
  readonly dtype?: DType;
  /**
   * Refuse, before allocating it, a topology whose trainable parameters hold more values than
   * this (default 2^30: 4 GiB of float32 weights). deserializeModel passes the count a file stores, so a small file
   * whose topology claims huge layers is refused without allocating them.
   */
  readonly maxParameters?: number;
}

/** Rows per forward pass in predict/evaluate/activations: bounds activation memory on big sets. */
const INFERENCE_CHUNK = 1024;
/** Yield to the event loop at most this often (ms) during fit, so UIs and signal handlers run. */
const YIELD_EVERY_MS = 100;

const now = (): number => globalThis.performance.now();
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A feed-forward or recurrent network: a stack of layers and a loss on a backend. Build one with
 * `Model.create(spec)` (or load one with `deserializeModel` / `loadModel`), train it with `fit`,
 * use it with `predict` and `evaluate`.
 */
export class Model {
  /** The resolved spec (every layer default filled in): what a saved file's topology holds. */
  readonly spec: ModelSpec;
  readonly backend: Backend;
  readonly dtype: DType;
  readonly seed: number;
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly layerList: Layer[];
  private readonly paramList: Param[];
  /** The parameters optimizers step and clipping scales: paramList without the untrained state. */
  private readonly trainableList: Param[];
  private readonly lossFn: Loss;
  private readonly rng: Rng;
  /** Whether the output layer's activation is skipped in the network and applied by predict. */
  private readonly head: 'softmax' | 'sigmoid' | null;
  private readonly gradBuf: RowBuffer;
  private readonly headBuf: RowBuffer;
  private readonly inputBuf: RowBuffer;
  private optimizer: Optimizer | null = null;
  private optimizerKey = '';
  private optimizerConfig: ReturnType<typeof resolveOptimizerConfig> | null = null;
  private stopper: EarlyStopping | null = null;
  private pendingEarlyStopping: TrainingState['earlyStopping'] | null = null;
  private epochsDone = 0;
  /** A fit call is running (fit yields between batches, so a second one could interleave). */
  private fitting = false;
  /** The last fit was aborted between batches: weights, moments and PRNG belong to no epoch end. */
  private partialEpoch = false;

  private constructor(spec: ModelSpec, backend: Backend, seed: number, dtype: DType, maxParameters: number) {
    if (spec === null || typeof spec !== 'object') throw new TypeError('Model.create: expected a ModelSpec { inputSize, layers, loss }');
    if (!Number.isInteger(spec.inputSize) || spec.inputSize < 1) {
      throw new RangeError(`Model.create: inputSize must be a positive integer, got ${String(spec.inputSize)}`);
    }
    if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new RangeError('Model.create: a model needs at least one layer');
    if (dtype !== 'float32' && dtype !== 'float64') throw new RangeError(`Model.create: dtype must be 'float32' or 'float64', got ${String(dtype)}`);
    if (dtype === 'float64' && !backend.info.float64) {
      throw new Error(`Model.create: backend '${backend.info.name}' does not accept float64 (use the 'ts' backend for gradcheck)`);
    }
    this.backend = backend;
    this.dtype = dtype;
    this.seed = seed;
    this.rng = new Rng(seed);
    const lossOptions = checkLossOptions(spec.loss, spec.lossOptions);
    this.lossFn = getLoss(spec.loss, lossOptions);
    this.inputSize = spec.inputSize;
    const inputShape = checkInputShape(spec.inputShape, spec.inputSize);
    this.layerList = [];
    let size = spec.inputSize;
    let shape: readonly number[] = inputShape ?? [spec.inputSize];
    let budget = maxParameters;
    spec.layers.forEach((layerSpec: LayerSpec, index) => {
      // Checked before each layer allocates (see LayerContext.reserve).
      const reserve = (values: number): void => {
        if (!(values <= budget)) {
          throw new RangeError(
            `Model.create: layer ${index + 1} needs ${values} parameter values, more than the ${budget} left of maxParameters (${maxParameters})`,
          );
        }
        budget -= values;
      };
      const context = { backend, rng: this.rng, dtype, index, inputShape: shape, ...(Number.isFinite(maxParameters) ? { reserve } : {}) };
      const layer = createLayer(layerSpec, size, context);
      this.layerList.push(layer);
      size = layer.outputSize;
      shape = layer.outputShape ?? [size];
    });
    this.outputSize = size;
    if ((this.lossFn.name === 'cross-entropy' || this.lossFn.name === 'kl-divergence' || this.lossFn.name === 'hinge') && size < 2) {
      // Softmax over a single value is always 1: the loss is 0 whatever the weights, yet its
      // gradient (1 − t) keeps moving them, and every prediction is "class 0" at probability 1.
      throw new RangeError(`loss '${this.lossFn.name}' needs at least 2 outputs, the model has ${size}; for one 0/1 output use 'binary-cross-entropy'`);
    }
    this.paramList = this.layerList.flatMap((l) => [...l.params()]);
    this.trainableList = this.paramList.filter((p) => p.trainable !== false);
    this.head = this.fuseHead();
    this.spec = {
      inputSize: spec.inputSize,
      ...(inputShape ? { inputShape } : {}),
      layers: this.layerList.map((l) => l.toSpec()),
      loss: this.lossFn.name,
      ...(lossOptions ? { lossOptions } : {}),
    };
    this.gradBuf = new RowBuffer(dtype, size);
    this.headBuf = new RowBuffer(dtype, size);
    this.inputBuf = new RowBuffer(dtype, spec.inputSize);
  }

  /**
   * Build a model from its spec, initialised from the seeded PRNG (same seed, same backend ⇒
   * bit-identical training). Without `options.backend` it runs on the default backend: `native`
   * once `@backprop/node-native` is imported and its addon loads, else `ts` (see `defaultBackend`).
   * @param spec input size, layers and loss
   * @param options backend, seed, dtype and a parameter limit
   * @throws on an invalid spec: unknown layer type, activation, init or loss, bad sizes, or an
   *   output activation that the loss cannot fuse with
   */
  static create(spec: ModelSpec, options: CreateModelOptions = {}): Model {
    const seed = options.seed ?? 42;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`Model.create: seed must be an integer in [0, 4294967295], got ${String(seed)}`);
    }
    const max = options.maxParameters ?? DEFAULT_MAX_PARAMETERS;
    if (!(max >= 0)) throw new RangeError(`Model.create: maxParameters must be a number ≥ 0, got ${String(options.maxParameters)}`);
    return new Model(spec, options.backend ?? defaultBackend(options.dtype), seed, options.dtype ?? 'float32', max);
  }

  /** Fused losses read the logits: make the output layer skip its activation. */
  private fuseHead(): 'softmax' | 'sigmoid' | null {
    const fused = this.lossFn.fusedActivation;
    if (!fused) return null;
    const last = this.layerList[this.layerList.length - 1] as Layer;
    const act = last.activation;
    const needed = outputActivationNeeded(this.lossFn.name, act);
    if (needed) {
      throw new Error(
        `loss '${this.lossFn.name}' needs the output layer's activation to be ${needed} or linear, got '${String(act)}'; use ${otherLossesFor(needed)} with that output activation`,
      );
    }
    if (act === fused && !last.setEmitLogits) throw new Error(`loss '${this.lossFn.name}': the output layer '${last.type}' cannot emit logits`);
    if (act === fused) last.setEmitLogits?.(true);
    return fused;
  }

  /** The layers, in order (read-only view). */
  get layers(): readonly Layer[] {
    return this.layerList;
  }

  /** Epochs trained so far (across fit calls and resumes). */
  get epoch(): number {
    return this.epochsDone;
  }

  /**
   * Every parameter, in layer order then each layer's order (the saved-file order): the trainable
   * ones and the state saved with them (batch normalisation's running statistics, `trainable: false`).
   */
  parameters(): readonly Param[] {
    return this.paramList;
  }

  /** Number of trainable values (weights and biases) in the model. */
  parameterCount(): number {
    return this.trainableList.reduce((s, p) => s + p.value.length, 0);
  }

  /** Copies of every parameter's values (as float32), in `parameters()` order. */
  getWeights(): Float32Array[] {
    return this.paramList.map((p) => Float32Array.from(p.value));
  }

  /** Replace every parameter's values; counts and lengths must match `getWeights()`. */
  setWeights(weights: readonly FloatArray[]): void {
    if (!Array.isArray(weights) || weights.length !== this.paramList.length) {
      throw new RangeError(`setWeights: expected ${this.paramList.length} arrays, got ${Array.isArray(weights) ? weights.length : typeof weights}`);
    }
    weights.forEach((w, i) => {
      const p = this.paramList[i] as Param;
      if (w.length !== p.value.length) {
        throw new RangeError(`setWeights: array ${i} (${p.name} [${p.shape.join('×')}]) needs ${p.value.length} values, got ${w.length}`);
      }
      // Value by value, so the error can tell NaN/∞ from a finite value beyond float32's range
      // (refused for float64 models too: getWeights and model files hold float32).
      for (let j = 0; j < w.length; j++) {
        const v = w[j] as number;
        if (!Number.isFinite(v)) throw new RangeError(`setWeights: array ${i} (${p.name}) holds ${String(v)} at index ${j}`);
        if (!Number.isFinite(Math.fround(v))) {
          throw new RangeError(`setWeights: array ${i} (${p.name}) value ${String(v)} at index ${j} is beyond float32's range (weights are kept and saved as float32)`);
        }
      }
    });
    weights.forEach((w, i) => (this.paramList[i] as Param).value.set(w));
  }

  /** A human-readable table of the layers, their output sizes and parameter counts. */
  summary(): string {
    const rows = this.layerList.map((l, i) => {
      const n = l.params().reduce((s, p) => s + (p.trainable === false ? 0 : p.value.length), 0);
      const act = l.activation ? ` (${l.activation})` : '';
      const inShape = i === 0 ? (this.spec.inputShape ?? [l.inputSize]) : (this.layerList[i - 1]?.outputShape ?? [l.inputSize]);
      return [`${i + 1}`, `${l.type}${act}`, `${inShape.join('×')} → ${(l.outputShape ?? [l.outputSize]).join('×')}`, `${n}`];
    });
    const header = ['#', 'layer', 'shape', 'params'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
    const line = (r: string[]): string => r.map((v, c) => v.padEnd(widths[c] as number)).join('  ').trimEnd();
    return [
      `Model: ${this.inputSize} input${this.inputSize === 1 ? '' : 's'} → ${this.outputSize} output${this.outputSize === 1 ? '' : 's'}, loss ${this.lossFn.name}, ${this.dtype}, backend ${this.backend.info.name}`,
      line(header),
      ...rows.map(line),
      `Total parameters: ${this.parameterCount()}`,
    ].join('\n');
  }

  // ------------------------------------------------------------------ forward / backward

  /** Network output for `rows` rows (the logits when the loss is fused). */
  private forward(x: FloatArray, rows: number, training: boolean): FloatArray {
    let h = x;
    for (let i = 0; i < this.layerList.length; i++) h = (this.layerList[i] as Layer).forward(h, rows, training);
    return h;
  }

  /**
   * One forward and backward pass: every parameter's `grad` becomes ∂loss/∂param for these rows;
   * returns the reported loss and the objective whose gradient this is (see Loss). Inputs are in the model's dtype. With `inputGrad`, also returns
   * ∂loss/∂x (used by gradcheck); `training` false runs dropout as the identity.
   */
  lossAndGradients(
    x: FloatArray,
    y: FloatArray,
    rows: number,
    training = true,
    inputGrad = false,
  ): { loss: number; objective: number; output: FloatArray; inputGrad: FloatArray | null } {
    const out = this.forward(x, rows, training);
    const grad = this.gradBuf.view(rows);
    const loss = this.lossFn.compute(this.backend, rows, this.outputSize, out, y, grad);
    const g = this.backward(grad, rows, inputGrad, STORE_GRADIENTS);
    const objective = loss * this.lossFn.objectiveScale(rows, this.outputSize);
    return { loss, objective, output: out, inputGrad: inputGrad ? g : null };
  }

  /** Backpropagate ∂loss/∂output through every layer, writing parameter gradients through `destination`; returns ∂loss/∂x when `inputGrad`. */
  private backward(grad: FloatArray, rows: number, inputGrad: boolean, destination: GradientDestination): FloatArray | null {
    let g: FloatArray | null = grad;
    for (let i = this.layerList.length - 1; i >= 0; i--) {
      g = (this.layerList[i] as Layer).backward(g as FloatArray, rows, i > 0 || inputGrad, destination);
    }
    return g;
  }

  /**
   * Plain SGD's training step: forward, loss, then the backward pass with destination
   * sgdUpdate(lr), so that every layer applies w ← w − lr·∂loss/∂w as it writes the gradient (see
   * layers/layer.ts). Returns the reported loss; when it is not finite, nothing is updated (the
   * caller throws a DivergenceError).
   */
  private lossAndSgdStep(x: FloatArray, y: FloatArray, rows: number, update: GradientDestination): { loss: number; output: FloatArray } {
    const out = this.forward(x, rows, true);
    const grad = this.gradBuf.view(rows);
    const loss = this.lossFn.compute(this.backend, rows, this.outputSize, out, y, grad);
    if (Number.isFinite(loss)) this.backward(grad, rows, false, update);
    return { loss, output: out };
  }

  /** The optimizer when fit may use lossAndSgdStep (plain SGD, no clipping, every layer with params has fusesUpdate), else null. */
  private fusableSgd(optimizer: Optimizer, clipNorm: number | undefined): Sgd | null {
    const fusable =
      optimizer instanceof Sgd &&
      optimizer.plain &&
      clipNorm === undefined &&
      this.layerList.every((l) => l.params().length === 0 || l.fusesUpdate === true);
    return fusable ? optimizer : null;
  }

  /** Scale all gradients so that their global L2 norm is at most `maxNorm`. */
  private clipGradients(maxNorm: number): void {
    const b = this.backend;
    let sq = 0;
    for (const p of this.trainableList) sq += b.sumSquares(p.grad.length, p.grad);
    const norm = Math.sqrt(sq);
    if (norm > maxNorm) for (const p of this.trainableList) b.scale(p.grad.length, maxNorm / norm, p.grad);
  }

  /** Apply the fused output activation (softmax/sigmoid) to logits, into the model's head buffer. */
  private applyHead(out: FloatArray, rows: number): FloatArray {
    if (!this.head) return out;
    const y = this.headBuf.view(rows);
    if (this.head === 'softmax') this.backend.softmax(rows, this.outputSize, out, y);
    else this.backend.activation('sigmoid', rows * this.outputSize, out, y, 0);
    return y;
  }

  /** Input rows [start, start+rows) of x in the model's dtype (a view for float32). */
  private inputRows(x: Float32Array, start: number, rows: number): FloatArray {
    const n = this.inputSize;
    const view = x.subarray(start * n, (start + rows) * n);
    if (this.dtype === 'float32') return view;
    const buf = this.inputBuf.view(rows);
    buf.set(view);
    return buf;
  }

  // ------------------------------------------------------------------ inference

  /**
   * Outputs for `rows` rows of x (rows × inputSize): after the output activation, i.e. softmax
   * probabilities for 'cross-entropy' and sigmoid probabilities for 'binary-cross-entropy'.
   * @returns a new rows × outputSize Float32Array
   */
  predict(x: Float32Array, rows: number): Float32Array {
    checkRows(this.backend, x, rows, this.inputSize, 'predict');
    const result = new Float32Array(rows * this.outputSize);
    for (let start = 0; start < rows; start += INFERENCE_CHUNK) {
      const r = Math.min(INFERENCE_CHUNK, rows - start);
      const out = this.applyHead(this.forward(this.inputRows(x, start, r), r, false), r);
      result.set(out, start * this.outputSize);
    }
    return result;
  }

  /**
   * Every layer's output for `rows` rows of x (inference mode), for inspection and
   * visualisation. The output layer's entry is after its activation (probabilities).
   * `layer` is the 0-based index into `layers`; `name` is `<type>_<1-based index>`.
   */
  activations(x: Float32Array, rows: number): LayerActivations[] {
    checkRows(this.backend, x, rows, this.inputSize, 'activations');
    const last = this.layerList.length - 1;
    const result = this.layerList.map((l, i) => ({
      layer: i,
      type: l.type,
      name: `${l.type}_${i + 1}`,
      rows,
      cols: l.outputSize,
      data: new Float32Array(rows * l.outputSize),
    }));
    for (let start = 0; start < rows; start += INFERENCE_CHUNK) {
      const r = Math.min(INFERENCE_CHUNK, rows - start);
      let h = this.inputRows(x, start, r);
      this.layerList.forEach((l, i) => {
        h = l.forward(h, r, false);
        const a = result[i] as LayerActivations;
        a.data.set(i === last ? this.applyHead(h, r) : h, start * l.outputSize);
      });
    }
    return result;
  }

  /** Whether a data set is scored as classification (accuracy, confusion, P/R/F1). */
  isClassification(data: Dataset): boolean {
    return this.scoring(data) !== null;
  }

  /**
   * 'argmax': classes are the argmax of a row (cross-entropy, or one-hot targets of ≥ 2 columns);
   * 'binary': one output with targets that are all 0 or 1, whatever the loss: class 1 when the
   * output is > 0.5 (> 0 for a fused sigmoid head, whose output is the logit);
   * null: regression, loss only.
   */
  private scoring(data: Dataset, rows: Uint32Array | null = null): 'argmax' | 'binary' | null {
    const n = rows ? rows.length : data.n;
    const index = rows ?? undefined;
    if (this.outputSize >= 2) {
      return this.lossFn.name === 'cross-entropy' || isOneHot(data.y, n, data.outputSize, index) ? 'argmax' : null;
    }
    return isBinary(data.y, n, index) ? 'binary' : null;
  }

  /** Correct predictions in one batch of network outputs (logits when the loss is fused). */
  private correctIn(kind: 'argmax' | 'binary', output: FloatArray, y: FloatArray, rows: number): number {
    // With a fused sigmoid the output is the logit: p > 0.5 ⇔ z > 0.
    return kind === 'argmax' ? countCorrect(output, y, rows, this.outputSize) : countCorrectBinary(output, y, rows, this.head ? 0 : 0.5);
  }

  /**
   * Loss over a data set (mean over rows), and for classification — loss 'cross-entropy', any
   * loss with one-hot targets of ≥ 2 columns, or any loss on one output with 0/1 targets
   * (2 classes, threshold 0.5 on the output) — accuracy, confusion[actual][predicted] and
   * per-class precision, recall and F1.
   */
  evaluate(data: Dataset): Evaluation {
    checkDataset(this.backend, data, this.inputSize, this.outputSize, 'evaluate');
    return this.score(data, this.scoring(data), true);
  }

  private score(data: Dataset, kind: 'argmax' | 'binary' | null, full: boolean): Evaluation {
    const cols = this.outputSize;
    const confusion = kind ? emptyConfusion(kind === 'binary' ? 2 : cols) : null;
    let lossSum = 0;
    for (let start = 0; start < data.n; start += INFERENCE_CHUNK) {
      const r = Math.min(INFERENCE_CHUNK, data.n - start);
      const out = this.forward(this.inputRows(data.x, start, r), r, false);
      let y: FloatArray = data.y.subarray(start * cols, (start + r) * cols);
      if (this.dtype === 'float64') {
        const buf = this.headBuf.view(r);
        buf.set(y);
        y = buf;
      }
      lossSum += this.lossFn.compute(this.backend, r, cols, out, y, this.gradBuf.view(r)) * r;
      if (confusion && kind === 'argmax') accumulateConfusion(confusion, out, y, r, cols);
      else if (confusion) accumulateBinaryConfusion(confusion, out, y, r, this.head ? 0 : 0.5);
    }
    const loss = lossSum / data.n;
    if (!confusion) return { loss };
    const accuracy = accuracyFromConfusion(confusion);
    return full ? { loss, accuracy, confusion, ...precisionRecallF1(confusion) } : { loss, accuracy };
  }

  // ------------------------------------------------------------------ training

  /**
   * Train on `train`. Resolves with the history when the epochs are done, early stopping or a
   * callback stops training, or `signal` aborts. Rejects with a DivergenceError when the loss
   * becomes NaN or infinite, and with a clear error for malformed data or options.
   */
  async fit(train: Dataset, options: FitOptions): Promise<History> {
    if (this.fitting) {
      throw new Error('fit: this model is already training (an earlier fit call has not finished); await it, or abort it with its signal, before calling fit again');
    }
    this.fitting = true;
    try {
      return await this.fitOnce(train, options);
    } finally {
      this.fitting = false;
    }
  }

  private async fitOnce(train: Dataset, options: FitOptions): Promise<History> {
    checkFitOptions(options);
    checkDataset(this.backend, train, this.inputSize, this.outputSize, 'training data');
    const config = resolveOptimizerConfig(options.optimizer);
    const schedule = checkSchedule(options.schedule);
    // With validationSplit, training reads its rows of `train` through this index (no copy).
    let trainRows: Uint32Array | null = null;
    let valSet = options.validationData;
    if (valSet) checkDataset(this.backend, valSet, this.inputSize, this.outputSize, 'validation data');
    else if (options.validationSplit !== undefined) {
      const split = splitValidation(train, options.validationSplit, this.seed);
      trainRows = split.trainRows;
      valSet = split.validation;
    }

    // The optimizer (and its moments) carries over between fit calls with the same config.
    const key = JSON.stringify(config);
    if (!this.optimizer || key !== this.optimizerKey) {
      this.optimizer = createOptimizer(config, this.backend, this.trainableList, this.dtype);
      this.optimizerKey = key;
      this.optimizerConfig = config;
    }
    const optimizer = this.optimizer;
    const initialEpoch = options.initialEpoch ?? 0;
    this.stopper = null;
    if (options.earlyStopping) {
      this.stopper = new EarlyStopping(options.earlyStopping, this.paramList);
      if (this.pendingEarlyStopping && initialEpoch > 0) this.stopper.setState(this.pendingEarlyStopping);
    }
    this.pendingEarlyStopping = null;
    const stopper = this.stopper;

    const n = trainRows ? trainRows.length : train.n;
    const batchSize = options.batchSize <= 0 || options.batchSize >= n ? n : options.batchSize;
    const source = new BatchSource(train, trainRows, batchSize, options.shuffle ?? true, this.dtype, this.rng);
    const scoring = this.scoring(train, trainRows);
    const valScoring = valSet ? this.scoring(valSet) : null;
    const epochs = options.epochs;
    const logs: EpochLog[] = [];
    let stopReason: History['stopReason'] = 'completed';
    // An abort between batches leaves weights that belong to no completed epoch.
    let midEpoch = false;
    let lastYield = now();
    // Rows trained and seconds of training time in this fit so far (EpochLog.samplesPerSecond).
    let fitRows = 0;
    let fitSeconds = 0;
    const signal = options.signal;
    // Plain SGD: the update rides on the backward pass (no gradient store, no update pass).
    const fusedSgd = this.fusableSgd(optimizer, options.clipNorm);

    epochLoop: for (let e = initialEpoch; e < epochs; e++) {
      if (signal?.aborted) {
        stopReason = 'aborted';
        break;
      }
      const lr = scheduledLr(schedule, config.lr, e, epochs);
      const update = fusedSgd ? sgdUpdate(lr) : null;
      let tStart = now();
      let trainTime = 0;
      let lossSum = 0;
      let correct = 0;
      source.startEpoch();
      for (let b = 0; b < source.batches; b++) {
        source.load(b);
        const rows = source.rows;
        const { loss, output } = update
          ? this.lossAndSgdStep(source.x, source.y, rows, update)
          : this.lossAndGradients(source.x, source.y, rows, true);
        if (!Number.isFinite(loss)) throw new DivergenceError(e + 1, b + 1, source.batches, loss, lr);
        if (fusedSgd) fusedSgd.countFusedStep();
        else {
          if (options.clipNorm !== undefined) this.clipGradients(options.clipNorm);
          optimizer.step(this.trainableList, lr);
        }
        lossSum += loss * rows;
        if (scoring) correct += this.correctIn(scoring, output, source.y, rows);
        options.onBatchEnd?.({ epoch: e + 1, batch: b + 1, batches: source.batches, loss, samples: rows });
        if (signal?.aborted) {
          stopReason = 'aborted';
          midEpoch = true;
          break epochLoop;
        }
        if (now() - lastYield > YIELD_EVERY_MS) {
          trainTime += now() - tStart;
          await yieldToEventLoop();
          lastYield = tStart = now();
          if (signal?.aborted) {
            stopReason = 'aborted';
            midEpoch = true;
            break epochLoop;
          }
        }
      }
      trainTime += now() - tStart;
      const seconds = Math.max(1e-9, trainTime / 1000);
      this.epochsDone = e + 1;
      const trainLoss = lossSum / n;
      fitRows += n;
      fitSeconds += seconds;
      let log: EpochLog = { epoch: e + 1, epochs, loss: trainLoss, lr, seconds, samplesPerSecond: fitRows / fitSeconds };
      if (scoring) log = { ...log, accuracy: correct / n };
      if (valSet) {
        const v = this.score(valSet, valScoring, false);
        log = { ...log, valLoss: v.loss, ...(v.accuracy !== undefined ? { valAccuracy: v.accuracy } : {}) };
      }
      logs.push(log);
      const shouldStop = stopper ? stopper.update(log.valLoss ?? log.loss, e + 1) : false;
      let verdict = options.onEpochEnd?.(log);
      if (verdict && typeof (verdict as Promise<unknown>).then === 'function') verdict = await verdict;
      if (verdict === false) {
        stopReason = 'callback';
        break;
      }
      if (shouldStop) {
        stopReason = 'early-stopping';
        break;
      }
    }
    this.partialEpoch = midEpoch;
    const restored = stopper ? stopper.restoreBest() : 0;
    const bestEpoch = restored > 0 ? restored : logs.length > 0 && !midEpoch ? (logs[logs.length - 1] as EpochLog).epoch : undefined;
    return bestEpoch !== undefined ? { epochs: logs, stopReason, bestEpoch } : { epochs: logs, stopReason };
  }

  // ------------------------------------------------------------------ checkpoint state

  /** Copies of everything besides the weights that a resumed run needs to continue exactly. */
  getTrainingState(): TrainingState {
    if (this.partialEpoch) {
      throw new Error(
        `training state: the last fit was aborted part-way through epoch ${this.epochsDone + 1}, so the weights, optimizer state and ` +
          'PRNG belong to no epoch end and a resumed run could not continue exactly. Take checkpoints in onEpochEnd ' +
          '(getWeights() and getTrainingState()) and save the last one, as the CLI does.',
      );
    }
    const base = { epoch: this.epochsDone, rng: this.rng.getState() };
    const opt = this.optimizer && this.optimizerConfig ? { optimizer: { config: this.optimizerConfig, state: this.optimizer.getState() } } : {};
    const esState = this.stopper ? this.stopper.getState() : this.pendingEarlyStopping;
    const es = esState ? { earlyStopping: esState } : {};
    return { ...base, ...opt, ...es };
  }

  /**
   * Restore a state from getTrainingState (with the weights set separately). Then call fit with
   * `initialEpoch: state.epoch`, the same optimizer config and the same total epochs.
   */
  setTrainingState(state: TrainingState): void {
    // Every check runs before anything changes, so a refused state leaves the model as it was.
    if (!Number.isInteger(state.epoch) || state.epoch < 0) throw new RangeError(`training state: invalid epoch ${String(state.epoch)}`);
    if (!Array.isArray(state.rng) || state.rng.length !== 5 || typeof state.rng[4] !== 'number') {
      throw new RangeError('training state: invalid RNG state (expected 4 state words and the cached normal)');
    }
    if (state.earlyStopping) checkEarlyStoppingState(state.earlyStopping, this.paramList);
    let restored: { optimizer: Optimizer; config: ReturnType<typeof resolveOptimizerConfig> } | null = null;
    if (state.optimizer) {
      const config = resolveOptimizerConfig(state.optimizer.config);
      const optimizer = createOptimizer(config, this.backend, this.trainableList, this.dtype);
      optimizer.setState(state.optimizer.state);
      restored = { optimizer, config };
    }
    this.rng.setState(state.rng);
    this.epochsDone = state.epoch;
    this.partialEpoch = false;
    if (restored) {
      this.optimizer = restored.optimizer;
      this.optimizerConfig = restored.config;
      this.optimizerKey = JSON.stringify(restored.config);
    }
    this.stopper = null;
    this.pendingEarlyStopping = state.earlyStopping ?? null;
  }
}

/** The model's inputShape, checked against inputSize (absent: rows are plain vectors). */
function checkInputShape(shape: readonly number[] | undefined, inputSize: number): readonly number[] | undefined {
  if (shape === undefined) return undefined;
  if (!Array.isArray(shape) || shape.length === 0 || shape.length > 4 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new RangeError(`Model.create: inputShape must be a list of 1 to 4 positive integers (e.g. [1, 28, 28]), got ${JSON.stringify(shape)}`);
  }
  const product = shape.reduce((a: number, d: number) => a * d, 1);
  if (product !== inputSize) {
    throw new RangeError(
      `Model.create: inputShape [${shape.join(', ')}] holds ${product} values but inputSize is ${inputSize}; ` +
        `they must agree (an image of C channels, H rows and W columns has inputSize C·H·W)`,
    );
  }
  return [...(shape as number[])];
}
