/**
 * The engine of the 'fixed-point' layer (./fixed-point-layer.ts): a fully recurrent network
 * relaxed to a fixed point and trained by Almeida–Pineda recurrent backpropagation (Almeida 1987;
 * Pineda 1987).
 *
 * Units. N = Nin + Nh + Nout units: Nin input units, clamped to the layer's input row I, and
 * Nf = Nh + Nout free units (hidden, then outputs). Every free unit i receives from every unit j,
 * itself included, through an arbitrary (not symmetric, not layered) weight w_ij, plus a bias
 * b_i; clamped units receive nothing. Weights are stored in two blocks,
 *   inputKernel      W_in  (Nf × Nin)   w_ij for j an input unit
 *   recurrentKernel  W     (Nf × Nf)    w_ij between free units
 *   bias             b     (Nf)
 * so, for the free units, with column vectors:
 *   u = W·x + v,   v = W_in·I + b                            (net input)
 *   x = f(u)                                                 (the fixed point), f = sigmoid or tanh
 * The layer's output is x_out, the output units' part of x; or u_out, the output units' net input,
 * when the loss fuses the sigmoid (sigmoid + binary cross-entropy reads logits).
 *
 * Forward relaxation: x ← f(W·x + v), from x = 0, until the RMS change per unit is at most
 * `tolerance` (x lies in (0, 1) or (−1, 1), so the tolerance is absolute). More than
 * `maxIterations` sweeps, or a non-finite state, throws a RelaxationError.
 *
 * Backward. The layer receives g = ∂L/∂x_out, the gradient of the loss L (as every Layer does).
 * Let ĝ be g on the output units and 0 on the hidden ones, and D = diag(f′(u)). Differentiating
 * the fixed-point equation x = f(W·x + v) (the implicit function theorem; 1 − D·W is invertible
 * when the fixed point is stable):
 *   dx = D·(W·dx + dW·x + dv)   ⇒   dx = (1 − D·W)⁻¹·D·(dW·x + dv)
 *   dL = ĝᵀ·dx = δᵀ·(dW·x + dv),   δ = D·(1 − Wᵀ·D)⁻¹·ĝ
 * δ = ∂L/∂v is the fixed point of the adjoint relaxation, in δ-form:
 *   δ ← D∘(Wᵀ·δ) + g_u,   g_u = D·ĝ   (D∘g on the output units, 0 on the hidden ones)
 * run from δ = g_u. It converges whenever the forward fixed point is stable: its iteration matrix
 * D·Wᵀ has the spectrum of (D·Wᵀ)ᵀ = W·D, that is of D·W, the forward map's linearisation.
 * Then, since dv = dW_in·I + db + W_in·dI,
 *   ∂L/∂W = δ·xᵀ,   ∂L/∂W_in = δ·Iᵀ,   ∂L/∂b = δ,   ∂L/∂I = W_inᵀ·δ
 * The classic statement uses the error signal e = t − x = −∂E/∂x of E = ½‖t − x‖² and descends
 * with ∂E/∂W = −(D·y)·xᵀ, y = (1 − Wᵀ·D)⁻¹·e; here g = ∂L/∂x (x − t for the model's 'mse'),
 * so δ = D·y carries the sign and every gradient above is the loss's own.
 *
 * Logits. When the layer emits u_out, L depends on u = W·f(u) + v: du = (1 − W·D)⁻¹·(dW·x + dv),
 * so δ = (1 − D·Wᵀ)⁻¹·g_u with g_u = ∂L/∂u_out (0 on hidden units) taken directly: the same
 * adjoint relaxation and the same gradients, with no D∘g.
 *
 * The adjoint converges when its RMS change is at most `tolerance` × RMS(δ): relative, because δ
 * has the scale of the loss gradient (the cross-entropies divide it by the batch's rows).
 *
 * Batches: P patterns are relaxed together as P × Nf row-major matrices, so each sweep is one
 * GEMM, and the gradients are sums over the patterns (as the loss is):
 *   forward   U = X·Wᵀ + C,  X ← f(U)       with C = I·W_inᵀ + b fixed for the relaxation
 *   adjoint   Δ ← D∘(Δ·W) + G_u
 *   ∂L/∂W = Δᵀ·X,   ∂L/∂W_in = Δᵀ·I,   ∂L/∂b = Σ_rows Δ,   ∂L/∂I = Δ·W_in
 */
import { ConfigError } from '../util/config-error.js';
import type { Backend, FloatArray } from '../backend/backend.js';
import { allocFloat } from '../model/buffers.js';
import type { Param } from '../model/layers/layer.js';
import type { DType } from '../model/types.js';
import { makeParam } from './recurrent-core.js';
import { Scratch } from './scratch.js';

/** Activation of the free units. */
export type FixedPointActivation = 'sigmoid' | 'tanh';

