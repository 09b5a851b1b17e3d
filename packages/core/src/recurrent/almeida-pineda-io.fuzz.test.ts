/**
 * Seeded fuzz of fixedPointFromJSON: every field of a saved Almeida–Pineda network replaced by
 * values of the wrong kind or size, removed, or nudged; weight arrays cut, grown and poisoned.
 * Each case must either give a network that saves back to the very same document, or be refused
 * with a plain Error naming the file; never a TypeError/RangeError from inside, never a huge
 * allocation (a typed array beyond ALLOC_LIMIT elements, trapped below).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/ts/index.js';
import { Rng } from '../util/rng.js';
import { AlmeidaPinedaNetwork } from './almeida-pineda.js';
import { fixedPointFromJSON, fixedPointToJSON } from './almeida-pineda-io.js';
import { HUGE, jsonPaths, setAt, trapHugeTypedArrays, type Json } from '../__tests__/fuzz-support.js';

const net = new AlmeidaPinedaNetwork(tsBackend, { inputs: 2, hidden: 3, outputs: 2, activation: 'tanh', tolerance: 1e-5, maxIterations: 200, seed: 9 });
const doc = JSON.parse(JSON.stringify(fixedPointToJSON(net))) as Json;

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

/** Refused with a plain Error naming the file, or loaded and saving back to `input` exactly. */
function check(input: unknown, label: string): 'accepted' | 'refused' {
  let loaded: AlmeidaPinedaNetwork;
  try {
    loaded = fixedPointFromJSON(input, tsBackend);
  } catch (e) {
    if (!(e instanceof Error) || e.constructor !== Error) throw new Error(`${label}: threw ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
    if (e.message.includes(HUGE)) throw new Error(`${label}: ${e.message}`);
    if (!/^almeida-pineda( file)?: /.test(e.message)) throw new Error(`${label}: the message does not name the file: ${e.message}`);
    return 'refused';
  }
  if (!isDeepStrictEqual(fixedPointToJSON(loaded), input)) throw new Error(`${label}: accepted, but the network does not save back to the same document`);
  return 'accepted';
}

describe('Almeida–Pineda documents under mutation', () => {
  let restoreTypedArrays = (): void => undefined;
  beforeAll(() => {
    restoreTypedArrays = trapHugeTypedArrays();
  });
  afterAll(() => restoreTypedArrays());

  it('the unmodified document loads', () => {
    expect(check(doc, 'valid')).toBe('accepted');
  });

  it('every field replaced by every wrong value is refused or read back exactly', () => {
    for (const path of jsonPaths(doc)) {
      for (const value of NASTY) check(setAt(doc, path, value), `${JSON.stringify(path)} = ${String(value)}`);
    }
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
    // 2 inputs, 20,000 hidden units: a 400-million-value recurrent kernel, for a document whose
    // weight arrays hold a few values.
    expect(() => fixedPointFromJSON(setAt(doc, ['hidden'], 20_000), tsBackend)).toThrow(
      /^almeida-pineda file: weights\.inputKernel must be 40004 \(20002×2\) finite numbers, the file holds 10$/,
    );
  });

  it('refuses weights beyond float32 and missing options, which would load as other values', () => {
    expect(() => fixedPointFromJSON(setAt(doc, ['weights', 'bias', 0], 1e39), tsBackend)).toThrow(
      /^almeida-pineda file: weights\.bias\[0\] is 1e\+39, beyond float32's range$/,
    );
    // A float64 network holds such a weight exactly, and saves it back.
    const big = setAt(doc, ['weights', 'bias', 0], 1e39);
    expect(fixedPointToJSON(fixedPointFromJSON(big, tsBackend, 'float64'))).toEqual(big);
    // A missing activation was read as the default 'sigmoid' (this network is tanh).
    expect(() => fixedPointFromJSON(setAt(doc, ['activation'], undefined), tsBackend)).toThrow(/^almeida-pineda file: activation is missing$/);
    expect(() => fixedPointFromJSON(setAt(doc, ['tolerance'], undefined), tsBackend)).toThrow(/^almeida-pineda file: tolerance is missing$/);
    // JSON.parse reads 1e400 as Infinity: a tolerance every relaxation meets at once.
    expect(() => fixedPointFromJSON(JSON.parse(JSON.stringify(doc).replace(/"tolerance":[^,]+/, '"tolerance":1e400')), tsBackend)).toThrow(
      /^almeida-pineda file: tolerance must be a finite number > 0, got Infinity$/,
    );
  });
});
