/**
 * Registers the recurrent layer types with the model's layer registry (imported for its side
 * effect by ./index.ts): 'rnn', 'lstm', 'gru', 'time-distributed-dense' and 'fixed-point'.
 */
import { registerLayer } from '../model/layers/registry.js';
import { createFixedPoint } from './fixed-point-layer.js';
import { createRecurrent } from './recurrent-layer.js';
import { createTimeDistributedDense } from './time-distributed-dense.js';

registerLayer('rnn', createRecurrent);
registerLayer('lstm', createRecurrent);
registerLayer('gru', createRecurrent);
registerLayer('time-distributed-dense', createTimeDistributedDense);
registerLayer('fixed-point', createFixedPoint);
