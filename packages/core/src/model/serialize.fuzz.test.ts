/**
 * Seeded fuzz of the model-file reader: valid files (an MLP, a recurrent model, a checkpoint with
 * training state, a float64 model) are cut, bit-flipped, grown, shrunk and edited, also behind a
 * recomputed CRC-32 so that the checks after the checksum run too. Every case must either load a
 * model that re-saves to exactly the bytes it was read from, or throw a ModelFormatError with a
 * message; never another exception, never a huge allocation (a typed array beyond ALLOC_LIMIT
 * elements, trapped below, for files of a few kilobytes).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../recurrent/register.js';
import { Rng } from '../util/rng.js';
import { crc32 } from './crc32.js';
import { Model } from './model.js';
import { deserializeModel, ModelFormatError, serializeModel, type LoadedModel } from './serialize.js';
import type { ModelSpec } from './types.js';
import { ALLOC_LIMIT, HUGE, jsonPaths, setAt, trapHugeTypedArrays, type Json } from '../__tests__/fuzz-support.js';
import { randomClasses } from './__tests__/random-classes.js';

const MLP: ModelSpec = {
  inputSize: 4,
  layers: [
    { type: 'dense', units: 6, activation: 'leaky-relu', alpha: 0.2 },
    { type: 'dropout', rate: 0.1 },
    { type: 'dense', units: 3, activation: 'softmax', useBias: false },
  ],
  loss: 'cross-entropy',
};
const RECURRENT: ModelSpec = {
  inputSize: 3 * 2,
  layers: [
    { type: 'lstm', units: 3, features: 2, returnSequences: true },
    { type: 'rnn', units: 2, seqLen: 3 },
    { type: 'dense', units: 2 },
  ],
  loss: 'mse',
};

const CREATED = { createdAt: '2026-11-29T00:00:00.000Z' };

async function bases(): Promise<Record<string, Uint8Array>> {
  const mlp = Model.create(MLP, { seed: 11 });
  const recurrent = Model.create(RECURRENT, { seed: 12 });
  const f64 = Model.create(MLP, { seed: 13, dtype: 'float64' });
  const trained = Model.create(MLP, { seed: 14 });
  await trained.fit(randomClasses(24, 5), {
    epochs: 2,
    batchSize: 8,
    optimizer: { name: 'adam', lr: 0.01 },
    validationSplit: 0.25,
    earlyStopping: { patience: 5, restoreBestWeights: true },
  });
  return {
    mlp: serializeModel(mlp, { ...CREATED, classNames: ['a', 'b', 'c'], preprocess: { type: 'scale', factor: 0.5 } }),
    recurrent: serializeModel(recurrent, CREATED),
    float64: serializeModel(f64, CREATED),
    checkpoint: serializeModel(trained, CREATED, { trainingState: true }),
  };
}

/**
 * Whether the loaded model saves to the file it was read from: the same header (as JSON, so
 * padding and key order aside) and the same data section, i.e. nothing dropped or invented.
 * Not compared: the spec, which the layers resolve (a removed `init` comes back as its default;
 * the weights' shapes are compared through the tensor table), and a createdAt that the edit
 * removed (saving fills in a fresh one).
 */
function resavesTo(loaded: LoadedModel, bytes: Uint8Array): boolean {
  const { model, metadata, trainingState } = loaded;
  const again = serializeModel(model, metadata, trainingState ? { trainingState } : {});
  const a = headerOf(bytes);
  const b = headerOf(again);
  const [ha, hb] = [a.json, b.json] as { spec?: Json; metadata?: Record<string, Json> }[];
  delete ha!.spec;
  delete hb!.spec;
  if (!ha!.metadata || !('createdAt' in ha!.metadata)) delete hb!.metadata!.createdAt;
  if (!ha!.metadata && Object.keys(hb!.metadata!).length === 0) delete hb!.metadata;
  const dataA = bytes.subarray(16 + a.length, bytes.length - 4);
  const dataB = again.subarray(16 + b.length, again.length - 4);
  return isDeepStrictEqual(a.json, b.json) && dataA.length === dataB.length && dataA.every((v, i) => v === dataB[i]);
}

type Outcome = { kind: 'accepted'; same: boolean } | { kind: 'refused'; problem: string; message: string };

