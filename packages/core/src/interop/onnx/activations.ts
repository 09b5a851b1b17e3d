/**
 * backprop's activations as ONNX opset-17 nodes. Those ONNX has are one op (Relu, Sigmoid, Tanh,
 * LeakyRelu, Elu, Selu, Softplus, Softmax over the last axis); the rest are written as their
 * formulas (backend/ts/activation-math.ts):
 *   gelu       0.5·x·(1 + erf(x/√2))                    (ONNX's Gelu op arrives only in opset 20)
 *   gelu-tanh  0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
 *   silu       x·σ(x)
 *   mish       x·tanh(softplus(x))
 * softplus follows PyTorch's threshold (x above 20 gives x); ONNX's log(1 + eˣ) differs from x there
 * by less than e⁻²⁰, below float32's resolution at 20.
 */
import { SELU_ALPHA, SELU_SCALE } from '../../backend/ts/activation-math.js';
import type { ActivationName } from '../../model/types.js';
import type { OnnxGraphBuilder } from './graph-builder.js';

/** The activations that are one ONNX op without attributes. */
const SINGLE_OPS: Partial<Record<ActivationName, string>> = { relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh', softplus: 'Softplus' };

/** Appends the activation to the graph (nothing for 'linear'). */
export function emitActivation(g: OnnxGraphBuilder, activation: ActivationName, alpha: number | undefined, base: string): void {
  const x = g.current;
  const scalar = (name: string, v: number): string => g.constant(`${base}.${name}`, [], [v]);
  const single = SINGLE_OPS[activation];
  if (single) {
    g.apply(single, base, [x]);
    return;
  }
  switch (activation) {
    case 'linear':
      return;
    case 'leaky-relu':
      g.apply('LeakyRelu', base, [x], [{ name: 'alpha', f: alpha ?? 0.01 }]);
      return;
    case 'elu':
      g.apply('Elu', base, [x], [{ name: 'alpha', f: alpha ?? 1 }]);
      return;
    case 'selu':
      g.apply('Selu', base, [x], [
        { name: 'alpha', f: SELU_ALPHA },
        { name: 'gamma', f: SELU_SCALE },
      ]);
      return;
    case 'softmax':
      g.apply('Softmax', base, [x], [{ name: 'axis', i: -1 }]);
      return;
    case 'silu':
      g.apply('Mul', base, [x, g.apply('Sigmoid', base, [x])]);
      return;
    case 'mish':
      g.apply('Tanh', base, [g.apply('Softplus', base, [x])]);
      g.apply('Mul', base, [x, g.current]);
      return;
    case 'gelu':
      g.apply('Mul', base, [x, scalar('inv_sqrt2', Math.SQRT1_2)]);
      g.apply('Erf', base, [g.current]);
      halfTimesOnePlus(g, x, base, scalar);
      return;
    case 'gelu-tanh': {
      const x2 = g.apply('Mul', base, [x, x]);
      const x3 = g.apply('Mul', base, [x2, x]);
      g.apply('Mul', base, [x3, scalar('c', 0.044715)]);
      g.apply('Add', base, [g.current, x]);
      g.apply('Mul', base, [g.current, scalar('sqrt_2_over_pi', Math.sqrt(2 / Math.PI))]);
      g.apply('Tanh', base, [g.current]);
      halfTimesOnePlus(g, x, base, scalar);
      return;
    }
    default:
      throw new Error(`exportOnnx: activation '${String(activation)}' has no ONNX form here`);
  }
}

/** current ← 0.5·x·(1 + current), the tail both gelu forms share. */
function halfTimesOnePlus(g: OnnxGraphBuilder, x: string, base: string, scalar: (name: string, v: number) => string): void {
  g.apply('Add', base, [g.current, scalar('one', 1)]);
  g.apply('Mul', base, [g.current, x]);
  g.apply('Mul', base, [g.current, scalar('half', 0.5)]);
}
