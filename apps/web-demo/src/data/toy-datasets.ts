/**
 * The six 2-D toy data sets of TensorFlow Playground (circle, XOR, Gaussian, spiral for
 * classification; plane and multi-Gaussian for regression), generated the same way as there
 * but from core's seeded `Rng`, so a seed in the URL reproduces the exact points.
 *
 * Points live in the square [-6, 6]². Classification labels are 0/1 (the network's sigmoid
 * output is read as P(label = 1)); regression labels lie in [-1, 1].
 */
import { Rng } from '@backprop/core';

export type ClassificationSet = 'circle' | 'xor' | 'gauss' | 'spiral';
export type RegressionSet = 'reg-plane' | 'reg-gauss';
export type ToySetName = ClassificationSet | RegressionSet;

export const CLASSIFICATION_SETS: readonly ClassificationSet[] = ['circle', 'xor', 'gauss', 'spiral'];
export const REGRESSION_SETS: readonly RegressionSet[] = ['reg-plane', 'reg-gauss'];

/** Half-width of the input square the points and heatmaps cover. */
export const DOMAIN = 6;

/** Points as parallel arrays: (x[i], y[i]) with label[i]. */
export interface Points2D {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly label: Float32Array;
  readonly n: number;
}

/** Default sample counts, as in Playground. */
export const SAMPLES_CLASSIFY = 500;
export const SAMPLES_REGRESS = 1200;

export function isClassificationSet(name: ToySetName): name is ClassificationSet {
  return (CLASSIFICATION_SETS as readonly string[]).includes(name);
}

/**
 * Generates a toy set.
 * @param name which set
 * @param noise 0..0.5: label noise (displacement before labelling) or spread, as in Playground
 * @param seed any integer; the same seed gives the same points
 * @param n number of points (default 500 for classification, 1200 for regression)
 */
export function generateToySet(name: ToySetName, noise: number, seed: number, n?: number): Points2D {
  if (!(noise >= 0 && noise <= 1)) throw new RangeError(`noise must be in [0, 1], got ${noise}`);
  const count = n ?? (isClassificationSet(name) ? SAMPLES_CLASSIFY : SAMPLES_REGRESS);
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`n must be an integer ≥ 2, got ${count}`);
  const rng = new Rng(seed);
  const out = { x: new Float32Array(count), y: new Float32Array(count), label: new Float32Array(count), n: count };
  let i = 0;
  const push = (x: number, y: number, label: number): void => {
    out.x[i] = x;
    out.y[i] = y;
    out.label[i] = label;
    i++;
  };
  switch (name) {
    case 'circle':
      circle(rng, count, noise, push);
      break;
    case 'xor':
      xor(rng, count, noise, push);
      break;
    case 'gauss':
      twoGaussians(rng, count, noise, push);
      break;
    case 'spiral':
      spiral(rng, count, noise, push);
      break;
    case 'reg-plane':
      plane(rng, count, noise, push);
      break;
    case 'reg-gauss':
      multiGaussian(rng, count, noise, push);
      break;
    default:
      throw new RangeError(`unknown data set '${String(name)}'`);
  }
  return out;
}

type Push = (x: number, y: number, label: number) => void;

function circle(rng: Rng, n: number, noise: number, push: Push): void {
  const radius = 5;
  const label = (x: number, y: number): number => (Math.hypot(x, y) < radius * 0.5 ? 1 : 0);
  const half = Math.floor(n / 2);
  for (let k = 0; k < n; k++) {
    // First half inside the inner disc, second half on the outer ring.
    const r = k < half ? rng.uniform(0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
    const angle = rng.uniform(0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const nx = rng.uniform(-radius, radius) * noise;
    const ny = rng.uniform(-radius, radius) * noise;
    push(x, y, label(x + nx, y + ny));
  }
}

function xor(rng: Rng, n: number, noise: number, push: Push): void {
  const padding = 0.3;
  for (let k = 0; k < n; k++) {
    let x = rng.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    let y = rng.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const nx = rng.uniform(-5, 5) * noise;
    const ny = rng.uniform(-5, 5) * noise;
    push(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
  }
}

function twoGaussians(rng: Rng, n: number, noise: number, push: Push): void {
  // Playground maps noise 0..0.5 linearly to a variance of 0.5..4.
  const variance = 0.5 + (noise / 0.5) * 3.5;
  const std = Math.sqrt(variance);
  const half = Math.floor(n / 2);
  for (let k = 0; k < n; k++) {
    const positive = k < half;
    const c = positive ? 2 : -2;
    push(rng.normal(c, std), rng.normal(c, std), positive ? 1 : 0);
  }
}

function spiral(rng: Rng, n: number, noise: number, push: Push): void {
  const half = Math.floor(n / 2);
  const arm = (count: number, deltaT: number, label: number): void => {
    for (let k = 0; k < count; k++) {
      const r = (k / count) * 5;
      const t = ((1.75 * k) / count) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
      const y = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
      push(x, y, label);
    }
  };
  arm(half, 0, 1);
  arm(n - half, Math.PI, 0);
}

function plane(rng: Rng, n: number, noise: number, push: Push): void {
  const radius = DOMAIN;
  for (let k = 0; k < n; k++) {
    const x = rng.uniform(-radius, radius);
    const y = rng.uniform(-radius, radius);
    const nx = rng.uniform(-radius, radius) * noise;
    const ny = rng.uniform(-radius, radius) * noise;
    // x + y in [-12, 12] mapped as in Playground by (x + y) / 10, then clamped to [-1, 1].
    push(x, y, clamp((x + nx + y + ny) / 10, -1, 1));
  }
}

const GAUSSIANS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

function multiGaussian(rng: Rng, n: number, noise: number, push: Push): void {
  const radius = DOMAIN;
  // Each bump's value falls linearly from ±1 at its centre to 0 at distance 2; the
  // strongest bump at a point gives its label.
  const label = (x: number, y: number): number => {
    let best = 0;
    for (const [cx, cy, sign] of GAUSSIANS) {
      const v = sign * clamp(1 - Math.hypot(x - cx, y - cy) / 2, 0, 1);
      if (Math.abs(v) > Math.abs(best)) best = v;
    }
    return best;
  };
  for (let k = 0; k < n; k++) {
    const x = rng.uniform(-radius, radius);
    const y = rng.uniform(-radius, radius);
    const nx = rng.uniform(-radius, radius) * noise;
    const ny = rng.uniform(-radius, radius) * noise;
    push(x, y, label(x + nx, y + ny));
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * Seeded shuffle then split: the first `trainFraction` of the shuffled points train, the rest test.
 * Returns index arrays into the points.
 */
export function splitIndices(n: number, trainFraction: number, seed: number): { train: Uint32Array; test: Uint32Array } {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new RangeError(`train fraction must be in (0, 1), got ${trainFraction}`);
  const perm = new Rng(seed ^ 0x5eed).permutation(n);
  const nTrain = Math.max(1, Math.min(n - 1, Math.round(n * trainFraction)));
  return { train: perm.slice(0, nTrain), test: perm.slice(nTrain) };
}
