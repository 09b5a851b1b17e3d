/**
 * Float64 reference implementations of every Backend op, written as plain loops that are
 * obviously correct rather than fast. They read their inputs as numbers (whatever the
 * typed-array type) and return fresh Float64Arrays, so a backend's output can be compared
 * against them without the reference ever sharing memory with the backend under test.
 */
import type { ElementwiseActivation } from '../backend/backend.js';
import { erf } from '../backend/ts/activation-math.js';

/** Anything indexable by number: typed arrays and plain arrays. */
export type Numeric = ArrayLike<number>;

/** C = alpha·op(A)·op(B) + beta·C with the BLAS rule that beta = 0 ignores C entirely. */
export function refGemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Numeric,
  b: Numeric,
  beta: number,
  c: Numeric,
): { value: Float64Array; magnitude: Float64Array } {
  const value = new Float64Array(m * n);
  // magnitude[i,j] = |alpha|·Σ_p |op(A)[i,p]·op(B)[p,j]| + |beta·C[i,j]|: the scale that
  // floating-point rounding error is proportional to (cancellation-proof).
  const magnitude = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let sAbs = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * m + i]! : a[i * k + p]!;
        const bv = transB ? b[j * k + p]! : b[p * n + j]!;
        s += av * bv;
        sAbs += Math.abs(av * bv);
      }
      const old = beta === 0 ? 0 : beta * c[i * n + j]!;
      value[i * n + j] = alpha * s + old;
      magnitude[i * n + j] = Math.abs(alpha) * sAbs + Math.abs(old);
    }
  }
  return { value, magnitude };
}

/** x[i,j] + v[j]. */
export function refAddRowVector(rows: number, cols: number, x: Numeric, v: Numeric): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = x[i * cols + j]! + v[j]!;
  return out;
}

/** beta·out[j] + Σ_i x[i,j]; beta = 0 ignores out. */
export function refSumRows(rows: number, cols: number, x: Numeric, beta: number, out: Numeric): Float64Array {
  const r = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += x[i * cols + j]!;
    r[j] = (beta === 0 ? 0 : beta * out[j]!) + s;
  }
  return r;
}

/** f(x) for one element. */
export function refActivation1(kind: ElementwiseActivation, x: number, alpha: number): number {
  switch (kind) {
    case 'linear':
      return x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky-relu':
      return x > 0 ? x : alpha * x;
    case 'elu':
      return x > 0 ? x : alpha * (Math.exp(x) - 1);
    case 'selu':
      return SELU_L * (x > 0 ? x : SELU_A * (Math.exp(x) - 1));
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'gelu-tanh':
      return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    case 'softplus':
      return refSoftplus(x);
    case 'silu':
      return x / (1 + Math.exp(-x));
    case 'mish':
      return x * Math.tanh(refSoftplus(x));
  }
}

/** SELU's λ and α as PyTorch defines them. */
const SELU_L = 1.0507009873554804934193349852946;
const SELU_A = 1.6732632423543772848170429916717;

/** softplus with beta 1 and PyTorch's threshold 20 (linear above it). */
function refSoftplus(x: number): number {
  return x > 20 ? x : Math.log1p(Math.exp(x));
}

/** f'(x)·dy from the pre-activation x (Backend.activationBackwardFromInput), written out per kind. */
export function refActivationBackwardFromInput1(kind: ElementwiseActivation, x: number, dy: number, alpha: number): number {
  const s = 1 / (1 + Math.exp(-x));
  switch (kind) {
    case 'linear':
      return dy;
    case 'sigmoid':
      return dy * s * (1 - s);
    case 'tanh':
      return dy * (1 - Math.tanh(x) ** 2);
    case 'relu':
      return x > 0 ? dy : 0;
    case 'leaky-relu':
      return x > 0 ? dy : alpha * dy;
    case 'elu':
      return x > 0 ? dy : dy * alpha * Math.exp(x);
    case 'selu':
      return dy * SELU_L * (x > 0 ? 1 : SELU_A * Math.exp(x));
    case 'gelu':
      return dy * (0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp((-x * x) / 2)) / Math.sqrt(2 * Math.PI));
    case 'gelu-tanh': {
      const c = Math.sqrt(2 / Math.PI);
      const t = Math.tanh(c * (x + 0.044715 * x ** 3));
      return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x));
    }
    case 'softplus':
      return x > 20 ? dy : dy * s;
    case 'silu':
      return dy * (s + x * s * (1 - s));
    case 'mish': {
      const t = Math.tanh(refSoftplus(x));
      return dy * (t + x * s * (1 - t * t));
    }
  }
}

