/** Browser-safe data: built-in sets, parsers, splits and preprocessing. No Node built-ins here. */
export type { Dataset } from './dataset.js';
export { IRIS_CLASS_NAMES, IRIS_FEATURE_NAMES, irisLabels, loadIris } from './iris.js';
export { argmaxRows, oneHot } from './one-hot.js';
export { datasetLabels } from './labels.js';
export { splitDataset, stratifiedSplit } from './split.js';
export type { TrainTestSplit } from './split.js';
export { subset } from './subset.js';
export { fitPreprocessor, MinMaxScaler, PreprocessOverflowError, preprocessorFromJSON, ScaleTransform, Standardizer } from './preprocess.js';
export type { FitInput, Preprocessor, PreprocessorJSON, PreprocessorType } from './preprocess.js';
export {
  decodeMnistAsset,
  decodeMnistAssetAsync,
  encodeMnistAsset,
  gunzipBytes,
  GUNZIP_MAX_BYTES,
  imagesToDataset,
  isGzip,
  MNIST_ASSET_FILE,
  MNIST_ASSET_MAX_BYTES,
  MNIST_ASSET_VERSION,
  MNIST_CLASS_NAMES,
  parseMnistAsset,
} from './mnist-asset.js';
export type { RawImages } from './mnist-asset.js';
export { encodeIdx, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, idxToDataset, parseIdx } from './idx.js';
export type { IdxArray, IdxDatasetOptions } from './idx.js';
export { isDecimalNumber, parseCsv } from './csv.js';
export type { CsvDataset, CsvOptions } from './csv.js';
export { builtinDatasets, findDataset, loadDataset, registerDataset } from './registry.js';
export type { DatasetEntry, DatasetLoadContext, ImageShape } from './registry.js';
