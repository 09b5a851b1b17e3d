/**
 * The recurrent layers `rnn` (Elman), `lstm` and `gru` as model layers.
 *
 * Input layout (batch-major): each input row is one whole sequence of `seqLen` steps of
 * `features` values, flattened time-major within the row:
 *   row b = [x_b(0)_0, …, x_b(0)_{F−1}, x_b(1)_0, …, x_b(T−1)_{F−1}]     (inputSize = T·F)
 * Output: with `returnSequences` (sequence-to-sequence) the hidden state of every step, laid out
 * the same way (outputSize = T·H); without it (sequence-to-one, the default) the last hidden
 * state h(T−1) (outputSize = H). Each forward pass starts from a zero state, so rows are
 * independent sequences and the model's batching, shuffling and gradcheck apply unchanged.
 *
 * Stateful inference: `resetState` / `step` run the cell one time step at a time, carrying
 * h (and c) between calls; see also `forecast` in ./forecast.ts.
 *
 * Training: full BPTT by default; `truncate: k` gives truncated BPTT with windows of k steps
 * (see RecurrentCore for the exact objective). Gradient clipping is the model's
 * `FitOptions.clipNorm`, which sees these params like any other.
 */
import type { ElementwiseActivation, FloatArray } from '../backend/backend.js';
import { ELEMENTWISE_ACTIVATIONS, OUTPUT_DERIVATIVE_ACTIVATIONS } from '../backend/backend.js';
import { checkInit, initialise } from '../model/layers/init.js';
import type { Layer, LayerContext, Param } from '../model/layers/layer.js';
import { checkSpecKeys } from '../model/layers/spec-keys.js';
import type { InitName, LayerSpec } from '../model/types.js';
import { ElmanCore } from './elman-core.js';
import { GruCore } from './gru-core.js';
import { LstmCore } from './lstm-core.js';
import { fillOrthogonal } from './orthogonal.js';
import type { RecurrentCore } from './recurrent-core.js';
import { Scratch } from './scratch.js';
import { toBatchMajor, toTimeMajor } from './sequence-layout.js';

/** The recurrent cells: Elman `rnn`, `lstm` and `gru` (PyTorch gate orders). */
export type RecurrentKind = 'rnn' | 'lstm' | 'gru';
export const RECURRENT_KINDS: readonly RecurrentKind[] = ['rnn', 'lstm', 'gru'];

/** Spec of an `rnn`, `lstm` or `gru` layer. */
export type RecurrentSpec = {
  readonly type: RecurrentKind;
  /** H: hidden units. */
  readonly units: number;
  /** F: values per time step. Give `features` or `seqLen` (or both); the other is inputSize / it. */
  readonly features?: number;
  /** T: steps per sequence. */
  readonly seqLen?: number;
  /** Output every step's hidden state (T·H per row) instead of the last one (H). Default false. */
  readonly returnSequences?: boolean;
  /** Truncated-BPTT window k in steps; 0 or absent: full BPTT. */
  readonly truncate?: number;
  /** Elman only: the recurrence's activation, default 'tanh'. */
  readonly activation?: ElementwiseActivation;
  /** Input kernel init, default 'xavier-uniform'. */
  readonly init?: InitName;
  /** Recurrent kernel init, default 'orthogonal'. */
  readonly recurrentInit?: InitName | 'orthogonal';
};

/**
 * An `rnn`, `lstm` or `gru` layer trained by backpropagation through time (full or truncated).
 * Models build it from a `RecurrentSpec`; use it directly for stateful stepping (`resetState`,
 * `step`) on `model.layers[i]`.
 */
export class RecurrentLayer implements Layer {
  readonly type: RecurrentKind;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly units: number;
  readonly features: number;
  readonly seqLen: number;
  readonly returnSequences: boolean;
  readonly truncate: number;
  readonly cellActivation: ElementwiseActivation;
  readonly init: InitName;
  readonly recurrentInit: InitName | 'orthogonal';
  /** The numeric engine (exposed for benchmarks and tests). */
  readonly core: RecurrentCore;
  private readonly paramList: Param[];
  private readonly xTm: Scratch;
  private readonly out: Scratch;
  private readonly dHs: Scratch;
  private readonly dXtm: Scratch;
  private readonly dx: Scratch;
  private readonly stateH: Scratch;
  private readonly stateC: Scratch;
  private stateRows = 0;
  private forwardRows = -1;