/** Sizes and settings of a FixedPointCore (checked by the layer that builds it). */
export interface FixedPointConfig {
  readonly backend: Backend;
  readonly dtype: DType;
  /** Nin: clamped input units. */
  readonly inputSize: number;
  /** Nh: free hidden units (may be 0). */
  readonly units: number;
  /** Nout: free output units. */
  readonly outputSize: number;
  readonly activation: FixedPointActivation;
  /** Forward: RMS change per unit at which a relaxation has converged; adjoint: the same, relative to RMS(δ). */
  readonly tolerance: number;
  /** Sweeps before a relaxation gives up with a RelaxationError. */
  readonly maxIterations: number;
  /** The layer context's parameter budget (see LayerContext.reserve), told the count before allocating. */
  readonly reserve?: (values: number) => void;
}

/** Thrown when a relaxation does not reach its fixed point. */
export class RelaxationError extends ConfigError {
  override readonly name = 'RelaxationError';

  constructor(
    readonly phase: 'forward' | 'adjoint',
    readonly iterations: number,
    /** RMS change of the last sweep (relative to RMS(δ) for the adjoint). */
    readonly change: number,
    readonly tolerance: number,
  ) {
    // The advice names TrainConfig keys (see ConfigError), so a front end can show its own flags.
    super(
      Number.isFinite(change)
        ? `fixed-point ${phase} relaxation did not converge in ${iterations} iterations ` +
            `(${phase === 'adjoint' ? 'relative ' : ''}RMS change ${change.toExponential(3)} > tolerance ${tolerance.toExponential(1)}): the network has no stable ` +
            `fixed point for this input; lower the learning rate ({optimizer.lr}), shrink the recurrent weights (the layer's initScale) or raise its maxIterations`
        : `fixed-point ${phase} relaxation gave non-finite values (RMS change ${String(change)}) at iteration ${iterations}: ` +
            (phase === 'forward'
              ? 'an input or weight is NaN or infinite (weights diverge when the learning rate is too high: lower {optimizer.lr})'
              : 'the adjoint diverged (the fixed point is not stable), or a loss gradient or weight is NaN or infinite; lower the learning rate ({optimizer.lr})'),
      ['optimizer.lr'],
    );
  }
}

export class FixedPointCore {
  readonly backend: Backend;
  readonly dtype: DType;
  readonly inputSize: number;
  readonly units: number;
  readonly outputSize: number;
  /** Nf = units + outputSize. */
  readonly free: number;
  readonly activation: FixedPointActivation;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly inputKernel: Param;
  readonly recurrentKernel: Param;
  readonly bias: Param;
  /** Sweeps used by the last forward relaxation. */
  lastForwardIterations = 0;
  /** Sweeps used by the last adjoint relaxation. */
  lastAdjointIterations = 0;

  /** Rows of the last forward relaxation, its input (kept for ∂L/∂W_in), states X and net inputs U. */
  private rows = 0;
  private input: FloatArray | null = null;
  private x: FloatArray;
  private readonly c: Scratch;
  private readonly u: Scratch;
  private readonly xs: [Scratch, Scratch];
  private readonly deltas: [Scratch, Scratch];
  private readonly tmp: Scratch;
  private readonly gU: Scratch;

  constructor(config: FixedPointConfig) {
    const { backend, dtype, inputSize: nin, units: nh, outputSize: no } = config;
    this.backend = backend;
    this.dtype = dtype;
    this.inputSize = nin;
    this.units = nh;
    this.outputSize = no;
    this.free = nh + no;
    this.activation = config.activation;
    this.tolerance = config.tolerance;
    this.maxIterations = config.maxIterations;
    const nf = this.free;
    config.reserve?.(nf * nin + nf * nf + nf);
    this.inputKernel = makeParam('inputKernel', [nf, nin], dtype, true);
    this.recurrentKernel = makeParam('recurrentKernel', [nf, nf], dtype, true);
    this.bias = makeParam('bias', [nf], dtype, false);
    this.c = new Scratch(dtype);
    this.u = new Scratch(dtype);
    this.xs = [new Scratch(dtype), new Scratch(dtype)];
    this.deltas = [new Scratch(dtype), new Scratch(dtype)];
    this.tmp = new Scratch(dtype);
    this.gU = new Scratch(dtype);
    this.x = allocFloat(dtype, 0);
  }

  /** inputKernel, recurrentKernel, bias: the order of saved weights. */
  params(): Param[] {
    return [this.inputKernel, this.recurrentKernel, this.bias];
  }

