/**
 * Gradient check: backprop's gradients against central differences, in float64.
 *
 *   numeric ∂L/∂θ_i ≈ (8[L(θ+εe_i) − L(θ−εe_i)] − [L(θ+2εe_i) − L(θ−2εe_i)]) / 12ε
 *
 * the fourth-order central difference (truncation error O(ε⁴)), which allows a step large
 * enough (ε = 1e-3) that round-off in L stays near 1e-13, so that relative errors of correct
 * gradients sit far below 1e-6. `order: 2` gives the plain (L(θ+ε) − L(θ−ε)) / 2ε.
 *   relative error  = |analytic − numeric| / max(|analytic|, |numeric|, floor)
 *
 * The floor keeps gradients that are zero or tiny (where both sides are round-off) from
 * producing huge ratios; any wrong gradient larger than the floor still shows. It only uses the
 * Layer interface, so it checks any registered layer type, recurrent ones included.
 */
import type { Backend } from '../backend/backend.js';
import { tsBackend } from '../backend/ts/index.js';
import type { Layer, Param } from './layers/layer.js';
import { Model } from './model.js';
import type { ModelSpec } from './types.js';

/** Options of `gradcheck`. */
export interface GradcheckOptions {
  /** Model seed (initial weights, dropout masks). Default 42. */
  readonly seed?: number;
  /** A backend that accepts Float64Array. Default: the TS backend. */
  readonly backend?: Backend;
  /** Finite-difference step ε. Default 1e-3 for order 4, 1e-5 for order 2. */
  readonly epsilon?: number;
  /** Order of the central difference: 4 (five-point stencil, default) or 2. */
  readonly order?: 2 | 4;
  /** Denominator floor of the relative error. Default 1e-6. */
  readonly floor?: number;
  /**
   * Run in training mode (dropout active) with each layer's random draw frozen after a first
   * forward pass, so that the loss is a deterministic function of the weights. Default false
   * (inference mode: dropout is the identity).
   */
  readonly training?: boolean;
  /** Also check ∂L/∂x (reported as layer −1, name 'input'). Default true. */
  readonly checkInput?: boolean;
  /** Check at most this many elements per parameter, spread evenly. Default: all. */
  readonly maxChecksPerParam?: number;
}

/**
 * The gradient check of one parameter (or of the input): its worst relative and absolute errors.
 */
export interface GradcheckParameterResult {
  /** 0-based layer index (−1 for the input). */
  readonly layer: number;
  readonly name: string;
  readonly maxRelativeError: number;
  /** Largest |analytic − numeric| seen, for context. */
  readonly maxAbsoluteError: number;
  readonly checked: number;
}

/**
 * What `gradcheck` returns: the worst relative error over everything checked, and each parameter's
 * result.
 */
export interface GradcheckResult {
  readonly maxRelativeError: number;
  readonly parameters: GradcheckParameterResult[];
}

/**
 * Build the model of `spec` in float64 and compare every parameter's backprop gradient (and
 * the input gradient) with central differences on the given rows.
 * @param spec the model to check (any registered layer types)
 * @param data n rows: n × inputSize inputs and n × outputSize targets, both Float64Array (a Dataset's
 *   names, in double precision)
 * @param options seed, backend, ε and order, floor, training mode, which elements
 * @returns the worst relative error and each parameter's result (≲ 1e-6 for correct gradients)
 * @throws for an invalid spec, data that are not Float64Array or do not match the spec, or a bad
 *   option
 */
export function gradcheck(
  spec: ModelSpec,
  data: { readonly x: Float64Array; readonly y: Float64Array; readonly n: number },
  options: GradcheckOptions = {},
): GradcheckResult {
  const backend = options.backend ?? tsBackend;
  const order = options.order ?? 4;
  if (order !== 2 && order !== 4) throw new RangeError(`gradcheck: order must be 2 or 4, got ${String(order)}`);
  const eps = options.epsilon ?? (order === 4 ? 1e-3 : 1e-5);
  const floor = options.floor ?? 1e-6;
  const training = options.training ?? false;
  if (!(data.x instanceof Float64Array) || !(data.y instanceof Float64Array)) {
    throw new TypeError('gradcheck: data.x and data.y must be Float64Array (the check runs in double precision)');
  }
  const model = Model.create(spec, { backend, seed: options.seed ?? 42, dtype: 'float64' });
  const rows = data.n;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`gradcheck: n (rows) must be a positive integer, got ${String(rows)}`);
  if (data.x.length !== rows * model.inputSize || data.y.length !== rows * model.outputSize) {
    throw new RangeError(
      `gradcheck: x needs ${rows}×${model.inputSize} and y ${rows}×${model.outputSize} values, got ${data.x.length} and ${data.y.length}`,
    );
  }
  const x = data.x.slice();
  const y = data.y;
  if (training) {
    model.lossAndGradients(x, y, rows, true, true);
    for (const l of model.layers) l.freezeRandomness?.(true);
  }
  const loss = (): number => model.lossAndGradients(x, y, rows, training, false).objective;

  const analytic = model.lossAndGradients(x, y, rows, training, true);
  const inputGrad = analytic.inputGrad ? Float64Array.from(analytic.inputGrad) : null;
  const owners: { layer: number; param: Param }[] = [];
  model.layers.forEach((l: Layer, i) => l.params().forEach((param) => param.trainable !== false && owners.push({ layer: i, param })));
  const grads = owners.map((o) => Float64Array.from(o.param.grad));

  const results: GradcheckParameterResult[] = [];
  const check = (layer: number, name: string, values: Float64Array | Float32Array, grad: Float64Array): void => {
    const n = values.length;
    const limit = Math.min(n, options.maxChecksPerParam ?? n);
    let maxRel = 0;
    let maxAbs = 0;
    let nan = false;
    for (let c = 0; c < limit; c++) {
      const i = limit === n ? c : Math.floor((c * n) / limit);
      const v = values[i] as number;
      const at = (d: number): number => {
        values[i] = v + d;
        return loss();
      };
      const d1 = at(eps) - at(-eps);
      const numeric = order === 2 ? d1 / (2 * eps) : (8 * d1 - (at(2 * eps) - at(-2 * eps))) / (12 * eps);
      values[i] = v;
      const a = grad[i] as number;
      const abs = Math.abs(a - numeric);
      const rel = abs / Math.max(Math.abs(a), Math.abs(numeric), floor);
      if (Number.isNaN(rel)) nan = true;
      else if (rel > maxRel) maxRel = rel;
      if (abs > maxAbs) maxAbs = abs;
    }
    // A NaN on either side is a failure, reported as NaN (which no threshold accepts).
    results.push({ layer, name, maxRelativeError: nan ? Number.NaN : maxRel, maxAbsoluteError: maxAbs, checked: limit });
  };
  owners.forEach((o, k) => check(o.layer, `${model.layers[o.layer]?.type}_${o.layer + 1}.${o.param.name}`, o.param.value as Float64Array, grads[k] as Float64Array));
  if ((options.checkInput ?? true) && inputGrad) check(-1, 'input', x, inputGrad);
  const maxRelativeError = results.some((r) => Number.isNaN(r.maxRelativeError))
    ? Number.NaN
    : results.reduce((m, r) => Math.max(m, r.maxRelativeError), 0);
  return { maxRelativeError, parameters: results };
}
