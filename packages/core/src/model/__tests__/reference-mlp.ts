/**
 * Independent float64 reference trainer for dense networks, written from the textbook equations
 * and core's documented conventions (types.ts, losses/*.ts, optimizers/*.ts, schedules.ts,
 * backend.ts doc comments), not from core's kernels: plain loops over Float64Arrays, one
 * unshuffled pass over the rows per epoch, no Backend. reference-training.test.ts trains core's
 * float64 Model and this side by side and compares the weights.
 *
 * One optimizer step, in order:
 *   1. forward  z = a·W + b, a = f(z) (the output layer's logits go to a fused loss as they are)
 *   2. loss     mse: reported mean (p − t)² over every element, descends ½·Σ(p − t)² (summed)
 *               cross-entropy: softmax(z), reported and descended −(1/rows)·Σ t·log p
 *               binary-cross-entropy: σ(z), reported and descended (1/rows)·Σ −t·log σ − (1−t)·log(1−σ)
 *   3. backward δ = ∂E/∂a ∘ f'(z) (softmax: Jacobian-vector product), ∂W = aᵀ_prev·δ, ∂b = Σ_rows δ
 *   4. clip     every gradient (kernels and biases) scaled by c/‖g‖ when the global norm ‖g‖ > c
 *   5. L1       g ← g + λ·sign(w) on kernels (sign(0) = 0)
 *   6. update   sgd/momentum/nesterov (PyTorch): g ← g + wd·w (kernels); v ← μv + g;
 *                 w ← w − lr·(nesterov ? g + μv : v)   (μ = 0: w ← w − lr·g)
 *               adam: g ← g + wd·w (kernels); m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²;
 *                 w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε),  t = 1, 2, ... over all steps
 *               adamw: w ← w − lr·wd·w (kernels) first, then the adam update without wd in g
 *               rmsprop, adagrad, adamax, nadam: as PyTorch's documentation states the algorithms
 *                 (torch.optim.RMSprop, Adagrad, Adamax, NAdam), g ← g + wd·w (kernels) first:
 *               rmsprop: v ← αv + (1−α)g²; centered: g_ave ← α·g_ave + (1−α)g, ṽ = v − g_ave²;
 *                 μ > 0: b ← μb + g/(√ṽ + ε), w ← w − lr·b; else w ← w − lr·g/(√ṽ + ε)
 *               adagrad: γ̃ = lr/(1 + (t−1)·η); state_sum ← state_sum + g²; w ← w − γ̃·g/(√state_sum + ε)
 *               adamax: m ← β1 m + (1−β1) g; u ← max(β2·u, |g| + ε); w ← w − lr·m/((1−β1^t)·u)
 *               nadam: μ_t = β1(1 − ½·0.96^(tψ)); m, v as adam; v̂ = v/(1−β2^t);
 *                 w ← w − lr·μ_{t+1}·m/((1 − Π_{i≤t+1} μ_i)(√v̂ + ε)) − lr·(1−μ_t)·g/((1 − Π_{i≤t} μ_i)(√v̂ + ε))
 * The learning rate is the schedule's value at the 0-based epoch e of E total epochs.
 */
export type RefActivation = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'softmax';
export type RefLoss = 'mse' | 'cross-entropy' | 'binary-cross-entropy';

export interface RefLayer {
  readonly units: number;
  readonly activation: RefActivation;
  /** leaky-relu's negative slope. */
  readonly alpha: number;
  /** inputSize × units, row-major (a row of the batch times the kernel). */
  readonly kernel: Float64Array;
  readonly bias: Float64Array | null;
}

export interface RefOptimizer {
  readonly name: 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad' | 'adamax' | 'nadam';
  readonly lr: number;
  readonly momentum: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly l1: number;
  readonly alpha: number;
  readonly centered: boolean;
  readonly momentumDecay: number;
  readonly lrDecay: number;
  readonly initialAccumulatorValue: number;
}

export type RefSchedule =
  | { readonly type: 'constant' }
  | { readonly type: 'step'; readonly stepSize: number; readonly gamma: number }
  | { readonly type: 'exponential'; readonly gamma: number }
  | { readonly type: 'cosine'; readonly minLr?: number };

