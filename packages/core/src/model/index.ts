/** The model: layers, losses, optimizers, training, metrics, gradcheck and serialisation. */
export { Model } from './model.js';
export type { CreateModelOptions } from './model.js';
export type { Layer, LayerContext, LayerFactory, Param } from './layers/layer.js';
export { createLayer, registerLayer, registeredLayerTypes } from './layers/registry.js';
export { Dense } from './layers/dense.js';
export { Dropout } from './layers/dropout.js';
export { INIT_NAMES, initialise } from './layers/init.js';
export { ACTIVATION_NAMES } from './activations.js';
export { RowBuffer, allocFloat } from './buffers.js';
export { getLoss, LOSS_NAMES } from './losses/index.js';
export type { Loss } from './losses/index.js';
export { createOptimizer, resolveOptimizerConfig, OPTIMIZER_NAMES } from './optimizers/index.js';
export type { Optimizer, OptimizerSlot, OptimizerState, ResolvedOptimizerConfig } from './optimizers/index.js';
export { scheduledLr, checkSchedule } from './schedules.js';
export {
  accumulateBinaryConfusion,
  accumulateConfusion,
  accuracyFromConfusion,
  argmaxAt,
  confusionMatrix,
  countCorrect,
  countCorrectBinary,
  emptyConfusion,
  isBinary,
  isOneHot,
  precisionRecallF1,
} from './metrics.js';
export { DivergenceError, LossExplosionWarning } from './divergence.js';
export type { EarlyStoppingState } from './early-stopping.js';
export type { TrainingState } from './training-state.js';
export { gradcheck } from './gradcheck.js';
export type { GradcheckOptions, GradcheckParameterResult, GradcheckResult } from './gradcheck.js';
export { deserializeModel, MODEL_FORMAT_VERSION, MODEL_MAGIC, ModelFormatError, serializeModel } from './serialize.js';
export type {
  DeserializeOptions,
  JsonValue,
  LoadedModel,
  ModelFormatProblem,
  ModelMetadata,
  SerializeOptions,
} from './serialize.js';
export { crc32 } from './crc32.js';
