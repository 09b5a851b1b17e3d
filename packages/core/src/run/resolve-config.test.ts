import { describe, expect, it } from 'vitest';
import { ConfigError } from '../util/config-error.js';
import { resolveConfig, type DataFacts } from './resolve-config.js';
import { parseSchedule } from './schedule-text.js';
import { CNN_PRESET } from './cnn-preset.js';
// Registers the text set, which declares token ids (refusals name the sets that give them).
import '../data/sequences/index.js';

const iris: DataFacts = { name: 'iris', task: 'classification', n: 150, inputSize: 4, outputSize: 3, normalize: 'standardize' };
const xor: DataFacts = { name: 'xor', task: 'classification', n: 4, inputSize: 2, outputSize: 1, normalize: 'none' };
const sine: DataFacts = { name: 'sine', task: 'regression', n: 1000, inputSize: 50, outputSize: 1, normalize: 'none', seqLen: 50 };

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig defaults', () => {
  it('an empty config on iris is the classic softmax classifier', () => {
    const c = resolveConfig({}, iris);
    expect(c).toMatchObject({
      data: 'iris',
      model: 'mlp',
      layers: [8],
      activation: 'relu',
      outputActivation: 'softmax',
      loss: 'cross-entropy',
      optimizer: { name: 'sgd', lr: 0.1 },
      epochs: 100,
      batchSize: 32,
      testSplit: 0.2,
      validationSplit: 0,
      clipNorm: 0,
      normalize: 'standardize',
      seed: 42,
      backend: 'auto',
    });
    expect(c.units).toBeUndefined();
  });

  it('one 0/1 output gets binary cross-entropy and a sigmoid; a 4-row set is not split', () => {
    const c = resolveConfig({}, xor);
    expect(c.loss).toBe('binary-cross-entropy');
    expect(c.outputActivation).toBe('sigmoid');
    expect(c.testSplit).toBe(0);
  });

  it('recurrent kinds: adam 0.005, clipping at 1, 30 epochs, the set’s steps', () => {
    const c = resolveConfig({ model: 'lstm' }, sine);
    expect(c).toMatchObject({ model: 'lstm', units: 32, seqLen: 50, loss: 'mse', outputActivation: 'linear', optimizer: { name: 'adam', lr: 0.005 }, clipNorm: 1, epochs: 30 });
    expect(c.layers).toBeUndefined();
    expect(resolveConfig({ model: 'rnn', clipNorm: 0 }, sine).clipNorm).toBe(0);
  });

  it('mse with SGD divides the default rate by the rows of a batch (mse is summed over the batch)', () => {
    expect(resolveConfig({ loss: 'mse', batchSize: 10 }, iris).optimizer.lr).toBeCloseTo(0.01, 12);
    // full batch: the 120 training rows left by the 0.2 test split
    expect(resolveConfig({ loss: 'mse', batchSize: 0 }, iris).optimizer.lr).toBeCloseTo(0.1 / 120, 12);
  });

  it('fixed-point: mse on sigmoid units with momentum', () => {
    const c = resolveConfig({ model: 'fixed-point' }, iris);
    expect(c).toMatchObject({ model: 'fixed-point', units: 3, activation: 'sigmoid', loss: 'mse', optimizer: { name: 'momentum' } });
    expect(c.outputActivation).toBeUndefined();
  });

  it('early stopping alone holds out 10% for validation; a schedule string becomes its object', () => {
    const c = resolveConfig({ earlyStopping: 5, schedule: 'step:10:0.5' }, iris);
    expect(c.validationSplit).toBe(0.1);
    expect(c.earlyStopping).toEqual({ patience: 5, restoreBestWeights: true });
    expect(c.schedule).toEqual({ type: 'step', stepSize: 10, gamma: 0.5 });
  });
});

