/**
 * The Layer interface: what every layer (dense, dropout, and the recurrent layers registered
 * later) implements so that the model, the optimizers, gradcheck and serialisation can drive it
 * without knowing its type.
 *
 * Data is flat and row-major: a batch is `rows` × `inputSize` values. Recurrent layers treat
 * each row as a flattened sequence (seqLen × features), so this flat interface is enough.
 *
 * One backward path. For y = layer(x; θ), `backward` takes ∂L/∂y and
 *   1. returns ∂L/∂x, computed with the parameter values θ of the forward pass;
 *   2. writes every parameter's gradient ∂L/∂p through the destination the model passes, as
 *      GEMM writes C (C ← alpha·op(A)·op(B) + beta·C):
 *        STORE_GRADIENTS   p.grad  ← ∂L/∂p                 (alpha 1,   beta 0)
 *        sgdUpdate(lr)     p.value ← p.value − lr·∂L/∂p    (alpha −lr, beta 1)
 *      The second is plain SGD's step riding on the backward pass: a dense layer's
 *      weight-gradient GEMM xᵀ·δ becomes the update itself, so the gradient is never stored and
 *      no separate update pass reads it back.
 * Writing into p.value is only sound when each gradient is written once, after the layer's last
 * read of any parameter value in that backward (hence ∂L/∂x first). Layers that promise this set
 * `fusesUpdate`; the model passes sgdUpdate only when every layer with parameters does, and
 * otherwise stores gradients and lets the optimizer step. Layers that accumulate a gradient
 * over time steps (recurrent) cannot promise it and leave the flag unset.
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
  /**
   * ∂loss/∂value of the last backward pass with STORE_GRADIENTS (overwritten by each such
   * `backward`). Scratch space for the layer when it writes an update instead.
   */
  readonly grad: FloatArray;
  /** Whether L2 / weight decay and L1 apply (true for kernels, false for biases). Default true. */
  readonly decay?: boolean;
  /**
   * False for state that is saved with the weights but not trained (batch normalisation's running
   * statistics): optimizers, clipping and gradcheck skip it, and `grad` is unused. Default true.
   */
  readonly trainable?: boolean;
}

/**
 * Where `backward` writes a parameter's gradient g = ∂L/∂p: target ← alpha·g + beta·target, with
 * target = p[into]. Only the two destinations below exist (see the header).
 */
export type GradientDestination =
  | { readonly into: 'grad'; readonly alpha: 1; readonly beta: 0 }
  | { readonly into: 'value'; readonly alpha: number; readonly beta: 1 };

/** p.grad ← ∂L/∂p: the gradient is stored for an optimizer (and for gradcheck). */
export const STORE_GRADIENTS: GradientDestination = { into: 'grad', alpha: 1, beta: 0 };

/** p.value ← p.value − lr·∂L/∂p: plain SGD's step, applied by backward itself. */
export function sgdUpdate(lr: number): GradientDestination {
  return { into: 'value', alpha: -lr, beta: 1 };
}

/**
 * Writes a bias-like gradient g = Σ_rows x (x is rows × cols) through `destination`. The
 * backend's column sum takes beta but no alpha, so an update sums into p.grad (scratch) and adds
 * alpha·g to p.value.
 */
export function writeRowSums(backend: Backend, rows: number, cols: number, x: FloatArray, p: Param, destination: GradientDestination): void {
  backend.sumRows(rows, cols, x, 0, p.grad);
  if (destination.into === 'value') backend.axpy(cols, destination.alpha, p.grad, p.value);
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
   * The shape of one input row as the previous layer (or the model's `inputShape`) describes it,
   * e.g. [C, H, W]; `[inputSize]` when nothing more is known. Its product is the input size.
   */
  readonly inputShape?: readonly number[];
  /**
   * Called by a layer before it allocates its parameters, with how many values they hold (a
   * layer of your own should call it too). Throws when the model may not hold that many more:
   * a model file's topology is built within the values the file stores, so a small file cannot
   * make the reader allocate gigabytes before its shapes are compared.
   */
  readonly reserve?: (values: number) => void;
}

/** A layer: a forward/backward pair over flat row-major batches, with its parameters (see this file's header for the contract). */
export interface Layer {
  /** The spec `type` this layer was made from ('dense', 'dropout', 'lstm', ...). */
  readonly type: string;
  readonly inputSize: number;
  readonly outputSize: number;
  /** The shape of one output row, e.g. [C, H, W] after a convolution; absent means `[outputSize]`. */
  readonly outputShape?: readonly number[];
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
   * pass: return ∂loss/∂input (rows × inputSize), computed with the parameter values of that
   * forward pass, in a buffer the layer owns, and write every param's gradient through
   * `destination` (see the header). The layer must not modify `gradOutput`.
   * @param needInputGrad false for the first layer: the layer may then skip computing the
   *   input gradient and return null
   * @param destination STORE_GRADIENTS (the default), or sgdUpdate(lr) for layers with
   *   `fusesUpdate`
   */
  backward(gradOutput: FloatArray, rows: number, needInputGrad?: boolean, destination?: GradientDestination): FloatArray | null;

  /**
   * Whether `backward` honours every GradientDestination, sgdUpdate included: it writes each
   * parameter's gradient once, after its last read of any parameter value. Unset: the model
   * passes only STORE_GRADIENTS.
   */
  readonly fusesUpdate?: boolean;

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
