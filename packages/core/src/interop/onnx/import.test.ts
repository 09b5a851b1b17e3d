/**
 * importOnnx: what exportOnnx writes comes back as a model that predicts the same (round trip),
 * graphs written by hand the way torch.onnx.export writes them (Gemm with transB, MatMul + Add,
 * Flatten) are read, and unsupported ops are refused naming op and node.
 */
import { describe, expect, it } from 'vitest';
import '../../recurrent/index.js';
import { Model } from '../../model/model.js';
import type { ModelSpec } from '../../model/types.js';
import { lenetLike, maxAbsDiff, randomModel, randomRows } from './__tests__/seeded-model.js';
import { exportOnnx } from './export.js';
import { importOnnx } from './import.js';
import { encodeModel, type OnnxNode, type OnnxTensor } from './onnx-proto.js';

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(maxAbsDiff(a, b)).toBeLessThan(1e-5);
}

/** A graph file from nodes and float initializers, input [batch, ...dims]. */
function graphFile(nodes: OnnxNode[], initializers: OnnxTensor[], inputDims: (number | string)[], output: string, outDims: (number | string)[], opset = 17): Uint8Array {
  return encodeModel({
    irVersion: 8,
    opset,
    producerName: 'test',
    producerVersion: '0',
    metadata: [],
    graph: { name: 'g', nodes, initializers, inputs: [{ name: 'x', dims: ['batch', ...inputDims] }], outputs: [{ name: output, dims: ['batch', ...outDims] }] },
  });
}

const node = (opType: string, inputs: string[], output: string, attributes: OnnxNode['attributes'] = []): OnnxNode => ({ opType, name: `${opType}_${output}`, inputs, outputs: [output], attributes });

describe('importOnnx reads what exportOnnx writes', () => {
  const cases: [string, ModelSpec][] = [
    ['an MLP with softmax, batchnorm, layernorm', {
      inputSize: 6,
      layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'batchnorm' }, { type: 'dense', units: 5, activation: 'leaky-relu', alpha: 0.1 }, { type: 'layernorm' }, { type: 'dense', units: 3, activation: 'softmax' }],
      loss: 'cross-entropy',
    }],
    ['a binary classifier without biases', {
      inputSize: 4,
      layers: [{ type: 'dense', units: 5, activation: 'elu', alpha: 0.5, useBias: false }, { type: 'dense', units: 1, activation: 'sigmoid' }],
      loss: 'binary-cross-entropy',
    }],
    ['a LeNet-style CNN', lenetLike({ activation: 'tanh' })],
    ['flat rows reshaped into an image, globalavgpool2d', {
      inputSize: 36,
      layers: [{ type: 'reshape', shape: [1, 6, 6] }, { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same', activation: 'selu' }, { type: 'globalavgpool2d' }, { type: 'dense', units: 2 }],
      loss: 'mse',
    }],
  ];
  it.each(cases)('%s', (_, spec) => {
    const model = randomModel(spec, 11);
    const back = importOnnx(exportOnnx(model, { classNames: ['a', 'b', 'c'] }));
    const x = randomRows(50 * model.inputSize, 5);
    expectClose(back.model.predict(x, 50), model.predict(x, 50));
    expect(back.model.spec.loss).toBe(spec.loss);
    expect(back.metadata.classNames).toEqual(['a', 'b', 'c']);
  });

  it.each(['rnn', 'lstm', 'gru'] as const)('%s: sequence to one, and sequence to sequence with time-distributed-dense', (type) => {
    const specs: ModelSpec[] = [
      { inputSize: 15, layers: [{ type, units: 4, features: 3, ...(type === 'rnn' ? { activation: 'relu' } : {}) }, { type: 'dense', units: 2 }], loss: 'mse' },
      { inputSize: 15, layers: [{ type, units: 4, seqLen: 5, returnSequences: true }, { type: 'time-distributed-dense', units: 2, seqLen: 5, activation: 'tanh' }], loss: 'mse' },
    ];
    for (const spec of specs) {
      const model = randomModel(spec, 11);
      const back = importOnnx(exportOnnx(model)).model;
      expect(back.spec.layers.map((l) => l.type).join()).toEqual(spec.layers.map((l) => l.type).join());
      const x = randomRows(50 * model.inputSize, 5);
      expectClose(back.predict(x, 50), model.predict(x, 50));
    }
  });

  it('the preprocessing in front comes back as metadata.preprocess', () => {
    const model = randomModel({ inputSize: 3, layers: [{ type: 'dense', units: 2 }], loss: 'mse' });
    const back = importOnnx(exportOnnx(model, { preprocess: { type: 'standardize', mean: [1, 2, 3], std: [2, 4, 0.5] } }));
    const p = back.metadata.preprocess as { type: string; mean: number[]; std: number[] };
    expect(p.type).toBe('standardize');
    expect(p.mean).toEqual([1, 2, 3]);
    p.std.forEach((s, i) => expect(s).toBeCloseTo([2, 4, 0.5][i] as number, 6));
    expect(importOnnx(exportOnnx(model, { preprocess: { type: 'scale', factor: 0.5 } })).metadata.preprocess).toEqual({ type: 'scale', factor: 0.5 });
  });
});

