import { describe, expect, it } from 'vitest';
import { ConfigError } from '../util/config-error.js';
import { resolveConfig, type DataFacts } from './resolve-config.js';
import { parseSchedule } from './schedule-text.js';

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
