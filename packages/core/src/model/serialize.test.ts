import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { Model } from './model.js';
import { deserializeModel, ModelFormatError, serializeModel } from './serialize.js';
import type { FitOptions, ModelSpec } from './types.js';
import { randomClasses } from './__tests__/random-classes.js';

const SPEC: ModelSpec = {
  inputSize: 4,
  layers: [
    { type: 'dense', units: 6, activation: 'leaky-relu', alpha: 0.2 },
    { type: 'dropout', rate: 0.1 },
    { type: 'dense', units: 3, activation: 'softmax', useBias: false },
  ],
  loss: 'cross-entropy',
};

function problem(bytes: Uint8Array): string {
  try {
    deserializeModel(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    return `${(e as ModelFormatError).problem}: ${(e as Error).message}`;
  }
  return 'accepted';
}

/**
 * Trains `spec` (seed 3) on 40 rows straight through, and again to epoch 2, checkpoints with its
 * training state, reloads and finishes the run: both, for a test to compare.
 */
async function straightAndResumed(spec: ModelSpec, opts: FitOptions) {
  const train = randomClasses(40, 2);
  const full = Model.create(spec, { seed: 3 });
  const hFull = await full.fit(train, opts);
  const first = Model.create(spec, { seed: 3 });
  let checkpoint: Uint8Array = new Uint8Array(0);
  await first.fit(train, {
    ...opts,
    onEpochEnd: (log) => {
      if (log.epoch === 2) checkpoint = serializeModel(first, {}, { trainingState: true });
      return log.epoch < 2;
    },
  });
  const { model: resumed, trainingState } = deserializeModel(checkpoint);
  const hRest = await resumed.fit(train, { ...opts, initialEpoch: trainingState!.epoch });
  return { full, hFull, resumed, hRest, trainingState };
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('model files (format version 1)', () => {
  const model = Model.create(SPEC, { seed: 11 });
  const metadata = { classNames: ['a', 'b', 'c'], preprocess: { type: 'standardize', mean: [1, 2, 3, 4], std: [1, 1, 1, 1] }, createdAt: '2026-11-29T00:00:00.000Z' };
  const bytes = serializeModel(model, metadata);

  it('round trips topology, weights, metadata and predictions exactly', () => {
    const { model: loaded, metadata: meta, trainingState } = deserializeModel(bytes);
    expect(loaded.spec).toEqual(model.spec);
    expect(loaded.getWeights()).toEqual(model.getWeights());
    expect(meta).toEqual(metadata);
    expect(trainingState).toBeUndefined();
    const x = randomClasses(7, 1).x;
    expect(loaded.predict(x, 7)).toEqual(model.predict(x, 7));
  });

  it('lays out magic, version, aligned header, float32 data and a CRC-32 trailer', () => {
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x42, 0x50, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(8, true)).toBe(1);
    const h = view.getUint32(12, true);
    expect((16 + h) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + h)));
    expect(header.tensors.map((t: { name: string; shape: number[] }) => [t.name, t.shape])).toEqual([
      ['dense_1.kernel', [4, 6]],
      ['dense_1.bias', [6]],
      ['dense_3.kernel', [6, 3]],
    ]);
    expect(bytes.length).toBe(16 + h + (24 + 6 + 18) * 4 + 4);
    const first = model.getWeights()[0]![0]!;
    expect(view.getFloat32(16 + h, true)).toBe(first);
    expect(view.getUint32(bytes.length - 4, true)).toBe(crc32(bytes.subarray(0, bytes.length - 4)));
  });

  it('reads from an unaligned view (as a Node Buffer from the pool may be)', () => {
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(deserializeModel(shifted.subarray(3)).model.getWeights()).toEqual(model.getWeights());
  });

  it('refuses bad magic, unknown versions, truncation and corruption, naming which', () => {
    expect(problem(new TextEncoder().encode('{"layers": []}'))).toMatch(/^bad-magic: not a backprop model file/);
    const v2 = bytes.slice();
    new DataView(v2.buffer).setUint32(8, 2, true);
    expect(problem(v2)).toBe('unsupported-version: unsupported model format version 2 (this build reads version 1)');
    expect(problem(bytes.subarray(0, bytes.length - 10))).toMatch(/^truncated: truncated model file: expected \d+ bytes, got \d+/);
    expect(problem(bytes.subarray(0, 30))).toMatch(/^truncated: .*header alone needs/);
    expect(problem(bytes.subarray(0, 12))).toMatch(/^truncated/);
    expect(problem(bytes.subarray(0, 5))).toBe('truncated: truncated model file: 5 bytes is shorter than the 20-byte minimum');
    expect(problem(new Uint8Array(0))).toMatch(/^truncated: truncated model file: 0 bytes/);
    expect(problem(Uint8Array.of(0x89, 0x42, 0x51))).toMatch(/^bad-magic/);
    const flipped = bytes.slice();
    flipped[flipped.length - 20]! ^= 0x40;
    expect(problem(flipped)).toMatch(/^checksum: corrupt model file: checksum mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/);
  });

  /** Re-encode a file with an edited header (valid checksum), to test the checks behind the CRC. */
  function withHeader(edit: (h: Record<string, unknown>) => void, source: Uint8Array = bytes): Uint8Array {
    const bytes = source;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const h = view.getUint32(12, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + h)));
    edit(header);
    let json = new TextEncoder().encode(JSON.stringify(header));
    const pad = Math.ceil((16 + json.length) / 8) * 8 - 16;
    const p = new Uint8Array(pad).fill(0x20);
    p.set(json);
    json = p;
    const data = bytes.subarray(16 + h, bytes.length - 4);
    const out = new Uint8Array(16 + json.length + data.length + 4);
    out.set(bytes.subarray(0, 16));
    new DataView(out.buffer).setUint32(12, json.length, true);
    out.set(json, 16);
    out.set(data, 16 + json.length);
    new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
    return out;
  }

  it('refuses shape mismatches and unknown layer types even with a valid checksum', () => {
    expect(problem(withHeader(() => undefined))).toBe('accepted');
    expect(
      problem(
        withHeader((h) => {
          const spec = h.spec as { layers: { units?: number }[] };
          spec.layers[0]!.units = 7;
        }),
      ),
    ).toMatch(/^shape-mismatch: tensor dense_1.kernel has shape \[4, 6\] but the topology needs \[4, 7\]/);
    expect(
      problem(
        withHeader((h) => {
          (h.tensors as { shape: number[] }[])[1]!.shape = [5];
        }),
      ),
    ).toMatch(/^shape-mismatch: tensor dense_1.bias: shape \[5\] holds 5 values but the table says 6/);
    expect(
      problem(
        withHeader((h) => {
          (h.spec as { layers: { type: string }[] }).layers[1]!.type = 'capsule';
        }),
      ),
    ).toMatch(/^unknown-layer: model file topology: layer 2: unknown layer type 'capsule'/);
    expect(
      problem(
        withHeader((h) => {
          (h.spec as { layers: { activation?: string }[] }).layers[0]!.activation = 'swish';
        }),
      ),
    ).toMatch(/^corrupt: model file topology: layer 1 \(dense\): unknown activation 'swish'/);
    expect(problem(withHeader((h) => (h.version = 2)))).toBe('corrupt: corrupt model file: the header says version 2 but the file prefix says 1');
  });

  it('refuses tables that read bytes twice or leave some unread, and renamed header fields (valid checksum)', () => {
    type T = { offset: number; name: string }[];
    expect(problem(withHeader((h) => ((h.tensors as T)[1]!.offset = 92)))).toBe(
      'corrupt: corrupt model file: tensor dense_1.bias at offset 92 overlaps the tensor before it in the data section',
    );
    expect(problem(withHeader((h) => ((h.tensors as T)[2]!.name = 'dense_1.kernel')))).toBe('corrupt: corrupt model file: the tensor table lists dense_1.kernel twice');
    // The last layer removed: its kernel would be left in the file unread, and a 6-output model loaded.
    expect(problem(withHeader((h) => (h.spec as { layers: unknown[] }).layers.pop()))).toBe(
      'corrupt: corrupt model file: the topology and training state use no tensor dense_3.kernel, which the table lists',
    );
    // One flipped bit turns "metadata" into "metadcta": the class names would vanish silently.
    expect(
      problem(
        withHeader((h) => {
          h.metadcta = h.metadata;
          delete h.metadata;
        }),
      ),
    ).toBe('corrupt: corrupt model file: unknown header field "metadcta"');
    expect(problem(withHeader((h) => (h.trainingState = 0)))).toBe('corrupt: corrupt model file: the training state is 0, not an object');
  });

  it('refuses a malformed training state at load time, before any training (valid checksum)', async () => {
    const m = Model.create(SPEC, { seed: 3 });
    await m.fit(randomClasses(24, 5), { epochs: 2, batchSize: 8, optimizer: { name: 'adam', lr: 0.01 }, validationSplit: 0.25, earlyStopping: { patience: 5 } });
    const checkpoint = serializeModel(m, {}, { trainingState: true });
    type Ts = { rng: unknown[]; earlyStopping: { best: unknown; wait: unknown; bestWeights: string[] } };
    const edited = (edit: (ts: Ts) => void) => withHeader((h) => edit(h.trainingState as Ts), checkpoint);
    expect(problem(edited(() => undefined))).toBe('accepted');
    expect(problem(edited((ts) => (ts.earlyStopping.best = 'low')))).toMatch(/^corrupt: model file training state: early-stopping state: invalid best loss low/);
    expect(problem(edited((ts) => (ts.earlyStopping.wait = -1)))).toMatch(/^corrupt: .*wait must be an integer ≥ 0, got -1/);
    // Best weights pointing at the wrong tensors (the optimizer's first moment of the bias, 6 values, for the 24-value kernel).
    expect(problem(edited((ts) => (ts.earlyStopping.bestWeights[0] = 'optimizer.dense_1.bias.m')))).toMatch(
      /^corrupt: .*best weights do not match the model parameters/,
    );
    expect(problem(edited((ts) => (ts.rng[4] = 'x')))).toMatch(/^corrupt: .*invalid RNG state/);
    expect(problem(edited((ts) => (ts.rng = [1, 2, 3])))).toMatch(/^corrupt: .*invalid RNG state/);
    // Early stopping dropped: its best-weights tensors would stay in the file unread.
    expect(problem(edited((ts) => delete (ts as { earlyStopping?: unknown }).earlyStopping))).toMatch(
      /^corrupt: corrupt model file: the topology and training state use no tensor earlyStopping\.best\.dense_1\.kernel, /,
    );
    expect(problem(edited((ts) => ((ts as { optimizer?: unknown }).optimizer = false)))).toBe(
      'corrupt: corrupt model file: training state optimizer is false, not an object',
    );
    // An optimizer slot reshaped (same value count): the writer stores slots flat.
    type Table = { name: string; shape: number[] }[];
    const reshaped = withHeader((h) => {
      const slot = (h.tensors as Table).find((t) => t.name === 'optimizer.dense_1.kernel.m')!;
      slot.shape = [2, 3, slot.shape[0]! / 6];
    }, checkpoint);
    expect(problem(reshaped)).toMatch(/^shape-mismatch: .*tensor optimizer\.dense_1\.kernel\.m: training-state tensors are stored flat, as \[24\], not \[2, 3, 4\]/);
  });

  it('refuses metadata whose createdAt is not a date string (it would be replaced on the next save)', () => {
    const bytes = serializeModel(Model.create(SPEC, { seed: 1 }), { createdAt: '2026-11-29T00:00:00.000Z' });
    expect(problem(withHeader((h) => ((h.metadata as Record<string, unknown>).createdAt = null), bytes))).toBe(
      'corrupt: model file metadata: createdAt must be an ISO-8601 date string, got null',
    );
  });

  it('a checkpoint with training state resumes exactly like an uninterrupted run', async () => {
    const opts = { epochs: 6, batchSize: 8, optimizer: { name: 'adam' as const, lr: 0.01 }, validationSplit: 0.25, earlyStopping: { patience: 20 } };
    const { full, hFull, resumed, hRest, trainingState } = await straightAndResumed(SPEC, opts);
    expect(trainingState?.epoch).toBe(2);
    expect(trainingState?.optimizer?.state.step).toBe(2 * 4);
    expect(hRest.epochs.map((e) => e.loss)).toEqual(hFull.epochs.slice(2).map((e) => e.loss));
    expect(hRest.epochs.map((e) => e.valLoss)).toEqual(hFull.epochs.slice(2).map((e) => e.valLoss));
    expect(resumed.getWeights()).toEqual(full.getWeights());
  });

  it.each([
    { name: 'rmsprop', lr: 0.01, momentum: 0.5, centered: true, weightDecay: 0.01 },
    { name: 'rmsprop', lr: 0.01 },
    { name: 'adagrad', lr: 0.05, lrDecay: 0.01, initialAccumulatorValue: 0.1 },
    { name: 'adamax', lr: 0.01 },
    { name: 'nadam', lr: 0.01 },
  ] as const)('a checkpoint of $name (%o) resumes bit for bit like an uninterrupted run', async (optimizer) => {
    const opts = { epochs: 5, batchSize: 8, optimizer, validationSplit: 0.25 };
    const { full, hFull, resumed, hRest, trainingState } = await straightAndResumed(SPEC, opts);
    expect(trainingState?.optimizer?.state.name).toBe(optimizer.name);
    expect(trainingState?.optimizer?.state.step).toBe(2 * 4);
    expect(hRest.epochs.map((e) => e.loss)).toEqual(hFull.epochs.slice(2).map((e) => e.loss));
    expect(resumed.getWeights()).toEqual(full.getWeights());
  });

  it('a checkpoint of a network with batchnorm (running statistics, untrained parameters between trained ones) resumes bit for bit', async () => {
    const spec: ModelSpec = {
      inputSize: SPEC.inputSize,
      layers: [{ type: 'dense', units: 6, activation: 'tanh' }, { type: 'batchnorm' }, { type: 'layernorm' }, { type: 'dense', units: 3, activation: 'softmax' }],
      loss: 'cross-entropy',
    };
    const opts = { epochs: 5, batchSize: 8, optimizer: { name: 'adam' as const, lr: 0.01 }, validationSplit: 0.25, earlyStopping: { patience: 20 } };
    const { full, hFull, resumed, hRest, trainingState } = await straightAndResumed(spec, opts);
    // Adam's m and v for the 8 trainable tensors (two dense kernels and biases, γ and β twice), none for running statistics.
    expect(trainingState?.optimizer?.state.slots.length).toBe(2 * 8);
    expect(hRest.epochs.map((e) => e.loss)).toEqual(hFull.epochs.slice(2).map((e) => e.loss));
    expect(hRest.epochs.map((e) => e.valLoss)).toEqual(hFull.epochs.slice(2).map((e) => e.valLoss));
    expect(resumed.getWeights()).toEqual(full.getWeights());
  });

  it('a training-state snapshot passed explicitly (the last good epoch) resumes exactly too', async () => {
    const train = randomClasses(40, 2);
    const opts = { epochs: 5, batchSize: 8, optimizer: { name: 'momentum' as const, lr: 0.05 }, validationSplit: 0.25, earlyStopping: { patience: 20 } };
    const full = Model.create(SPEC, { seed: 4 });
    await full.fit(train, opts);
    const first = Model.create(SPEC, { seed: 4 });
    let snapshot = first.getTrainingState();
    let weights = first.getWeights();
    await first.fit(train, {
      ...opts,
      onEpochEnd: (log) => {
        if (log.epoch === 2) {
          snapshot = first.getTrainingState();
          weights = first.getWeights();
        }
        return log.epoch < 3; // interrupted after epoch 3: roll back to the snapshot of epoch 2
      },
    });
    first.setWeights(weights);
    first.setTrainingState(snapshot);
    expect(first.getTrainingState()).toEqual(snapshot);
    const { model: resumed } = deserializeModel(serializeModel(first, {}, { trainingState: snapshot }));
    await resumed.fit(train, { ...opts, initialEpoch: 2 });
    expect(resumed.getWeights()).toEqual(full.getWeights());
  });
});

