/**
 * The Backend: the only seam between the model and the hardware.
 *
 * Every arithmetic loop on the training path (forward, loss, backward, optimizer)
 * goes through one of these methods. Arguments are flat, row-major typed arrays
 * plus sizes and scalars: no objects cross the seam, so a native implementation can
 * read and write the caller's memory directly (zero copy). Views made with
 * `subarray` are honoured: an implementation works on exactly the `length`
 * elements starting at the view's `byteOffset`.
 *
 * Conventions shared by every op:
 * - `n`, `rows`, `cols`, `m`, `k` are element counts; every array passed must hold
 *   at least as many elements as the sizes say (more is allowed, the rest is untouched).
 * - Outputs may alias inputs only where an op says so ("in place allowed").
 * - Float32Array everywhere; the TS backend also accepts Float64Array (all arrays of
 *   one call of the same type) so that gradient checks run in double precision.
 *   Native backends accept Float32Array only and throw a TypeError otherwise.
 * - Loss ops return their value as a JS number accumulated in double precision.
 * - Every op validates its arguments before touching memory, and every backend refuses the
 *   same bad arguments the same way (the conformance suite's refusal cases): a TypeError for a
 *   wrong JS type (a size or scalar that is not a number, a flag that is not a boolean, an
 *   array that is not a float typed array or not of the call's one type); a RangeError for a
 *   size that is not a non-negative safe integer, an array shorter than the sizes say, a
 *   scalar (hyper-parameter, scale factor) that is NaN or ±Infinity, a partial overlap an op
 *   does not allow, an unknown activation kind. Messages start with "<op>: <argument> ".
 */

/** A flat array of floats. */
export type FloatArray = Float32Array | Float64Array;

/** An activation by name: the element-wise ones (activation / activationBackward) and row-wise softmax (its own ops). */
export type ActivationName =
  | 'linear'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky-relu'
  | 'elu'
  | 'selu'
  | 'gelu'
  | 'gelu-tanh'
  | 'softplus'
  | 'silu'
  | 'mish'
  | 'softmax';

/** The element-wise activations: every ActivationName but softmax. */
export type ElementwiseActivation = Exclude<ActivationName, 'softmax'>;

/** The element-wise activations, in the order tests and help list them and the C++ kernels number them (native/src/kernels/activations.h; the wasm backend passes the index). */
export const ELEMENTWISE_ACTIVATIONS: readonly ElementwiseActivation[] = [
  'linear',
  'sigmoid',
  'tanh',
  'relu',
  'leaky-relu',
  'elu',
  'selu',
  'gelu',
  'gelu-tanh',
  'softplus',
  'silu',
  'mish',
];

/**
 * The element-wise activations whose derivative is a function of the output y = f(x), so that
 * `activationBackward` can take y: σ' = y(1−y), tanh' = 1−y², relu' / leaky-relu' from the sign
 * of y, elu' = y > 0 ? 1 : y + α, selu' = y > 0 ? λ : y + λα. The others (gelu, gelu-tanh,
 * softplus, silu, mish) are not invertible from y alone and need `activationBackwardFromInput`.
 */