describe('importOnnx reads graphs as torch.onnx.export writes them', () => {
  it('Gemm with transB = 1 (PyTorch Linear [out, in]), Relu, MatMul + Add, Flatten of the input', () => {
    const w1 = Float32Array.from({ length: 3 * 4 }, (_, i) => Math.sin(i));
    const b1 = Float32Array.from([0.1, -0.2, 0.3]);
    const w2 = Float32Array.from({ length: 3 * 2 }, (_, i) => Math.cos(i));
    const b2 = Float32Array.from([0.5, -0.5]);
    const file = graphFile(
      [
        node('Flatten', ['x'], 'f', [{ name: 'axis', i: 1 }]),
        node('Gemm', ['f', 'w1', 'b1'], 'h', [{ name: 'alpha', f: 1 }, { name: 'beta', f: 1 }, { name: 'transB', i: 1 }]),
        node('Relu', ['h'], 'r'),
        node('MatMul', ['r', 'w2'], 'm'),
        node('Add', ['m', 'b2'], 'y'),
      ],
      [
        { name: 'w1', dims: [3, 4], data: w1 },
        { name: 'b1', dims: [3], data: b1 },
        { name: 'w2', dims: [3, 2], data: w2 },
        { name: 'b2', dims: [2], data: b2 },
      ],
      [4],
      'y',
      [2],
    );
    const { model } = importOnnx(file);
    const x = Float32Array.from([1, -2, 0.5, 3]);
    const h = [0, 1, 2].map((u) => Math.max(0, (b1[u] as number) + [0, 1, 2, 3].reduce((s, i) => s + (w1[u * 4 + i] as number) * (x[i] as number), 0)));
    const y = [0, 1].map((o) => (b2[o] as number) + h.reduce((s, v, u) => s + v * (w2[u * 2 + o] as number), 0));
    expectClose(model.predict(x, 1), Float32Array.from(y));
  });
});

describe('importOnnx refuses what it cannot read, naming it', () => {
  it('an op outside the subset: names op and node', () => {
    const file = graphFile([node('HardSwish', ['x'], 'y')], [], [4], 'y', [4]);
    expect(() => importOnnx(file)).toThrow(/node HardSwish_y \(HardSwish\): op 'HardSwish' is not supported by import/);
  });

  it('a graph that is not a chain, weights that are not constants, an old opset', () => {
    const w = { name: 'w', dims: [4, 2], data: new Float32Array(8) };
    expect(() => importOnnx(graphFile([node('MatMul', ['w', 'x'], 'y')], [w], [4], 'y', [2]))).toThrow(/does not read the previous output 'x'/);
    expect(() => importOnnx(graphFile([node('MatMul', ['x', 'v'], 'y')], [], [4], 'y', [2]))).toThrow(/input 'v' is not a constant/);
    expect(() => importOnnx(graphFile([node('Relu', ['x'], 'y')], [], [4], 'y', [4], 11))).toThrow(/opset 11 is older than 13/);
    expect(() => importOnnx(graphFile([node('Relu', ['x'], 'y')], [], [4], 'y', [4]))).toThrow(/an activation is read only right after/);
  });
});
