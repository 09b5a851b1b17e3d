/**
 * `time-distributed-dense`: the same Dense layer applied at every time step, for
 * sequence-to-sequence models (an `rnn`/`lstm`/`gru` with returnSequences, then this).
 *
 * Because a row is time-major (T steps of F values), a batch of B rows × T·F values is, in
 * memory, exactly a (B·T) × F matrix with one row per (sequence, step). So the layer is a Dense
 * layer run on B·T rows: y(t) = f(x(t)·W + b), one W and b shared by all steps, and its
 * gradients are the sums over steps that weight sharing implies. Output: T·units per row.
 *
 * Softmax is refused: the model's fused softmax + cross-entropy works on whole rows, which would
 * mix the steps; use a sequence-to-one model for next-character classification.
 */
import type { FloatArray } from '../backend/backend.js';
import { Dense } from '../model/layers/dense.js';
import type { Layer, LayerContext, Param } from '../model/layers/layer.js';
import { checkSpecKeys } from '../model/layers/spec-keys.js';
import type { ActivationName, DenseSpec, InitName, LayerSpec } from '../model/types.js';

/**
 * Spec of a `time-distributed-dense` layer: one dense layer applied to every time step of a
 * sequence (the same weights at each step).
 */
export type TimeDistributedDenseSpec = {
  readonly type: 'time-distributed-dense';
  readonly units: number;
  /** T: steps per row; the input width must be T × (values per step). */
  readonly seqLen: number;
  /** Any element-wise activation (default 'linear'); not softmax. */
  readonly activation?: ActivationName;
  readonly init?: InitName;
  readonly useBias?: boolean;
  readonly alpha?: number;
};

export class TimeDistributedDense implements Layer {
  readonly type = 'time-distributed-dense';
  readonly inputSize: number;
  readonly outputSize: number;
  readonly seqLen: number;
  readonly activation: ActivationName;
  private readonly dense: Dense;

  constructor(inputSize: number, spec: TimeDistributedDenseSpec, context: LayerContext) {
    const where = `layer ${context.index + 1} (time-distributed-dense)`;
    if (!Number.isInteger(spec.seqLen) || spec.seqLen < 1) {
      throw new Error(`${where}: seqLen must be a positive integer, got ${String(spec.seqLen)}`);
    }
    if (inputSize % spec.seqLen !== 0) {
      throw new Error(`${where}: input width ${inputSize} is not a multiple of seqLen ${spec.seqLen}`);
    }
    if (spec.activation === 'softmax') {
      throw new Error(`${where}: softmax per step is not supported (the loss sees whole rows); use a sequence-to-one model`);
    }
    this.inputSize = inputSize;
    this.seqLen = spec.seqLen;
    const denseSpec: DenseSpec = {
      type: 'dense',
      units: spec.units,
      ...(spec.activation !== undefined ? { activation: spec.activation } : {}),
      ...(spec.init !== undefined ? { init: spec.init } : {}),
      ...(spec.useBias !== undefined ? { useBias: spec.useBias } : {}),
      ...(spec.alpha !== undefined ? { alpha: spec.alpha } : {}),
    };
    this.dense = new Dense(inputSize / spec.seqLen, denseSpec, context);
    this.activation = this.dense.activation;
    this.outputSize = spec.seqLen * this.dense.outputSize;
  }

  params(): readonly Param[] {
    return this.dense.params();
  }

  /** Passed to the inner Dense (sigmoid + binary cross-entropy is element-wise, so per step is exact). */
  setEmitLogits(on: boolean): void {
    this.dense.setEmitLogits(on);
  }

  forward(input: FloatArray, rows: number, training: boolean): FloatArray {
    return this.dense.forward(input, rows * this.seqLen, training);
  }

  backward(gradOutput: FloatArray, rows: number, needInputGrad = true): FloatArray | null {
    return this.dense.backward(gradOutput, rows * this.seqLen, needInputGrad);
  }

  toSpec(): TimeDistributedDenseSpec {
    const d = this.dense.toSpec();
    return {
      type: 'time-distributed-dense',
      units: d.units,
      seqLen: this.seqLen,
      ...(d.activation !== undefined ? { activation: d.activation } : {}),
      ...(d.init !== undefined ? { init: d.init } : {}),
      ...(d.useBias !== undefined ? { useBias: d.useBias } : {}),
      ...(d.alpha !== undefined ? { alpha: d.alpha } : {}),
    };
  }
}

const TIME_DISTRIBUTED_KEYS = ['units', 'seqLen', 'activation', 'init', 'useBias', 'alpha'] as const;

export function createTimeDistributedDense(spec: LayerSpec, inputSize: number, context: LayerContext): Layer {
  checkSpecKeys(spec, TIME_DISTRIBUTED_KEYS, `layer ${context.index + 1} (time-distributed-dense)`);
  return new TimeDistributedDense(inputSize, spec as TimeDistributedDenseSpec, context);
}
