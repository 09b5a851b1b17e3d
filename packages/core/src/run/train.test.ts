import { describe, expect, it } from 'vitest';
// Through the entry point, which registers the built-in backends and data sets.
import { characterText, ConfigError, dataSource, loadIris, Model, Standardizer, stratifiedSplit, train, tsBackend } from '../index.js';

describe('train(config)', () => {
  it('trains Iris from an empty config and equals the same run written by hand', async () => {
    const config = { epochs: 40, optimizer: { name: 'sgd' as const, lr: 0.1 }, backend: 'ts' };
    const run = await train(config);
    expect(run.config.loss).toBe('cross-entropy');
    expect(run.data.train.n).toBe(120);
    expect(run.data.test?.n).toBe(30);
    expect(run.history.epochs).toHaveLength(40);
    expect(run.evaluation.test?.accuracy).toBeGreaterThan(0.85);
    expect(run.samplesPerSecond).toBe(run.history.epochs.at(-1)?.samplesPerSecond);

    // The same run, by hand: split, standardise on the training rows, build, fit.
    const { train: rows, test } = stratifiedSplit(loadIris(), 0.2, 42);
    const scaler = new Standardizer().fit(rows);
    const model = Model.create(
      { inputSize: 4, layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
      { backend: tsBackend, seed: 42 },
    );
    await model.fit(scaler.transformDataset(rows), { epochs: 40, batchSize: 32, optimizer: { name: 'sgd', lr: 0.1 } });
    expect(run.model.getWeights()).toEqual(model.getWeights());
    expect(run.evaluation.test?.loss).toBe(model.evaluate(scaler.transformDataset(test)).loss);
    expect(run.data.preprocessor?.toJSON()).toEqual(scaler.toJSON());
  });

  it('xor at its defaults: one sigmoid output, binary cross-entropy, every pattern trained', async () => {
    const run = await train({ data: 'xor', layers: [8], epochs: 400, optimizer: { lr: 0.5 }, backend: 'ts' });
    expect(run.config.loss).toBe('binary-cross-entropy');
    expect(run.data.train.n).toBe(4);
    expect(run.evaluation.train.accuracy).toBe(1);
  });

  it('rows of your own, callbacks, checkpoints and the abort signal', async () => {
    const iris = loadIris();
    const controller = new AbortController();
    const checkpoints: number[] = [];
    const run = await train(
      { data: iris, epochs: 10, checkpointEvery: 2, backend: 'ts' },
      {
        signal: controller.signal,
        onCheckpoint: (model, epoch) => {
          checkpoints.push(epoch);
          expect(model.epoch).toBe(epoch);
        },
        onEpochEnd: (log) => {
          if (log.epoch === 5) controller.abort();
        },
      },
    );
    expect(run.history.stopReason).toBe('aborted');
    expect(checkpoints).toEqual([2, 4]);
    expect(run.source.name).toBe('rows');
  });

  it('a config that cannot work is refused before training, naming the key', async () => {
    await expect(train({ data: 'iris', model: 'rnn', layers: [4] })).rejects.toBeInstanceOf(ConfigError);
    await expect(train({ data: 'no-such-set' })).rejects.toThrow(/unknown data set 'no-such-set'/);
    await expect(train({ data: 'mnist', backend: 'ts' })).rejects.toThrow(/needs the asset/);
  });
});

describe('train(config) with layer tokens', () => {
  /** 16 rows of 1×6×6 images: a bright 3×3 square in the top-left (class 0) or bottom-right (class 1) corner. */
  function corners(): ReturnType<typeof dataSource> {
    const n = 16;
    const x = new Float32Array(n * 36);
    const y = new Float32Array(n * 2);
    for (let r = 0; r < n; r++) {
      const c = r % 2;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) x[r * 36 + (i + 3 * c) * 6 + j + 3 * c] = 0.5 + (r % 5) / 10;
      y[r * 2 + c] = 1;
    }
    return dataSource({ x, y, n, inputSize: 36, outputSize: 2, classNames: ['top-left', 'bottom-right'] }, 'corners', { normalize: 'none', imageShape: [1, 6, 6] });
  }

  it("a layer object's option the model refuses is the layers' fault", async () => {
    const e = await train({ data: 'iris', layers: [{ type: 'dense', units: 4, activaton: 'relu' }], epochs: 1, backend: 'ts' }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).keys).toEqual(['layers']);
    expect((e as ConfigError).message).toMatch(/^layers: .*unknown option 'activaton'/);
  });

  it('model cnn on rows without an image shape is refused before anything is built', async () => {
    await expect(train({ data: 'iris', model: 'cnn' })).rejects.toThrow(/^model cnn is a convolutional network for images/);
  });

  it('image layers on rows of the wrong size are refused by resolveConfig, before Model.create', async () => {
    await expect(train({ layers: 'conv:4:7', epochs: 1, backend: 'ts' }, { data: corners() })).rejects.toThrow(/^layers 'conv:4:7' \(entry 1\) gets images of 6×6 pixels/);
  });

  // Needs the conv2d and pooling layers.
  it('convolution tokens on image rows: the image shape becomes the input shape, and it learns', async () => {
    const run = await train({ layers: 'conv:4:3:p1,pool:2,bn,8', epochs: 30, testSplit: 0, optimizer: { name: 'adam', lr: 0.01 }, backend: 'ts' }, { data: corners() });
    expect(run.model.spec.inputShape).toEqual([1, 6, 6]);
    expect(run.model.layers.map((l) => l.type)).toEqual(['conv2d', 'maxpool2d', 'batchnorm', 'dense', 'dense']);
    expect(run.model.layers[0]?.outputShape).toEqual([4, 6, 6]);
    expect(run.model.layers[1]?.outputShape).toEqual([4, 3, 3]);
    expect(run.evaluation.train.accuracy).toBe(1);
  });
});

