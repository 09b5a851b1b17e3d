/**
 * A fixed-point recurrent network trained by Almeida–Pineda recurrent backpropagation
 * (Almeida 1987; Pineda 1987).
 *
 * Units. N = Nin + Nh + Nout units: Nin input units, clamped to the input pattern I, and
 * Nf = Nh + Nout free units (hidden, then outputs). Every free unit i receives from every unit j,
 * itself included, through an arbitrary (not symmetric, not layered) weight w_ij, plus a bias
 * b_i; clamped units receive nothing. Weights are stored in two blocks,
 *   inputKernel      W_in  (Nf × Nin)   w_ij for j an input unit
 *   recurrentKernel  W     (Nf × Nf)    w_ij between free units
 * so, for the free units, with column vectors:
 *   u = W·x + W_in·I + b                                     (net input)
 *   x = f(u)                                                 (the fixed point)
 *
 * Forward relaxation: x ← f(W·x + W_in·I + b), from x = 0, until the RMS change per unit is
 * below `tolerance`; more than `maxIterations` sweeps throws an error naming the change reached.
 *
 * Error: E = ½ Σ_{k ∈ outputs} (t_k − x_k)², averaged over the patterns of a batch.
 *
 * Adjoint relaxation: with e = t − x on output units and 0 on hidden units, D = diag(f'(u)),
 *   y ← Wᵀ·(D·y) + e
 * from y = 0 to its own fixed point (it converges whenever the forward fixed point is stable:
 * the adjoint is the transposed linearisation of the forward map). Then, with δ = D·y,
 *   ∂E/∂W = −δ·xᵀ,   ∂E/∂W_in = −δ·Iᵀ,   ∂E/∂b = −δ
 * which is exact for the relaxed network (the implicit function theorem: dx/dθ through
 * (1 − D·W)⁻¹, and y = (1 − W ᵀD)⁻¹·e solves the adjoint equation).
 *
 * Batches: P patterns are relaxed together as P × Nf row-major matrices, so each sweep is one
 * GEMM: X ← f(X·Wᵀ + C) with C = I·W_inᵀ + b fixed for the relaxation, and Y ← (D∘Y)·W + E.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { allocFloat } from '../model/buffers.js';
import type { Param } from '../model/layers/layer.js';
import type { DType } from '../model/types.js';
import { Rng } from '../util/rng.js';
import { makeParam } from './recurrent-core.js';
import { Scratch } from './scratch.js';

/** Activation of the free units. */
export type FixedPointActivation = 'sigmoid' | 'tanh';

export interface FixedPointOptions {
  /** Nin: clamped input units. */
  readonly inputs: number;
  /** Nh: free hidden units (may be 0). */
  readonly hidden: number;
  /** Nout: free output units. */
  readonly outputs: number;
  /** f, default 'sigmoid'. */
  readonly activation?: FixedPointActivation;
  /** RMS change per unit at which a relaxation has converged; default 1e-6 (float32) or 1e-10 (float64). */
  readonly tolerance?: number;
  /** Sweeps before a relaxation gives up with an error; default 1000. */
  readonly maxIterations?: number;
  /** Initial weights are U(−initScale, initScale)/√N; default 1. */
  readonly initScale?: number;
  /** PRNG seed for the initial weights; default 42. */
  readonly seed?: number;
  readonly dtype?: DType;
}

/** Thrown when a relaxation does not reach its fixed point. */
export class RelaxationError extends Error {
  constructor(
    readonly phase: 'forward' | 'adjoint',
    readonly iterations: number,
    readonly change: number,
    readonly tolerance: number,
  ) {
    super(
      Number.isFinite(change)
        ? `Almeida–Pineda ${phase} relaxation did not converge in ${iterations} iterations ` +
            `(RMS change ${change.toExponential(3)} > tolerance ${tolerance.toExponential(1)}): the network has no stable ` +
            `fixed point for this input; lower the learning rate, shrink the recurrent weights (initScale) or raise maxIterations`
        : `Almeida–Pineda ${phase} relaxation gave non-finite values (RMS change ${String(change)}) at iteration ${iterations}: ` +
            (phase === 'forward'
              ? 'an input or weight is NaN or infinite (weights diverge when the learning rate is too high)'
              : 'the adjoint diverged (the fixed point is not stable), or a target or weight is NaN or infinite'),
    );
    this.name = 'RelaxationError';
  }
}

/** Result of a forward + adjoint pass over a batch. */
export interface FixedPointGradient {
  /** E averaged over the patterns. */
  readonly loss: number;
  readonly forwardIterations: number;
  readonly adjointIterations: number;
}

