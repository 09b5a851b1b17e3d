/**
 * The playground setup a model file asks for: its data set, features and network from the link
 * query saved with it (or, in a file from elsewhere, its feature names and layer sizes), with the
 * page's own hyper-parameters and view options kept.
 */
import { FEATURE_NAMES, type FeatureName } from '../data/features.js';
import type { PlaygroundFileInfo } from '../worker/playground-file.js';
import { paramsToState, type PlaygroundState } from './state.js';

export function stateFromFile(file: PlaygroundFileInfo, current: PlaygroundState): PlaygroundState {
  if (file.page !== undefined) {
    const saved = paramsToState(new URLSearchParams(file.page)).state;
    const { problem, dataset, regDataset, noise, trainPct, seed, features, hidden, activation } = saved;
    return { ...current, problem, dataset, regDataset, noise, trainPct, seed, features, hidden, activation };
  }
  const features = (file.featureNames ?? []).filter((f): f is FeatureName => (FEATURE_NAMES as readonly string[]).includes(f));
  return {
    ...current,
    hidden: file.hidden,
    ...(features.length > 0 && features.length === file.featureNames?.length ? { features } : {}),
  };
}
