/**
 * Seeded fuzz of deserializeModel on fixed-point JSON documents: every field of a saved network
 * replaced by values of the wrong kind or size, removed, or nudged; weight arrays cut, grown and
 * poisoned. Each case must either give a model that describes the very same document, or be
 * refused with a ModelFormatError naming the format; never another exception, never a huge
 * allocation (a typed array beyond ALLOC_LIMIT elements, trapped below).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../recurrent/register.js';
import { Rng } from '../util/rng.js';
import { HUGE, jsonPaths, setAt, trapHugeTypedArrays, type Json } from '../__tests__/fuzz-support.js';
import { FIXED_POINT_DOCUMENTS } from './__tests__/fixed-point-documents.js';
import { ModelFormatError } from './format-error.js';
import type { Model } from './model.js';
import { deserializeModel } from './serialize.js';

const doc = JSON.parse(JSON.stringify(FIXED_POINT_DOCUMENTS[1]!.doc)) as Json;

const NASTY: unknown[] = [
  undefined,
  null,
  true,
  -1,
  0,
  0.5,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  1e39, // finite, but no float32
  2 ** 31,
  2 ** 53,
  '3',
  'sigmoid',
  [],
  [1, 2],
  {},
];

/** The document a fixed-point model describes (what the format's writer stores). */
function documentOf(model: Model): Json {
  const layer = model.spec.layers[0] as Record<string, Json>;
  const [inputKernel, recurrentKernel, bias] = model.getWeights().map((w) => Array.from(w));
  return {
    format: 'backprop-almeida-pineda',
    version: 1,
    inputs: model.inputSize,
    hidden: layer.units as number,
    outputs: layer.outputSize as number,
    activation: layer.activation as string,
    tolerance: layer.tolerance as number,
    maxIterations: layer.maxIterations as number,
    weights: { inputKernel: inputKernel!, recurrentKernel: recurrentKernel!, bias: bias! },
  };
}

/** Refused with a ModelFormatError naming the format, or loaded as a model describing `input`. */
function check(input: unknown, label: string): 'accepted' | 'refused' {
  // As a file holds it (NaN and ±Infinity become null, undefined fields vanish).
  const text = JSON.stringify(input) ?? '';
  let model: Model;
  try {
    model = deserializeModel(new TextEncoder().encode(text)).model;
  } catch (e) {
    if (!(e instanceof ModelFormatError)) throw new Error(`${label}: threw ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
    if (e.message.includes(HUGE)) throw new Error(`${label}: ${e.message}`);
    // Text that no longer starts with '{' (the whole document replaced) is no document at all.
    if (text.startsWith('{') && !e.message.includes('"backprop-almeida-pineda"')) throw new Error(`${label}: the message does not name the format: ${e.message}`);
    return 'refused';
  }
  if (!isDeepStrictEqual(documentOf(model), JSON.parse(text))) throw new Error(`${label}: accepted, but the model does not describe the same document`);
  return 'accepted';
}

describe('fixed-point JSON documents under mutation', () => {
  let restoreTypedArrays = (): void => undefined;
  beforeAll(() => {
    restoreTypedArrays = trapHugeTypedArrays();
  });
  afterAll(() => restoreTypedArrays());

  it('the unmodified document loads', () => {
    expect(check(doc, 'valid')).toBe('accepted');
  });

  it('every field replaced by every wrong value is refused or read back exactly', () => {
    let refused = 0;
    for (const path of jsonPaths(doc)) {
      for (const value of NASTY) if (check(setAt(doc, path, value), `${JSON.stringify(path)} = ${String(value)}`) === 'refused') refused++;
    }
    expect(refused).toBeGreaterThan(500);
  });

  it('sizes nudged and weight arrays cut or grown are refused', () => {
    const rng = new Rng(4);
    for (const key of ['inputs', 'hidden', 'outputs']) {
      const v = (doc as Record<string, number>)[key] as number;
      for (const w of [v + 1, v - 1, v * 2, 4096, 1 << 20, 2 ** 32 - 1]) expect(check(setAt(doc, [key], w), `${key} = ${w}`), `${key} = ${w}`).toBe('refused');
    }
    for (const name of ['inputKernel', 'recurrentKernel', 'bias']) {
      const arr = (doc as { weights: Record<string, number[]> }).weights[name] as number[];
      for (let k = 0; k < 30; k++) {
        const cut = arr.slice(0, rng.int(arr.length));
        const grown = [...arr, ...Array.from({ length: 1 + rng.int(5) }, () => rng.normal())];
        expect(check(setAt(doc, ['weights', name], cut), `${name} cut`)).toBe('refused');
        expect(check(setAt(doc, ['weights', name], grown), `${name} grown`)).toBe('refused');
      }
    }
  });

  it('refuses sizes that would allocate gigabytes before allocating them', () => {
    // 3 inputs, 20,000 hidden units: a 400-million-value recurrent kernel, for a document whose
    // weight arrays hold a few values.
    expect(() => deserializeModel(new TextEncoder().encode(JSON.stringify(setAt(doc, ['hidden'], 20_000))))).toThrow(
      /^fixed-point JSON \("backprop-almeida-pineda"\): weights\.inputKernel must be 60006 \(20002×3\) finite numbers, the file holds 12$/,
    );
  });
});