describe('every loss and activation name, and the loss options, round-trip', () => {
  const cases: ModelSpec[] = [
    { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'gelu' }, { type: 'dense', units: 2 }], loss: 'mae' },
    { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'elu', alpha: 0.5 }, { type: 'dense', units: 2 }], loss: 'huber', lossOptions: { huberDelta: 0.3 } },
    { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'mish' }, { type: 'dense', units: 2, activation: 'softmax' }], loss: 'kl-divergence' },
    { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'silu' }, { type: 'dense', units: 3 }], loss: 'hinge' },
    { inputSize: 3, layers: [{ type: 'dense', units: 4, activation: 'softplus' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy', lossOptions: { labelSmoothing: 0.1 } },
  ];
  for (const spec of cases) {
    it(`${spec.loss}${spec.lossOptions ? ' ' + JSON.stringify(spec.lossOptions) : ''}`, () => {
      const model = Model.create(spec, { seed: 3 });
      const back = deserializeModel(serializeModel(model)).model;
      expect(back.spec).toEqual(model.spec);
      expect(back.spec.loss).toBe(spec.loss);
      expect(back.spec.lossOptions).toEqual(spec.lossOptions);
      const x = new Float32Array([0.1, -0.4, 0.9]);
      expect(back.predict(x, 1)).toEqual(model.predict(x, 1));
    });
  }
});
