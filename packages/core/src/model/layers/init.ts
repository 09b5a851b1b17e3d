/**
 * Weight initialisers, drawn from the model's seeded PRNG.
 *   xavier-uniform  U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut)))   (Glorot & Bengio 2010)
 *   xavier-normal   N(0, 2/(fanIn+fanOut))
 *   he-uniform      U(−√(6/fanIn), +√(6/fanIn))                      (He et al. 2015)
 *   he-normal       N(0, 2/fanIn)
 *   uniform         U(−0.05, 0.05);  normal  N(0, 0.05²);  zeros
 */
import type { FloatArray } from '../../backend/backend.js';
import type { Rng } from '../../util/rng.js';
import type { InitName } from '../types.js';

export const INIT_NAMES: readonly InitName[] = [
  'xavier-uniform',
  'xavier-normal',
  'he-uniform',
  'he-normal',
  'uniform',
  'normal',
  'zeros',
];

/** Throws a clear error unless `name` is a known initialiser. */
export function checkInit(name: unknown, where: string): InitName {
  if (typeof name !== 'string' || !(INIT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`${where}: unknown init '${String(name)}' (expected one of ${INIT_NAMES.join(', ')})`);
  }
  return name as InitName;
}

/** Fill `out` in order from `rng` (the order is part of the seed's reproducibility contract). */
export function initialise(init: InitName, out: FloatArray, fanIn: number, fanOut: number, rng: Rng): void {
  const n = out.length;
  switch (init) {
    case 'xavier-uniform':
      return fillUniform(out, n, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'xavier-normal':
      return fillNormal(out, n, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'he-uniform':
      return fillUniform(out, n, Math.sqrt(6 / fanIn), rng);
    case 'he-normal':
      return fillNormal(out, n, Math.sqrt(2 / fanIn), rng);
    case 'uniform':
      return fillUniform(out, n, 0.05, rng);
    case 'normal':
      return fillNormal(out, n, 0.05, rng);
    case 'zeros':
      out.fill(0);
      return;
  }
}

function fillUniform(out: FloatArray, n: number, limit: number, rng: Rng): void {
  for (let i = 0; i < n; i++) out[i] = rng.uniform(-limit, limit);
}

function fillNormal(out: FloatArray, n: number, std: number, rng: Rng): void {
  for (let i = 0; i < n; i++) out[i] = rng.normal(0, std);
}
