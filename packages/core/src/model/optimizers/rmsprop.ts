/**
 * RMSprop (Hinton's lecture 6e; torch.optim.RMSprop semantics, the update itself is
 * backend.rmspropStep): with g ← g + wd·w,
 *   s ← α·s + (1−α)·g²
 *   centered: ḡ ← α·ḡ + (1−α)·g;  d ← √(s − ḡ²) + ε,  else d ← √s + ε
 *   momentum μ > 0: b ← μ·b + g/d;  w ← w − lr·b,  else w ← w − lr·g/d
 * Slots per parameter: 'squareAvg' (s), then 'gradAvg' (ḡ) when centered, then
 * 'momentumBuffer' (b) when μ > 0.
 */
import type { Backend, FloatArray } from '../../backend/backend.js';
import type { Param } from '../layers/layer.js';
import type { DType } from '../types.js';
import { SlotOptimizer } from './optimizer.js';

export class Rmsprop extends SlotOptimizer {
  private readonly perParam: { s: FloatArray; a: FloatArray | null; b: FloatArray | null }[] = [];

  constructor(
    private readonly backend: Backend,
    params: readonly Param[],
    dtype: DType,
    readonly alpha: number,
    readonly eps: number,
    readonly weightDecay: number,
    readonly momentum: number,
    readonly centered: boolean,
  ) {
    super('rmsprop', dtype);
    params.forEach((p, i) => {
      const n = p.value.length;
      const s = this.addSlot(i, 'squareAvg', n);
      const a = centered ? this.addSlot(i, 'gradAvg', n) : null;
      const b = momentum > 0 ? this.addSlot(i, 'momentumBuffer', n) : null;
      this.perParam.push({ s, a, b });
    });
  }

  step(params: readonly Param[], lr: number): void {
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Param;
      const { s, a, b } = this.perParam[i] as { s: FloatArray; a: FloatArray | null; b: FloatArray | null };
      const wd = p.decay === false ? 0 : this.weightDecay;
      this.backend.rmspropStep(p.value.length, p.value, p.grad, s, a, b, lr, this.alpha, this.eps, wd, this.momentum, this.centered);
    }
    this.steps++;
  }
}
