/**
 * Recurrent networks: rnn/lstm/gru layers trained by backpropagation through time (full or
 * truncated), time-distributed dense heads, stateful stepping and forecasting, and the
 * fixed-point layer (Almeida–Pineda recurrent backpropagation). Importing this registers the
 * layer types.
 */
import './register.js';

export { RecurrentLayer, RECURRENT_KINDS } from './recurrent-layer.js';
export type { RecurrentKind, RecurrentSpec } from './recurrent-layer.js';
export { TimeDistributedDense } from './time-distributed-dense.js';
export type { TimeDistributedDenseSpec } from './time-distributed-dense.js';
export { RecurrentCore } from './recurrent-core.js';
export { ElmanCore } from './elman-core.js';
export { LstmCore } from './lstm-core.js';
export { GruCore } from './gru-core.js';
export { toBatchMajor, toTimeMajor } from './sequence-layout.js';
export { FixedPointLayer } from './fixed-point-layer.js';
export type { FixedPointSpec } from './fixed-point-layer.js';
export { RelaxationError } from './fixed-point-core.js';
export { forecast } from './forecast.js';
export type { ForecastOptions } from './forecast.js';
export { generateText, type GenerateTextOptions } from './generate-text.js';
