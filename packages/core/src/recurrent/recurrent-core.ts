/**
 * The shared engine of the recurrent layers: backpropagation through time over a batch of
 * sequences held time-major (block t of a T·B × F matrix holds the B rows of step t).
 *
 * A cell with G gates keeps its weights gate-major so that every gate is a contiguous matrix:
 *   kernel           W_g  (F × H)   input weights of gate g        param shape [G, F, H]
 *   recurrentKernel  U_g  (H × H)   recurrent weights of gate g    param shape [G, H, H]
 *   bias             b_g  (H)                                      param shape [G, H]
 *
 * Forward. The input projections of all steps are one GEMM per gate,
 *   P_g = X·W_g + b_g                         (T·B × F)·(F × H)
 * and each step adds the recurrent term and applies the cell's non-linearities:
 *   a_g(t) = P_g(t) + h(t−1)·U_g               (B × H)·(H × H), accumulated in place
 * (a cell may route a gate's recurrent term elsewhere, as the GRU's candidate does).
 *
 * Backward (BPTT). Walking t = T−1 … 0 with δh(t) = ∂L/∂h(t) from the layer above plus the carry
 * from step t+1, the cell writes ∂L/∂a_g(t) for every gate (δ_g(t)) and the carries δh(t−1)
 * (and δc(t−1) for the LSTM). Weight gradients are then one GEMM per gate over all steps:
 *   ∂L/∂W_g = Xᵀ·δ_g,   ∂L/∂U_g = H₋ᵀ·δ_g^rec,   ∂L/∂b_g = Σ_rows δ_g,   ∂L/∂X = Σ_g δ_g·W_gᵀ
 * where H₋ stacks h(t−1) for every step (h(−1) = the initial state) and δ_g^rec is what reaches
 * the recurrent product (δ_g itself, except for the GRU candidate).
 *
 * Truncated BPTT with window k. The sequence is cut into windows of k steps counted back from
 * the last step, [T−k, T), [T−2k, T−k), …, and the state that enters a window is treated as a
 * constant (its gradient is dropped, like `h.detach()` every k steps in PyTorch). So the loss at
 * step t reaches back to the start of its window: between 1 and k steps, and exactly k steps for
 * the single loss of a sequence-to-one layer. The gradient computed is the exact gradient of the
 * truncated objective J(θ) = Σ_t L_t(θ; h̄, c̄), where each window restarts from the frozen
 * states h̄, c̄ of the ordinary forward pass (same forward values as the full network, different
 * derivative). k ≥ T, or 0, is full BPTT.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { allocFloat } from '../model/buffers.js';
import type { Param } from '../model/layers/layer.js';
import type { DType } from '../model/types.js';
import { Scratch } from './scratch.js';

/** Sizes and services a core needs. */
export interface CoreConfig {
  readonly backend: Backend;
  readonly dtype: DType;
  /** F: values per time step of the input. */
  readonly features: number;
  /** H: hidden units. */
  readonly units: number;
  /** The layer context's parameter budget (see LayerContext.reserve), told the count before allocating. */
  readonly reserve?: (values: number) => void;
  /** Values of parameters a subclass adds beyond kernel, recurrentKernel and bias (the GRU's recurrent bias). */
  readonly extraValues?: number;
}

export abstract class RecurrentCore {
  readonly backend: Backend;
  readonly dtype: DType;
  readonly features: number;
  readonly units: number;
  readonly gates: number;
  readonly kernel: Param;
  readonly recurrentKernel: Param;
  readonly bias: Param;

  /** B and T of the last forward pass. */
  protected rows = 0;
  protected steps = 0;
  /** The time-major input of the last forward pass (kept for ∂L/∂W). */
  protected xTm: FloatArray | null = null;
  /** Gate g at every step (T·B × H); cells store activated gate values here. */
  protected gateBuf: FloatArray[] = [];
  /** h(−1), h(0), …, h(T−1): ((T+1)·B × H). */
  protected hsExt: FloatArray;
  /** δ_g at every step (T·B × H). */
  protected dGateBuf: FloatArray[] = [];

  private readonly gateScratch: Scratch[];
  private readonly dGateScratch: Scratch[];
  private readonly hsScratch: Scratch;
  private readonly carryScratch: [Scratch, Scratch];
  private readonly dhScratch: Scratch;

