/**
 * Independent float64 reference of the Elman, LSTM and GRU recurrences for the tests: plain
 * loops, one sequence at a time, no Backend. It also evaluates the truncated-BPTT objective: at
 * every window start s (s > 0 and (T − s) mod k = 0) the state entering step s is replaced by a
 * frozen copy taken from an ordinary forward pass at the unperturbed weights, so finite
 * differences of this function are the gradient that truncated BPTT must return.
 */
export type Kind = 'rnn' | 'lstm' | 'gru';

export interface RefParams {
  /** [G, F, H] */
  readonly kernel: ArrayLike<number>;
  /** [G, H, H] */
  readonly recurrentKernel: ArrayLike<number>;
  /** [G, H] */
  readonly bias: ArrayLike<number>;
  /** GRU only, [3, H] */
  readonly recurrentBias?: ArrayLike<number>;
}

export interface RefStates {
  /** h[b][t] (length H) */
  readonly h: number[][][];
  /** c[b][t] for the LSTM */
  readonly c: number[][][];
}

const sig = (v: number): number => 1 / (1 + Math.exp(-v));

/** Run `rows` sequences; `frozen` + `k` evaluate the truncated objective's forward. */
export function referenceForward(
  kind: Kind,
  p: RefParams,
  x: ArrayLike<number>,
  rows: number,
  T: number,
  F: number,
  H: number,
  truncate = 0,
  frozen: RefStates | null = null,
): RefStates {
  const hs: number[][][] = [];
  const cs: number[][][] = [];
  // pre_g[j] = Σ_f x_f W_g[f][j] + b_g[j] (+ Σ_i h_i U_g[i][j] when rec)
  const proj = (g: number, xt: ArrayLike<number>, xo: number, h: number[] | null, j: number): [number, number] => {
    let a = p.bias[g * H + j];
    for (let f = 0; f < F; f++) a += xt[xo + f] * p.kernel[(g * F + f) * H + j];
    let r = 0;
    if (h) for (let i = 0; i < H; i++) r += h[i] * p.recurrentKernel[(g * H + i) * H + j];
    return [a, r];
  };
  for (let b = 0; b < rows; b++) {
    let h = new Array<number>(H).fill(0);
    let c = new Array<number>(H).fill(0);
    const hb: number[][] = [];
    const cb: number[][] = [];
    for (let t = 0; t < T; t++) {
      if (frozen && truncate > 0 && t > 0 && (T - t) % truncate === 0) {
        h = frozen.h[b][t - 1].slice();
        c = kind === 'lstm' ? frozen.c[b][t - 1].slice() : c;
      }
      const xo = b * T * F + t * F;
      const nh = new Array<number>(H);
      const nc = new Array<number>(H);
      for (let j = 0; j < H; j++) {
        if (kind === 'rnn') {
          const [a, r] = proj(0, x, xo, h, j);
          nh[j] = Math.tanh(a + r);
        } else if (kind === 'lstm') {
          const gate = (g: number): number => {
            const [a, r] = proj(g, x, xo, h, j);
            return a + r;
          };
          const i = sig(gate(0));
          const f = sig(gate(1));
          const gg = Math.tanh(gate(2));
          const o = sig(gate(3));
          nc[j] = f * c[j] + i * gg;
          nh[j] = o * Math.tanh(nc[j]);
        } else {
          const rb = p.recurrentBias as ArrayLike<number>;
          const [ar, rr] = proj(0, x, xo, h, j);
          const [az, rz] = proj(1, x, xo, h, j);
          const [an, rn] = proj(2, x, xo, h, j);
          const r = sig(ar + rr + rb[j]);
          const z = sig(az + rz + rb[H + j]);
          const n = Math.tanh(an + r * (rn + rb[2 * H + j]));
          nh[j] = (1 - z) * n + z * h[j];
        }
      }
      h = nh;
      if (kind === 'lstm') c = nc;
      hb.push(h);
      cb.push(c.slice());
    }
    hs.push(hb);
    cs.push(cb);
  }
  return { h: hs, c: cs };
}
