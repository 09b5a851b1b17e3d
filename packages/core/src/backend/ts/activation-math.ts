/**
 * Scalar definitions of the smooth activations (PyTorch's) and their derivatives in terms of the
 * pre-activation x, in double precision. JavaScript has no erf, so it is written here:
 *   erf(z) = (2/√π)·e^{−z²}·Σ_{k≥0} 2^k z^{2k+1} / (1·3·5···(2k+1))
 * (a series of same-signed terms, so no cancellation: relative error ≈ terms·ε), and ±1 for
 * |z| ≥ 6 where erfc(6) ≈ 2e−17 is below double precision.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2_OVER_PI = 0.7978845608028654;
const GELU_TANH_C = 0.044715;
/** SELU's λ and α (Klambauer et al.; PyTorch's constants). */
export const SELU_SCALE = 1.0507009873554804934193349852946;
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** softplus's threshold with beta 1: above it softplus(x) = x (PyTorch's default). */
export const SOFTPLUS_THRESHOLD = 20;

/** The error function, to about 1e−15 relative. */
export function erf(z: number): number {
  if (Number.isNaN(z)) return z;
  const a = Math.abs(z);
  if (a >= 6) return z > 0 ? 1 : -1;
  const z2 = a * a;
  let term = a;
  let sum = a;
  for (let k = 1; k < 200; k++) {
    term *= (2 * z2) / (2 * k + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  const r = TWO_OVER_SQRT_PI * Math.exp(-z2) * sum;
  return z < 0 ? -r : r;
}

/** σ(x) without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + eˣ) with PyTorch's threshold, written as max(x, 0) + log1p(e^{−|x|}). */
export function softplus(x: number): number {
  return x > SOFTPLUS_THRESHOLD ? x : Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x * INV_SQRT2));
}

export function geluGrad(x: number): number {
  return 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x)));
}

export function geluTanhGrad(x: number): number {
  const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_C * x * x);
}

export function softplusGrad(x: number): number {
  return x > SOFTPLUS_THRESHOLD ? 1 : sigmoid(x);
}

export function silu(x: number): number {
  return x * sigmoid(x);
}

export function siluGrad(x: number): number {
  const s = sigmoid(x);
  return s * (1 + x * (1 - s));
}

export function mish(x: number): number {
  return x * Math.tanh(softplus(x));
}

export function mishGrad(x: number): number {
  const t = Math.tanh(softplus(x));
  return t + x * sigmoid(x) * (1 - t * t);
}

export function elu(x: number, alpha: number): number {
  return x > 0 ? x : alpha * Math.expm1(x);
}

export function selu(x: number): number {
  return SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
}
