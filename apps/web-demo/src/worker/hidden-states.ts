/**
 * The hidden state of a model's recurrent layer at every step of one input window, for the
 * Recurrent tab's heatmap: the layer (the model's first) is run one step at a time with core's
 * stateful `resetState` / `step`, which carry h (and an LSTM's c) from step to step exactly as
 * the forward pass over a whole window does.
 */
import type { Model, RecurrentLayer } from '@backprop/core';
import type { HiddenStatesView } from './protocol.js';

const RECURRENT = new Set(['rnn', 'lstm', 'gru']);

/**
 * @param window one row of the model's input: seqLen steps of `features` values, oldest first
 * @throws when the model's first layer is not an rnn, lstm or gru layer
 */
export function hiddenStates(model: Model, window: Float32Array): HiddenStatesView {
  const first = model.layers[0];
  if (!first || !RECURRENT.has(first.type)) throw new Error('the hidden-state view needs a model whose first layer is an rnn, lstm or gru layer');
  const layer = first as RecurrentLayer;
  const { features, units } = layer;
  const steps = Math.floor(window.length / features);
  const values = new Array<number>(steps * units);
  layer.resetState(1);
  for (let t = 0; t < steps; t++) {
    const h = layer.step(window.subarray(t * features, (t + 1) * features), 1);
    for (let j = 0; j < units; j++) values[t * units + j] = h[j] as number;
  }
  // A later predict starts from its own zero state; leave none behind.
  layer.resetState(1);
  return { steps, units, values };
}
