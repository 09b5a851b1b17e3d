/**
 * importOnnx on files written by torch.onnx.export (opset 17, the TorchScript exporter): an MLP
 * (Gemm with transB, Softmax), a LeNet-style CNN (Conv, MaxPool, Flatten) and an LSTM (with
 * torch's zero-initial-state side graph, Squeeze, Transpose and the last step's Gather). The
 * fixtures and PyTorch's outputs come from __tests__/torch/make_fixtures.py.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../recurrent/index.js';
import { importOnnx } from './import.js';
import { maxAbsDiff } from './__tests__/seeded-model.js';

const fixture = (name: string): { file: Uint8Array; rows: number; input: Float32Array; output: Float32Array } => {
  const url = (ext: string): URL => new URL(`./__tests__/torch/${name}.${ext}`, import.meta.url);
  const json = JSON.parse(readFileSync(url('json'), 'utf8')) as { rows: number; input: number[]; output: number[] };
  return { file: new Uint8Array(readFileSync(url('onnx'))), rows: json.rows, input: Float32Array.from(json.input), output: Float32Array.from(json.output) };
};

describe('importOnnx reads what torch.onnx.export writes', () => {
  it.each([
    ['mlp', 'dense,dense,dense', 'cross-entropy'],
    ['lenet', 'conv2d,maxpool2d,conv2d,maxpool2d,flatten,dense,dense', 'mse'],
    ['lstm', 'lstm,dense', 'mse'],
  ])('%s: predictions equal PyTorch’s within 1e-5', (name, layers, loss) => {
    const { file, rows, input, output } = fixture(name);
    const { model } = importOnnx(file);
    expect(model.spec.layers.map((l) => l.type).join()).toBe(layers);
    expect(model.spec.loss).toBe(loss);
    expect(maxAbsDiff(model.predict(input, rows), output)).toBeLessThan(1e-5);
  });
});