export class AlmeidaPinedaNetwork {
  readonly backend: Backend;
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  /** Nf = hidden + outputs. */
  readonly free: number;
  readonly activation: FixedPointActivation;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly dtype: DType;
  readonly inputKernel: Param;
  readonly recurrentKernel: Param;
  readonly bias: Param;
  /** Sweeps used by the last forward relaxation. */
  lastForwardIterations = 0;

  private rows = 0;
  private inputView: FloatArray | null = null;
  private xView: FloatArray;
  private readonly c: Scratch;
  private readonly x: [Scratch, Scratch];
  private readonly u: Scratch;
  private readonly y: [Scratch, Scratch];
  private readonly dy: Scratch;
  private readonly e: Scratch;
  private readonly eOut: Scratch;
  private readonly xOut: Scratch;

  constructor(backend: Backend, options: FixedPointOptions) {
    const count = (v: unknown, name: string, min: number): number => {
      if (!Number.isInteger(v) || (v as number) < min) throw new Error(`almeida-pineda: ${name} must be an integer ≥ ${min}, got ${String(v)}`);
      return v as number;
    };
    this.backend = backend;
    this.inputs = count(options.inputs, 'inputs', 1);
    this.hidden = count(options.hidden, 'hidden', 0);
    this.outputs = count(options.outputs, 'outputs', 1);
    this.free = this.hidden + this.outputs;
    this.activation = options.activation ?? 'sigmoid';
    if (this.activation !== 'sigmoid' && this.activation !== 'tanh') {
      throw new Error(`almeida-pineda: activation must be 'sigmoid' or 'tanh', got '${String(options.activation)}'`);
    }
    this.dtype = options.dtype ?? 'float32';
    if (this.dtype === 'float64' && !backend.info.float64) {
      throw new Error(`almeida-pineda: the '${backend.info.name}' backend does not accept float64`);
    }
    this.tolerance = options.tolerance ?? (this.dtype === 'float64' ? 1e-10 : 1e-6);
    this.maxIterations = options.maxIterations ?? 1000;
    if (!(this.tolerance > 0)) throw new Error(`almeida-pineda: tolerance must be > 0, got ${String(options.tolerance)}`);
    count(this.maxIterations, 'maxIterations', 1);
    const d = this.dtype;
    const nf = this.free;
    this.inputKernel = makeParam('inputKernel', [nf, this.inputs], d, true);
    this.recurrentKernel = makeParam('recurrentKernel', [nf, nf], d, true);
    this.bias = makeParam('bias', [nf], d, false);
    const rng = new Rng(options.seed ?? 42);
    const scale = (options.initScale ?? 1) / Math.sqrt(this.inputs + nf);
    for (const p of [this.inputKernel, this.recurrentKernel]) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.uniform(-scale, scale);
    this.c = new Scratch(d);
    this.x = [new Scratch(d), new Scratch(d)];
    this.u = new Scratch(d);
    this.y = [new Scratch(d), new Scratch(d)];
    this.dy = new Scratch(d);
    this.e = new Scratch(d);
    this.eOut = new Scratch(d);
    this.xOut = new Scratch(d);
    this.xView = allocFloat(d, 0);
  }

  /** inputKernel, recurrentKernel, bias: the order of saved weights. */
  params(): Param[] {
    return [this.inputKernel, this.recurrentKernel, this.bias];
  }

