/**
 * Seeded fuzz of the safetensors reader and importSafetensors: valid files (an MLP, a convolutional
 * network with batchnorm and layernorm, a gru/rnn sequence model, and a plain PyTorch-style
 * state_dict read with a spec) are cut, bit-flipped, grown, shrunk and edited in their JSON header
 * and in the spec stored in it. Every case must either import a usable model (it predicts, and
 * exports and imports again to the same weights) or throw a SafetensorsError with a message; never
 * another exception, never a huge allocation (a typed array beyond ALLOC_LIMIT elements, trapped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../recurrent/register.js';
import { ALLOC_LIMIT, HUGE, jsonPaths, setAt, trapHugeTypedArrays, type Json } from '../../__tests__/fuzz-support.js';
import { Model } from '../../model/model.js';
import type { ModelMetadata } from '../../model/serialize.js';
import type { ModelSpec } from '../../model/types.js';
import { Rng } from '../../util/rng.js';
import { SafetensorsError } from './format.js';
import { exportSafetensors, importSafetensors } from './safetensors.js';

const MLP: ModelSpec = {
  inputSize: 4,
  layers: [
    { type: 'dense', units: 5, activation: 'tanh' },
    { type: 'dropout', rate: 0.1 },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
  loss: 'cross-entropy',
};
const CONV: ModelSpec = {
  inputSize: 16,
  inputShape: [1, 4, 4],
  layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' }, { type: 'batchnorm' }, { type: 'flatten' }, { type: 'layernorm' }, { type: 'dense', units: 2 }],
  loss: 'mse',
};
const SEQ: ModelSpec = {
  inputSize: 6,
  layers: [{ type: 'gru', units: 2, features: 2, returnSequences: true }, { type: 'rnn', units: 2, seqLen: 3 }, { type: 'dense', units: 1 }],
  loss: 'mse',
};

interface Base {
  bytes: Uint8Array;
  /** The spec given to importSafetensors (for a file without backprop.spec). */
  spec?: ModelSpec;
}

function bases(): Record<string, Base> {
  const plain = exportSafetensors(Model.create(MLP, { seed: 4 }));
  return {
    mlp: { bytes: exportSafetensors(Model.create(MLP, { seed: 1 }), { classNames: ['a', 'b', 'c'] }) },
    conv: { bytes: exportSafetensors(Model.create(CONV, { seed: 2 })) },
    seq: { bytes: exportSafetensors(Model.create(SEQ, { seed: 3 })) },
    plain: { bytes: withHeader(plain, dropMetadata(headerOf(plain))), spec: MLP },
  };
}

function headerOf(bytes: Uint8Array): Json {
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Json;
}

function dropMetadata(h: Json): Json {
  const copy = { ...(h as Record<string, Json>) };
  delete copy['__metadata__'];
  return copy;
}

/** The same data section behind another header (padded as the writer pads). */
function withHeader(source: Uint8Array, header: Json): Uint8Array {
  const n = new DataView(source.buffer, source.byteOffset).getUint32(0, true);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((8 + text.length) / 8) * 8 - 8;
  const data = source.subarray(8 + n);
  const out = new Uint8Array(8 + padded + data.length).fill(0x20, 8, 8 + padded);
  new DataView(out.buffer).setUint32(0, padded, true);
  out.set(text, 8);
  out.set(data, 8 + padded);
  return out;
}

type Outcome = 'accepted' | 'refused';

/** Import `bytes`; anything but a usable model or a SafetensorsError with a message fails the test. */
function outcome(bytes: Uint8Array, spec: ModelSpec | undefined, label: string): Outcome {
  let model: Model;
  let metadata: ModelMetadata;
  try {
    ({ model, metadata } = importSafetensors(bytes, spec));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes(HUGE)) throw new Error(`${label}: ${message}`);
    if (!(e instanceof SafetensorsError)) throw new Error(`${label}: threw ${e instanceof Error ? e.name : typeof e}: ${message}`);
    if (message.length === 0) throw new Error(`${label}: SafetensorsError without a message`);
    return 'refused';
  }
  const out = model.predict(new Float32Array(model.inputSize), 1);
  if (out.length !== model.outputSize) throw new Error(`${label}: predict gave ${out.length} values`);
  const again = importSafetensors(exportSafetensors(model, metadata)).model;
  const same = again.getWeights().every((w, i) => w.every((v, j) => Object.is(v, model.getWeights()[i]![j])));
  if (!same) throw new Error(`${label}: accepted, but export → import changes the weights`);
  return 'accepted';
}

const refused = (bytes: Uint8Array, spec: ModelSpec | undefined, label: string): void => {
  if (outcome(bytes, spec, label) !== 'refused') throw new Error(`${label}: accepted a corrupt file`);
};

const NASTY: (Json | undefined)[] = [undefined, null, true, -1, 0, 1.5, 2 ** 31, 2 ** 32, 2 ** 53, 1e308, '12', '', [], [1, 2, 3], [-1], {}, 'F16', { type: 'dense', units: -3 }];

