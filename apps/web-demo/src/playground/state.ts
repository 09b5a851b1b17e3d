/**
 * The playground's whole setup, and its round trip through the URL hash, so that a link
 * reproduces a setup exactly (data set, seed, features, network, hyper-parameters).
 */
import { CLASSIFICATION_SETS, REGRESSION_SETS, type ClassificationSet, type RegressionSet, type ToySetName } from '../data/toy-datasets.js';
import { FEATURE_NAMES, orderedFeatures, type FeatureName } from '../data/features.js';

export type Problem = 'classification' | 'regression';
export type HiddenActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export type Regularization = 'none' | 'l1' | 'l2';

export const ACTIVATIONS: readonly HiddenActivation[] = ['relu', 'tanh', 'sigmoid', 'linear'];
export const REGULARIZATIONS: readonly Regularization[] = ['none', 'l1', 'l2'];
export const LEARNING_RATES: readonly number[] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES: readonly number[] = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_NEURONS = 8;

export interface PlaygroundState {
  readonly problem: Problem;
  readonly dataset: ClassificationSet;
  readonly regDataset: RegressionSet;
  /** Percent, 0..50. */
  readonly noise: number;
  /** Percent of the points used for training, 10..90. */
  readonly trainPct: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly features: readonly FeatureName[];
  /** Neurons per hidden layer. */
  readonly hidden: readonly number[];
  readonly lr: number;
  readonly activation: HiddenActivation;
  readonly regularization: Regularization;
  readonly regRate: number;
  readonly showTest: boolean;
  readonly discretize: boolean;
}

export const DEFAULT_STATE: PlaygroundState = {
  problem: 'classification',
  dataset: 'circle',
  regDataset: 'reg-plane',
  noise: 0,
  trainPct: 50,
  batchSize: 10,
  seed: 1,
  features: ['x1', 'x2'],
  hidden: [4, 2],
  lr: 0.03,
  activation: 'tanh',
  regularization: 'none',
  regRate: 0,
  showTest: false,
  discretize: false,
};

/** The data set the current problem uses. */
export function activeDataset(s: PlaygroundState): ToySetName {
  return s.problem === 'classification' ? s.dataset : s.regDataset;
}

/** The state as URL-hash parameters (only playground keys; the caller adds the tab). */
export function stateToParams(s: PlaygroundState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('problem', s.problem);
  p.set('dataset', s.dataset);
  p.set('regDataset', s.regDataset);
  p.set('noise', String(s.noise));
  p.set('trainPct', String(s.trainPct));
  p.set('batchSize', String(s.batchSize));
  p.set('seed', String(s.seed));
  p.set('features', orderedFeatures(s.features).join(','));
  p.set('hidden', s.hidden.join(','));
  p.set('lr', String(s.lr));
  p.set('activation', s.activation);
  p.set('regularization', s.regularization);
  p.set('regRate', String(s.regRate));
  p.set('showTest', s.showTest ? '1' : '0');
  p.set('discretize', s.discretize ? '1' : '0');
  return p;
}

/**
 * Reads a state from URL-hash parameters. Missing or invalid values fall back to the
 * defaults (a hand-edited link still opens), and each fallback is reported in `warnings`.
 */
export function paramsToState(p: URLSearchParams): { state: PlaygroundState; warnings: string[] } {
  const warnings: string[] = [];
  const d = DEFAULT_STATE;
  const pick = <T extends string>(key: string, allowed: readonly T[], def: T): T => {
    const v = p.get(key);
    if (v === null) return def;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    warnings.push(`${key}: '${v}' is not one of ${allowed.join(', ')}`);
    return def;
  };
  const num = (key: string, def: number, ok: (v: number) => boolean): number => {
    const raw = p.get(key);
    if (raw === null) return def;
    const v = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(v) && ok(v)) return v;
    warnings.push(`${key}: '${raw}' is out of range`);
    return def;
  };
  // A rate chosen from a menu: a value the menu lacks could not be shown by it.
  const rate = (key: string, allowed: readonly number[], def: number): number => {
    const raw = p.get(key);
    if (raw === null) return def;
    const v = Number(raw);
    if (raw.trim() !== '' && allowed.includes(v)) return v;
    warnings.push(`${key}: '${raw}' is not one of ${allowed.join(', ')}`);
    return def;
  };
  const bool = (key: string, def: boolean): boolean => {
    const v = p.get(key);
    return v === null ? def : v === '1' || v === 'true';
  };

  let features = d.features;
  const rawFeatures = p.get('features');
  if (rawFeatures !== null) {
    const names = rawFeatures.split(',').filter((s) => s !== '');
    const bad = names.filter((n) => !(FEATURE_NAMES as readonly string[]).includes(n));
    if (bad.length > 0 || names.length === 0) warnings.push(`features: '${rawFeatures}' needs names from ${FEATURE_NAMES.join(', ')}`);
    else features = orderedFeatures(names as FeatureName[]);
  }

  let hidden = d.hidden;
  const rawHidden = p.get('hidden');
  if (rawHidden !== null) {
    const sizes = rawHidden === '' ? [] : rawHidden.split(',').map(Number);
    if (sizes.length <= MAX_HIDDEN_LAYERS && sizes.every((v) => Number.isInteger(v) && v >= 1 && v <= MAX_NEURONS)) hidden = sizes;
    else warnings.push(`hidden: '${rawHidden}' needs up to ${MAX_HIDDEN_LAYERS} layer sizes of 1..${MAX_NEURONS}`);
  }

  const state: PlaygroundState = {
    problem: pick('problem', ['classification', 'regression'], d.problem),
    dataset: pick('dataset', CLASSIFICATION_SETS, d.dataset),
    regDataset: pick('regDataset', REGRESSION_SETS, d.regDataset),
    noise: num('noise', d.noise, (v) => v >= 0 && v <= 50),
    trainPct: num('trainPct', d.trainPct, (v) => v >= 10 && v <= 90),
    batchSize: num('batchSize', d.batchSize, (v) => Number.isInteger(v) && v >= 1 && v <= 30),
    seed: num('seed', d.seed, (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff),
    features,
    hidden,
    lr: rate('lr', LEARNING_RATES, d.lr),
    activation: pick('activation', ACTIVATIONS, d.activation),
    regularization: pick('regularization', REGULARIZATIONS, d.regularization),
    regRate: rate('regRate', REG_RATES, d.regRate),
    showTest: bool('showTest', d.showTest),
    discretize: bool('discretize', d.discretize),
  };
  return { state, warnings };
}

/** Which changes need a fresh network (and data) rather than continuing training. */
export function needsReset(a: PlaygroundState, b: PlaygroundState): boolean {
  return (
    a.problem !== b.problem ||
    activeDataset(a) !== activeDataset(b) ||
    a.noise !== b.noise ||
    a.trainPct !== b.trainPct ||
    a.seed !== b.seed ||
    a.activation !== b.activation ||
    a.features.join() !== b.features.join() ||
    a.hidden.join() !== b.hidden.join()
  );
}