/** Float64 reference of `Backend.activationBackwardFromInput` on n elements. */
export function refActivationBackwardFromInput(kind: ElementwiseActivation, n: number, x: Numeric, dy: Numeric, alpha: number): Float64Array {
  const dx = new Float64Array(n);
  for (let i = 0; i < n; i++) dx[i] = refActivationBackwardFromInput1(kind, x[i]!, dy[i]!, alpha);
  return dx;
}

/** f'(x)·dy expressed through y = f(x), as the Backend documents. */
export function refActivationBackward1(kind: ElementwiseActivation, y: number, dy: number, alpha: number): number {
  switch (kind) {
    case 'linear':
      return dy;
    case 'sigmoid':
      return dy * y * (1 - y);
    case 'tanh':
      return dy * (1 - y * y);
    case 'relu':
      return y > 0 ? dy : 0;
    case 'leaky-relu':
      return y > 0 ? dy : alpha * dy;
    case 'elu':
      return y > 0 ? dy : dy * (y + alpha);
    case 'selu':
      return y > 0 ? SELU_L * dy : dy * (y + SELU_L * SELU_A);
    default:
      throw new RangeError(`no derivative of '${kind}' in terms of its output`);
  }
}

/** Float64 reference of `Backend.activation` on n elements. */
export function refActivation(kind: ElementwiseActivation, n: number, x: Numeric, alpha: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = refActivation1(kind, x[i]!, alpha);
  return y;
}

/** Float64 reference of `Backend.activationBackward` on n elements (from the forward output y). */
export function refActivationBackward(kind: ElementwiseActivation, n: number, y: Numeric, dy: Numeric, alpha: number): Float64Array {
  const dx = new Float64Array(n);
  for (let i = 0; i < n; i++) dx[i] = refActivationBackward1(kind, y[i]!, dy[i]!, alpha);
  return dx;
}

/** Row-wise softmax, max-shifted: y = e^{x−max} / Σ e^{x−max}. */
export function refSoftmax(rows: number, cols: number, x: Numeric): Float64Array {
  const y = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, x[i * cols + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(x[i * cols + j]! - max);
    for (let j = 0; j < cols; j++) y[i * cols + j] = Math.exp(x[i * cols + j]! - max) / sum;
  }
  return y;
}

/** dx = y ∘ (dy − ⟨dy, y⟩) row by row. */
export function refSoftmaxBackward(rows: number, cols: number, y: Numeric, dy: Numeric): Float64Array {
  const dx = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += dy[i * cols + j]! * y[i * cols + j]!;
    for (let j = 0; j < cols; j++) dx[i * cols + j] = y[i * cols + j]! * (dy[i * cols + j]! - dot);
  }
  return dx;
}

/** A loss value, its gradient, and the scale of the loss's rounding error. */
export interface RefLoss {
  loss: number;
  /** Σ of the absolute values of the terms the loss adds up: what its rounding error scales with. */
  lossMagnitude: number;
  grad: Float64Array;
}

/** Σ_rows −Σ_j t·log softmax(z), and grad = gradScale·(softmax(z) − t). */
export function refSoftmaxCrossEntropy(rows: number, cols: number, z: Numeric, t: Numeric, gradScale: number): RefLoss {
  const grad = new Float64Array(rows * cols);
  let loss = 0;
  let lossMagnitude = 0;
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, z[i * cols + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(z[i * cols + j]! - max);
    const logSumExp = max + Math.log(sum);
    for (let j = 0; j < cols; j++) {
      const zij = z[i * cols + j]!;
      const tij = t[i * cols + j]!;
      const logP = zij - logSumExp;
      loss -= tij * logP;
      lossMagnitude += Math.abs(tij) * (Math.abs(zij) + Math.abs(logSumExp));
      grad[i * cols + j] = gradScale * (Math.exp(logP) - tij);
    }
  }
  return { loss, lossMagnitude, grad };
}

/** Σ (p − t)², grad = gradScale·2·(p − t). */
export function refMse(n: number, p: Numeric, t: Numeric, gradScale: number): RefLoss {
  const grad = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i]! - t[i]!;
    loss += d * d;
    grad[i] = gradScale * 2 * d;
  }
  return { loss, lossMagnitude: loss, grad };
}

/** Σ |p − t|, grad = gradScale·sign(p − t) (0 at 0). */
export function refL1Loss(n: number, p: Numeric, t: Numeric, gradScale: number): RefLoss {
  const grad = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i]! - t[i]!;
    loss += Math.abs(d);
    grad[i] = gradScale * Math.sign(d);
  }
  return { loss, lossMagnitude: loss, grad };
}

