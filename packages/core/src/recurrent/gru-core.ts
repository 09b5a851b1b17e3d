/**
 * GRU (Cho et al. 2014) in the "reset after" form used by cuDNN, PyTorch and Keras
 * (reset_after = true), gates in the order r, z, n, with a second, recurrent bias b'_g:
 *   r = σ(x·W_r + b_r + h₋·U_r + b'_r)
 *   z = σ(x·W_z + b_z + h₋·U_z + b'_z)
 *   m = h₋·U_n + b'_n
 *   n = tanh(x·W_n + b_n + r ∘ m)
 *   h = (1 − z) ∘ n + z ∘ h₋  =  n + z ∘ (h₋ − n)
 * Backward, from δh(t):
 *   δz = δh ∘ (h₋ − n) ∘ σ'          δn = δh ∘ (1 − z) ∘ (1 − n²)
 *   δm = δn ∘ r                      δr = δn ∘ m ∘ σ'
 *   δh₋ = δh ∘ z + δr·U_rᵀ + δz·U_zᵀ + δm·U_nᵀ
 * so the candidate's recurrent weights and bias see δm, its input weights δn.
 */
import type { FloatArray } from '../backend/backend.js';
import type { Param } from '../model/layers/layer.js';
import { type CoreConfig, makeParam, RecurrentCore } from './recurrent-core.js';
import { Scratch } from './scratch.js';

const R = 0;
const Z = 1;
const N = 2;

export class GruCore extends RecurrentCore {
  /** b'_g, shape [3, H]. */
  readonly recurrentBias: Param;
  /** m(t) = h(t−1)·U_n + b'_n for every step (T·B × H). */
  private ms: FloatArray;
  /** δm(t) for every step (T·B × H). */
  private dms: FloatArray;
  private readonly msScratch: Scratch;
  private readonly dmsScratch: Scratch;

  constructor(config: CoreConfig) {
    super({ ...config, extraValues: (config.extraValues ?? 0) + 3 * config.units }, 3);
    this.recurrentBias = makeParam('recurrentBias', [3, config.units], config.dtype, false);
    this.msScratch = new Scratch(config.dtype);
    this.dmsScratch = new Scratch(config.dtype);
    this.ms = this.msScratch.view(0);
    this.dms = this.dmsScratch.view(0);
  }

  override params(): Param[] {
    return [...super.params(), this.recurrentBias];
  }

  private rb(g: number): FloatArray {
    return this.recurrentBias.value.subarray(g * this.units, (g + 1) * this.units);
  }

  protected prepare(rows: number, steps: number): void {
    this.ms = this.msScratch.view(steps * rows * this.units);
  }

  protected stepForward(t: number): void {
    const { backend: be, rows: B, units: H } = this;
    const n = B * H;
    const hPrev = this.h(t - 1);
    const r = this.at(this.gateBuf[R], t);
    const z = this.at(this.gateBuf[Z], t);
    const c = this.at(this.gateBuf[N], t);
    const m = this.at(this.ms, t);
    be.gemm(false, false, B, H, H, 1, hPrev, this.u(R), 1, r);
    be.addRowVector(B, H, r, this.rb(R));
    be.activation('sigmoid', n, r, r, 0);
    be.gemm(false, false, B, H, H, 1, hPrev, this.u(Z), 1, z);
    be.addRowVector(B, H, z, this.rb(Z));
    be.activation('sigmoid', n, z, z, 0);
    be.gemm(false, false, B, H, H, 1, hPrev, this.u(N), 0, m);
    be.addRowVector(B, H, m, this.rb(N));
    be.mulAdd(n, r, m, c);
    be.activation('tanh', n, c, c, 0);
    const h = this.h(t);
    be.sub(n, hPrev, c, h);
    be.mul(n, z, h, h);
    be.add(n, c, h, h);
  }

  protected prepareBackward(): void {
    this.dms = this.dmsScratch.view(this.steps * this.rows * this.units);
  }

  protected stepBackward(t: number, dh: FloatArray, dhPrev: FloatArray | null): void {
    const { backend: be, rows: B, units: H } = this;
    const n = B * H;
    const hPrev = this.h(t - 1);
    const r = this.at(this.gateBuf[R], t);
    const z = this.at(this.gateBuf[Z], t);
    const c = this.at(this.gateBuf[N], t);
    const dz = this.at(this.dGateBuf[Z], t);
    be.sub(n, hPrev, c, dz);
    be.mul(n, dh, dz, dz);
    be.activationBackward('sigmoid', n, z, dz, dz, 0);
    const dn = this.at(this.dGateBuf[N], t);
    be.mul(n, dh, z, dn);
    be.sub(n, dh, dn, dn);
    be.activationBackward('tanh', n, c, dn, dn, 0);
    const dm = this.at(this.dms, t);
    be.mul(n, dn, r, dm);
    const dr = this.at(this.dGateBuf[R], t);
    be.mul(n, dn, this.at(this.ms, t), dr);
    be.activationBackward('sigmoid', n, r, dr, dr, 0);
    if (dhPrev) {
      be.mul(n, dh, z, dhPrev);
      this.recurrentBackward(t, dhPrev, 1);
    }
  }

  protected override recurrentDelta(g: number): FloatArray {
    return g === N ? this.dms : this.dGateBuf[g];
  }

  protected override extraGrads(first: number): void {
    const { rows: B, steps: T, units: H } = this;
    const n = (T - first) * B;
    for (let g = 0; g < 3; g++) {
      const d = this.recurrentDelta(g).subarray(first * B * H, T * B * H);
      this.backend.sumRows(n, H, d, 0, this.recurrentBias.grad.subarray(g * H, (g + 1) * H));
    }
  }

  protected override clearExtraGrads(): void {
    this.recurrentBias.grad.fill(0);
  }
}