  /**
   * Relax `rows` patterns (input: rows × Nin) to the fixed point x = f(W·x + W_in·I + b).
   * Returns the free units' states, rows × Nf (hidden then outputs), in a buffer the core owns;
   * keeps `input` (which the caller leaves untouched) and the states for `backward`.
   * Throws RelaxationError when it does not converge.
   */
  relax(input: FloatArray, rows: number): FloatArray {
    const { backend: be, inputSize: nin, free: nf } = this;
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`fixed-point: rows (patterns) must be a positive integer, got ${String(rows)}`);
    if (input.length < rows * nin) throw new Error(`fixed-point: ${input.length} input values for ${rows} patterns of ${nin}`);
    const n = rows * nf;
    const c = this.c.view(n);
    const u = this.u.view(n);
    // C = I·W_inᵀ + b: the clamped units' contribution, constant during the relaxation.
    be.gemm(false, true, rows, nf, nin, 1, input, this.inputKernel.value, 0, c);
    be.addRowVector(rows, nf, c, this.bias.value);
    let x = this.xs[0].view(n);
    let next = this.xs[1].view(n);
    x.fill(0);
    let change = Infinity;
    let it = 0;
    while (it < this.maxIterations) {
      it++;
      // U = X·Wᵀ + C, X ← f(U): U stays the net input of the states returned.
      u.set(c);
      be.gemm(false, true, rows, nf, nf, 1, x, this.recurrentKernel.value, 1, u);
      be.activation(this.activation, n, u, next, 0);
      be.sub(n, next, x, x);
      change = Math.sqrt(be.sumSquares(n, x) / n);
      [x, next] = [next, x];
      // A NaN or ∞ never settles: stop at once instead of sweeping maxIterations times.
      if (change <= this.tolerance || !Number.isFinite(change)) break;
    }
    this.lastForwardIterations = it;
    // Nothing from a failed relaxation may reach backward.
    this.rows = 0;
    if (!(change <= this.tolerance)) throw new RelaxationError('forward', it, change, this.tolerance);
    this.rows = rows;
    this.input = input;
    this.x = x;
    return x;
  }

  /**
   * Copy the output units' columns of the last relaxation into `out` (rows × Nout): their states
   * x_out, or with `logits` their net inputs u_out (x_out = f(u_out)).
   */
  outputs(logits: boolean, out: FloatArray): void {
    const { free: nf, outputSize: no, units: nh, rows } = this;
    const src = logits ? this.u.view(rows * nf) : this.x;
    for (let p = 0; p < rows; p++) out.set(src.subarray(p * nf + nh, (p + 1) * nf), p * no);
  }

  /**
   * Backpropagate through the last relaxation: `gradOutput` (rows × Nout) is ∂L/∂x_out, or with
   * `logits` ∂L/∂u_out. Runs the adjoint relaxation, overwrites every param's grad, and writes
   * ∂L/∂I (rows × Nin) into `inputGrad` when given. Throws RelaxationError when the adjoint does
   * not converge.
   */
  backward(gradOutput: FloatArray, logits: boolean, inputGrad: FloatArray | null): void {
    const { backend: be, free: nf, outputSize: no, units: nh, inputSize: nin, rows } = this;
    const input = this.input;
    if (rows === 0 || !input) throw new Error('fixed-point: backward called without a converged forward relaxation');
    const n = rows * nf;
    const x = this.x;
    // G_u: the gradient at the output units' net inputs, 0 on the hidden units.
    const gU = this.gU.view(n);
    gU.fill(0);
    for (let p = 0; p < rows; p++) gU.set(gradOutput.subarray(p * no, (p + 1) * no), p * nf + nh);
    if (!logits) be.activationBackward(this.activation, n, x, gU, gU, 0);
    // Adjoint: Δ ← D∘(Δ·W) + G_u from Δ = G_u.
    let delta = this.deltas[0].view(n);
    let next = this.deltas[1].view(n);
    const tmp = this.tmp.view(n);
    delta.set(gU);
    let change = 0;
    let it = 0;
    for (;;) {
      if (it >= this.maxIterations) throw new RelaxationError('adjoint', it, change, this.tolerance);
      it++;
      be.gemm(false, false, rows, nf, nf, 1, delta, this.recurrentKernel.value, 0, tmp);
      be.activationBackward(this.activation, n, x, tmp, next, 0);
      be.add(n, next, gU, next);
      be.sub(n, next, delta, tmp);
      const size = Math.sqrt(be.sumSquares(n, next) / n);
      const step = Math.sqrt(be.sumSquares(n, tmp) / n);
      change = size > 0 ? step / size : step;
      [delta, next] = [next, delta];
      // A NaN or ∞ never settles: stop at once. No gradient at all (0 ≤ 0) has converged.
      if (!Number.isFinite(step) || !Number.isFinite(size)) throw new RelaxationError('adjoint', it, Number.NaN, this.tolerance);
      if (step <= this.tolerance * size) break;
    }
    this.lastAdjointIterations = it;
    be.gemm(true, false, nf, nf, rows, 1, delta, x, 0, this.recurrentKernel.grad);
    be.gemm(true, false, nf, nin, rows, 1, delta, input, 0, this.inputKernel.grad);
    be.sumRows(rows, nf, delta, 0, this.bias.grad);
    if (inputGrad) be.gemm(false, false, rows, nin, nf, 1, delta, this.inputKernel.value, 0, inputGrad);
  }
}