export interface RefFit {
  /** Epochs [fromEpoch, toEpoch) of `totalEpochs` are run (0-based). */
  readonly fromEpoch: number;
  readonly toEpoch: number;
  readonly totalEpochs: number;
  /** Rows per batch, batches taken in order; the last one may be smaller. */
  readonly batchSize: number;
  readonly optimizer: RefOptimizer;
  readonly schedule: RefSchedule;
  readonly clipNorm?: number;
}

export interface RefEpoch {
  /** Mean reported loss over the epoch's rows (batch losses weighted by their rows). */
  readonly loss: number;
  readonly lr: number;
}

export function scheduleLr(s: RefSchedule, lr: number, e: number, epochs: number): number {
  switch (s.type) {
    case 'constant':
      return lr;
    case 'step':
      return lr * s.gamma ** Math.floor(e / s.stepSize);
    case 'exponential':
      return lr * s.gamma ** e;
    case 'cosine': {
      const min = s.minLr ?? 0;
      return min + ((lr - min) * (1 + Math.cos((Math.PI * e) / epochs))) / 2;
    }
  }
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function act(kind: RefActivation, z: number, alpha: number): number {
  switch (kind) {
    case 'linear':
      return z;
    case 'sigmoid':
      return sigmoid(z);
    case 'tanh':
      return Math.tanh(z);
    case 'relu':
      return z > 0 ? z : 0;
    case 'leaky-relu':
      return z > 0 ? z : alpha * z;
    case 'softmax':
      throw new Error('softmax is row-wise');
  }
}

/** f'(z) of the element-wise activations. */
function actDeriv(kind: RefActivation, z: number, alpha: number): number {
  switch (kind) {
    case 'linear':
      return 1;
    case 'sigmoid': {
      const s = sigmoid(z);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return 1 - t * t;
    }
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'leaky-relu':
      return z > 0 ? 1 : alpha;
    case 'softmax':
      throw new Error('softmax is row-wise');
  }
}

function softmaxRow(z: Float64Array, off: number, cols: number, out: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) max = Math.max(max, z[off + j]);
  let sum = 0;
  for (let j = 0; j < cols; j++) sum += Math.exp(z[off + j] - max);
  for (let j = 0; j < cols; j++) out[off + j] = Math.exp(z[off + j] - max) / sum;
}

export class ReferenceMlp {
  readonly layers: RefLayer[];
  private readonly velocity: Float64Array[];
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly gAve: Float64Array[];
  private t = 0;
  /** Steps at which clipping scaled the gradients (so a test can tell it happened). */
  clippedSteps = 0;

  constructor(
    readonly inputSize: number,
    layers: RefLayer[],
    readonly loss: RefLoss,
  ) {
    this.layers = layers;
    const zeros = (): Float64Array[] => this.params().map((p) => new Float64Array(p.value.length));
    this.velocity = zeros();
    this.m = zeros();
    this.v = zeros();
    this.gAve = zeros();
  }

  /** Kernel, bias per layer (bias omitted when the layer has none): core's parameter order. */
  params(): { value: Float64Array; kernel: boolean }[] {
    return this.layers.flatMap((l) => [{ value: l.kernel, kernel: true }, ...(l.bias ? [{ value: l.bias, kernel: false }] : [])]);
  }