/** Read `bytes`; any exception other than a ModelFormatError with a message fails the test. */
function outcome(bytes: Uint8Array, label: string): Outcome {
  let loaded: LoadedModel;
  try {
    loaded = deserializeModel(bytes);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes(HUGE)) throw new Error(`${label}: ${message}`);
    if (!(e instanceof ModelFormatError)) throw new Error(`${label}: threw ${e instanceof Error ? e.name : typeof e}: ${message}`);
    if (message.length === 0) throw new Error(`${label}: ModelFormatError without a message`);
    return { kind: 'refused', problem: e.problem, message };
  }
  return { kind: 'accepted', same: resavesTo(loaded, bytes) };
}

/** The file must be refused; returns the problem. */
function refused(bytes: Uint8Array, label: string): string {
  const o = outcome(bytes, label);
  if (o.kind !== 'refused') throw new Error(`${label}: accepted a corrupt file`);
  return o.problem;
}

/** Accepted only if the loaded model re-saves to exactly these bytes; else refused. */
function consistent(bytes: Uint8Array, label: string): void {
  const o = outcome(bytes, label);
  if (o.kind === 'accepted' && !o.same) throw new Error(`${label}: accepted, but the loaded model does not re-save to the same file`);
}

function withCrc(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
  return out;
}

function headerOf(bytes: Uint8Array): { json: Json; length: number } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  return { json: JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length))) as Json, length };
}

/** Re-encode with another header (padded as the writer pads) and a valid checksum. */
function withHeader(source: Uint8Array, header: Json): Uint8Array {
  const { length } = headerOf(source);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((16 + text.length) / 8) * 8 - 16;
  const data = source.subarray(16 + length, source.length - 4);
  const out = new Uint8Array(16 + padded + data.length + 4).fill(0x20, 16, 16 + padded);
  out.set(source.subarray(0, 16));
  new DataView(out.buffer).setUint32(12, padded, true);
  out.set(text, 16);
  out.set(data, 16 + padded);
  return withCrc(out);
}

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

/** setAt on a header: replacing the root by nothing leaves null (a header is always some JSON). */
const setInHeader = (root: Json, path: (string | number)[], value: Json | undefined): Json => (setAt(root, path, value) ?? null) as Json;

const getAt = (root: Json, path: (string | number)[]): Json =>
  path.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k] as Json, root);

/** Values of the wrong kind or out of range for any field. */
const NASTY: (Json | undefined)[] = [
  undefined, // the field removed
  null,
  true,
  -1,
  0,
  1.5,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  1e308,
  -1e308,
  '12',
  '',
  [],
  [1, 2, 3],
  [-1],
  {},
  { type: 'dense', units: -3 },
];