describe('safetensors files under mutation', () => {
  let files: Record<string, Base>;
  let restore = (): void => undefined;
  beforeAll(() => {
    files = bases();
    restore = trapHugeTypedArrays();
  });
  afterAll(() => restore());

  it('the unmodified files import', () => {
    for (const [name, f] of Object.entries(files)) expect(outcome(f.bytes, f.spec, name)).toBe('accepted');
  });

  it('the allocation trap fires (so the cases below could fail)', () => {
    expect(() => new Float32Array(ALLOC_LIMIT + 1)).toThrow(HUGE);
  });

  it('refuses every truncation', () => {
    for (const [name, f] of Object.entries(files)) for (let n = 0; n < f.bytes.length; n++) refused(f.bytes.subarray(0, n), f.spec, `${name} cut to ${n}`);
  });

  it('single bit flips are refused or give a usable model', () => {
    const rng = new Rng(1);
    for (const [name, f] of Object.entries(files)) {
      const bits: number[] = [];
      for (let b = 0; b < 64; b++) bits.push(b);
      for (let k = 0; k < 1500; k++) bits.push(rng.int(f.bytes.length * 8));
      for (const bit of bits) {
        const flipped = f.bytes.slice();
        flipped[bit >> 3]! ^= 1 << (bit & 7);
        outcome(flipped, f.spec, `${name} bit ${bit}`);
      }
    }
  });

  it('inserted and deleted bytes are refused or give a usable model', () => {
    const rng = new Rng(2);
    for (const [name, f] of Object.entries(files)) {
      for (let k = 0; k < 150; k++) {
        const at = rng.int(f.bytes.length);
        const count = 1 + rng.int(9);
        const inserted = new Uint8Array(f.bytes.length + count);
        inserted.set(f.bytes.subarray(0, at));
        for (let i = 0; i < count; i++) inserted[at + i] = rng.int(256);
        inserted.set(f.bytes.subarray(at), at + count);
        const deleted = new Uint8Array(f.bytes.length - Math.min(count, f.bytes.length - at));
        deleted.set(f.bytes.subarray(0, at));
        deleted.set(f.bytes.subarray(at + count), at);
        outcome(inserted, f.spec, `${name} +${count} at ${at}`);
        outcome(deleted, f.spec, `${name} -${count} at ${at}`);
      }
    }
  });

  it('refuses header lengths that are off, past the end or absurd', () => {
    for (const [name, f] of Object.entries(files)) {
      const n = new DataView(f.bytes.buffer).getUint32(0, true);
      for (const [low, high] of [[n + 1, 0], [n + 7, 0], [f.bytes.length, 0], [0xffffffff, 0], [0, 1], [n, 0xffffffff], [0, 0]]) {
        const b = f.bytes.slice();
        new DataView(b.buffer).setUint32(0, low!, true);
        new DataView(b.buffer).setUint32(4, high!, true);
        refused(b, f.spec, `${name} header length ${low} + ${high}·2^32`);
      }
    }
  });

  it('header fields and spec fields replaced by JSON of the wrong kind are refused or give a usable model', () => {
    const rng = new Rng(3);
    for (const [name, f] of Object.entries(files)) {
      const header = headerOf(f.bytes);
      const all = jsonPaths(header);
      for (let k = 0; k < 500; k++) {
        const path = all[rng.int(all.length)] as (string | number)[];
        const value = NASTY[rng.int(NASTY.length)];
        outcome(withHeader(f.bytes, (setAt(header, path, value) ?? null) as Json), f.spec, `${name} ${JSON.stringify(path)} = ${JSON.stringify(value) ?? '(removed)'}`);
      }
      for (const path of all) {
        const v = path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, header);
        if (typeof v !== 'number') continue;
        for (const w of [v + 1, v - 1, v * 2, -v, v + 4]) outcome(withHeader(f.bytes, setAt(header, path, w) as Json), f.spec, `${name} ${JSON.stringify(path)} = ${w}`);
      }
      const meta = (header as Record<string, Record<string, string>>)['__metadata__'];
      if (!meta?.['backprop.spec']) continue;
      const spec = JSON.parse(meta['backprop.spec']) as Json;
      const specPaths = jsonPaths(spec);
      for (let k = 0; k < 300; k++) {
        const path = specPaths[rng.int(specPaths.length)] as (string | number)[];
        const value = NASTY[rng.int(NASTY.length)];
        // Layer sizes up to the 2^24-value budget are built before their shapes are compared; the trap's limit is lower.
        if (typeof value === 'number' && value > 2 ** 20) continue;
        const edited = { ...(header as Record<string, Json>), __metadata__: { ...meta, 'backprop.spec': JSON.stringify(setAt(spec, path, value) ?? null) } };
        outcome(withHeader(f.bytes, edited), undefined, `${name} spec ${JSON.stringify(path)} = ${JSON.stringify(value) ?? '(removed)'}`);
      }
      // A spec claiming far more weights than the file stores is refused before its layers allocate.
      for (const units of [2 ** 24, 2 ** 30]) {
        const big = setAt(spec, ['layers', 0, 'units'], units) as Json;
        const edited = { ...(header as Record<string, Json>), __metadata__: { ...meta, 'backprop.spec': JSON.stringify(big) } };
        refused(withHeader(f.bytes, edited), undefined, `${name} first layer ${units} units`);
      }
    }
  });
});