export const OUTPUT_DERIVATIVE_ACTIVATIONS: readonly ElementwiseActivation[] = ['linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'selu'];

/** Whether `activationBackward` (from the output y) supports `kind`; otherwise use `activationBackwardFromInput`. */
export function derivativeFromOutput(kind: ElementwiseActivation): boolean {
  return (OUTPUT_DERIVATIVE_ACTIVATIONS as readonly string[]).includes(kind);
}

/**
 * Output positions of a window op along one axis (the rule of the convolution and pooling ops):
 * ⌊(size + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1, below 1 when the dilated kernel
 * does not fit the padded axis.
 */
export function windowOutputSize(size: number, kernel: number, stride: number, pad: number, dilation: number): number {
  return Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Facts a backend reports about itself (shown by the CLI, stored in JSON summaries). */
export interface BackendInfo {
  /** Registry name: 'ts', 'native', ... */
  readonly name: string;
  /** Human-readable, e.g. `ts` or `native (avx512, 2 threads)`. */
  readonly description: string;
  /** Instruction set dispatched to, for native backends (e.g. 'avx512', 'avx2', 'generic'). */
  readonly isa?: string;
  /** Worker threads used by the backend's GEMM. */
  readonly threads?: number;
  /** Whether Float64Array arguments are accepted. */
  readonly float64: boolean;
}

/**
 * The seam every arithmetic loop goes through: BLAS-style ops on flat row-major typed arrays (see
 * the conventions at the top of backend.ts). `tsBackend` implements it in TypeScript and
 * `@backprop/node-native` in C++; `registerBackend` makes another one available by name.
 */
export interface Backend {
  readonly info: BackendInfo;

  // ---------------------------------------------------------------- BLAS level 3
  /**
   * C = alpha·op(A)·op(B) + beta·C, row-major.
   * op(A) is m×k (A is m×k, or k×m when transA); op(B) is k×n (B is k×n, or n×k when
   * transB); C is m×n. With beta = 0, C is overwritten and its old contents (even NaN)
   * are ignored, as in BLAS.
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: FloatArray,
    b: FloatArray,
    beta: number,
    c: FloatArray,
  ): void;

  // ---------------------------------------------------------------- bias
  /** x[i, j] += v[j] for a rows×cols matrix x (bias add). */
  addRowVector(rows: number, cols: number, x: FloatArray, v: FloatArray): void;
  /** out[j] = beta·out[j] + Σ_i x[i, j] (bias gradient); beta = 0 overwrites. */
  sumRows(rows: number, cols: number, x: FloatArray, beta: number, out: FloatArray): void;

  // ---------------------------------------------------------------- activations
  /**
   * y = f(x) element-wise for n elements; in place allowed (y === x). PyTorch's definitions:
   *   elu(x)       = x > 0 ? x : α(eˣ − 1)
   *   selu(x)      = λ·(x > 0 ? x : α₀(eˣ − 1)),  λ = 1.0507009873554805, α₀ = 1.6732632423543772
   *   gelu(x)      = x·Φ(x) = ½x(1 + erf(x/√2))
   *   gelu-tanh(x) = ½x(1 + tanh(√(2/π)(x + 0.044715x³)))   (PyTorch's approximate='tanh')
   *   softplus(x)  = x > 20 ? x : log(1 + eˣ)               (beta 1, threshold 20)
   *   silu(x)      = x·σ(x)
   *   mish(x)      = x·tanh(softplus(x))
   * `alpha` is the negative slope of leaky-relu and the α of elu (ignored by other kinds).
   */
  activation(kind: Exclude<ActivationName, 'softmax'>, n: number, x: FloatArray, y: FloatArray, alpha: number): void;
  /**
   * dx = dy ∘ f'(x), computed from the forward output y = f(x) (every supported
   * kind's derivative is a function of its output: σ' = y(1−y), tanh' = 1−y², relu'
   * and leaky-relu' from the sign of y, elu' = y > 0 ? 1 : y + α, selu' = y > 0 ? λ : y + λα).
   * Only the OUTPUT_DERIVATIVE_ACTIVATIONS: any other kind is refused with a RangeError.
   * In place allowed (dx === dy).
   */
  activationBackward(kind: Exclude<ActivationName, 'softmax'>, n: number, y: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void;
  /**
   * dx = dy ∘ f'(x), computed from the pre-activation x, for every element-wise kind:
   *   gelu'      = Φ(x) + x·φ(x),  φ(x) = e^{−x²/2}/√(2π)
   *   gelu-tanh' = ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²),  t = tanh(√(2/π)(x + 0.044715x³))
   *   softplus'  = x > 20 ? 1 : σ(x)
   *   silu'      = σ(x)(1 + x(1 − σ(x)))
   *   mish'      = tanh(sp) + x·σ(x)(1 − tanh²(sp)),  sp = softplus(x)
   * and the usual derivatives of the others (relu' = [x > 0], elu' = x > 0 ? 1 : αeˣ, …).
   * In place allowed (dx === dy); dx must not partially overlap x.
   */
  activationBackwardFromInput(kind: Exclude<ActivationName, 'softmax'>, n: number, x: FloatArray, dy: FloatArray, dx: FloatArray, alpha: number): void;
  /** Row-wise softmax of a rows×cols matrix, max-shifted for stability; in place allowed. */
  softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void;
  /** dx[i,:] = y[i,:] ∘ (dy[i,:] − ⟨dy[i,:], y[i,:]⟩), the softmax Jacobian-vector product; in place allowed (dx === dy). */
  softmaxBackward(rows: number, cols: number, y: FloatArray, dy: FloatArray, dx: FloatArray): void;

  // ---------------------------------------------------------------- fused losses
  /**
   * Softmax + cross-entropy from logits in one pass.
   * Returns Σ_rows −Σ_j t[i,j]·log softmax(z)[i,j] (a sum over rows; the caller averages),
   * and writes grad[i,j] = gradScale·(softmax(z)[i,j] − t[i,j]). Targets are one-hot or any
   * probability rows. grad may alias logits.
   */
  softmaxCrossEntropy(
    rows: number,
    cols: number,
    logits: FloatArray,
    targets: FloatArray,
    gradScale: number,
    grad: FloatArray,
  ): number;
  /**
   * Squared error: returns Σ (p − t)² over n elements and writes
   * grad = gradScale·2·(p − t). grad may alias pred.
   */
  mse(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number;
  /**
   * Sigmoid + binary cross-entropy from logits z, numerically stable:
   * returns Σ [max(z,0) − z·t + log(1 + e^{−|z|})] and writes grad = gradScale·(σ(z) − t).
   * grad may alias logits.
   */
  sigmoidBinaryCrossEntropy(n: number, logits: FloatArray, targets: FloatArray, gradScale: number, grad: FloatArray): number;
  /**
   * Absolute error (L1): returns Σ |p − t| over n elements and writes
   * grad = gradScale·sign(p − t), with sign(0) = 0 as in PyTorch. grad may alias pred.
   */
  l1Loss(n: number, pred: FloatArray, target: FloatArray, gradScale: number, grad: FloatArray): number;
  /**
   * Huber loss (PyTorch's HuberLoss before reduction), d = p − t:
   *   h(d) = |d| < δ ? ½d² : δ(|d| − ½δ),   h'(d) = clamp(d, −δ, δ)
   * returns Σ h(d) over n elements and writes grad = gradScale·h'(d). delta must be > 0.
   * grad may alias pred.
   */
  huber(n: number, pred: FloatArray, target: FloatArray, delta: number, gradScale: number, grad: FloatArray): number;
  /**
   * Multi-class margin (hinge) loss on logits, PyTorch's MultiMarginLoss with p = 1: with y_i the
   * class of row i (the index of the largest target, targets being one-hot rows),
   *   ℓ_i = (1/cols) Σ_{j≠y_i} max(0, margin − z_{i,y_i} + z_{ij})
   * returns Σ_i ℓ_i and writes grad = gradScale·∂ℓ_i/∂z_i: 1/cols for each j ≠ y_i whose term is
   * positive, minus their sum at y_i. grad may alias logits.
   */
  multiMargin(rows: number, cols: number, logits: FloatArray, targets: FloatArray, margin: number, gradScale: number, grad: FloatArray): number;

  // ---------------------------------------------------------------- element-wise
  /** out = a + b; out may alias a or b. */
  add(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** out = a − b; out may alias a or b. */
  sub(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** out = a ∘ b (Hadamard); out may alias a or b. */
  mul(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** c += a ∘ b (fused multiply-accumulate, for gates); c must not alias a or b. */
  mulAdd(n: number, a: FloatArray, b: FloatArray, c: FloatArray): void;
  /** y += alpha·x. */
  axpy(n: number, alpha: number, x: FloatArray, y: FloatArray): void;
  /** x *= alpha in place. */
  scale(n: number, alpha: number, x: FloatArray): void;
  /** Returns Σ x² (double accumulation), for gradient norms and clipping. */
  sumSquares(n: number, x: FloatArray): number;

  // ---------------------------------------------------------------- regularisation
  /**
   * L1 regularisation's (sub)gradient added to a gradient, g ← g + λ·sign(w), the gradient
   * of λ·Σ|w|. At w = 0 (and −0) the subgradient chosen is 0, so a weight that L1 has driven
   * to exactly zero stays there instead of oscillating around it; a NaN weight also gives 0.
   * g may be w itself (in place) but must not partially overlap it.
   */
  l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void;

  // ---------------------------------------------------------------- convolution and pooling
  //
  // Images are NCHW rows, as PyTorch stores them: image r, channel c, pixel (h, w) is
  // x[((r·channels + c)·height + h)·width + w]. A window op's output size per axis is
  //   out = ⌊(in + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1
  // (dilation 1 for pooling); the caller passes geometry whose `out` is ≥ 1. kernel, stride and
  // dilation must be ≥ 1, pad ≥ 0; pooling's pad must be ≤ ⌊kernel / 2⌋ (PyTorch's rule, so
  // that every window holds at least one real pixel) and its height and width ≥ 1. Geometry that
  // breaks these rules, or whose output would be empty, is refused with a RangeError naming the
  // argument ("maxPool2d: padH must be at most ⌊kernelH / 2⌋ = 1 (got 2)", "im2col: kernelH = 5
  // with dilationH = 1 does not fit in height + 2·padH = 4").

  /**
   * im2col in the "patches" layout: for image r and output position p = oh·outW + ow, row
   * r·outH·outW + p of `cols` holds the receptive field of that position, column
   * (c·kernelH + i)·kernelW + j = x[r, c, oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW],
   * or 0 where that pixel lies in the padding. `cols` is (rows·outH·outW) × (channels·kernelH·kernelW):
   * the column order is a flattened `[outC, inC, kh, kw]` kernel's, so a convolution is one GEMM,
   * Zᵀ = cols·Wᵀ. cols must not overlap x.
   */
  im2col(
    rows: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dilationH: number,
    dilationW: number,
    x: FloatArray,
    cols: FloatArray,
  ): void;
  /**
   * col2im, the adjoint of im2col: dx ← beta·dx, then every entry of `cols` (same layout as
   * im2col's) is added to the pixel it was read from; entries that came from padding are dropped.
   * beta = 0 overwrites dx (old contents ignored). dx must not overlap cols.
   */
  col2im(
    rows: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dilationH: number,
    dilationW: number,
    cols: FloatArray,
    beta: number,
    dx: FloatArray,
  ): void;
  /**
   * Direct convolution (no bias), for layers with a small receptive field where im2col + GEMM would
   * mostly copy: y[r, o, oh, ow] = Σ_{c,i,j} weights[o, c, i, j] · x[r, c, oh·strideH − padH + i·dilationH,
   * ow·strideW − padW + j·dilationW], x = 0 in the padding. x is rows·channels·height·width (NCHW),
   * weights filters·channels·kernelH·kernelW, y rows·filters·outH·outW, overwritten. Geometry as
   * im2col's. y must not overlap x or weights.
   */
  conv2d(
    rows: number,
    channels: number,
    height: number,
    width: number,
    filters: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dilationH: number,
    dilationW: number,
    x: FloatArray,
    weights: FloatArray,
    y: FloatArray,
  ): void;
  /**
   * conv2d's kernel gradient: dw ← beta·dw + alpha·Σ_{r,oh,ow} dy[r, o, oh, ow] · x[r, c, oh·strideH − padH + i·dilationH,
   * ow·strideW − padW + j·dilationW] for every (o, c, i, j), with conv2d's layouts (dy like y, dw
   * like weights). beta = 0 overwrites dw (old contents, even NaN, ignored, as gemm); rows = 0
   * leaves beta·dw. dw must not overlap x or dy.
   */
  conv2dWeightGrad(
    rows: number,
    channels: number,
    height: number,
    width: number,
    filters: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dilationH: number,
    dilationW: number,
    x: FloatArray,
    dy: FloatArray,
    alpha: number,
    beta: number,
    dw: FloatArray,
  ): void;
  /**
   * Transposes `batch` consecutive r×c matrices whose elements are blocks of `inner` contiguous
   * values: y[b, j, i, k] = x[b, i, j, k] for k < inner (x is batch×r×c×inner, y is
   * batch×c×r×inner; inner = 1 is the plain transpose y[b, j, i] = x[b, i, j]). Converts a
   * convolution's GEMM output to NCHW and back, e.g. [filters, rows·P] to [rows, filters, P] with
   * transposeBatch(1, filters, rows, P, T, Z). y must not overlap x.
   */
  transposeBatch(batch: number, r: number, c: number, inner: number, x: FloatArray, y: FloatArray): void;
  /**
   * Max pooling (dilation 1, padding counts as −∞): y[r, c, oh, ow] = max over the window, and
   * argmax[r, c, oh, ow] = h·width + w of the first maximum in row-major window order (NaN
   * propagates: a NaN in the window is the maximum). y and argmax are rows·channels·outH·outW.
   */
  maxPool2d(
    rows: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    x: FloatArray,
    y: FloatArray,
    argmax: Int32Array,
  ): void;
  /**
   * Backward of max pooling: dx = 0, then dx[r, c, argmax[r, c, o]] += dy[r, c, o] for every output
   * position o (outSize = outH·outW positions per channel). Every argmax must lie in
   * [0, height·width) (RangeError otherwise). dx must not overlap dy.
   */
  maxPool2dBackward(rows: number, channels: number, height: number, width: number, outSize: number, argmax: Int32Array, dy: FloatArray, dx: FloatArray): void;
  /**
   * Average pooling with zero padding counted in the divisor (PyTorch's count_include_pad = true):
   * y[r, c, oh, ow] = (1 / (kernelH·kernelW)) Σ_window x. Global average pooling is the window of
   * the whole image (kernel = height × width, stride 1, pad 0). y must not overlap x.
   */
  avgPool2d(
    rows: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    x: FloatArray,
    y: FloatArray,
  ): void;
  /** Backward of avgPool2d: dx = 0, then each dy[r, c, oh, ow] / (kernelH·kernelW) is added to every pixel of its window. dx must not overlap dy. */
  avgPool2dBackward(
    rows: number,
    channels: number,
    height: number,
    width: number,
    kernelH: number,
    kernelW: number,
    strideH: number,
    strideW: number,
    padH: number,
    padW: number,
    dy: FloatArray,
    dx: FloatArray,
  ): void;

  // ---------------------------------------------------------------- normalisation
  //
  // These ops see x as rows × channels × spatial: batch normalisation's statistics are per channel
  // over rows and spatial positions (spatial = H·W after a convolution, 1 after a dense layer);
  // layer normalisation's are per row, which is the same layout read as 1 × rows × cols.

  /**
   * Per-channel mean and biased variance (divisor N = rows·spatial), accumulated in double
   * precision with two passes: mean[c] = (1/N) Σ x, variance[c] = (1/N) Σ (x − mean[c])².
   * mean and variance hold `channels` values; neither may overlap x or the other.
   */
  channelMoments(rows: number, channels: number, spatial: number, x: FloatArray, mean: FloatArray, variance: FloatArray): void;
  /** y = x·scale[c] + shift[c] for every value of channel c; in place allowed (y === x). */
  channelAffine(rows: number, channels: number, spatial: number, x: FloatArray, scale: FloatArray, shift: FloatArray, y: FloatArray): void;
  /**
   * Per-channel sums (double accumulation): sumA[c] = Σ a, sumAB[c] = Σ a·b over the channel's
   * rows·spatial values; a normalisation's ∂L/∂β and ∂L/∂γ with a = dy and b = x̂.
   */
  channelSums(rows: number, channels: number, spatial: number, a: FloatArray, b: FloatArray, sumA: FloatArray, sumAB: FloatArray): void;
  /**
   * The input gradient of a normalisation x̂ = (x − μ)·s⁻¹ over each channel's N = rows·spatial
   * values, given g = ∂L/∂x̂ and its sums (channelSums of g and x̂):
   *   dx = scale[c]·(g − (sumG[c] + x̂·sumGXhat[c]) / N)
   * with scale[c] = 1/s (times γ when g is ∂L/∂y of y = γ·x̂ + β). In place allowed (dx === g).
   */
  normalizeBackward(
    rows: number,
    channels: number,
    spatial: number,
    xhat: FloatArray,
    g: FloatArray,
    scale: FloatArray,
    sumG: FloatArray,
    sumGXhat: FloatArray,
    dx: FloatArray,
  ): void;

  // ---------------------------------------------------------------- embedding
  /**
   * Row gather: out[i, :] = table[ids[i], :] for n ids, each row `dim` values; table has
   * tableRows rows. Every id must be an integer in [0, tableRows) (RangeError naming the bad id
   * otherwise). out must not overlap table or ids.
   */
  gatherRows(n: number, dim: number, tableRows: number, table: FloatArray, ids: FloatArray, out: FloatArray): void;
  /**
   * Row scatter-add, the adjoint of gatherRows: table ← beta·table, then
   * table[ids[i], :] += alpha·src[i, :] for i in order (repeated ids accumulate). beta = 0
   * overwrites table. Ids are checked as in gatherRows before anything is written.
   */
  scatterAddRows(n: number, dim: number, tableRows: number, ids: FloatArray, src: FloatArray, alpha: number, beta: number, table: FloatArray): void;

  // ---------------------------------------------------------------- fused optimizer steps
  /**
   * SGD with optional momentum / Nesterov and L2 weight decay (PyTorch semantics):
   *   g ← g + wd·w
   *   if momentum > 0: v ← μ·v + g;  g ← nesterov ? g + μ·v : v
   *   w ← w − lr·g
   * `velocity` may be null when momentum is 0. grad is not modified.
   */
  sgdStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    velocity: FloatArray | null,
    lr: number,
    momentum: number,
    nesterov: boolean,
    weightDecay: number,
  ): void;
  /**
   * Adam (decoupled = false: L2 added to the gradient) or AdamW (decoupled = true:
   * w ← w − lr·wd·w before the Adam update). `step` is the 1-based step count t used for
   * bias correction:
   *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
   *   w ← w − lr·(m / (1−β1^t)) / (√(v / (1−β2^t)) + ε)
   * grad is not modified.
   */
  adamStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    v: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    decoupled: boolean,
    step: number,
  ): void;
  /**
   * RMSprop (torch.optim.RMSprop): with g ← g + wd·w,
   *   s ← α·s + (1−α)·g²
   *   centered: ḡ ← α·ḡ + (1−α)·g;  d ← √(s − ḡ²) + ε,  else d ← √s + ε
   *   momentum > 0: b ← μ·b + g/d;  w ← w − lr·b,  else w ← w − lr·g/d
   * `gradAvg` (ḡ) may be null unless centered; `momentumBuffer` (b) may be null when momentum
   * is 0. grad is not modified.
   */
  rmspropStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    squareAvg: FloatArray,
    gradAvg: FloatArray | null,
    momentumBuffer: FloatArray | null,
    lr: number,
    alpha: number,
    eps: number,
    weightDecay: number,
    momentum: number,
    centered: boolean,
  ): void;
  /**
   * Adagrad (torch.optim.Adagrad) at 1-based step t: with g ← g + wd·w,
   *   s ← s + g²;  w ← w − (lr / (1 + (t−1)·lrDecay))·g / (√s + ε)
   * grad is not modified.
   */
  adagradStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    sum: FloatArray,
    lr: number,
    lrDecay: number,
    eps: number,
    weightDecay: number,
    step: number,
  ): void;
  /**
   * Adamax (torch.optim.Adamax) at 1-based step t: with g ← g + wd·w,
   *   m ← β1·m + (1−β1)·g;  u ← max(β2·u, |g| + ε);  w ← w − (lr / (1−β1^t))·m / u
   * grad is not modified.
   */
  adamaxStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    u: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    step: number,
  ): void;
  /**
   * NAdam (torch.optim.NAdam) at 1-based step t with momentum schedule
   * μ_t = β1·(1 − ½·0.96^(t·ψ)) (ψ = momentumDecay) and `muProduct` = Π_{i≤t} μ_i (the
   * caller's running product, this step's μ_t included): with g ← g + wd·w,
   *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  d ← √(v / (1−β2^t)) + ε
   *   w ← w − lr·(1−μ_t)/(1−muProduct)·g/d − lr·μ_{t+1}/(1−muProduct·μ_{t+1})·m/d
   * grad is not modified.
   */
  nadamStep(
    n: number,
    weights: FloatArray,
    grads: FloatArray,
    m: FloatArray,
    v: FloatArray,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    momentumDecay: number,
    muProduct: number,
    step: number,
  ): void;
}