describe('model files under mutation', () => {
  let files: Record<string, Uint8Array>;
  let restoreTypedArrays = (): void => undefined;
  beforeAll(async () => {
    files = await bases();
    restoreTypedArrays = trapHugeTypedArrays();
  });
  afterAll(() => restoreTypedArrays());

  it('the unmodified files load and re-save byte for byte', () => {
    for (const [name, bytes] of Object.entries(files)) expect(outcome(bytes, name)).toEqual({ kind: 'accepted', same: true });
  });

  it('the allocation trap fires (so the cases below could fail)', () => {
    expect(() => new Float32Array(ALLOC_LIMIT + 1)).toThrow(HUGE);
  });

  it('refuses every truncation as truncated', () => {
    for (const [name, bytes] of Object.entries(files)) {
      for (let n = 0; n < bytes.length; n++) expect(refused(bytes.subarray(0, n), `${name} cut to ${n}`), `${name} cut to ${n}`).toBe('truncated');
    }
  });

  it('refuses every single bit flip (stored CRC), and stays consistent behind a recomputed CRC', () => {
    const rng = new Rng(1);
    for (const [name, bytes] of Object.entries(files)) {
      // Every bit of the fixed prefix and the trailer, a dense sample of the rest.
      const bits: number[] = [];
      for (let b = 0; b < 16 * 8; b++) bits.push(b);
      for (let b = (bytes.length - 4) * 8; b < bytes.length * 8; b++) bits.push(b);
      for (let k = 0; k < 1500; k++) bits.push(rng.int(bytes.length * 8));
      for (const bit of bits) {
        const flipped = bytes.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        refused(flipped, `${name} bit ${bit}`);
        if (bit < (bytes.length - 4) * 8) consistent(withCrc(flipped), `${name} bit ${bit} (CRC recomputed)`);
      }
    }
  });

  it('refuses inserted and deleted bytes, with or without a recomputed CRC', () => {
    const rng = new Rng(2);
    for (const [name, bytes] of Object.entries(files)) {
      for (let k = 0; k < 150; k++) {
        const at = rng.int(bytes.length);
        const count = 1 + rng.int(9);
        const inserted = new Uint8Array(bytes.length + count);
        inserted.set(bytes.subarray(0, at));
        for (let i = 0; i < count; i++) inserted[at + i] = rng.int(256);
        inserted.set(bytes.subarray(at), at + count);
        const deleted = new Uint8Array(bytes.length - Math.min(count, bytes.length - at));
        deleted.set(bytes.subarray(0, at));
        deleted.set(bytes.subarray(at + count), at);
        refused(inserted, `${name} +${count} at ${at}`);
        refused(deleted, `${name} -${count} at ${at}`);
        if (at < bytes.length - 4) {
          consistent(withCrc(inserted), `${name} +${count} at ${at} (CRC recomputed)`);
          if (deleted.length >= 20) consistent(withCrc(deleted), `${name} -${count} at ${at} (CRC recomputed)`);
        }
      }
    }
  });

  it('refuses bad prefix fields (version, header length) with a valid CRC', () => {
    for (const [name, bytes] of Object.entries(files)) {
      const { length } = headerOf(bytes);
      for (const version of [0, 2, 0x7fffffff, 0xffffffff]) {
        const b = bytes.slice();
        new DataView(b.buffer).setUint32(8, version, true);
        expect(refused(withCrc(b), `${name} version ${version}`)).toBe('unsupported-version');
      }
      for (const h of [0, 1, length - 8, length - 1, length + 1, length + 8, bytes.length, 0x7fffffff, 0xffffffff]) {
        const b = bytes.slice();
        new DataView(b.buffer).setUint32(12, h, true);
        refused(withCrc(b), `${name} header length ${h}`);
      }
    }
  });

  it('refuses or consistently reads headers whose fields are replaced by JSON of the wrong kind', () => {
    const rng = new Rng(3);
    for (const [name, bytes] of Object.entries(files)) {
      const { json } = headerOf(bytes);
      const all = jsonPaths(json);
      // Every field with every nasty value is too many for the checkpoint; sample.
      for (let k = 0; k < 700; k++) {
        const path = all[rng.int(all.length)] as (string | number)[];
        const value = NASTY[rng.int(NASTY.length)];
        // Huge layer sizes are the known gap tested (as failing) below; here they would only repeat it.
        if (path[0] === 'spec' && typeof value === 'number' && value > 2 ** 20) continue;
        consistent(withHeader(bytes, setInHeader(json, path, value)), `${name} ${JSON.stringify(path)} = ${JSON.stringify(value) ?? '(removed)'}`);
      }
      // Numbers nudged: sizes one off, offsets one value off, counts doubled.
      for (const path of all) {
        const v = getAt(json, path);
        if (typeof v !== 'number') continue;
        for (const w of [v + 1, v - 1, v * 2, -v, v + 4]) consistent(withHeader(bytes, setInHeader(json, path, w)), `${name} ${JSON.stringify(path)} = ${w}`);
      }
    }
  });

  // deserializeModel builds the topology within the values the file stores (Model.create's
  // maxParameters), so a kilobyte file whose spec claims 2^14 inputs × 2^14 units is refused
  // before its layers allocate gigabytes.
  it('refuses topologies that claim gigabytes before allocating them', () => {
    for (const [name, bytes] of Object.entries(files)) {
      const { json } = headerOf(bytes);
      const spec = (json as { spec: { inputSize: number; layers: { units?: number }[] } }).spec;
      const edits: [string, (s: typeof spec) => void][] = [
        ['inputSize 2^31', (s) => (s.inputSize = 2 ** 31)],
        ['inputSize 2^14, units 2^14', (s) => ((s.inputSize = 2 ** 14), (s.layers[0]!.units = 2 ** 14))],
        ['every layer 2^12 units', (s) => s.layers.forEach((l) => l.units !== undefined && (l.units = 2 ** 12))],
        ['last layer 2^24 units', (s) => (s.layers[s.layers.length - 1]!.units = 2 ** 24)],
      ];
      for (const [what, edit] of edits) {
        const h = clone(json) as { spec: typeof spec };
        edit(h.spec);
        refused(withHeader(bytes, h as unknown as Json), `${name}: ${what}`);
      }
    }
  });
});