  /**
   * Relax `rows` patterns (inputs: rows × Nin) to the fixed point x = f(W·x + W_in·I + b).
   * Returns the free units' states, rows × Nf (hidden then outputs), in a buffer the network
   * owns. Throws RelaxationError when it does not converge.
   */
  relax(inputs: FloatArray, rows: number): FloatArray {
    const { backend: be, inputs: nin, free: nf } = this;
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`almeida-pineda: rows (patterns) must be a positive integer, got ${String(rows)}`);
    if (inputs.length < rows * nin) throw new Error(`almeida-pineda: ${inputs.length} input values for ${rows} patterns of ${nin}`);
    const n = rows * nf;
    const c = this.c.view(n);
    // C = I·W_inᵀ + b: the clamped units' contribution, constant during the relaxation.
    be.gemm(false, true, rows, nf, nin, 1, inputs, this.inputKernel.value, 0, c);
    be.addRowVector(rows, nf, c, this.bias.value);
    let x = this.x[0].view(n);
    let next = this.x[1].view(n);
    x.fill(0);
    let change = Infinity;
    let it = 0;
    while (it < this.maxIterations) {
      it++;
      // x ← f(x·Wᵀ + C)
      next.set(c);
      be.gemm(false, true, rows, nf, nf, 1, x, this.recurrentKernel.value, 1, next);
      be.activation(this.activation, n, next, next, 0);
      be.sub(n, next, x, x);
      change = Math.sqrt(be.sumSquares(n, x) / n);
      [x, next] = [next, x];
      // A NaN or ∞ never settles: stop at once instead of sweeping maxIterations times.
      if (change <= this.tolerance || !Number.isFinite(change)) break;
    }
    this.lastForwardIterations = it;
    if (!(change <= this.tolerance)) throw new RelaxationError('forward', it, change, this.tolerance);
    this.rows = rows;
    this.inputView = inputs;
    this.xView = x;
    return x;
  }

  /** The output units' fixed-point values, rows × Nout (a fresh array). */
  predict(inputs: FloatArray, rows: number): FloatArray {
    const x = this.relax(inputs, rows);
    const out = allocFloat(this.dtype, rows * this.outputs);
    this.gatherOutputs(x, rows, out);
    return out;
  }

  /**
   * Loss E (mean over patterns of ½‖t − x_out‖²) and its gradient into every param's grad:
   * a forward relaxation, then the adjoint relaxation, then ∂E/∂θ from δ = f'(u)∘y.
   */
  gradient(inputs: FloatArray, targets: FloatArray, rows: number): FixedPointGradient {
    const { backend: be, free: nf, outputs: no, hidden: nh } = this;
    if (targets.length < rows * no) throw new Error(`almeida-pineda: ${targets.length} target values for ${rows} patterns of ${no}`);
    const x = this.relax(inputs, rows);
    const forwardIterations = this.lastForwardIterations;
    const n = rows * nf;
    // e = t − x on the output units, 0 on hidden units.
    const xOut = this.xOut.view(rows * no);
    const eOut = this.eOut.view(rows * no);
    this.gatherOutputs(x, rows, xOut);
    be.sub(rows * no, targets, xOut, eOut);
    const loss = (0.5 * be.sumSquares(rows * no, eOut)) / rows;
    const e = this.e.view(n);
    e.fill(0);
    for (let p = 0; p < rows; p++) e.set(eOut.subarray(p * no, (p + 1) * no), p * nf + nh);
    // Adjoint: y ← Wᵀ(D y) + e, i.e. for row-major pattern rows Y ← (f'(U)∘Y)·W + E.
    let y = this.y[0].view(n);
    let next = this.y[1].view(n);
    const dy = this.dy.view(n);
    y.fill(0);
    let change = Infinity;
    let it = 0;
    while (it < this.maxIterations) {
      it++;
      be.activationBackward(this.activation, n, x, y, dy, 0);
      next.set(e);
      be.gemm(false, false, rows, nf, nf, 1, dy, this.recurrentKernel.value, 1, next);
      be.sub(n, next, y, y);
      change = Math.sqrt(be.sumSquares(n, y) / n);
      [y, next] = [next, y];
      if (change <= this.tolerance || !Number.isFinite(change)) break;
    }
    if (!(change <= this.tolerance)) throw new RelaxationError('adjoint', it, change, this.tolerance);
    // δ = f'(u)∘y; gradients of the batch-mean E: −(1/P)·δᵀ·X, −(1/P)·δᵀ·I, −(1/P)·Σ_rows δ.
    be.activationBackward(this.activation, n, x, y, dy, 0);
    const s = -1 / rows;
    be.gemm(true, false, nf, nf, rows, s, dy, x, 0, this.recurrentKernel.grad);
    be.gemm(true, false, nf, this.inputs, rows, s, dy, this.inputView as FloatArray, 0, this.inputKernel.grad);
    be.sumRows(rows, nf, dy, 0, this.bias.grad);
    be.scale(nf, s, this.bias.grad);
    return { loss, forwardIterations, adjointIterations: it };
  }

  /** Loss only (a forward relaxation), mean over patterns of ½‖t − x_out‖². */
  loss(inputs: FloatArray, targets: FloatArray, rows: number): number {
    const x = this.relax(inputs, rows);
    const no = this.outputs;
    const xOut = this.xOut.view(rows * no);
    const eOut = this.eOut.view(rows * no);
    this.gatherOutputs(x, rows, xOut);
    this.backend.sub(rows * no, targets, xOut, eOut);
    return (0.5 * this.backend.sumSquares(rows * no, eOut)) / rows;
  }

  /** The states of the last relaxation (rows × Nf). */
  states(): FloatArray {
    return this.xView.subarray(0, this.rows * this.free);
  }

  private gatherOutputs(x: FloatArray, rows: number, out: FloatArray): void {
    const { free: nf, outputs: no, hidden: nh } = this;
    for (let p = 0; p < rows; p++) out.set(x.subarray(p * nf + nh, (p + 1) * nf), p * no);
  }
}
