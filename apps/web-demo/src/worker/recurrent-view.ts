/**
 * What the Recurrent tab shows for a model it did not train (one loaded from a file): a sine
 * model (one value per step in, one out) gets its forecast and hidden states, a character model
 * (single-character classes, one-hot windows) a text sample and its hidden states — the same
 * views a run shows after each epoch.
 */
import type { LoadedModel } from './model-file.js';
import type { RecurrentView, SineTask, TextTask } from './protocol.js';
import { forecastView, sineHidden } from './sine-task.js';
import { textSample } from './text-task.js';

/**
 * @param seed the sine task's seed (the held-out series is drawn with seed + 2, as after training)
 * @throws when the model is neither a sine forecaster nor a character model over one-hot windows
 */
export function recurrentView(loaded: LoadedModel, sine: SineTask, text: TextTask, seed: number): RecurrentView {
  const { model, metadata } = loaded;
  const first = model.layers[0];
  if (!first || !['rnn', 'lstm', 'gru'].includes(first.type)) throw new Error('the Recurrent tab needs a model whose first layer is an rnn, lstm or gru layer');
  const classes = metadata.classNames;
  if (model.outputSize === 1 && !classes) {
    const seqLen = model.inputSize;
    return { task: 'sine', forecast: forecastView(model, sine, seqLen, seed), hidden: sineHidden(model, seqLen, sine, seed) };
  }
  if (classes && classes.length === model.outputSize && classes.every((c) => Array.from(c).length === 1) && model.inputSize % classes.length === 0) {
    return { task: 'text', ...textSample(model, text, classes, model.inputSize / classes.length) };
  }
  throw new Error('this model is neither a sine forecaster (1 value per step, 1 output) nor a character model (one-hot characters in, one class per character out)');
}
