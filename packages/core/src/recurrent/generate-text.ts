/**
 * Text generation with a character model: a model trained on the `text` data set (a row is
 * seqLen one-hot characters of the vocabulary, time-major, or, for a model whose first layer is
 * an embedding, the seqLen token ids of those characters; the output is the softmax over the
 * vocabulary for the next character). Each step feeds the last seqLen characters, turns the
 * predicted probabilities p into a distribution sharpened or flattened by the temperature t,
 *
 *   q_k = p_k^(1/t) / Σ_j p_j^(1/t)   (= softmax(z / t) for the logits z, since p = softmax(z)),
 *
 * draws the next character from q with a seeded Rng, appends it and repeats. t = 1 samples the
 * model's own distribution, t < 1 favours the likelier characters, t → 0 tends to the argmax
 * (greedy decoding), which t = 0 gives exactly. Same model, options and seed ⇒ same text.
 * Browser-safe: the model and the Rng only.
 */
import type { Model } from '../model/model.js';
import type { EmbeddingSpec } from '../model/types.js';
import { Rng } from '../util/rng.js';

/** What generateText samples: the prompt, how many characters, the vocabulary and window of the model, and the sampling settings. */
export interface GenerateTextOptions {
  /** The text to continue. Its last seqLen characters are the first window; a shorter prompt
   * (even '') is padded on the left with empty steps (all-zero one-hot rows): no context. Token
   * ids have no empty step: an embedding model's window is padded with id 0, vocabulary[0] (in
   * the text set's code-point order a line break or a space, where the text has them). */
  readonly prompt: string;
  /** How many characters to generate. */
  readonly length: number;
  /** The model's classes: vocabulary[k] is class k, each a single character. */
  readonly vocabulary: readonly string[];
  /** Characters per input window (the model's inputSize is seqLen × vocabulary.length, or seqLen ids through an embedding). */
  readonly seqLen: number;
  /** Sampling temperature t ≥ 0: 1 (default) samples the model's distribution, 0 is greedy. */
  readonly temperature?: number;
  /** Seed of the sampling Rng (a 32-bit unsigned integer), default 42. */
  readonly seed?: number;
}

/**
 * Generate `length` characters after `prompt` with a character model.
 * @returns the generated characters only (without the prompt)
 * @throws Error when the model does not take seqLen × V one-hot inputs (or seqLen ids into an
 * embedding of V rows) and give V outputs, or the prompt holds characters outside the vocabulary
 * (all of them are named)
 */
export function generateText(model: Model, options: GenerateTextOptions): string {
  const { prompt, length, vocabulary, seqLen } = options;
  const temperature = options.temperature ?? 1;
  const V = vocabulary.length;
  if (!Number.isInteger(length) || length < 0) throw new Error(`generateText: length must be a non-negative integer, got ${String(length)}`);
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new Error(`generateText: seqLen must be a positive integer, got ${String(seqLen)}`);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new Error(`generateText: temperature must be a finite number ≥ 0, got ${String(temperature)}`);
  const index = new Map(vocabulary.map((c, k) => [c, k]));
  if (V < 1 || index.size !== V || vocabulary.some((c) => Array.from(c).length !== 1)) {
    throw new Error('generateText: the vocabulary must be distinct single characters');
  }
  const first = model.layers[0];
  const ids = first?.type === 'embedding';
  // Values per step: a token id, or a one-hot row.
  const width = ids ? 1 : V;
  if (model.inputSize !== seqLen * width || model.outputSize !== V || (ids && (first.toSpec() as EmbeddingSpec).vocabSize !== V)) {
    const takes = ids ? `${seqLen} token ids into an embedding of ${V} rows` : `${seqLen * V} inputs`;
    const has = ids ? `${model.inputSize} ids into an embedding of ${(first.toSpec() as EmbeddingSpec).vocabSize} rows` : `${model.inputSize}`;
    throw new Error(`generateText: a character model with seqLen ${seqLen} over ${V} characters takes ${takes} and gives ${V} outputs; this one takes ${has} and gives ${model.outputSize}`);
  }
  const chars = Array.from(prompt);
  const unknown = [...new Set(chars.filter((c) => !index.has(c)))];
  if (unknown.length) throw new Error(`generateText: the prompt holds characters outside the vocabulary: ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);

  // The window: seqLen steps, oldest first; the prompt's last characters at its end.
  const window = new Float32Array(seqLen * width);
  const put = (t: number, k: number): void => {
    if (ids) window[t] = k;
    else window[t * V + k] = 1;
  };
  const tail = chars.slice(-seqLen);
  tail.forEach((c, t) => put(seqLen - tail.length + t, index.get(c)!));
  const rng = new Rng(options.seed ?? 42);
  const q = new Float64Array(V);
  let text = '';
  for (let step = 0; step < length; step++) {
    const p = model.predict(window, 1);
    const k = temperature === 0 ? argmax(p) : sample(p, temperature, q, rng);
    text += vocabulary[k];
    window.copyWithin(0, width);
    window.fill(0, (seqLen - 1) * width);
    put(seqLen - 1, k);
  }
  return text;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

/** One draw from q ∝ p^(1/t), computed as exp((ln p_k − ln p_max) / t) so that small t cannot underflow all of q. */
function sample(p: ArrayLike<number>, t: number, q: Float64Array, rng: Rng): number {
  const top = Math.log(p[argmax(p)]!);
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    q[k] = p[k]! > 0 ? Math.exp((Math.log(p[k]!) - top) / t) : 0;
    sum += q[k]!;
  }
  let u = rng.next() * sum;
  let last = 0;
  for (let k = 0; k < p.length; k++) {
    if (q[k]! === 0) continue;
    last = k;
    u -= q[k]!;
    if (u < 0) return k;
  }
  return last; // rounding left u ≥ 0 past the end: the last possible character
}
