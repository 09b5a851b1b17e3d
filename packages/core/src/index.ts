/**
 * @backprop/core: backpropagation done exactly right.
 *
 * The public entry: each name below is here because a user needs it, and src/front-door.test.ts
 * holds the count of runtime exports to at most 60. Browser-safe: nothing here imports Node
 * built-ins (those live in `@backprop/core/node`); the backend conformance suite and the
 * recurrent checks are in `@backprop/core/testing`. Everything else in src/ is internal.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------- backends
export {
  backendLoadError,
  defaultBackend,
  getBackend,
  listBackends,
  registerBackend,
  setBackendWarningHandler,
  tsBackend,
} from './backend/index.js';
export type { Backend, BackendInfo, BackendName, BackendRegistration, FloatArray } from './backend/index.js';

// ---------------------------------------------------------------- the model
export { Rng } from './util/rng.js';
export {
  deserializeModel,
  DivergenceError,
  getLoss,
  gradcheck,
  LossExplosionWarning,
  Model,
  ModelFormatError,
  registerLayer,
  serializeModel,
} from './model/index.js';
export type {
  ActivationName,
  BatchLog,
  DenseSpec,
  DropoutSpec,
  DType,
  EarlyStoppingOptions,
  EpochLog,
  Evaluation,
  FitOptions,
  History,
  InitName,
  LayerActivations,
  LayerSpec,
  LossName,
  LossOptions,
  LrSchedule,
  Matrix,
  ModelSpec,
  OptimizerConfig,
  OptimizerName,
} from './model/types.js';
export type {
  CreateModelOptions,
  DeserializeOptions,
  EarlyStoppingState,
  GradcheckOptions,
  GradcheckParameterResult,
  GradcheckResult,
  JsonValue,
  Layer,
  LayerContext,
  LayerFactory,
  LoadedModel,
  Loss,
  ModelFormatProblem,
  ModelMetadata,
  Param,
  SerializeOptions,
  TrainingState,
} from './model/index.js';

// ---------------------------------------------------------------- data
export {
  argmaxRows,
  builtinDatasets,
  datasetLabels,
  decodeMnistAssetAsync,
  encodeIdx,
  findDataset,
  fitPreprocessor,
  idxToDataset,
  IRIS_CLASS_NAMES,
  IRIS_FEATURE_NAMES,
  loadDataset,
  loadIris,
  MinMaxScaler,
  oneHot,
  parseCsv,
  parseIdx,
  PreprocessOverflowError,
  preprocessorFromJSON,
  registerDataset,
  splitDataset,
  Standardizer,
  stratifiedSplit,
  subset,
} from './data/index.js';
export type {
  CsvDataset,
  CsvOptions,
  Dataset,
  DatasetEntry,
  DatasetLoadContext,
  FitInput,
  IdxArray,
  IdxDatasetOptions,
  ImageShape,
  Preprocessor,
  PreprocessorJSON,
  PreprocessorType,
  TrainTestSplit,
} from './data/index.js';

// ---------------------------------------------------------------- sequences and recurrent layers
export { addingProblem, characterText, patternCompletion, sineWaves, xorDataset } from './data/sequences/index.js';
export type { AddingOptions, PatternCompletionOptions, PatternCompletionSet, SineOptions, TextOptions, TextSet } from './data/sequences/index.js';
export { forecast, generateText, RelaxationError } from './recurrent/index.js';
export type { FixedPointSpec, ForecastOptions, GenerateTextOptions, RecurrentKind, RecurrentLayer, RecurrentSpec, TimeDistributedDenseSpec } from './recurrent/index.js';

// ---------------------------------------------------------------- training runs
export {
  ConfigError,
  dataSource,
  loadData,
  modelSpecOf,
  parseLayerTokens,
  parseSchedule,
  prepareData,
  resolveConfig,
  train,
  TRAIN_CONFIG_KEYS,
} from './run/index.js';
export type {
  ConfigKey,
  ConfigValueType,
  DataFacts,
  DataSource,
  EarlyStoppingConfig,
  LayerEntry,
  LoadDataOptions,
  ModelKind,
  NormalizeKind,
  PreparedData,
  ResolvedTrainConfig,
  RowFacts,
  TrainConfig,
  TrainOptimizerConfig,
  TrainingMemory,
  TrainOptions,
  TrainResult,
  TrainStart,
} from './run/index.js';
