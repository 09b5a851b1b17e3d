import { Rng } from '../../util/rng.js';
import type { Dataset } from '../types.js';

/** n seeded rows of 4 normal features with a random one-hot class of 3 (model-file tests' data). */
export function randomClasses(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 4 }, () => rng.normal());
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) y[i * 3 + rng.int(3)] = 1;
  return { x, y, n, inputSize: 4, outputSize: 3 };
}