  constructor(inputSize: number, spec: RecurrentSpec, context: LayerContext) {
    const where = `layer ${context.index + 1} (${String(spec.type)})`;
    if (!(RECURRENT_KINDS as readonly string[]).includes(spec.type)) {
      throw new Error(`${where}: type must be one of ${RECURRENT_KINDS.join(', ')}`);
    }
    this.type = spec.type;
    this.inputSize = inputSize;
    const positiveInt = (v: unknown, name: string): number => {
      if (!Number.isInteger(v) || (v as number) < 1) throw new Error(`${where}: ${name} must be a positive integer, got ${String(v)}`);
      return v as number;
    };
    this.units = positiveInt(spec.units, 'units');
    if (spec.features === undefined && spec.seqLen === undefined) {
      throw new Error(`${where}: give 'features' (values per step) or 'seqLen' (steps per sequence)`);
    }
    const features = spec.features !== undefined ? positiveInt(spec.features, 'features') : inputSize / positiveInt(spec.seqLen, 'seqLen');
    const seqLen = spec.seqLen !== undefined ? positiveInt(spec.seqLen, 'seqLen') : inputSize / features;
    if (!Number.isInteger(features) || !Number.isInteger(seqLen) || features * seqLen !== inputSize) {
      throw new Error(
        `${where}: input width ${inputSize} is not seqLen × features (seqLen ${String(spec.seqLen ?? seqLen)}, features ${String(spec.features ?? features)})`,
      );
    }
    this.features = features;
    this.seqLen = seqLen;
    this.returnSequences = spec.returnSequences ?? false;
    if (typeof this.returnSequences !== 'boolean') throw new Error(`${where}: returnSequences must be true or false`);
    this.truncate = spec.truncate ?? 0;
    if (!Number.isInteger(this.truncate) || this.truncate < 0) {
      throw new Error(`${where}: truncate (BPTT window) must be a non-negative integer number of steps, got ${String(spec.truncate)}`);
    }
    this.cellActivation = spec.activation ?? 'tanh';
    if (!ELEMENTWISE_ACTIVATIONS.includes(this.cellActivation)) {
      throw new Error(`${where}: unknown activation '${String(spec.activation)}' (expected one of ${ELEMENTWISE_ACTIVATIONS.join(', ')})`);
    }
    // The Elman core computes h in place of its pre-activation, so f' must come from h = f(a).
    if (!OUTPUT_DERIVATIVE_ACTIVATIONS.includes(this.cellActivation)) {
      throw new Error(`${where}: the rnn cell's activation must be one of ${OUTPUT_DERIVATIVE_ACTIVATIONS.join(', ')} (its derivative is taken from h), got '${this.cellActivation}'`);
    }
    if (this.type !== 'rnn' && spec.activation !== undefined && spec.activation !== 'tanh') {
      throw new Error(`${where}: only the Elman 'rnn' layer takes an activation (lstm/gru gates are fixed)`);
    }
    this.init = checkInit(spec.init ?? 'xavier-uniform', where);
    this.recurrentInit = spec.recurrentInit === 'orthogonal' || spec.recurrentInit === undefined ? 'orthogonal' : checkInit(spec.recurrentInit, where);
    this.outputSize = this.returnSequences ? seqLen * this.units : this.units;

    const config = { backend: context.backend, dtype: context.dtype, features, units: this.units, ...(context.reserve ? { reserve: context.reserve } : {}) };
    this.core =
      this.type === 'lstm' ? new LstmCore(config) : this.type === 'gru' ? new GruCore(config) : new ElmanCore(config, this.cellActivation);
    this.paramList = this.core.params();
    this.initialiseWeights(context);
    const d = context.dtype;
    this.xTm = new Scratch(d);
    this.out = new Scratch(d);
    this.dHs = new Scratch(d);
    this.dXtm = new Scratch(d);
    this.dx = new Scratch(d);
    this.stateH = new Scratch(d);
    this.stateC = new Scratch(d);
  }

