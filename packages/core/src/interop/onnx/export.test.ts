/**
 * exportOnnx checked by ONNX Runtime (onnxruntime-web's wasm backend, in Node): for every layer
 * type and activation, a seeded model with random weights is exported, run by ORT on 100 rows,
 * and compared with model.predict (within 1e-5), with the stored preprocessing in front where set.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../recurrent/index.js';
import type { ActivationName, LayerSpec, LossName, ModelSpec } from '../../model/types.js';
import { Model } from '../../model/model.js';
import type { ModelMetadata } from '../../model/serialize.js';
import { preprocessorFromJSON } from '../../data/preprocess.js';
import { lenetLike, maxAbsDiff, randomModel, randomRows } from './__tests__/seeded-model.js';
import { exportOnnx } from './export.js';

const ROWS = 100;

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
});

async function runOnnx(bytes: Uint8Array, x: Float32Array, rows: number, inputSize: number): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ input: new ort.Tensor('float32', x, [rows, inputSize]) });
  const y = out.output as ort.Tensor;
  const result = { data: y.data as Float32Array, dims: y.dims };
  await session.release();
  return result;
}

async function expectSameAsPredict(spec: ModelSpec, metadata?: ModelMetadata, rowsScale = 2, rowsOffset = 0): Promise<void> {
  const model = randomModel(spec);
  const raw = randomRows(ROWS * model.inputSize, 3, rowsScale, rowsOffset);
  const bytes = exportOnnx(model, metadata);
  const got = await runOnnx(bytes, raw, ROWS, model.inputSize);
  const x = metadata?.preprocess ? preprocessorFromJSON(metadata.preprocess).transform(raw, ROWS) : raw;
  const want = model.predict(x, ROWS);
  expect(got.dims).toEqual([ROWS, model.outputSize]);
  expect(maxAbsDiff(got.data, want)).toBeLessThan(1e-5);
}

const mlp = (activation: ActivationName, loss: LossName = 'mse', extra: Record<string, unknown> = {}): ModelSpec => ({
  inputSize: 6,
  layers: [
    { type: 'dense', units: 8, activation, ...extra } as LayerSpec,
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 3, activation: loss === 'cross-entropy' ? 'softmax' : 'linear' },
  ],
  loss,
});

describe('exportOnnx: ONNX Runtime gives what predict gives', () => {
  const elementwise: ActivationName[] = ['linear', 'sigmoid', 'tanh', 'relu', 'selu', 'gelu', 'gelu-tanh', 'softplus', 'silu', 'mish'];
  it.each(elementwise)('dense + %s', async (activation) => {
    await expectSameAsPredict(mlp(activation));
  });

  it('leaky-relu and elu keep their alpha', async () => {
    await expectSameAsPredict(mlp('leaky-relu', 'mse', { alpha: 0.2 }));
    await expectSameAsPredict(mlp('elu', 'mse', { alpha: 0.7 }));
  });

  it('the fused heads: softmax + cross-entropy and sigmoid + binary cross-entropy give probabilities', async () => {
    await expectSameAsPredict(mlp('relu', 'cross-entropy'));
    await expectSameAsPredict({ inputSize: 5, layers: [{ type: 'dense', units: 4, activation: 'tanh' }, { type: 'dense', units: 1, activation: 'sigmoid' }], loss: 'binary-cross-entropy' });
  });

  it('dense without bias, batchnorm and layernorm on rows', async () => {
    await expectSameAsPredict({
      inputSize: 7,
      layers: [
        { type: 'dense', units: 9, activation: 'relu', useBias: false },
        { type: 'batchnorm', eps: 1e-3 },
        { type: 'layernorm' },
        { type: 'dense', units: 4, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    });
  });

  it('a LeNet-style CNN: conv2d (padding, stride, dilation), pooling, batchnorm, flatten', async () => {
    await expectSameAsPredict(lenetLike({ activation: 'elu', alpha: 0.5 }, [{ type: 'layernorm' }]));
  });

  it("reshape of flat rows into an image, padding 'same', globalavgpool2d", async () => {
    await expectSameAsPredict({
      inputSize: 36,
      layers: [
        { type: 'reshape', shape: [1, 6, 6] },
        { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same', dilation: 2, activation: 'silu', useBias: false },
        { type: 'globalavgpool2d' },
        { type: 'dense', units: 2 },
      ],
      loss: 'mse',
    });
  });

  it.each(['rnn', 'lstm', 'gru'] as const)('%s, sequence to one and sequence to sequence (time-distributed-dense)', async (type) => {
    await expectSameAsPredict({
      inputSize: 5 * 3,
      layers: [{ type, units: 4, features: 3 }, { type: 'dense', units: 2 }],
      loss: 'mse',
    });
    await expectSameAsPredict({
      inputSize: 5 * 3,
      layers: [
        { type, units: 4, seqLen: 5, returnSequences: true },
        { type: 'time-distributed-dense', units: 2, seqLen: 5, activation: 'tanh' },
      ],
      loss: 'mse',
    });
  });

  it('rnn cells with sigmoid and relu', async () => {
    for (const activation of ['sigmoid', 'relu']) {
      await expectSameAsPredict({ inputSize: 8, layers: [{ type: 'rnn', units: 3, features: 2, activation }], loss: 'mse' });
    }
  });

  it('the stored preprocessing runs first: standardize (a zero std stored as 1), minmax (a constant feature), scale', async () => {
    const spec = mlp('tanh', 'cross-entropy');
    await expectSameAsPredict(spec, { preprocess: { type: 'standardize', mean: [10, -3, 0, 5, 1, 2], std: [4, 1, 1, 0.5, 2, 3] } }, 8, 5);
    await expectSameAsPredict(spec, { preprocess: { type: 'minmax', min: [0, -5, 3, 3, 0, 1], max: [10, 5, 3, 9, 1, 2] } }, 8, 5);
    await expectSameAsPredict(spec, { preprocess: { type: 'scale', factor: 1 / 255 } }, 255, 128);
  });
});

describe('exportOnnx of a float64 model', () => {
  it('writes its weights as float32, as getWeights does', async () => {
    const model = Model.create(mlp('tanh', 'cross-entropy'), { seed: 5, dtype: 'float64' });
    const x = randomRows(ROWS * 6, 9);
    const got = await runOnnx(exportOnnx(model), x, ROWS, 6);
    expect(maxAbsDiff(got.data, model.predict(x, ROWS))).toBeLessThan(1e-5);
  });
});

describe('exportOnnx refuses what it cannot write', () => {
  it('names the layer for embedding and fixed-point', () => {
    const embed = Model.create({ inputSize: 4, layers: [{ type: 'embedding', vocabSize: 10, dim: 3 }, { type: 'dense', units: 2 }], loss: 'mse' });
    expect(() => exportOnnx(embed)).toThrow(/layer 1 \(embedding\) cannot be exported to ONNX/);
    const fp = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 2, outputSize: 1 }], loss: 'mse' });
    expect(() => exportOnnx(fp)).toThrow(/layer 1 \(fixed-point\) cannot be exported to ONNX: its output is the fixed point/);
  });

  it('an rnn cell activation ONNX has no RNN form for', () => {
    const m = Model.create({ inputSize: 4, layers: [{ type: 'rnn', units: 2, features: 2, activation: 'selu' }], loss: 'mse' });
    expect(() => exportOnnx(m)).toThrow(/layer 1 \(rnn\): the cell activation 'selu'/);
  });

  it('a preprocess entry that does not fit the model', () => {
    const m = Model.create(mlp('relu'));
    expect(() => exportOnnx(m, { preprocess: { type: 'standardize', mean: [0, 0], std: [1, 1] } })).toThrow(/has 2 features but the model takes 6 inputs/);
    expect(() => exportOnnx(m, { preprocess: { type: 'standardize', mean: [0], std: [0] } })).toThrow(/std\[0\] = 0 is not positive/);
    expect(() => exportOnnx(m, { preprocess: { type: 'whiten' } })).toThrow(/unknown type "whiten"/);
  });
});
