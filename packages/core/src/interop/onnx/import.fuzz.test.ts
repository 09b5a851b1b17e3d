/**
 * Corrupt and hostile ONNX files: importOnnx refuses each with an Error that names what is wrong —
 * never a crash of another kind, a hang, or a huge allocation (typed arrays past ALLOC_LIMIT
 * elements throw inside the test). Seeded: the same mutations every run.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../recurrent/index.js';
import { ALLOC_LIMIT, HUGE, trapHugeTypedArrays } from '../../__tests__/fuzz-support.js';
import { Model } from '../../model/model.js';
import { Rng } from '../../util/rng.js';
import { exportOnnx } from './export.js';
import { importOnnx } from './import.js';
import { encodeModel, type OnnxNode, type OnnxTensor } from './onnx-proto.js';
import { ProtoWriter } from './protobuf-writer.js';

const valid = exportOnnx(
  Model.create(
    {
      inputSize: 2 * 6 * 6,
      inputShape: [2, 6, 6],
      layers: [{ type: 'conv2d', filters: 3, kernelSize: 3, activation: 'relu' }, { type: 'batchnorm' }, { type: 'maxpool2d', kernelSize: 2 }, { type: 'dense', units: 3, activation: 'softmax' }],
      loss: 'cross-entropy',
    },
    { seed: 3 },
  ),
  { preprocess: { type: 'scale', factor: 0.5 } },
);

/** An exported LSTM and torch's own LSTM file: the recurrent reader and torch's side graph. */
const recurrentFiles = [
  exportOnnx(Model.create({ inputSize: 12, layers: [{ type: 'lstm', units: 3, features: 3, returnSequences: true }, { type: 'time-distributed-dense', units: 2, seqLen: 4 }], loss: 'mse' }, { seed: 4 })),
  new Uint8Array(readFileSync(new URL('./__tests__/torch/lstm.onnx', import.meta.url))),
];

let undo: () => void = () => undefined;
beforeAll(() => {
  undo = trapHugeTypedArrays();
});
afterAll(() => undo());

/** importOnnx either reads the file or throws an Error with a message; never anything else. */
function outcome(file: Uint8Array): 'read' | string {
  try {
    importOnnx(file);
    return 'read';
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    const message = (e as Error).message;
    expect(message).not.toContain(HUGE);
    expect(message.length).toBeGreaterThan(10);
    return message;
  }
}

function file(nodes: OnnxNode[], initializers: OnnxTensor[], inputDims: number[]): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opset: 17,
    producerName: 'fuzz',
    producerVersion: '0',
    metadata: [],
    graph: { name: 'g', nodes, initializers, inputs: [{ name: 'x', dims: ['batch', ...inputDims] }], outputs: [{ name: 'y', dims: ['batch', 2] }] },
  });
}

describe('importOnnx on corrupt files (seeded fuzz)', () => {
  const files = [valid, ...recurrentFiles];
  it('the unmodified files are read', () => {
    for (const f of files) expect(outcome(f)).toBe('read');
  });

  it('every truncation is refused', () => {
    for (const f of files) {
      for (let n = 0; n < f.length; n += Math.max(1, Math.floor(f.length / 200))) expect(outcome(f.subarray(0, n))).not.toBe('read');
    }
  });

  it('random byte changes, insertions and deletions: read or refused with an Error, never a crash', () => {
    const rng = new Rng(2026);
    for (let round = 0; round < 600; round++) {
      const bytes = Array.from(files[round % files.length] as Uint8Array);
      for (let k = 0; k <= rng.int(4); k++) {
        const at = rng.int(bytes.length);
        const kind = rng.int(3);
        if (kind === 0) bytes[at] = rng.int(256);
        else if (kind === 1) bytes.splice(at, 0, rng.int(256));
        else bytes.splice(at, 1);
      }
      outcome(Uint8Array.from(bytes));
    }
  });
});

describe('importOnnx on hostile files', () => {
  it('a length past the end of the file', () => {
    const w = new ProtoWriter().int(1, 8);
    const head = w.finish();
    const bad = Uint8Array.from([...head, 0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]); // field 7 (graph) claims ~4 GB
    expect(outcome(bad)).toMatch(/field 7 declares 4294967295 bytes but only 3 remain/);
  });

  it('dims claiming far more values than the data holds, or than any tensor may', () => {
    const w: OnnxTensor = { name: 'w', dims: [2, 2], data: new Float32Array(4) };
    const gemm: OnnxNode = { opType: 'Gemm', name: 'fc', inputs: ['x', 'w'], outputs: ['y'], attributes: [] };
    expect(outcome(file([gemm], [{ ...w, dims: [2, 3] }], [2]))).toMatch(/initializer 'w': raw_data holds 16 bytes, dims \[2, 3\] need 24/);
    expect(outcome(file([gemm], [{ ...w, dims: [1 << 20, 1 << 20] }], [2]))).toMatch(/hold more than 268435456 values/);
    expect(outcome(file([gemm], [{ ...w, dims: [-1, 4] }], [2]))).toMatch(/dimension -1 is negative/);
    expect(outcome(file([gemm], [w], [ALLOC_LIMIT * 64]))).toMatch(/rows of \d+ values are more than/);
  });

  it('a dtype other than float32/float64, and a missing tensor', () => {
    const gemm: OnnxNode = { opType: 'Gemm', name: 'fc', inputs: ['x', 'w'], outputs: ['y'], attributes: [] };
    const int32 = encodeModel({
      irVersion: 8,
      opset: 17,
      producerName: 'fuzz',
      producerVersion: '0',
      metadata: [],
      graph: { name: 'g', nodes: [gemm], initializers: [], inputs: [{ name: 'x', dims: ['batch', 2] }], outputs: [{ name: 'y', dims: ['batch', 2] }] },
    });
    expect(outcome(int32)).toMatch(/input 'w' is not a constant/);
    // A TensorProto with data_type 6 (int32), spliced in as an initializer by hand.
    const tensor = new ProtoWriter().int(1, 2).int(1, 2).int(2, 6).string(8, 'w').bytes(9, new Uint8Array(16)).finish();
    const graph = new ProtoWriter()
      .message(1, (n) => n.string(1, 'x').string(1, 'w').string(2, 'y').string(3, 'fc').string(4, 'Gemm'))
      .bytes(5, tensor)
      .finish();
    const model = new ProtoWriter().int(1, 8).bytes(7, graph).message(8, (o) => o.string(1, '').int(2, 17)).finish();
    expect(outcome(model)).toMatch(/initializer 'w': data type int32 is not supported \(float32 or float64 only\)/);
  });

  it('an unknown op, named with its node', () => {
    expect(outcome(file([{ opType: 'Loop', name: 'loop_1', inputs: ['x'], outputs: ['y'], attributes: [] }], [], [2]))).toMatch(/node loop_1 \(Loop\): op 'Loop' is not supported/);
  });

  it('not a protobuf at all', () => {
    expect(outcome(new TextEncoder().encode('{"format": "backprop"}'))).toMatch(/ONNX model/);
    expect(outcome(new Uint8Array(0))).toMatch(/the file is empty/);
  });
});