describe('resolveConfig refusals name their keys', () => {
  it('a resolved config resolves to itself (saved configs are read back)', () => {
    for (const [config, facts] of [[{ optimizer: { name: 'adam' } }, iris], [{ model: 'gru', earlyStopping: 3 }, sine], [{ model: 'fixed-point' }, xor]] as const) {
      const once = resolveConfig(config, facts);
      expect(resolveConfig(once, facts)).toEqual(once);
    }
  });

  it('a bad value names the key', () => {
    const e = refusal(() => resolveConfig({ batchSize: -1 }, iris));
    expect(e.keys).toEqual(['batchSize']);
    expect(e.message).toMatch(/^batchSize must be an integer from 0/);
    expect(e.format((k) => `--${k}`)).toMatch(/^--batchSize must be/);
    expect(refusal(() => resolveConfig({ optimizer: { lr: 0 } }, iris)).keys).toEqual(['optimizer.lr']);
  });

  it('unknown keys, at the top and in the optimizer', () => {
    expect(refusal(() => resolveConfig({ lerning: 1 } as never, iris)).message).toMatch(/unknown config key 'lerning'/);
    expect(refusal(() => resolveConfig({ optimizer: { rate: 1 } } as never, iris)).message).toMatch(/unknown config key 'optimizer.rate'/);
  });

  it('another kind’s shape keys', () => {
    const e = refusal(() => resolveConfig({ model: 'rnn', layers: [8] }, sine));
    expect(e.message).toBe('layers does not apply to model rnn; its size is set with units');
    expect(refusal(() => resolveConfig({ units: 4 }, iris)).keys[0]).toBe('units');
  });

  it('the loss / output-activation pairing, as Model.create decides it', () => {
    const e = refusal(() => resolveConfig({ loss: 'cross-entropy', outputActivation: 'sigmoid' }, iris));
    expect(e.keys).toEqual(['loss', 'outputActivation']);
    expect(e.message).toBe('loss cross-entropy needs outputActivation softmax or linear (got sigmoid); use loss binary-cross-entropy (sigmoid), mse, mae or huber with sigmoid');
    expect(refusal(() => resolveConfig({ loss: 'cross-entropy' }, xor)).message).toMatch(/2 or more outputs/);
    expect(refusal(() => resolveConfig({ model: 'fixed-point', activation: 'relu' }, iris)).keys).toEqual(['activation']);
  });

  it('the new losses: their output activations, their options and where those apply', () => {
    expect(resolveConfig({ loss: 'kl-divergence' }, iris).outputActivation).toBe('softmax');
    expect(resolveConfig({ loss: 'hinge' }, iris).outputActivation).toBe('linear');
    expect(resolveConfig({ loss: 'huber' }, iris).outputActivation).toBe('sigmoid');
    expect(resolveConfig({ loss: 'huber', huberDelta: 0.5 }, iris).huberDelta).toBe(0.5);
    expect(resolveConfig({ loss: 'huber', huberDelta: 1 }, iris).huberDelta).toBeUndefined();
    expect(resolveConfig({ labelSmoothing: 0.1 }, iris).labelSmoothing).toBe(0.1);
    expect(refusal(() => resolveConfig({ loss: 'mse', labelSmoothing: 0.1 }, iris)).keys).toEqual(['labelSmoothing', 'loss']);
    expect(refusal(() => resolveConfig({ huberDelta: 0.5 }, iris)).message).toBe('huberDelta applies to loss huber, not cross-entropy');
    expect(refusal(() => resolveConfig({ labelSmoothing: 1 }, iris)).keys).toEqual(['labelSmoothing']);
    expect(refusal(() => resolveConfig({ loss: 'huber', huberDelta: 0 }, iris)).keys).toEqual(['huberDelta']);
    expect(refusal(() => resolveConfig({ loss: 'kl-divergence', outputActivation: 'sigmoid' }, iris)).keys).toEqual(['loss', 'outputActivation']);
    expect(refusal(() => resolveConfig({ model: 'fixed-point', loss: 'kl-divergence' }, iris)).keys).toEqual(['loss', 'model']);
    expect(refusal(() => resolveConfig({ loss: 'hinge' }, xor)).message).toMatch(/2 or more outputs/);
  });

  it('momentum with adam, a seqLen that does not divide the row', () => {
    expect(refusal(() => resolveConfig({ optimizer: { name: 'adam', momentum: 0.9 } }, iris)).keys[0]).toBe('optimizer.momentum');
    expect(refusal(() => resolveConfig({ model: 'gru', seqLen: 7 }, sine)).keys).toEqual(['seqLen']);
  });

  it('a test split on data with its own test rows', () => {
    const idx = { ...iris, hasTestRows: true };
    expect(resolveConfig({}, idx).testSplit).toBe(0);
    expect(refusal(() => resolveConfig({ testSplit: 0.3 }, idx)).keys).toEqual(['testSplit']);
  });
});

describe('schedule text', () => {
  it('reads every form and refuses junk and values out of range', () => {
    expect(parseSchedule('constant')).toEqual({ type: 'constant' });
    expect(parseSchedule('step:10:0.5')).toEqual({ type: 'step', stepSize: 10, gamma: 0.5 });
    expect(parseSchedule('exponential:0.99')).toEqual({ type: 'exponential', gamma: 0.99 });
    expect(parseSchedule('cosine')).toEqual({ type: 'cosine' });
    expect(parseSchedule('cosine:0.001')).toEqual({ type: 'cosine', minLr: 0.001 });
    expect(() => parseSchedule('step:0:0.5')).toThrow(/stepSize must be a positive integer/);
    expect(() => parseSchedule('step:10')).toThrow(/expected constant/);
    expect(() => parseSchedule('cosine:abc')).toThrow(/expected constant/);
  });
});