describe('train(config) with an embedding on token ids', () => {
  it('trains an LSTM on the ids of a text subset through an embedding, and the loss drops', async () => {
    const rows = characterText({ seqLen: 12, stride: 4, maxRows: 300, tokens: true });
    const run = await train({ data: rows, model: 'lstm', embedding: 8, units: 24, epochs: 8, testSplit: 0, optimizer: { lr: 0.01 }, backend: 'ts' });
    expect(run.config).toMatchObject({ model: 'lstm', embedding: 8, seqLen: 12, normalize: 'none' });
    expect(run.data.preprocessor).toBeUndefined();
    expect(run.model.layers.map((l) => l.type)).toEqual(['embedding', 'lstm', 'dense']);
    expect(run.model.inputSize).toBe(12);
    const losses = run.history.epochs.map((e) => e.loss);
    // From about ln(V) ≈ 4 for a uniform guess: it learns the characters' frequencies and then some.
    expect(losses[0]).toBeGreaterThan(3);
    expect(losses.at(-1)).toBeLessThan(losses[0]! - 0.8);
    expect(run.evaluation.train.loss).toBeLessThan(losses[0]!);
    // The likeliest character (the space) alone is right on under a fifth of the rows.
    expect(run.evaluation.train.accuracy).toBeGreaterThan(0.25);
  });

  it('loads the text set by name as token ids when the config has an embedding', async () => {
    const controller = new AbortController();
    const run = await train(
      { data: 'text', model: 'gru', embedding: 4, units: 4, seqLen: 8, epochs: 1, backend: 'ts' },
      { signal: controller.signal, onBatchEnd: () => controller.abort() },
    );
    expect(run.source.data.vocabSize).toBe(run.source.data.outputSize);
    expect(run.data.train.inputSize).toBe(8);
    expect(run.model.layers[0]?.toSpec()).toEqual({ type: 'embedding', vocabSize: run.source.data.outputSize, dim: 4 });
    expect(run.config.normalize).toBe('none');
  });

  it('an embedding is refused on data without token ids, and token ids are never normalised', async () => {
    await expect(train({ data: 'sine', model: 'lstm', embedding: 8 })).rejects.toThrow(/^embedding looks token ids up in a table, and data 'sine' has rows of 50 values/);
    await expect(train({ data: 'text', model: 'lstm', embedding: 8, normalize: 'standardize' })).rejects.toThrow(/^normalize standardize would rescale the token ids/);
    await expect(train({ data: 'text', embedding: 8 })).rejects.toThrow(/^embedding applies to the recurrent models, not model mlp/);
  });
});
