/** Training runs described once: TrainConfig, resolveConfig and train. */
export { train } from './train.js';
export type { TrainOptions, TrainResult, TrainStart } from './train.js';
export { resolveConfig } from './resolve-config.js';
export type { TrainingMemory } from './memory-estimate.js';
export type { DataFacts, ResolvedTrainConfig, RowFacts } from './resolve-config.js';
export { TRAIN_CONFIG_KEYS } from './config-keys.js';
export type { ConfigKey, ConfigValueType } from './config-keys.js';
export type { EarlyStoppingConfig, ModelKind, NormalizeKind, TrainConfig, TrainOptimizerConfig } from './train-config.js';
export { dataSource, loadData } from './data-source.js';
export type { DataSource, LoadDataOptions } from './data-source.js';
export { prepareData } from './prepare-data.js';
export { modelSpecOf } from './model-spec.js';
export { parseLayerTokens } from './layer-tokens.js';
export type { LayerEntry } from './layer-tokens.js';
export type { PreparedData } from './prepare-data.js';
export { parseSchedule } from './schedule-text.js';
export { ConfigError } from '../util/config-error.js';