  /** Kernel per gate (fanIn F, fanOut H), recurrent kernel per gate, biases 0 (LSTM forget gate 1). */
  private initialiseWeights(context: LayerContext): void {
    const { features: F, units: H, core } = this;
    const G = core.gates;
    initialise(this.init, core.kernel.value, F, H, context.rng);
    for (let g = 0; g < G; g++) {
      const u = core.recurrentKernel.value.subarray(g * H * H, (g + 1) * H * H);
      if (this.recurrentInit === 'orthogonal') fillOrthogonal(u, H, context.rng);
      else initialise(this.recurrentInit, u, H, H, context.rng);
    }
    // A forget-gate bias of 1 keeps the memory open early in training (Jozefowicz et al. 2015).
    if (this.type === 'lstm') core.bias.value.fill(1, H, 2 * H);
  }

  params(): readonly Param[] {
    return this.paramList;
  }

  forward(input: FloatArray, rows: number, _training: boolean): FloatArray {
    const { seqLen: T, features: F, units: H } = this;
    const xTm = this.xTm.view(T * rows * F);
    toTimeMajor(input, rows, T, F, xTm);
    this.core.forward(xTm, rows, T, null, null);
    this.forwardRows = rows;
    if (!this.returnSequences) return this.core.lastHidden();
    const y = this.out.view(rows * T * H);
    toBatchMajor(this.core.hiddenStates(), rows, T, H, y);
    return y;
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true): FloatArray | null {
    if (this.forwardRows !== rows) throw new Error(`${this.type}: backward for ${rows} rows after a forward of ${this.forwardRows}`);
    const { seqLen: T, features: F, units: H } = this;
    let dHs: FloatArray | null = null;
    if (this.returnSequences) {
      dHs = this.dHs.view(T * rows * H);
      toTimeMajor(gradOutput, rows, T, H, dHs);
    }
    const dXtm = needInputGrad ? this.dXtm.view(T * rows * F) : null;
    this.core.backward(dHs, this.returnSequences ? null : gradOutput, this.truncate, dXtm);
    if (!dXtm) return null;
    const dx = this.dx.view(rows * T * F);
    toBatchMajor(dXtm, rows, T, F, dx);
    return dx;
  }

  /** Zero the carried state for `rows` parallel streams (stateful inference). */
  resetState(rows = 1): void {
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`${this.type}.resetState: rows must be a positive integer, got ${String(rows)}`);
    this.stateRows = rows;
    this.stateH.view(rows * this.units).fill(0);
    this.stateC.view(rows * this.units).fill(0);
  }

  /**
   * Advance `rows` streams by one time step from the carried state: `input` is rows × features
   * (the values at this step), the result rows × units is the new hidden state (a buffer the
   * layer owns). Call `resetState` first; a different row count resets the state.
   */
  step(input: FloatArray, rows = 1): FloatArray {
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`${this.type}.step: rows must be a positive integer, got ${String(rows)}`);
    if (input.length < rows * this.features) {
      throw new Error(`${this.type}.step: input holds ${input.length} values, expected rows × features = ${rows * this.features}`);
    }
    if (rows !== this.stateRows) this.resetState(rows);
    const n = rows * this.units;
    const h = this.stateH.view(n);
    const c = this.stateC.view(n);
    this.core.forward(input.subarray(0, rows * this.features), rows, 1, h, c);
    // The next training forward must not mistake these caches for its own.
    this.forwardRows = -1;
    h.set(this.core.lastHidden());
    const lastC = this.core.lastCell();
    if (lastC) c.set(lastC);
    return h;
  }

  toSpec(): RecurrentSpec {
    const spec: RecurrentSpec = {
      type: this.type,
      units: this.units,
      features: this.features,
      seqLen: this.seqLen,
      returnSequences: this.returnSequences,
      truncate: this.truncate,
      init: this.init,
      recurrentInit: this.recurrentInit,
    };
    return this.type === 'rnn' ? { ...spec, activation: this.cellActivation } : spec;
  }
}

/** Layer factory for the registry (`rnn`, `lstm`, `gru`). */
const RECURRENT_KEYS = ['units', 'features', 'seqLen', 'returnSequences', 'truncate', 'activation', 'init', 'recurrentInit'] as const;

export function createRecurrent(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, RECURRENT_KEYS, `layer ${context.index + 1} (${spec.type})`);
  return new RecurrentLayer(inputSize, spec as RecurrentSpec, context);
}
