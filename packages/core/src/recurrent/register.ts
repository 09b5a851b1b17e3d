/**
 * Registers the recurrent layer types with the model's layer registry (imported for its side
 * effect by ./index.ts): 'rnn', 'lstm', 'gru' and 'time-distributed-dense'.
 */
import { registerLayer } from '../model/layers/registry.js';
import { createRecurrent } from './recurrent-layer.js';
import { createTimeDistributedDense } from './time-distributed-dense.js';

registerLayer('rnn', createRecurrent);
registerLayer('lstm', createRecurrent);
registerLayer('gru', createRecurrent);
registerLayer('time-distributed-dense', createTimeDistributedDense);
