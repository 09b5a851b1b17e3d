import { describe, expect, it } from 'vitest';
import { tsBackend } from '../../backend/ts/index.js';
import { Rng } from '../../util/rng.js';
import { Model } from '../model.js';
import { deserializeModel, serializeModel } from '../serialize.js';
import type { LayerSpec, ModelSpec } from '../types.js';

const randn = (n: number, seed: number): Float32Array => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
};

/** Direct float64 convolution (the definition, no im2col): x NCHW, w [outC, inC, kh, kw]. */
function referenceConv(
  x: Float32Array,
  rows: number,
  [c, h, w]: [number, number, number],
  wt: Float32Array,
  bias: Float32Array,
  outC: number,
  [kh, kw]: [number, number],
  [sh, sw]: [number, number],
  [ph, pw]: [number, number],
  [dh, dw]: [number, number],
): { y: Float64Array; oh: number; ow: number } {
  const oh = Math.floor((h + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const ow = Math.floor((w + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  const y = new Float64Array(rows * outC * oh * ow);
  for (let r = 0; r < rows; r++)
    for (let o = 0; o < outC; o++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let s = bias[o] as number;
          for (let ci = 0; ci < c; ci++)
            for (let a = 0; a < kh; a++)
              for (let b = 0; b < kw; b++) {
                const hh = i * sh - ph + a * dh;
                const ww = j * sw - pw + b * dw;
                if (hh < 0 || hh >= h || ww < 0 || ww >= w) continue;
                s += (wt[((o * c + ci) * kh + a) * kw + b] as number) * (x[((r * c + ci) * h + hh) * w + ww] as number);
              }
          y[((r * outC + o) * oh + i) * ow + j] = s;
        }
  return { y, oh, ow };
}

describe('conv2d', () => {
  it('computes the definition of a convolution (stride, padding, dilation, [outC, inC, kh, kw] kernel)', () => {
    const spec: ModelSpec = {
      inputSize: 2 * 9 * 8,
      inputShape: [2, 9, 8],
      layers: [{ type: 'conv2d', filters: 3, kernelSize: [3, 2], stride: [2, 1], padding: [1, 2], dilation: [1, 2] }],
      loss: 'mse',
    };
    const model = Model.create(spec, { backend: tsBackend, seed: 5 });
    const [kernel, bias] = model.parameters();
    expect(kernel?.shape).toEqual([3, 2, 3, 2]);
    // Non-zero biases, so that a missing bias add shows.
    bias?.value.set([0.5, -1, 2]);
    const x = randn(3 * spec.inputSize, 1);
    const ref = referenceConv(x, 3, [2, 9, 8], kernel?.value as Float32Array, bias?.value as Float32Array, 3, [3, 2], [2, 1], [1, 2], [1, 2]);
    expect(model.layers[0]?.outputShape).toEqual([3, ref.oh, ref.ow]);
    const y = model.predict(x, 3);
    expect(y.length).toBe(ref.y.length);
    let worst = 0;
    ref.y.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (y[i] as number)))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('computes the same definition through im2col + GEMM (a receptive field of more than 32 values)', () => {
    const spec: ModelSpec = {
      inputSize: 3 * 7 * 9,
      inputShape: [3, 7, 9],
      layers: [{ type: 'conv2d', filters: 4, kernelSize: [4, 3], stride: [1, 2], padding: [2, 1], dilation: [2, 1] }],
      loss: 'mse',
    };
    const model = Model.create(spec, { backend: tsBackend, seed: 6 });
    const [kernel, bias] = model.parameters();
    bias?.value.set([0.25, -0.5, 1, 2]);
    const x = randn(2 * spec.inputSize, 8);
    const ref = referenceConv(x, 2, [3, 7, 9], kernel?.value as Float32Array, bias?.value as Float32Array, 4, [4, 3], [1, 2], [2, 1], [2, 1]);
    expect(model.layers[0]?.outputShape).toEqual([4, ref.oh, ref.ow]);
    const y = model.predict(x, 2);
    let worst = 0;
    ref.y.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (y[i] as number)))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('predicts more rows than one inference chunk the same as row by row', () => {
    // 4×3×3 = 36 values per receptive field: the im2col path, which infers 64 rows at a time.
    const spec: ModelSpec = { inputSize: 144, inputShape: [4, 6, 6], layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' }, { type: 'dense', units: 2 }], loss: 'mse' };
    const model = Model.create(spec, { backend: tsBackend, seed: 2 });
    const rows = 150;
    const x = randn(rows * 144, 4);
    const all = model.predict(x, rows);
    for (const r of [0, 63, 64, 149]) {
      const one = model.predict(x.slice(r * 144, (r + 1) * 144), 1);
      expect(Array.from(all.slice(r * 2, r * 2 + 2))).toEqual(Array.from(one));
    }
  });
});

describe('Model.create refuses impossible image specs, naming the layer, the shapes and the fix', () => {
  const refuse = (spec: ModelSpec, pattern: RegExp): void => {
    expect(() => Model.create(spec, { backend: tsBackend })).toThrow(pattern);
  };
  const image = (layers: LayerSpec[], shape = [1, 8, 8]): ModelSpec => ({
    inputSize: shape.reduce((a, b) => a * b, 1),
    inputShape: shape,
    layers: [...layers, { type: 'dense', units: 2, activation: 'softmax' }],
    loss: 'cross-entropy',
  });
  it('a kernel larger than its input', () => {
    refuse(image([{ type: 'conv2d', filters: 2, kernelSize: 9 }]), /layer 1 \(conv2d\): a kernel of 9 does not fit an input height of 8 \(input 1×8×8\).*smaller kernel, add padding/);
  });
  it('a kernel larger than the image left by pooling', () => {
    refuse(image([{ type: 'maxpool2d', kernelSize: 2 }, { type: 'maxpool2d', kernelSize: 2 }, { type: 'conv2d', filters: 2, kernelSize: 3 }]), /layer 3 \(conv2d\): .*input 1×2×2/);
  });
  it('an inputSize that is not C·H·W of the declared shape', () => {
    refuse({ ...image([{ type: 'conv2d', filters: 2, kernelSize: 3 }]), inputSize: 63 }, /inputShape \[1, 8, 8\] holds 64 values but inputSize is 63/);
  });
  it('a conv2d without an image shape', () => {
    refuse({ inputSize: 784, layers: [{ type: 'conv2d', filters: 2, kernelSize: 3 }], loss: 'mse' }, /layer 1 \(conv2d\): needs image rows \[channels, height, width\] but gets a flat row of 784 values; declare the model's inputShape/);
  });
  it('pooling past the edge (padding more than half the kernel)', () => {
    refuse(image([{ type: 'maxpool2d', kernelSize: 2, padding: 2 }]), /layer 1 \(maxpool2d\): padding 2×2 is more than half the kernel 2×2/);
  });
  it("padding 'same' with a stride or an even kernel", () => {
    refuse(image([{ type: 'conv2d', filters: 2, kernelSize: 3, stride: 2, padding: 'same' }]), /padding 'same' needs stride 1/);
    refuse(image([{ type: 'conv2d', filters: 2, kernelSize: 2, padding: 'same' }]), /padding 'same' needs an odd kernel size, got 2×2/);
  });
  it('bad sizes and unknown options', () => {
    refuse(image([{ type: 'conv2d', filters: 0, kernelSize: 3 }]), /filters must be a positive integer, got 0/);
    refuse(image([{ type: 'conv2d', filters: 2, kernelSize: [3, 0] }]), /kernelSize must be a positive integer or \[height, width\] of them, got \[3,0\]/);
    refuse(image([{ type: 'conv2d', filters: 2, kernelSize: 3, strides: 2 } as LayerSpec]), /unknown option 'strides'/);
    refuse(image([{ type: 'reshape', shape: [2, 30] }]), /shape \[2, 30\] holds 60 values but its input row holds 64/);
  });
});

describe('batchnorm', () => {
  const spec: ModelSpec = {
    inputSize: 16,
    inputShape: [1, 4, 4],
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'batchnorm', momentum: 0.5 }, { type: 'dense', units: 2 }],
    loss: 'mse',
  };

  it('normalises each channel with the batch statistics in training and updates the running ones (unbiased variance)', () => {
    const model = Model.create(spec, { backend: tsBackend, seed: 1 });
    const rows = 6;
    const x = randn(rows * 16, 2);
    const conv = model.layers[0]!;
    const bn = model.layers[1]!;
    const z = Float64Array.from(conv.forward(x, rows, true));
    const y = bn.forward(conv.forward(x, rows, true), rows, true);
    const [, , runningMean, runningVar] = bn.params();
    for (let c = 0; c < 2; c++) {
      const vals: number[] = [];
      for (let r = 0; r < rows; r++) for (let p = 0; p < 4; p++) vals.push(z[(r * 2 + c) * 4 + p] as number);
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      const variance = vals.reduce((a, b) => a + (b - mean) ** 2, 0) / vals.length;
      for (let r = 0; r < rows; r++)
        for (let p = 0; p < 4; p++) {
          const i = (r * 2 + c) * 4 + p;
          expect(y[i]).toBeCloseTo(((z[i] as number) - mean) / Math.sqrt(variance + 1e-5), 4);
        }
      expect(runningMean?.value[c]).toBeCloseTo(0.5 * mean, 5);
      expect(runningVar?.value[c]).toBeCloseTo(0.5 + 0.5 * variance * (24 / 23), 5);
    }
    expect(runningMean?.trainable).toBe(false);
  });

  it('predicts with the running statistics, which fit trains and the model file keeps', async () => {
    const model = Model.create(spec, { backend: tsBackend, seed: 1 });
    const rows = 40;
    const x = randn(rows * 16, 3);
    const y = randn(rows * 2, 4);
    await model.fit({ x, y, n: rows, inputSize: 16, outputSize: 2 }, { epochs: 3, batchSize: 8, optimizer: { name: 'adam', lr: 0.01 }, shuffle: false });
    const running = model.parameters()[5]!.value;
    expect(Array.from(running).every((v) => v !== 1)).toBe(true);
    // The same rows one at a time and all together: only running statistics make those agree.
    const all = model.predict(x, rows);
    expect(Array.from(model.predict(x.slice(16, 32), 1))).toEqual(Array.from(all.slice(2, 4)));
    const loaded = deserializeModel(serializeModel(model), { backend: tsBackend }).model;
    expect(Array.from(loaded.predict(x, rows))).toEqual(Array.from(all));
    expect(loaded.parameterCount()).toBe(model.parameterCount());
    expect(model.parameterCount()).toBe(2 * 9 + 2 + 2 + 2 + 8 * 2 + 2);
  });
});

describe('embedding', () => {
  it('looks up token ids and refuses ids outside the vocabulary', () => {
    const model = Model.create({ inputSize: 3, layers: [{ type: 'embedding', vocabSize: 5, dim: 2 }], loss: 'mse' }, { backend: tsBackend, seed: 1 });
    const table = model.parameters()[0]!.value;
    const y = model.predict(Float32Array.from([4, 0, 4]), 1);
    expect(Array.from(y)).toEqual([table[8], table[9], table[0], table[1], table[8], table[9]]);
    expect(model.layers[0]?.outputShape).toEqual([3, 2]);
    expect(() => model.predict(Float32Array.from([1, 5, 0]), 1)).toThrow(/gatherRows: ids\[1\] = 5 is not an integer in \[0, 5\)/);
  });
});