  /** Reported loss of `rows` rows, and the gradient of the objective per parameter. */
  lossAndGradients(x: Float64Array, y: Float64Array, rows: number): { loss: number; grads: Float64Array[] } {
    const L = this.layers.length;
    const zs: Float64Array[] = [];
    const as: Float64Array[] = [x];
    let inSize = this.inputSize;
    for (let l = 0; l < L; l++) {
      const layer = this.layers[l];
      const u = layer.units;
      const a = as[l];
      const z = new Float64Array(rows * u);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < u; j++) {
          let s = layer.bias ? layer.bias[j] : 0;
          for (let i = 0; i < inSize; i++) s += a[r * inSize + i] * layer.kernel[i * u + j];
          z[r * u + j] = s;
        }
      }
      zs.push(z);
      const out = new Float64Array(rows * u);
      const fusedOutput = l === L - 1 && this.loss !== 'mse';
      if (fusedOutput) out.set(z); // logits: the fused loss applies softmax / sigmoid itself
      else if (layer.activation === 'softmax') for (let r = 0; r < rows; r++) softmaxRow(z, r * u, u, out);
      else for (let k = 0; k < z.length; k++) out[k] = act(layer.activation, z[k], layer.alpha);
      as.push(out);
      inSize = u;
    }

    const cols = this.layers[L - 1].units;
    const out = as[L];
    // d = ∂objective/∂(network output): w.r.t. the activations for mse, the logits otherwise.
    let d = new Float64Array(rows * cols);
    let loss = 0;
    if (this.loss === 'mse') {
      for (let k = 0; k < d.length; k++) {
        const e = out[k] - y[k];
        loss += e * e;
        d[k] = e;
      }
      loss /= rows * cols;
    } else if (this.loss === 'cross-entropy') {
      const p = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++) softmaxRow(out, r * cols, cols, p);
      for (let k = 0; k < d.length; k++) {
        loss -= y[k] * Math.log(p[k]);
        d[k] = (p[k] - y[k]) / rows;
      }
      loss /= rows;
    } else {
      for (let k = 0; k < d.length; k++) {
        const s = sigmoid(out[k]);
        loss -= y[k] * Math.log(s) + (1 - y[k]) * Math.log(1 - s);
        d[k] = (s - y[k]) / rows;
      }
      loss /= rows;
    }

    const grads: Float64Array[] = [];
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.layers[l];
      const u = layer.units;
      const n = l === 0 ? this.inputSize : this.layers[l - 1].units;
      const z = zs[l];
      // δ = ∂E/∂z
      const delta = new Float64Array(rows * u);
      if (l === L - 1 && this.loss !== 'mse') delta.set(d);
      else if (layer.activation === 'softmax') {
        const p = as[l + 1];
        for (let r = 0; r < rows; r++) {
          let dot = 0;
          for (let j = 0; j < u; j++) dot += d[r * u + j] * p[r * u + j];
          for (let j = 0; j < u; j++) delta[r * u + j] = p[r * u + j] * (d[r * u + j] - dot);
        }
      } else for (let k = 0; k < delta.length; k++) delta[k] = d[k] * actDeriv(layer.activation, z[k], layer.alpha);

      const a = as[l];
      const gW = new Float64Array(n * u);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < u; j++) {
          let s = 0;
          for (let r = 0; r < rows; r++) s += a[r * n + i] * delta[r * u + j];
          gW[i * u + j] = s;
        }
      }
      const layerGrads = [gW];
      if (layer.bias) {
        const gb = new Float64Array(u);
        for (let j = 0; j < u; j++) for (let r = 0; r < rows; r++) gb[j] += delta[r * u + j];
        layerGrads.push(gb);
      }
      grads.unshift(...layerGrads);
      const prev = new Float64Array(rows * n);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < u; j++) s += delta[r * u + j] * layer.kernel[i * u + j];
          prev[r * n + i] = s;
        }
      }
      d = prev;
    }
    return { loss, grads };
  }

  /** Steps 4–6 of the header for one batch's gradients. */
  step(grads: Float64Array[], o: RefOptimizer, lr: number, clipNorm: number | undefined): void {
    const params = this.params();
    if (clipNorm !== undefined) {
      let sq = 0;
      for (const g of grads) for (const v of g) sq += v * v;
      const norm = Math.sqrt(sq);
      if (norm > clipNorm) {
        this.clippedSteps++;
        for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= clipNorm / norm;
      }
    }
    const t = ++this.t;
    params.forEach((p, i) => {
      const w = p.value;
      const g = grads[i];
      const wd = p.kernel ? o.weightDecay : 0;
      if (p.kernel && o.l1 > 0) for (let k = 0; k < w.length; k++) g[k] += o.l1 * Math.sign(w[k]);
      if (o.name === 'rmsprop' || o.name === 'adagrad' || o.name === 'adamax' || o.name === 'nadam') {
        this.updateTorchDoc(o, lr, t, w, g, wd, i);
      } else if (o.name === 'adam' || o.name === 'adamw') {
        const m = this.m[i];
        const v = this.v[i];
        for (let k = 0; k < w.length; k++) {
          let gk = g[k];
          if (o.name === 'adamw') w[k] -= lr * wd * w[k];
          else gk += wd * w[k];
          m[k] = o.beta1 * m[k] + (1 - o.beta1) * gk;
          v[k] = o.beta2 * v[k] + (1 - o.beta2) * gk * gk;
          const mHat = m[k] / (1 - o.beta1 ** t);
          const vHat = v[k] / (1 - o.beta2 ** t);
          w[k] -= (lr * mHat) / (Math.sqrt(vHat) + o.eps);
        }
      } else {
        const vel = this.velocity[i];
        const mu = o.momentum;
        for (let k = 0; k < w.length; k++) {
          const gk = g[k] + wd * w[k];
          if (mu === 0) {
            w[k] -= lr * gk;
            continue;
          }
          vel[k] = mu * vel[k] + gk;
          w[k] -= lr * (o.name === 'nesterov' ? gk + mu * vel[k] : vel[k]);
        }
      }
    });
  }

  /** The rmsprop / adagrad / adamax / nadam updates of the header, element by element. */
  private updateTorchDoc(o: RefOptimizer, lr: number, t: number, w: Float64Array, grad: Float64Array, wd: number, i: number): void {
    const first = this.m[i]; // m (adamax, nadam), the momentum buffer b (rmsprop)
    const second = this.v[i]; // v (rmsprop, nadam), state_sum (adagrad), u (adamax)
    const gAve = this.gAve[i];
    if (o.name === 'adagrad' && t === 1) second.fill(o.initialAccumulatorValue);
    const muOf = (k: number): number => o.beta1 * (1 - 0.5 * 0.96 ** (k * o.momentumDecay));
    let prodT = 1;
    for (let k = 1; k <= t; k++) prodT *= muOf(k);
    const prodNext = prodT * muOf(t + 1);
    for (let k = 0; k < w.length; k++) {
      const g = grad[k] + wd * w[k];
      switch (o.name) {
        case 'rmsprop': {
          second[k] = o.alpha * second[k] + (1 - o.alpha) * g * g;
          let vTilde = second[k];
          if (o.centered) {
            gAve[k] = o.alpha * gAve[k] + (1 - o.alpha) * g;
            vTilde -= gAve[k] ** 2;
          }
          if (o.momentum > 0) {
            first[k] = o.momentum * first[k] + g / (Math.sqrt(vTilde) + o.eps);
            w[k] -= lr * first[k];
          } else {
            w[k] -= (lr * g) / (Math.sqrt(vTilde) + o.eps);
          }
          break;
        }
        case 'adagrad':
          second[k] += g * g;
          w[k] -= ((lr / (1 + (t - 1) * o.lrDecay)) * g) / (Math.sqrt(second[k]) + o.eps);
          break;
        case 'adamax':
          first[k] = o.beta1 * first[k] + (1 - o.beta1) * g;
          second[k] = Math.max(o.beta2 * second[k], Math.abs(g) + o.eps);
          w[k] -= (lr * first[k]) / ((1 - o.beta1 ** t) * second[k]);
          break;
        default: {
          first[k] = o.beta1 * first[k] + (1 - o.beta1) * g;
          second[k] = o.beta2 * second[k] + (1 - o.beta2) * g * g;
          const denom = Math.sqrt(second[k] / (1 - o.beta2 ** t)) + o.eps;
          w[k] -= (lr * muOf(t + 1) * first[k]) / ((1 - prodNext) * denom) + (lr * (1 - muOf(t)) * g) / ((1 - prodT) * denom);
        }
      }
    }
  }

  /** Train on n rows in order, batch after batch; returns each epoch's mean reported loss and lr. */
  fit(x: Float64Array, y: Float64Array, n: number, f: RefFit): RefEpoch[] {
    const inSize = this.inputSize;
    const outSize = this.layers[this.layers.length - 1].units;
    const bs = f.batchSize <= 0 || f.batchSize >= n ? n : f.batchSize;
    const epochs: RefEpoch[] = [];
    for (let e = f.fromEpoch; e < f.toEpoch; e++) {
      const lr = scheduleLr(f.schedule, f.optimizer.lr, e, f.totalEpochs);
      let lossSum = 0;
      for (let start = 0; start < n; start += bs) {
        const rows = Math.min(bs, n - start);
        const xb = x.subarray(start * inSize, (start + rows) * inSize);
        const yb = y.subarray(start * outSize, (start + rows) * outSize);
        const { loss, grads } = this.lossAndGradients(xb, yb, rows);
        this.step(grads, f.optimizer, lr, f.clipNorm);
        lossSum += loss * rows;
      }
      epochs.push({ loss: lossSum / n, lr });
    }
    return epochs;
  }
}