  protected constructor(config: CoreConfig, gates: number) {
    const { backend, dtype, features, units } = config;
    this.backend = backend;
    this.dtype = dtype;
    this.features = features;
    this.units = units;
    this.gates = gates;
    config.reserve?.(gates * (features * units + units * units + units) + (config.extraValues ?? 0));
    this.kernel = makeParam('kernel', [gates, features, units], dtype, true);
    this.recurrentKernel = makeParam('recurrentKernel', [gates, units, units], dtype, true);
    this.bias = makeParam('bias', [gates, units], dtype, false);
    this.gateScratch = Array.from({ length: gates }, () => new Scratch(dtype));
    this.dGateScratch = Array.from({ length: gates }, () => new Scratch(dtype));
    this.hsScratch = new Scratch(dtype);
    this.carryScratch = [new Scratch(dtype), new Scratch(dtype)];
    this.dhScratch = new Scratch(dtype);
    this.hsExt = allocFloat(dtype, 0);
  }

  /** Trainable parameters in save order. */
  params(): Param[] {
    return [this.kernel, this.recurrentKernel, this.bias];
  }

  /** W_g, U_g, b_g views. */
  protected w(g: number): FloatArray {
    const n = this.features * this.units;
    return this.kernel.value.subarray(g * n, (g + 1) * n);
  }
  protected u(g: number): FloatArray {
    const n = this.units * this.units;
    return this.recurrentKernel.value.subarray(g * n, (g + 1) * n);
  }
  protected b(g: number): FloatArray {
    return this.bias.value.subarray(g * this.units, (g + 1) * this.units);
  }

  /** Block t (B × H) of a T·B × H time-major buffer. */
  protected at(buf: FloatArray, t: number): FloatArray {
    const n = this.rows * this.units;
    return buf.subarray(t * n, (t + 1) * n);
  }

  /** h(t) (t = −1 is the initial state). */
  protected h(t: number): FloatArray {
    return this.at(this.hsExt, t + 1);
  }

  /** The hidden states of the last forward pass, time-major T·B × H. */
  hiddenStates(): FloatArray {
    const n = this.rows * this.units;
    return this.hsExt.subarray(n, (this.steps + 1) * n);
  }

  /** h(T−1), B × H. */
  lastHidden(): FloatArray {
    return this.h(this.steps - 1);
  }

  /**
   * Run the cell over `steps` steps of `rows` sequences. `xTm` is time-major (steps·rows ×
   * features) and must stay untouched until `backward`. `h0` (rows × units) is the initial
   * hidden state, zeros when null; `c0` likewise for cells with a memory cell.
   */
  forward(xTm: FloatArray, rows: number, steps: number, h0: FloatArray | null, c0: FloatArray | null): void {
    const { backend: be, features: F, units: H } = this;
    this.rows = rows;
    this.steps = steps;
    this.xTm = xTm;
    const n = steps * rows;
    this.hsExt = this.hsScratch.view((steps + 1) * rows * H);
    const first = this.h(-1);
    if (h0) first.set(h0.subarray(0, rows * H));
    else first.fill(0);
    for (let g = 0; g < this.gates; g++) this.gateBuf[g] = this.gateScratch[g].view(n * H);
    this.prepare(rows, steps, c0);
    for (let g = 0; g < this.gates; g++) {
      // P_g = X·W_g + b_g for all steps at once.
      const p = this.gateBuf[g];
      be.gemm(false, false, n, H, F, 1, xTm, this.w(g), 0, p);
      be.addRowVector(n, H, p, this.b(g));
    }
    for (let t = 0; t < steps; t++) this.stepForward(t);
  }

  /**
   * Backpropagate through the last forward pass. `dHs` is ∂L/∂h for every step (time-major
   * T·B × H, sequence-to-sequence) or null; `dLast` is ∂L/∂h(T−1) (B × H, sequence-to-one) or
   * null. Overwrites every param's grad. Writes ∂L/∂x (time-major) into `dXtm` when given.
   * `truncate` is the BPTT window k (0: full BPTT).
   */
  backward(dHs: FloatArray | null, dLast: FloatArray | null, truncate: number, dXtm: FloatArray | null): void {
    const xTm = this.xTm;
    if (!xTm) throw new Error(`${this.constructor.name}: backward called before forward`);
    const { backend: be, rows: B, steps: T, units: H } = this;
    const BH = B * H;
    for (let g = 0; g < this.gates; g++) this.dGateBuf[g] = this.dGateScratch[g].view(T * BH);
    this.prepareBackward();
    let carry = this.carryScratch[0].view(BH);
    let next = this.carryScratch[1].view(BH);
    const dhTotal = this.dhScratch.view(BH);
    let carryLive = false;
    // Lowest step that received any gradient: below it every δ is 0 (a cut sequence-to-one chain).
    let first = T;
    for (let t = T - 1; t >= 0; t--) {
      const up = dHs ? this.at(dHs, t) : t === T - 1 ? dLast : null;
      let dh: FloatArray;
      if (up && carryLive) {
        be.add(BH, up, carry, dhTotal);
        dh = dhTotal;
      } else if (up) dh = up;
      else if (carryLive) dh = carry;
      else break;
      first = t;
      const cut = t === 0 || (truncate > 0 && (T - t) % truncate === 0);
      this.stepBackward(t, dh, cut ? null : next);
      carryLive = !cut;
      if (!cut) [carry, next] = [next, carry];
    }
    this.accumulateGrads(xTm, first, dXtm);
  }

