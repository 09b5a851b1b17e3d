/**
 * Playground's input features: the network sees any subset of these functions of the point
 * (x1, x2) instead of the raw coordinates.
 */
export type FeatureName = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';

export interface FeatureDef {
  readonly name: FeatureName;
  /** Shown in the UI. */
  readonly label: string;
  readonly f: (x1: number, x2: number) => number;
}

export const FEATURES: readonly FeatureDef[] = [
  { name: 'x1', label: 'X₁', f: (a) => a },
  { name: 'x2', label: 'X₂', f: (_a, b) => b },
  { name: 'x1sq', label: 'X₁²', f: (a) => a * a },
  { name: 'x2sq', label: 'X₂²', f: (_a, b) => b * b },
  { name: 'x1x2', label: 'X₁X₂', f: (a, b) => a * b },
  { name: 'sinx1', label: 'sin(X₁)', f: (a) => Math.sin(a) },
  { name: 'sinx2', label: 'sin(X₂)', f: (_a, b) => Math.sin(b) },
];

export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((d) => d.name);

export function featureDef(name: FeatureName): FeatureDef {
  const def = FEATURES.find((d) => d.name === name);
  if (!def) throw new RangeError(`unknown feature '${name}'`);
  return def;
}

/**
 * Rows of the chosen features for points (xs[i], ys[i]): an n × features.length row-major matrix.
 * Features keep the order of FEATURES so that a URL's set always maps to the same columns.
 */
export function featureMatrix(xs: ArrayLike<number>, ys: ArrayLike<number>, features: readonly FeatureName[]): Float32Array {
  if (xs.length !== ys.length) throw new RangeError(`x and y lengths differ: ${xs.length} vs ${ys.length}`);
  if (features.length === 0) throw new RangeError('at least one input feature must be selected');
  const defs = orderedFeatures(features).map(featureDef);
  const cols = defs.length;
  const out = new Float32Array(xs.length * cols);
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i] as number;
    const b = ys[i] as number;
    for (let j = 0; j < cols; j++) out[i * cols + j] = (defs[j] as FeatureDef).f(a, b);
  }
  return out;
}

/** The selected features in canonical (FEATURES) order, without duplicates. */
export function orderedFeatures(features: readonly FeatureName[]): FeatureName[] {
  for (const f of features) featureDef(f);
  return FEATURE_NAMES.filter((n) => features.includes(n));
}

/** The points of a size × size grid covering [-domain, domain]², row by row from the top (x2 = +domain). */
export function gridPoints(size: number, domain: number): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(size * size);
  const y = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      // Cell centres.
      x[r * size + c] = -domain + ((c + 0.5) / size) * 2 * domain;
      y[r * size + c] = domain - ((r + 0.5) / size) * 2 * domain;
    }
  }
  return { x, y };
}
