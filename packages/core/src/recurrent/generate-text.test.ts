/**
 * generateText: seeded (same seed, same text), greedy at t = 0 and t → 0 (each character the
 * argmax of the model on the window before it), and sampling from p^(1/t) normalised.
 */
import { describe, expect, it } from 'vitest';
import { encodeChars } from '../data/sequences/text.js';
import { Model } from '../model/model.js';
import { Rng } from '../util/rng.js';
import { generateText } from './generate-text.js';
import './register.js';

const VOCAB = ['\n', ' ', 'a', 'b', 'c'];
const V = VOCAB.length;
const T = 4;

/** An untrained LSTM character model, its weights spread wider (and its biases made non-zero) so that no two characters tie. */
function lstm(seed = 1): Model {
  const model = Model.create(
    { inputSize: T * V, layers: [{ type: 'lstm', units: 8, features: V }, { type: 'dense', units: V, activation: 'softmax' }], loss: 'cross-entropy' },
    { seed },
  );
  const rng = new Rng(seed);
  model.setWeights(model.getWeights().map((w) => w.map((v) => 3 * v + rng.uniform(-1, 1))));
  return model;
}

/** A model whose prediction ignores its input: softmax(bias) = p (p = 0 as e^-100, which float32 rounds to 0). */
function fixedDistribution(p: readonly number[]): Model {
  const model = Model.create({ inputSize: T * V, layers: [{ type: 'dense', units: V, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
  model.setWeights([new Float32Array(T * V * V), Float32Array.from(p, (v) => (v > 0 ? Math.log(v) : -100))]);
  return model;
}

/** The argmax of the model on the window of the last T characters of `text` (left-padded with empty steps). */
function greedyNext(model: Model, text: string): string {
  const chars = Array.from(text).slice(-T);
  const window = new Float32Array(T * V);
  encodeChars(chars.join(''), VOCAB, window.subarray((T - chars.length) * V));
  const p = Array.from(model.predict(window, 1));
  return VOCAB[p.indexOf(Math.max(...p))]!;
}

describe('generateText', () => {
  it('gives the same text for the same seed, and another for another seed', () => {
    const model = lstm();
    const options = { prompt: 'ab c', length: 60, vocabulary: VOCAB, seqLen: T, temperature: 1.5 };
    const first = generateText(model, { ...options, seed: 7 });
    expect(Array.from(first)).toHaveLength(60);
    expect(Array.from(first).every((c) => VOCAB.includes(c))).toBe(true);
    expect(generateText(model, { ...options, seed: 7 })).toBe(first);
    expect(generateText(model, { ...options, seed: 8 })).not.toBe(first);
  });

  it('is greedy at temperature 0, and a temperature near 0 gives the same argmax text', () => {
    const model = lstm(3);
    for (const prompt of ['', 'b', 'cab\nab']) {
      const greedy = generateText(model, { prompt, length: 30, vocabulary: VOCAB, seqLen: T, temperature: 0 });
      let text = prompt;
      for (const c of greedy) {
        expect(c).toBe(greedyNext(model, text));
        text += c;
      }
      for (const seed of [1, 2, 3]) expect(generateText(model, { prompt, length: 30, vocabulary: VOCAB, seqLen: T, temperature: 1e-4, seed })).toBe(greedy);
    }
  });

  it('samples the next character from p^(1/t), normalised', () => {
    const p = [0.1, 0.2, 0.3, 0.4, 0];
    const model = fixedDistribution(p);
    const n = 20000;
    for (const t of [1, 0.5]) {
      const text = generateText(model, { prompt: 'abc', length: n, vocabulary: VOCAB, seqLen: T, temperature: t, seed: 11 });
      const q = p.map((v) => v ** (1 / t));
      const sum = q.reduce((a, b) => a + b, 0);
      VOCAB.forEach((c, k) => {
        const frequency = Array.from(text).filter((x) => x === c).length / n;
        // 4 standard deviations of a binomial frequency.
        expect(Math.abs(frequency - q[k]! / sum)).toBeLessThan(4 * Math.sqrt(0.25 / n));
      });
      expect(text).not.toContain('c'); // probability 0 is never drawn
    }
  });

  it('feeds token ids to a model whose first layer is an embedding: with an identity table, the one-hot model\'s text', () => {
    const oneHot = lstm(5);
    const withTable = (vocabSize: number): Model =>
      Model.create(
        { inputSize: T, layers: [{ type: 'embedding', vocabSize, dim: V }, { type: 'lstm', units: 8, features: V }, { type: 'dense', units: V, activation: 'softmax' }], loss: 'cross-entropy' },
        { seed: 1 },
      );
    // Row k of the identity is id k's one-hot row: the embedding model computes exactly what the one-hot one does.
    const ids = withTable(V);
    ids.setWeights([Float32Array.from({ length: V * V }, (_, i) => (i % (V + 1) === 0 ? 1 : 0)), ...oneHot.getWeights()]);
    for (const prompt of ['cab\nab', 'ab c']) {
      for (const temperature of [0, 1]) {
        const options = { prompt, length: 40, vocabulary: VOCAB, seqLen: T, temperature, seed: 9 };
        expect(generateText(ids, options)).toBe(generateText(oneHot, options));
      }
    }
    // Token ids have no empty step: a short prompt is padded with id 0, here a line break.
    const short = { length: 20, vocabulary: VOCAB, seqLen: T, temperature: 0 };
    expect(generateText(ids, { ...short, prompt: 'b' })).toBe(generateText(oneHot, { ...short, prompt: '\n\n\nb' }));
    expect(() => generateText(withTable(V + 1), { ...short, prompt: 'ab' })).toThrow(
      'generateText: a character model with seqLen 4 over 5 characters takes 4 token ids into an embedding of 5 rows and gives 5 outputs; this one takes 4 ids into an embedding of 6 rows and gives 5',
    );
  });

  it('refuses prompts with characters outside the vocabulary (naming them), and models that are not character models', () => {
    const model = lstm();
    expect(() => generateText(model, { prompt: 'abxyx\t', length: 5, vocabulary: VOCAB, seqLen: T })).toThrow(
      'generateText: the prompt holds characters outside the vocabulary: "x", "y", "\\t"',
    );
    expect(() => generateText(model, { prompt: 'ab', length: 5, vocabulary: VOCAB, seqLen: T + 1 })).toThrow(/takes 25 inputs and gives 5 outputs; this one takes 20 and gives 5/);
    expect(() => generateText(model, { prompt: 'ab', length: 5, vocabulary: ['\n', ' ', 'a', 'b', 'cd'], seqLen: T })).toThrow(/single characters/);
    expect(() => generateText(model, { prompt: 'ab', length: 5, vocabulary: VOCAB, seqLen: T, temperature: -1 })).toThrow(/temperature/);
    expect(generateText(model, { prompt: 'ab', length: 0, vocabulary: VOCAB, seqLen: T })).toBe('');
  });
});
