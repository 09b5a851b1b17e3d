/**
 * The Recurrent tab's text task: next-character prediction on core's built-in public-domain
 * text (`characterText`: seqLen one-hot characters per row, the next character as the class),
 * cut to the first rows so a run stays short in a browser; after every epoch the model writes
 * text with core's `generateText` (the last seqLen characters in, the next drawn at a
 * temperature with a seeded Rng, as `backprop generate` does) and the hidden state over the
 * prompt's window is shown.
 */
import { characterText, generateText, type DataSource, type Model } from '@backprop/core';
import { hiddenStates } from './hidden-states.js';
import type { HiddenStatesView, TextSampleView, TextTask } from './protocol.js';

/** Offset between consecutive training windows (core's default for the text set). */
const STRIDE = 3;

/** The text windows as train's data; core makes the test split (the config's testSplit). */
export function textSource(task: TextTask, seqLen: number): DataSource {
  return { name: 'text', data: characterText({ seqLen, stride: STRIDE, maxRows: task.rows }), task: 'classification', normalize: 'none', seqLen };
}

/** The prompt's last seqLen characters as one model input row (one-hot, time-major; missing steps all zero, as generateText pads). */
export function promptWindow(prompt: string, vocabulary: readonly string[], seqLen: number): Float32Array {
  const V = vocabulary.length;
  const index = new Map(vocabulary.map((c, k) => [c, k]));
  const chars = Array.from(prompt).slice(-seqLen);
  const row = new Float32Array(seqLen * V);
  const offset = seqLen - chars.length;
  chars.forEach((c, i) => {
    const k = index.get(c);
    if (k !== undefined) row[(offset + i) * V + k] = 1;
  });
  return row;
}

/** The model's text after the prompt, and its hidden state over the prompt's window. */
export function textSample(model: Model, task: TextTask, vocabulary: readonly string[], seqLen: number): { sample: TextSampleView; hidden: HiddenStatesView } {
  const { prompt, length, temperature, sampleSeed } = task;
  const text = generateText(model, { prompt, length, temperature, seed: sampleSeed, vocabulary, seqLen });
  const steps = Array.from(prompt).slice(-seqLen);
  const labels = [...new Array<string>(seqLen - steps.length).fill(''), ...steps];
  return { sample: { prompt, text, temperature, seed: sampleSeed }, hidden: { ...hiddenStates(model, promptWindow(prompt, vocabulary, seqLen)), labels } };
}