/** Σ h(p − t) with h(d) = |d| < δ ? d²/2 : δ(|d| − δ/2); grad = gradScale·clamp(d, −δ, δ). */
export function refHuber(n: number, p: Numeric, t: Numeric, delta: number, gradScale: number): RefLoss {
  const grad = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i]! - t[i]!;
    loss += Math.abs(d) < delta ? (d * d) / 2 : delta * (Math.abs(d) - delta / 2);
    grad[i] = gradScale * Math.min(delta, Math.max(-delta, d));
  }
  return { loss, lossMagnitude: loss, grad };
}

/** Σ_i (1/C) Σ_{j≠y} max(0, margin − z_y + z_j), y the argmax of the target row; its gradient × gradScale. */
export function refMultiMargin(rows: number, cols: number, z: Numeric, t: Numeric, margin: number, gradScale: number): RefLoss {
  const grad = new Float64Array(rows * cols);
  let loss = 0;
  let mag = 0;
  for (let i = 0; i < rows; i++) {
    let y = 0;
    for (let j = 1; j < cols; j++) if (t[i * cols + j]! > t[i * cols + y]!) y = j;
    for (let j = 0; j < cols; j++) {
      if (j === y) continue;
      const m = margin - z[i * cols + y]! + z[i * cols + j]!;
      mag += (Math.abs(margin) + Math.abs(z[i * cols + y]!) + Math.abs(z[i * cols + j]!)) / cols;
      if (m > 0) {
        loss += m / cols;
        grad[i * cols + j] = gradScale / cols;
        grad[i * cols + y]! -= gradScale / cols;
      }
    }
  }
  return { loss, lossMagnitude: mag, grad };
}

/** Σ [max(z,0) − z·t + log(1 + e^{−|z|})], grad = gradScale·(σ(z) − t). */
export function refSigmoidBinaryCrossEntropy(n: number, z: Numeric, t: Numeric, gradScale: number): RefLoss {
  const grad = new Float64Array(n);
  let loss = 0;
  let lossMagnitude = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[i]!;
    const ti = t[i]!;
    const term = Math.max(zi, 0) - zi * ti + Math.log1p(Math.exp(-Math.abs(zi)));
    loss += term;
    lossMagnitude += Math.abs(zi) + Math.abs(zi * ti) + Math.LN2;
    grad[i] = gradScale * (1 / (1 + Math.exp(-zi)) - ti);
  }
  return { loss, lossMagnitude, grad };
}

/** Element-wise binary op. */
export function refBinary(n: number, a: Numeric, b: Numeric, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!);
  return out;
}

/** Σ x². */
export function refSumSquares(n: number, x: Numeric): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]! * x[i]!;
  return s;
}

/** One SGD step (PyTorch semantics, see Backend.sgdStep); returns new weights and velocity. */
export function refSgdStep(
  n: number,
  w: Numeric,
  g: Numeric,
  velocity: Numeric | null,
  lr: number,
  momentum: number,
  nesterov: boolean,
  weightDecay: number,
): { weights: Float64Array; velocity: Float64Array | null } {
  const weights = new Float64Array(n);
  const vel = velocity === null ? null : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let gi = g[i]! + weightDecay * w[i]!;
    if (momentum > 0 && velocity !== null && vel !== null) {
      const vi = momentum * velocity[i]! + gi;
      vel[i] = vi;
      gi = nesterov ? gi + momentum * vi : vi;
    } else if (velocity !== null && vel !== null) {
      vel[i] = velocity[i]!;
    }
    weights[i] = w[i]! - lr * gi;
  }
  return { weights, velocity: vel };
}

/** One Adam / AdamW step (see Backend.adamStep); returns new weights, m and v. */
export function refAdamStep(
  n: number,
  w: Numeric,
  g: Numeric,
  m: Numeric,
  v: Numeric,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  decoupled: boolean,
  step: number,
): { weights: Float64Array; m: Float64Array; v: Float64Array } {
  const weights = new Float64Array(n);
  const mOut = new Float64Array(n);
  const vOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let wi = w[i]!;
    let gi = g[i]!;
    if (decoupled) wi = wi - lr * weightDecay * wi;
    else gi = gi + weightDecay * wi;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    mOut[i] = mi;
    vOut[i] = vi;
    const mHat = mi / (1 - Math.pow(beta1, step));
    const vHat = vi / (1 - Math.pow(beta2, step));
    weights[i] = wi - (lr * mHat) / (Math.sqrt(vHat) + eps);
  }
  return { weights, m: mOut, v: vOut };
}

