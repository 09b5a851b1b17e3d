/**
 * A data set together with what a training run needs to know about it: whether its targets are
 * classes, the preprocessing that suits it, its own test rows when it comes with them, and for
 * sequences and images their shape. Built-in sets come from the registry (`loadData`), rows of
 * your own from `dataSource`, files from `@backprop/core/node`'s `loadDataSource`.
 */
import { findDataset, loadDataset, type DatasetLoadContext, type ImageShape } from '../data/registry.js';
import { isOneHot } from '../model/metrics.js';
import type { Dataset } from '../model/types.js';
import { ConfigError } from '../util/config-error.js';
import type { NormalizeKind } from './train-config.js';

/** A data set ready for `train`. */
export interface DataSource {
  /** What the user asked for, e.g. 'iris' or 'data/wine.csv' (shown in logs, saved with the model). */
  readonly name: string;
  /** Every row, or the training rows when the source has its own test rows. */
  readonly data: Dataset;
  /** The source's own test rows (e.g. MNIST's IDX files): no test split is made then. */
  readonly test?: Dataset;
  /** Classes (one-hot rows, or one 0/1 column with two class names) or real-valued targets. */
  readonly task: 'classification' | 'regression';
  /** The preprocessing that suits the data when the config names none. */
  readonly normalize: NormalizeKind;
  /** Sequence sets: time steps per row. */
  readonly seqLen?: number;
  /** Image sets: one row's shape `[channels, height, width]` (MNIST: `[1, 28, 28]`); convolution and pooling layers need it. */
  readonly imageShape?: ImageShape;
  /** Square one-channel images: the side (28 for MNIST), for drawing rows and reading image files. */
  readonly imageSide?: number;
}

/** What a source says of images of this shape: the shape, and the side when they are square and one-channel. */
export function imageFacts(shape: ImageShape): Pick<DataSource, 'imageShape' | 'imageSide'> {
  const [channels, height, width] = shape;
  return { imageShape: shape, ...(channels === 1 && height === width ? { imageSide: height } : {}) };
}

/** Classification when the rows name their classes or every target row is one-hot. */
function taskOf(data: Dataset): DataSource['task'] {
  if (data.classNames && data.classNames.length >= 2) return 'classification';
  return data.outputSize >= 2 && isOneHot(data.y, data.n, data.outputSize) ? 'classification' : 'regression';
}

/** Describe rows of your own: the task from their targets, standardised inputs by default (token ids: none). */
export function dataSource(data: Dataset, name = 'rows', hints: Partial<Omit<DataSource, 'name' | 'data'>> = {}): DataSource {
  return { name, data, task: hints.task ?? taskOf(data), normalize: hints.normalize ?? (data.vocabSize !== undefined ? 'none' : 'standardize'), ...hints };
}

/** Options of loadData. */
export interface LoadDataOptions {
  /** Steps per row for the generated sequence sets (each has its default). */
  readonly seqLen?: number;
  /** Seed of the generated sets. */
  readonly seed?: number;
  /** Rows of token ids (for `embedding`) from the sets that can give them (the text set); others ignore it. */
  readonly tokens?: boolean;
  /** How to read shipped assets (MNIST's digits): in Node `@backprop/core/node` reads them from disk, a page fetches them. */
  readonly assets?: DatasetLoadContext;
}

/**
 * A built-in data set by name, described for training.
 * @throws ConfigError naming `data` when the name is not a registered set
 */
export async function loadData(name: string, options: LoadDataOptions = {}): Promise<DataSource> {
  const entry = findDataset(name);
  if (!entry) {
    throw new ConfigError(`{data}: unknown data set '${name}' (built-in sets are registered by name; files are read with @backprop/core/node's loadDataSource)`, ['data']);
  }
  const assets: DatasetLoadContext = options.assets ?? {
    readAsset: (file) => Promise.reject(new Error(`the data set '${name}' needs the asset '${file}': pass train's assets option (in Node, nodeAssets from @backprop/core/node)`)),
  };
  const seqLen = entry.kind === 'sequence' ? (options.seqLen ?? entry.seqLen) : undefined;
  const data = await loadDataset(name, assets, {
    ...(seqLen !== undefined ? { seqLen } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.tokens && entry.tokens ? { tokens: true } : {}),
  });
  return {
    name,
    data,
    task: taskOf(data),
    normalize: entry.normalize ?? (entry.kind === 'sequence' ? 'none' : 'standardize'),
    ...(seqLen !== undefined ? { seqLen } : {}),
    ...(entry.imageShape ? imageFacts(entry.imageShape) : {}),
  };
}
