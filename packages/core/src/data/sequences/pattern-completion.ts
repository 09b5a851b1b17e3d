/**
 * Pattern completion (associative memory). A few binary prototype patterns are stored; a cue is a
 * prototype with some bits erased, and the target is the whole prototype. Inputs use three
 * levels: 1 and 0 for known bits and 0.5 for an erased one ("unknown"). Prototypes are drawn so
 * that any two differ in more than 2 × `erase` bits, so every cue has exactly one completion.
 * The set holds every way of erasing `erase` bits from every prototype.
 */
import type { Dataset } from '../dataset.js';
import { Rng } from '../../util/rng.js';

/** Options of `patternCompletion`. */
export interface PatternCompletionOptions {
  /** Stored prototypes, default 4. */
  readonly patterns?: number;
  /** Bits per pattern, default 8. */
  readonly width?: number;
  /** Bits erased in each cue, default 2. */
  readonly erase?: number;
  readonly seed?: number;
}

export interface PatternCompletionSet extends Dataset {
  /** The prototypes, patterns × width, values 0/1. */
  readonly prototypes: Float32Array;
}

/**
 * Pattern completion (associative memory): random binary prototypes; each row is a prototype with
 * `erase` bits set to 0.5 and the whole prototype as the target.
 * @param options number and width of the patterns, bits erased, seed
 * @returns every cue of every prototype, with the prototypes
 * @throws when a count is not a positive integer or erase is not below width
 */
export function patternCompletion(options: PatternCompletionOptions = {}): PatternCompletionSet {
  const k = options.patterns ?? 4;
  const w = options.width ?? 8;
  const erase = options.erase ?? 2;
  if (!Number.isInteger(k) || k < 1) throw new Error(`pattern completion: patterns must be a positive integer, got ${String(k)}`);
  if (!Number.isInteger(w) || w < 1 || w > 24) throw new Error(`pattern completion: width must be an integer in 1…24, got ${String(w)}`);
  if (!Number.isInteger(erase) || erase < 0 || erase >= w) throw new Error(`pattern completion: erase must be an integer in 0…width−1`);
  const rng = new Rng(options.seed ?? 1);
  const protos: number[] = [];
  for (let tries = 0; protos.length < k; tries++) {
    if (tries > 10000) throw new Error(`pattern completion: cannot draw ${k} patterns of ${w} bits more than ${2 * erase} bits apart`);
    const p = rng.int(1 << w);
    if (protos.every((q) => popcount(p ^ q) > 2 * erase)) protos.push(p);
  }
  const masks: number[] = [];
  for (let m = 0; m < 1 << w; m++) if (popcount(m) === erase) masks.push(m);
  const n = k * masks.length;
  const x = new Float32Array(n * w);
  const y = new Float32Array(n * w);
  const prototypes = new Float32Array(k * w);
  let row = 0;
  protos.forEach((p, pi) => {
    for (let j = 0; j < w; j++) prototypes[pi * w + j] = (p >> j) & 1;
    for (const m of masks) {
      for (let j = 0; j < w; j++) {
        const bit = (p >> j) & 1;
        x[row * w + j] = (m >> j) & 1 ? 0.5 : bit;
        y[row * w + j] = bit;
      }
      row++;
    }
  });
  return { x, y, n, inputSize: w, outputSize: w, prototypes };
}

function popcount(v: number): number {
  let c = 0;
  for (let u = v; u; u &= u - 1) c++;
  return c;
}
