/** The image, normalisation and embedding layers against PyTorch (see __tests__/pytorch-image-values.ts). */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/ts/index.js';
import { PYTORCH_IMAGE as PT } from './__tests__/pytorch-image-values.js';
import { Model } from './model.js';
import type { ModelSpec } from './types.js';

const close = (got: ArrayLike<number>, want: readonly number[], tol = 1e-10): void => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!), `index ${i}`).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i]!)));
};

/** The transpose of a rows × cols matrix (Linear.weight is [out, in]; a dense kernel is [in, out]). */
const transpose = (w: ArrayLike<number>, rows: number, cols: number): number[] =>
  Array.from({ length: w.length }, (_, k) => w[(k % rows) * cols + Math.floor(k / rows)]!);

const SPEC: ModelSpec = {
  inputSize: 72,
  inputShape: [2, 6, 6],
  layers: [
    // 2×5×5 = 50 values per receptive field: im2col + GEMM; the second conv2d's 3×2×2 = 12: direct.
    { type: 'conv2d', filters: 3, kernelSize: 5, padding: 2, activation: 'tanh' },
    { type: 'batchnorm', momentum: 0.1 },
    { type: 'maxpool2d', kernelSize: 2 },
    { type: 'conv2d', filters: 2, kernelSize: 2, activation: 'gelu' },
    { type: 'avgpool2d', kernelSize: 2, stride: 1, padding: 1 },
    { type: 'layernorm' },
    { type: 'flatten' },
    { type: 'dense', units: 4 },
  ],
  loss: 'cross-entropy',
};

describe('conv2d, batchnorm, maxpool2d, avgpool2d, layernorm and dense match PyTorch (float64)', () => {
  const build = (): Model => {
    const model = Model.create(SPEC, { backend: tsBackend, dtype: 'float64' });
    const params = model.parameters().filter((p) => p.trainable !== false);
    expect(params.length).toBe(10);
    params.forEach((p, k) => p.value.set(k === 8 ? transpose(PT.params[k]!, 4, 18) : PT.params[k]!));
    return model;
  };
  const x = Float64Array.from(PT.x);
  const y = new Float64Array(3 * 4);
  PT.y.forEach((c, i) => (y[i * 4 + c] = 1));

  it('training step: logits, loss, every gradient and the running statistics', () => {
    const model = build();
    const r = model.lossAndGradients(x, y, 3, true);
    close(r.output, PT.logits);
    expect(r.objective).toBeCloseTo(PT.loss, 12);
    const params = model.parameters().filter((p) => p.trainable !== false);
    params.forEach((p, k) => close(k === 8 ? transpose(p.grad, 18, 4) : p.grad, PT.grads[k]!));
    const [, , runningMean, runningVar] = model.layers[1]!.params();
    close(runningMean!.value, PT.runningMean);
    close(runningVar!.value, PT.runningVar);
  });

  it('inference uses the running statistics', () => {
    const model = build();
    model.lossAndGradients(x, y, 3, true);
    const r = model.lossAndGradients(x, y, 3, false);
    close(r.output, PT.evalLogits);
  });
});

describe('embedding matches PyTorch', () => {
  it('lookup and the scatter-added table gradient (repeated ids accumulate)', () => {
    const model = Model.create({ inputSize: 4, layers: [{ type: 'embedding', vocabSize: 5, dim: 3 }], loss: 'mse' }, { backend: tsBackend, dtype: 'float64' });
    const table = model.parameters()[0]!;
    table.value.set(PT.params[10]!);
    const layer = model.layers[0]!;
    const out = layer.forward(Float64Array.from(PT.ids), 2, true);
    close(out, PT.embedding, 0);
    const dy = Float64Array.from({ length: out.length }, (_, i) => Math.cos(0.3 * i));
    layer.backward(dy, 2, false);
    close(table.grad, PT.embeddingGrad, 1e-14);
  });
});