  /** ∂L/∂W, ∂L/∂U, ∂L/∂b (and ∂L/∂X) from the δ of steps first … T−1. */
  private accumulateGrads(xTm: FloatArray, first: number, dXtm: FloatArray | null): void {
    const { backend: be, rows: B, steps: T, features: F, units: H } = this;
    const n = (T - first) * B;
    const xs = xTm.subarray(first * B * F, T * B * F);
    const hPrev = this.hsExt.subarray(first * B * H, T * B * H);
    const kg = this.kernel.grad;
    const ug = this.recurrentKernel.grad;
    const bg = this.bias.grad;
    if (n === 0) {
      kg.fill(0);
      ug.fill(0);
      bg.fill(0);
      this.clearExtraGrads();
      if (dXtm) dXtm.fill(0, 0, T * B * F);
      return;
    }
    for (let g = 0; g < this.gates; g++) {
      const d = this.dGateBuf[g].subarray(first * B * H, T * B * H);
      const dRec = this.recurrentDelta(g).subarray(first * B * H, T * B * H);
      be.gemm(true, false, F, H, n, 1, xs, d, 0, kg.subarray(g * F * H, (g + 1) * F * H));
      be.gemm(true, false, H, H, n, 1, hPrev, dRec, 0, ug.subarray(g * H * H, (g + 1) * H * H));
      be.sumRows(n, H, d, 0, bg.subarray(g * H, (g + 1) * H));
    }
    this.extraGrads(first);
    if (dXtm) {
      dXtm.fill(0, 0, first * B * F);
      const dx = dXtm.subarray(first * B * F, T * B * F);
      for (let g = 0; g < this.gates; g++) {
        const d = this.dGateBuf[g].subarray(first * B * H, T * B * H);
        be.gemm(false, true, n, F, H, 1, d, this.w(g), g === 0 ? 0 : 1, dx);
      }
    }
  }

  /**
   * δh(t−1) += Σ_g δ_g^rec(t)·U_gᵀ; `beta` 0 overwrites `out`, 1 accumulates.
   * Shared by the cells' backward steps.
   */
  protected recurrentBackward(t: number, out: FloatArray, beta: number): void {
    const { backend: be, rows: B, units: H } = this;
    for (let g = 0; g < this.gates; g++) {
      be.gemm(false, true, B, H, H, 1, this.at(this.recurrentDelta(g), t), this.u(g), g === 0 ? beta : 1, out);
    }
  }

  /** Allocate per-forward caches; set the initial cell state from `c0` (zeros when null). */
  protected abstract prepare(rows: number, steps: number, c0: FloatArray | null): void;
  /** Gate buffers hold P_g(t); add the recurrent terms, apply the non-linearities, write h(t). */
  protected abstract stepForward(t: number): void;
  /** Allocate per-backward caches and clear the cell-state carry. */
  protected abstract prepareBackward(): void;
  /**
   * From δh(t) write δ_g(t) for every gate; when `dhPrev` is given write δh(t−1) into it (and
   * carry δc(t−1) internally), else the chain is cut here (clear the internal carry).
   */
  protected abstract stepBackward(t: number, dh: FloatArray, dhPrev: FloatArray | null): void;
  /** δ_g^rec: what multiplies h(t−1)ᵀ in ∂L/∂U_g (T·B × H). */
  protected recurrentDelta(g: number): FloatArray {
    return this.dGateBuf[g];
  }
  /** Gradients of extra params (the GRU's recurrent bias), from step `first` on. */
  protected extraGrads(_first: number): void {}
  protected clearExtraGrads(): void {}
  /** The cell state c(T−1) for cells that have one. */
  lastCell(): FloatArray | null {
    return null;
  }
}

/** A zeroed param with its gradient. */
export function makeParam(name: string, shape: number[], dtype: DType, decay: boolean): Param {
  const n = shape.reduce((a, b) => a * b, 1);
  return { name, shape, value: allocFloat(dtype, n), grad: allocFloat(dtype, n), decay };
}