/** One RMSprop step (see Backend.rmspropStep); returns new weights and the three state arrays (null where not used). */
export function refRmspropStep(
  n: number,
  w: Numeric,
  g: Numeric,
  squareAvg: Numeric,
  gradAvg: Numeric | null,
  momentumBuffer: Numeric | null,
  lr: number,
  alpha: number,
  eps: number,
  weightDecay: number,
  momentum: number,
  centered: boolean,
): { weights: Float64Array; squareAvg: Float64Array; gradAvg: Float64Array | null; momentumBuffer: Float64Array | null } {
  const weights = new Float64Array(n);
  const sOut = new Float64Array(n);
  const aOut = centered ? new Float64Array(n) : null;
  const bOut = momentum > 0 ? new Float64Array(n) : null;
  for (let i = 0; i < n; i++) {
    const gi = g[i]! + weightDecay * w[i]!;
    sOut[i] = alpha * squareAvg[i]! + (1 - alpha) * gi * gi;
    let avg = sOut[i]!;
    if (aOut !== null) {
      aOut[i] = alpha * gradAvg![i]! + (1 - alpha) * gi;
      avg -= aOut[i]! * aOut[i]!;
    }
    const d = Math.sqrt(avg) + eps;
    if (bOut !== null) {
      bOut[i] = momentum * momentumBuffer![i]! + gi / d;
      weights[i] = w[i]! - lr * bOut[i]!;
    } else {
      weights[i] = w[i]! - (lr * gi) / d;
    }
  }
  return { weights, squareAvg: sOut, gradAvg: aOut, momentumBuffer: bOut };
}

/** One Adagrad step (see Backend.adagradStep); returns new weights and sum. */
export function refAdagradStep(
  n: number,
  w: Numeric,
  g: Numeric,
  sum: Numeric,
  lr: number,
  lrDecay: number,
  eps: number,
  weightDecay: number,
  step: number,
): { weights: Float64Array; sum: Float64Array } {
  const weights = new Float64Array(n);
  const sOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gi = g[i]! + weightDecay * w[i]!;
    sOut[i] = sum[i]! + gi * gi;
    weights[i] = w[i]! - ((lr / (1 + (step - 1) * lrDecay)) * gi) / (Math.sqrt(sOut[i]!) + eps);
  }
  return { weights, sum: sOut };
}

/** One Adamax step (see Backend.adamaxStep); returns new weights, m and u. */
export function refAdamaxStep(
  n: number,
  w: Numeric,
  g: Numeric,
  m: Numeric,
  u: Numeric,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  step: number,
): { weights: Float64Array; m: Float64Array; u: Float64Array } {
  const weights = new Float64Array(n);
  const mOut = new Float64Array(n);
  const uOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gi = g[i]! + weightDecay * w[i]!;
    mOut[i] = beta1 * m[i]! + (1 - beta1) * gi;
    uOut[i] = Math.max(beta2 * u[i]!, Math.abs(gi) + eps);
    weights[i] = w[i]! - (lr / (1 - Math.pow(beta1, step))) * (mOut[i]! / uOut[i]!);
  }
  return { weights, m: mOut, u: uOut };
}

/** NAdam's momentum schedule μ_t = β1·(1 − ½·0.96^(t·ψ)). */
export function refNadamMu(beta1: number, momentumDecay: number, t: number): number {
  return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
}

/** One NAdam step (see Backend.nadamStep; muProduct = Π_{i≤t} μ_i); returns new weights, m and v. */
export function refNadamStep(
  n: number,
  w: Numeric,
  g: Numeric,
  m: Numeric,
  v: Numeric,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  momentumDecay: number,
  muProduct: number,
  step: number,
): { weights: Float64Array; m: Float64Array; v: Float64Array } {
  const weights = new Float64Array(n);
  const mOut = new Float64Array(n);
  const vOut = new Float64Array(n);
  const mu = refNadamMu(beta1, momentumDecay, step);
  const muNext = refNadamMu(beta1, momentumDecay, step + 1);
  for (let i = 0; i < n; i++) {
    const gi = g[i]! + weightDecay * w[i]!;
    mOut[i] = beta1 * m[i]! + (1 - beta1) * gi;
    vOut[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
    const d = Math.sqrt(vOut[i]! / (1 - Math.pow(beta2, step))) + eps;
    const gTerm = (lr * (1 - mu) * gi) / ((1 - muProduct) * d);
    const mTerm = (lr * muNext * mOut[i]!) / ((1 - muProduct * muNext) * d);
    weights[i] = w[i]! - gTerm - mTerm;
  }
  return { weights, m: mOut, v: vOut };
}

/** g + λ·sign(w) with sign(±0) = sign(NaN) = 0 (see Backend.l1Gradient). */
export function refL1Gradient(n: number, lambda: number, w: Numeric, g: Numeric): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const sign = wi > 0 ? 1 : wi < 0 ? -1 : 0;
    out[i] = g[i]! + lambda * sign;
  }
  return out;
}
