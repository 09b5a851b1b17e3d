/**
 * Character-level next-character prediction on a text (by default the public-domain corpus in
 * ./text-corpus.ts). A row is seqLen one-hot characters (features = vocabulary size, time-major
 * within the row), or with `tokens` the seqLen token ids of those characters (their indices in
 * the vocabulary, for an embedding layer to look up); its target is the one-hot next character,
 * for a sequence-to-one model with a softmax output and the cross-entropy loss.
 */
import type { Dataset } from '../dataset.js';
import { TEXT_CORPUS } from './text-corpus.js';

/** Options of `characterText`. */
export interface TextOptions {
  /** Characters per window, default 32. */
  readonly seqLen?: number;
  /** Offset between consecutive windows, default 3. */
  readonly stride?: number;
  /** At most this many windows (from the start of the text); default all. */
  readonly maxRows?: number;
  /** The text; default the built-in public-domain corpus. */
  readonly text?: string;
  /**
   * Give each window as seqLen token ids (vocabulary indices, as float values; inputSize = seqLen,
   * the set's `vocabSize` the vocabulary's) instead of seqLen one-hot rows. Default false.
   */
  readonly tokens?: boolean;
}

export interface TextSet extends Dataset {
  /** The vocabulary in code-point order; class k is vocabulary[k]. */
  readonly vocabulary: readonly string[];
}

/** The sorted distinct characters of `text`. */
export function textVocabulary(text: string): string[] {
  return [...new Set(Array.from(text))].sort();
}

/** One-hot encode `chars` (seqLen × V, time-major) with `vocabulary`; unknown characters throw. */
export function encodeChars(chars: string, vocabulary: readonly string[], out = new Float32Array(Array.from(chars).length * vocabulary.length)): Float32Array {
  const index = new Map(vocabulary.map((c, i) => [c, i]));
  Array.from(chars).forEach((c, t) => {
    const k = index.get(c);
    if (k === undefined) throw new Error(`text: character ${JSON.stringify(c)} is not in the vocabulary`);
    out[t * vocabulary.length + k] = 1;
  });
  return out;
}

/**
 * Next-character prediction on a text (by default a built-in public-domain corpus): each row is
 * seqLen one-hot characters (or, with `tokens`, their seqLen ids) and its target the one-hot
 * next character.
 * @param options window length, stride, row limit, the text and the row form
 * @returns the windows, with the vocabulary (class k is vocabulary[k])
 * @throws when a size is not a positive integer or the text is shorter than one window
 */
export function characterText(options: TextOptions = {}): TextSet {
  const text = options.text ?? TEXT_CORPUS;
  const T = options.seqLen ?? 32;
  const stride = options.stride ?? 3;
  if (!Number.isInteger(T) || T < 1) throw new Error(`text: seqLen must be a positive integer, got ${String(T)}`);
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`text: stride must be a positive integer, got ${String(stride)}`);
  if (options.maxRows !== undefined && (!Number.isInteger(options.maxRows) || options.maxRows < 1)) {
    throw new Error(`text: maxRows must be a positive integer, got ${String(options.maxRows)}`);
  }
  const chars = Array.from(text);
  if (chars.length <= T) throw new Error(`text: the text has ${chars.length} characters, fewer than seqLen + 1 = ${T + 1}`);
  const vocabulary = textVocabulary(text);
  const V = vocabulary.length;
  const index = new Map(vocabulary.map((c, i) => [c, i]));
  let n = Math.floor((chars.length - T - 1) / stride) + 1;
  if (options.maxRows !== undefined) n = Math.min(n, options.maxRows);
  const ids = chars.map((c) => index.get(c) as number);
  // One value per step (its id) or V per step (its one-hot row).
  const width = options.tokens ? 1 : V;
  const x = new Float32Array(n * T * width);
  const y = new Float32Array(n * V);
  for (let i = 0; i < n; i++) {
    const s = i * stride;
    for (let t = 0; t < T; t++) {
      const id = ids[s + t] as number;
      if (options.tokens) x[i * T + t] = id;
      else x[(i * T + t) * V + id] = 1;
    }
    y[i * V + (ids[s + T] as number)] = 1;
  }
  return { x, y, n, inputSize: T * width, outputSize: V, classNames: vocabulary, vocabulary, ...(options.tokens ? { vocabSize: V } : {}) };
}
