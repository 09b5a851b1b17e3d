/**
 * From a playground state to what the worker trains on and the page draws: the seeded points,
 * their train/test split, the feature rows of both, and the feature rows of the heatmap grid.
 */
import { DOMAIN, generateToySet, isClassificationSet, splitIndices, type Points2D } from '../data/toy-datasets.js';
import { featureMatrix, gridPoints, orderedFeatures } from '../data/features.js';
import type { PlaygroundHyper, PlaygroundSetup, PointSet } from '../worker/protocol.js';
import { activeDataset, stateToParams, type PlaygroundState } from './state.js';

/** Cells per side of the heatmap grid (every neuron and the output surface). */
export const GRID_SIZE = 50;

export interface PlaygroundData {
  readonly points: Points2D;
  readonly train: Uint32Array;
  readonly test: Uint32Array;
  readonly setup: PlaygroundSetup;
}

function pick(points: Points2D, idx: Uint32Array, features: PlaygroundState['features']): PointSet {
  const xs = Float32Array.from(idx, (i) => points.x[i] as number);
  const ys = Float32Array.from(idx, (i) => points.y[i] as number);
  return { features: featureMatrix(xs, ys, features), labels: Float32Array.from(idx, (i) => points.label[i] as number), n: idx.length };
}

export function buildPlaygroundData(state: PlaygroundState): PlaygroundData {
  const name = activeDataset(state);
  if (isClassificationSet(name) !== (state.problem === 'classification')) {
    throw new Error(`data set '${name}' does not fit a ${state.problem} problem`);
  }
  const features = orderedFeatures(state.features);
  const points = generateToySet(name, state.noise / 100, state.seed);
  const { train, test } = splitIndices(points.n, state.trainPct / 100, state.seed);
  const grid = gridPoints(GRID_SIZE, DOMAIN);
  return {
    points,
    train,
    test,
    setup: {
      problem: state.problem,
      inputSize: features.length,
      featureNames: features,
      hidden: state.hidden,
      activation: state.activation,
      seed: state.seed,
      train: pick(points, train, features),
      test: pick(points, test, features),
      grid: featureMatrix(grid.x, grid.y, features),
      gridSize: GRID_SIZE,
      page: stateToParams(state).toString(),
    },
  };
}

export function hyperOf(state: PlaygroundState): PlaygroundHyper {
  return { lr: state.lr, batchSize: state.batchSize, regularization: state.regularization, regRate: state.regRate };
}
