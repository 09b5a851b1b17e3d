/** The options batchnorm and layernorm share, checked with errors naming the layer. */
import type { BatchNormSpec, LayerNormSpec } from '../types.js';

export function normOptions(spec: BatchNormSpec | LayerNormSpec, where: string, withMomentum: boolean): { eps: number; momentum: number } {
  const eps = spec.eps ?? 1e-5;
  if (typeof eps !== 'number' || !(eps > 0 && eps < 1)) throw new Error(`${where}: eps must be a number in (0, 1), got ${String(spec.eps)}`);
  const momentum = withMomentum ? ((spec as BatchNormSpec).momentum ?? 0.1) : 0;
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
    throw new Error(`${where}: momentum must be a number in [0, 1], got ${String((spec as BatchNormSpec).momentum)}`);
  }
  return { eps, momentum };
}
