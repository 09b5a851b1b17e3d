/**
 * Orthogonal initialisation for recurrent kernels (Saxe et al. 2014): an n × n matrix with
 * orthonormal rows, so that repeated multiplication by the recurrent kernel neither shrinks
 * nor blows up the hidden state at the start of training. Built by modified Gram–Schmidt on a
 * standard-normal matrix drawn from the model's seeded PRNG (initialisation, not training-path
 * arithmetic, so it runs here rather than on the Backend), with the sign fixed as in a QR
 * decomposition with a positive diagonal.
 */
import type { FloatArray } from '../backend/backend.js';
import type { Rng } from '../util/rng.js';

/** Fill `out` (n × n, row-major) with a random orthogonal matrix scaled by `gain`. */
export function fillOrthogonal(out: FloatArray, n: number, rng: Rng, gain = 1): void {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) q[i] = rng.normal();
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let dot = 0;
      for (let c = 0; c < n; c++) dot += q[ri + c] * q[rj + c];
      for (let c = 0; c < n; c++) q[ri + c] -= dot * q[rj + c];
    }
    let norm = 0;
    for (let c = 0; c < n; c++) norm += q[ri + c] * q[ri + c];
    norm = Math.sqrt(norm);
    // A normal draw is linearly dependent on earlier rows with probability 0; guard anyway.
    const inv = norm > 1e-12 ? 1 / norm : 0;
    for (let c = 0; c < n; c++) q[ri + c] *= inv;
  }
  for (let i = 0; i < n * n; i++) out[i] = gain * q[i];
}