describe('resolveConfig: a single class', () => {
  it('refuses a classification set whose labels hold one class, whatever the loss', () => {
    const one: DataFacts = { name: 'one.csv', task: 'classification', n: 4, inputSize: 2, outputSize: 1, normalize: 'standardize', classes: 1 };
    for (const loss of [undefined, 'cross-entropy', 'binary-cross-entropy'] as const) {
      const error = (() => {
        try {
          resolveConfig(loss ? { loss } : {}, one);
        } catch (e) {
          return e as ConfigError;
        }
        throw new Error('resolved');
      })();
      expect(error.message).toBe("data 'one.csv' has a single class (every row has the same label): a classifier needs rows of 2 or more classes; check the label column (target)");
      expect(error.keys).toEqual(['data', 'target']);
    }
    expect(resolveConfig({}, { ...one, classes: 2 }).loss).toBe('binary-cross-entropy');
  });
});

describe('resolveConfig: layer tokens, image data and the cnn preset', () => {
  const mnist: DataFacts = { name: 'mnist', task: 'classification', n: 10000, inputSize: 784, outputSize: 10, normalize: 'none', imageShape: [1, 28, 28] };
  const lenet = 'conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84';

  it('the W5 tokens on mnist: canonical entries, the mlp defaults', () => {
    const c = resolveConfig({ layers: lenet, activation: 'relu' }, mnist);
    expect(c).toMatchObject({ model: 'mlp', layers: ['conv:6:5:p2', 'pool:2', 'conv:16:5', 'pool:2', 120, 84], activation: 'relu', outputActivation: 'softmax', optimizer: { name: 'sgd', lr: 0.1 }, batchSize: 32, epochs: 100 });
    expect(resolveConfig({ layers: ['conv:6:5:p0', 'globalavgpool', 10] }, mnist).layers).toEqual(['conv:6:5', 'gap', 10]);
  });

  it('numbers alone stay numbers, as before (model files of MLPs do not change)', () => {
    expect(resolveConfig({ layers: [256, 128] }, mnist).layers).toEqual([256, 128]);
    expect(resolveConfig({ layers: '16,8' }, iris).layers).toEqual([16, 8]);
  });

  it('layer objects say what tokens cannot, and are kept as given', () => {
    const conv = { type: 'conv2d', filters: 4, kernelSize: [3, 5], dilation: 2, stride: [1, 2], activation: 'tanh' };
    expect(resolveConfig({ layers: [conv, 'pool:2', 32] }, mnist).layers).toEqual([conv, 'pool:2', 32]);
  });

  it('a resolved config resolves to itself, with tokens, objects and the cnn preset', () => {
    for (const config of [{ layers: lenet }, { layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' }, 'bn', 'gap', 10] }, { model: 'cnn' }, { model: 'cnn', optimizer: { name: 'sgd' } }] as const) {
      const once = resolveConfig(config as never, mnist);
      expect(resolveConfig(once as never, mnist)).toEqual(once);
      // As a saved model stores it: through JSON.
      expect(resolveConfig(JSON.parse(JSON.stringify(once)) as never, mnist)).toEqual(once);
    }
  });

  it('model cnn: the preset layers and training settings, each overridable', () => {
    const c = resolveConfig({ model: 'cnn' }, mnist);
    expect(c).toMatchObject({ model: 'cnn', layers: [...CNN_PRESET.layers], activation: 'relu', outputActivation: 'softmax', loss: 'cross-entropy' });
    expect(c).toMatchObject({ optimizer: { name: CNN_PRESET.optimizer, lr: CNN_PRESET.lr }, batchSize: CNN_PRESET.batchSize, epochs: CNN_PRESET.epochs, dropout: 0 });
    expect(resolveConfig({ model: 'cnn', optimizer: { lr: 0.01 } }, mnist).optimizer).toMatchObject({ name: CNN_PRESET.optimizer, lr: 0.01 });
    // Another optimizer gets its own default rate, not the preset's.
    expect(resolveConfig({ model: 'cnn', optimizer: { name: 'sgd' } }, mnist).optimizer.lr).toBe(0.1);
    expect(resolveConfig({ model: 'cnn', layers: 'conv:4:3,pool:2,16', epochs: 2 }, mnist)).toMatchObject({ layers: ['conv:4:3', 'pool:2', 16], epochs: 2 });
  });

  it('model cnn is refused for data without an image shape, with advice', () => {
    const e = refusal(() => resolveConfig({ model: 'cnn' }, iris));
    expect(e.keys).toEqual(['model', 'data']);
    expect(e.message).toBe("model cnn is a convolutional network for images, and data 'iris' has rows of 4 values with no image shape: use model mlp, or image data (mnist, mnist-idx:<dir>)");
    expect(refusal(() => resolveConfig({ model: 'cnn', units: 3 }, mnist)).keys).toEqual(['units', 'model']);
  });

  it('image layers on data without an image shape are refused, naming the entry and the data', () => {
    const e = refusal(() => resolveConfig({ layers: 'conv:6:5,pool:2,10' }, iris));
    expect(e.keys).toEqual(['layers', 'data']);
    expect(e.message).toBe("layers 'conv:6:5' (entry 1) needs image rows [channels, height, width], and data 'iris' has flat rows of 4 values: use numbers (dense layers), or image data such as mnist");
    expect(refusal(() => resolveConfig({ layers: ['bn', 'gap'] }, iris)).message).toMatch(/^layers 'gap' \(entry 2\) needs image rows/);
    // Shape-keeping layers need no image shape.
    expect(resolveConfig({ layers: 'bn,16,ln,dropout:0.2,8' }, iris).layers).toEqual(['bn', 16, 'ln', 'dropout:0.2', 8]);
  });

  it('image layers after a dense layer, and windows that do not fit the image', () => {
    expect(refusal(() => resolveConfig({ layers: '120,conv:6:5' }, mnist)).message).toBe(
      "layers 'conv:6:5' (entry 2) needs image rows [channels, height, width], and the layers before it leave flat rows of 120 values: put the image layers first",
    );
    expect(refusal(() => resolveConfig({ layers: 'flatten,pool:2' }, mnist)).keys).toEqual(['layers']);
    // 28 → 24 → 12 → 8 → 4 → 2 → (5×5 on 2×2)
    const e = refusal(() => resolveConfig({ layers: 'conv:6:5,pool:2,conv:16:5,pool:2,pool:2,conv:8:5' }, mnist));
    expect(e.keys).toEqual(['layers']);
    expect(e.message).toBe("layers 'conv:8:5' (entry 6) gets images of 2×2 pixels (16 channels), smaller than its 5×5 window: pad (:p<n> or :same on a convolution) or pool less before it");
    expect(resolveConfig({ layers: 'conv:6:5,pool:2,conv:16:5,pool:2,pool:2,conv:8:5:p2' }, mnist).layers).toHaveLength(6);
    expect(refusal(() => resolveConfig({ layers: 'conv:4:4:same' }, mnist)).message).toMatch(/has padding 'same', which needs stride 1 and an odd kernel/);
    expect(refusal(() => resolveConfig({ layers: 'conv:4:3:s2:same' }, mnist)).message).toMatch(/has padding 'same'/);
    expect(refusal(() => resolveConfig({ layers: 'pool:2:p2' }, mnist)).message).toMatch(/'pool:2:p2' \(entry 1\) has padding over half its window/);
  });

  it('an image shape that does not hold the row is the data source at fault', () => {
    expect(refusal(() => resolveConfig({}, { ...mnist, imageShape: [1, 28, 27] })).message).toBe("data 'mnist' describes its rows as 1×28×27 images, 756 values, but they hold 784");
  });

  it('layer objects: their geometry is read and checked; recurrent layers belong to their model kinds', () => {
    const bad = (layer: object): string => refusal(() => resolveConfig({ layers: [layer, 10] } as never, mnist)).message;
    expect(bad({ type: 'conv2d', kernelSize: 3 })).toBe('layers {"type":"conv2d","kernelSize":3} (entry 1) needs filters to be an integer ≥ 1, got undefined');
    expect(bad({ type: 'conv2d', filters: 2, kernelSize: [3] })).toMatch(/needs kernelSize to be an integer ≥ 1 or \[height, width\] of them, got \[3\]/);
    expect(bad({ type: 'maxpool2d', kernelSize: 2, stride: 0 })).toMatch(/needs stride to be an integer ≥ 1/);
    expect(bad({ type: 'reshape', shape: [2, 392, 2] })).toMatch(/needs shape to be a list of positive integers whose product is 784/);
    expect(bad({ type: 'dropout', rate: 1 })).toMatch(/needs rate to be a fraction in \[0, 1\)/);
    expect(bad({ type: 'lstm', units: 3 })).toMatch(/is a 'lstm' layer; layers holds dense, .*: a lstm network is model lstm$/);
    expect(bad({ type: 'transformer' })).toMatch(/is a 'transformer' layer; layers holds dense, dropout, flatten, reshape, batchnorm, layernorm, embedding, conv2d, maxpool2d, avgpool2d, globalavgpool2d$/);
    // A reshape gives flat data an image shape of its own.
    expect(resolveConfig({ layers: [{ type: 'reshape', shape: [1, 2, 2] }, 'conv:3:2', 'gap', 4] }, iris).layers).toHaveLength(4);
  });
});

describe('resolveConfig: embedding, on token ids', () => {
  // The text set as train loads it for an embedding: 32 ids per row over 64 characters.
  const textIds: DataFacts = { name: 'text', task: 'classification', n: 4225, inputSize: 32, outputSize: 64, normalize: 'none', seqLen: 32, classes: 64, vocabSize: 64 };
  const textOneHot: DataFacts = { ...textIds, inputSize: 32 * 64, vocabSize: undefined };

  it('a recurrent model on token ids keeps the embedding, the steps of one id each and no preprocessing', () => {
    for (const model of ['rnn', 'lstm', 'gru'] as const) {
      const c = resolveConfig({ model, embedding: 16 }, textIds);
      expect(c).toMatchObject({ model, embedding: 16, seqLen: 32, units: 32, normalize: 'none', loss: 'cross-entropy', outputActivation: 'softmax' });
    }
    // normalize none is what token ids take, said or not; rows of your own that say they are ids default to it too.
    expect(resolveConfig({ model: 'lstm', embedding: 8, normalize: 'none' }, textIds).normalize).toBe('none');
    expect(resolveConfig({ model: 'lstm', embedding: 8 }, { ...textIds, normalize: 'standardize' }).normalize).toBe('none');
    // Without it, the text set is one-hot rows, as always.
    expect(resolveConfig({ model: 'lstm' }, textOneHot).embedding).toBeUndefined();
  });

  it('a resolved config with an embedding resolves to itself, through JSON too', () => {
    const once = resolveConfig({ model: 'gru', embedding: 12, units: 24, seqLen: 32 }, textIds);
    expect(resolveConfig(once, textIds)).toEqual(once);
    expect(resolveConfig(JSON.parse(JSON.stringify(once)) as never, textIds)).toEqual(once);
  });

  it('refuses an embedding on a model kind that is not recurrent, naming both keys and the fix', () => {
    for (const model of ['mlp', 'cnn', 'fixed-point'] as const) {
      const e = refusal(() => resolveConfig({ model, embedding: 16 }, textIds));
      expect(e.keys).toEqual(['embedding', 'model']);
      expect(e.message).toBe(`embedding applies to the recurrent models, not model ${model}: use model lstm, gru or rnn, or drop embedding`);
    }
  });

  it('refuses an embedding on data that is not token ids, naming the sets that give them', () => {
    const e = refusal(() => resolveConfig({ model: 'lstm', embedding: 16 }, sine));
    expect(e.keys).toEqual(['embedding', 'data']);
    expect(e.message).toBe("embedding looks token ids up in a table, and data 'sine' has rows of 50 values, not token ids: use data that gives token ids (text), or drop embedding");
    expect(refusal(() => resolveConfig({ model: 'lstm', embedding: 16 }, textOneHot)).keys).toEqual(['embedding', 'data']);
    expect(refusal(() => resolveConfig({ model: 'lstm', embedding: 0 }, textIds)).message).toMatch(/^embedding must be an integer from 1/);
  });

  it('refuses token ids fed bare to a recurrent model, and any normalisation of them', () => {
    const bare = refusal(() => resolveConfig({ model: 'lstm' }, textIds));
    expect(bare.keys).toEqual(['embedding', 'data']);
    expect(bare.message).toBe("data 'text' holds token ids, which model lstm reads through an embedding: give embedding, the size of each id's vector (e.g. 16)");
    for (const normalize of ['standardize', 'minmax'] as const) {
      const e = refusal(() => resolveConfig({ model: 'lstm', embedding: 16, normalize }, textIds));
      expect(e.keys).toEqual(['normalize', 'embedding']);
      expect(e.message).toBe(`normalize ${normalize} would rescale the token ids of data 'text' (ids of 64 vocabulary entries, not measurements): drop normalize`);
      expect(e.format((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)).toMatch(/^--normalize .* drop --normalize$/);
    }
    // One-hot text may still be standardised, as before.
    expect(resolveConfig({ model: 'lstm', normalize: 'standardize' }, textOneHot).normalize).toBe('standardize');
  });
});
