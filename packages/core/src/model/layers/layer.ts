/**
 * The Layer interface: what every layer (dense, dropout, and the recurrent layers registered
 * later) implements so that the model, the optimizers, gradcheck and serialisation can drive it
 * without knowing its type.
 *
 * Data is flat and row-major: a batch is `rows` × `inputSize` values. Recurrent layers treat
 * each row as a flattened sequence (seqLen × features), so this flat interface is enough.
 *
 * Buffer ownership: `forward` returns a buffer the layer owns (valid until its next `forward`),
 * or its input unchanged (an identity pass); `backward` likewise returns a buffer the layer owns
 * (valid until its next `backward`) or `gradOutput` unchanged. Nobody writes into a buffer it was
 * handed. Layers keep their
 * activation/gradient buffers between calls and only reallocate when a larger batch arrives,
 * so training allocates nothing per batch.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Rng } from '../../util/rng.js';
import type { ActivationName, DType, LayerSpec } from '../types.js';

/** A trainable tensor with its gradient (same shape, same length). */
export interface Param {
  /** Short name, unique within its layer: 'kernel', 'bias', 'recurrentKernel', ... */
  readonly name: string;
  /** Logical shape, e.g. [inputSize, units] for a dense kernel (row-major). */
  readonly shape: readonly number[];
  /** The values, updated in place by the optimizer. */
  readonly value: FloatArray;
  /** ∂loss/∂value of the last backward pass (overwritten by each `backward`). */
  readonly grad: FloatArray;
  /** Whether L2 / weight decay and L1 apply (true for kernels, false for biases). Default true. */
  readonly decay?: boolean;
}

/** What a layer factory receives besides its spec. */
export interface LayerContext {
  readonly backend: Backend;
  /** The model's seeded PRNG: initialisers and dropout masks draw from it, in layer order. */
  readonly rng: Rng;
  readonly dtype: DType;
  /** 0-based position of the layer in the model. */
  readonly index: number;
  /**
   * Called by a layer before it allocates its parameters, with how many values they hold (a
   * layer of your own should call it too). Throws when the model may not hold that many more:
   * a model file's topology is built within the values the file stores, so a small file cannot
   * make the reader allocate gigabytes before its shapes are compared.
   */
  readonly reserve?: (values: number) => void;
}

export interface Layer {
  /** The spec `type` this layer was made from ('dense', 'dropout', 'lstm', ...). */
  readonly type: string;
  readonly inputSize: number;
  readonly outputSize: number;
  /**
   * The output activation, for layers that have one. The model reads it to fuse the output
   * activation with the loss (softmax + cross-entropy, sigmoid + binary cross-entropy).
   */
  readonly activation?: ActivationName;

  /** Trainable parameters in a fixed order (the order of weights in saved files). */
  params(): readonly Param[];

  /**
   * Compute the output for `rows` rows of `input` (rows × inputSize). `training` enables
   * training-only behaviour (dropout). The layer may keep a reference to `input` for
   * `backward`: the caller leaves it untouched until then.
   * @returns rows × outputSize values in a buffer the layer owns
   */
  forward(input: FloatArray, rows: number, training: boolean): FloatArray;

  /**
   * Backpropagate `gradOutput` (∂loss/∂output, rows × outputSize) through the last forward
   * pass: overwrite every param's `grad`, and return ∂loss/∂input (rows × inputSize) in a
   * buffer the layer owns. The layer must not modify `gradOutput`.
   * @param needInputGrad false for the first layer: the layer may then skip computing the
   *   input gradient and return null
   */
  backward(gradOutput: FloatArray, rows: number, needInputGrad?: boolean): FloatArray | null;

  /**
   * Optional fast path for plain SGD (no momentum, weight decay, L1 or clipping), used by
   * Model.fit: backpropagate exactly as `backward` does and apply w ← w − lr·∂loss/∂w to every
   * param in the same pass (a dense layer folds the kernel update into its weight-gradient GEMM:
   * C = W, alpha = −lr, beta = 1), so no separate update pass runs and the gradient is never
   * stored. The returned input gradient uses the weights from before the update. Params' `grad`
   * need not be filled.
   */
  backwardSgd?(gradOutput: FloatArray, rows: number, needInputGrad: boolean, lr: number): FloatArray | null;

  /** The spec that recreates this layer (with its resolved defaults). */
  toSpec(): LayerSpec;

  /**
   * Only for layers whose `activation` can be fused with the loss: when on, `forward` returns
   * the pre-activation (logits) and `backward` takes ∂loss/∂logits.
   */
  setEmitLogits?(on: boolean): void;

  /**
   * Only for layers that draw random numbers in training (dropout): when on, training-mode
   * `forward` reuses the last random draw (mask) instead of drawing a new one. Used by
   * gradcheck so that the loss is a deterministic function of the weights.
   */
  freezeRandomness?(on: boolean): void;
}

/** Builds a layer from its spec, given the size of its input. Throws on an invalid spec. */
export type LayerFactory = (spec: LayerSpec, inputSize: number, context: LayerContext) => Layer;
