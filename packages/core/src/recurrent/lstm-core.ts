/**
 * LSTM (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000), gates in the
 * order i, f, g, o:
 *   i = σ(x·W_i + h₋·U_i + b_i)     f = σ(x·W_f + h₋·U_f + b_f)
 *   g = tanh(x·W_g + h₋·U_g + b_g)  o = σ(x·W_o + h₋·U_o + b_o)
 *   c = f ∘ c₋ + i ∘ g              h = o ∘ tanh(c)
 * Backward, from δh(t) and the carried δc (∂L/∂c(t) through c(t+1)):
 *   δo = δh ∘ tanh(c) ∘ σ'          δc ← δc + δh ∘ o ∘ (1 − tanh²(c))
 *   δi = δc ∘ g ∘ σ'                δg = δc ∘ i ∘ (1 − g²)
 *   δf = δc ∘ c₋ ∘ σ'               δc₋ = δc ∘ f
 *   δh₋ = Σ_gates δ_gate·U_gateᵀ
 */
import type { FloatArray } from '../backend/backend.js';
import { type CoreConfig, RecurrentCore } from './recurrent-core.js';
import { Scratch } from './scratch.js';

const I = 0;
const F = 1;
const G = 2;
const O = 3;

export class LstmCore extends RecurrentCore {
  /** c(−1), c(0), …, c(T−1): ((T+1)·B × H). */
  private cs: FloatArray;
  /** tanh(c(t)) for every step (T·B × H). */
  private tcs: FloatArray;
  /** δc carried from step t+1 into step t (B × H) and the total at the current step. */
  private dc: FloatArray;
  private dcTotal: FloatArray;
  private readonly csScratch: Scratch;
  private readonly tcsScratch: Scratch;
  private readonly dcScratch: Scratch;
  private readonly dcTotalScratch: Scratch;
  private dcLive = false;

  constructor(config: CoreConfig) {
    super(config, 4);
    this.csScratch = new Scratch(config.dtype);
    this.tcsScratch = new Scratch(config.dtype);
    this.dcScratch = new Scratch(config.dtype);
    this.dcTotalScratch = new Scratch(config.dtype);
    this.cs = this.csScratch.view(0);
    this.tcs = this.tcsScratch.view(0);
    this.dc = this.dcScratch.view(0);
    this.dcTotal = this.dcTotalScratch.view(0);
  }

  private c(t: number): FloatArray {
    return this.at(this.cs, t + 1);
  }

  override lastCell(): FloatArray {
    return this.c(this.steps - 1);
  }

  protected prepare(rows: number, steps: number, c0: FloatArray | null): void {
    const BH = rows * this.units;
    this.cs = this.csScratch.view((steps + 1) * BH);
    this.tcs = this.tcsScratch.view(steps * BH);
    const first = this.cs.subarray(0, BH);
    if (c0) first.set(c0.subarray(0, BH));
    else first.fill(0);
  }

  protected stepForward(t: number): void {
    const { backend: be, rows: B, units: H } = this;
    const n = B * H;
    const hPrev = this.h(t - 1);
    const gate = (k: number): FloatArray => this.at(this.gateBuf[k], t);
    for (let k = 0; k < 4; k++) be.gemm(false, false, B, H, H, 1, hPrev, this.u(k), 1, gate(k));
    const i = gate(I);
    const f = gate(F);
    const g = gate(G);
    const o = gate(O);
    be.activation('sigmoid', n, i, i, 0);
    be.activation('sigmoid', n, f, f, 0);
    be.activation('tanh', n, g, g, 0);
    be.activation('sigmoid', n, o, o, 0);
    const c = this.c(t);
    be.mul(n, f, this.c(t - 1), c);
    be.mulAdd(n, i, g, c);
    const tc = this.at(this.tcs, t);
    be.activation('tanh', n, c, tc, 0);
    be.mul(n, o, tc, this.h(t));
  }

  protected prepareBackward(): void {
    const BH = this.rows * this.units;
    this.dc = this.dcScratch.view(BH);
    this.dcTotal = this.dcTotalScratch.view(BH);
    this.dcLive = false;
  }

  protected stepBackward(t: number, dh: FloatArray, dhPrev: FloatArray | null): void {
    const { backend: be, rows: B, units: H } = this;
    const n = B * H;
    const gate = (k: number): FloatArray => this.at(this.gateBuf[k], t);
    const delta = (k: number): FloatArray => this.at(this.dGateBuf[k], t);
    const tc = this.at(this.tcs, t);
    const dc = this.dcTotal;
    // δc(t) = carry + δh ∘ o ∘ tanh'(c); the scratch δ_g slot holds δh ∘ o for a moment.
    const tmp = delta(G);
    be.mul(n, dh, gate(O), tmp);
    be.activationBackward('tanh', n, tc, tmp, dc, 0);
    if (this.dcLive) be.add(n, dc, this.dc, dc);
    const dOut = delta(O);
    be.mul(n, dh, tc, dOut);
    be.activationBackward('sigmoid', n, gate(O), dOut, dOut, 0);
    const dIn = delta(I);
    be.mul(n, dc, gate(G), dIn);
    be.activationBackward('sigmoid', n, gate(I), dIn, dIn, 0);
    const dG = delta(G);
    be.mul(n, dc, gate(I), dG);
    be.activationBackward('tanh', n, gate(G), dG, dG, 0);
    const dF = delta(F);
    be.mul(n, dc, this.c(t - 1), dF);
    be.activationBackward('sigmoid', n, gate(F), dF, dF, 0);
    if (dhPrev) {
      be.mul(n, dc, gate(F), this.dc);
      this.dcLive = true;
      this.recurrentBackward(t, dhPrev, 0);
    } else this.dcLive = false;
  }
}
