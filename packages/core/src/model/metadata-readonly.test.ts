// A Dataset's classNames/featureNames are readonly arrays; the README stores them in a model
// file as they are. This file is also a type test: `tsc --noEmit -p .` fails if ModelMetadata
// (or JsonValue) stops accepting readonly arrays, which made the README example fail under strict TS.
import { describe, expect, it } from 'vitest';
import { loadIris } from '../data/iris.js';
import { Standardizer } from '../data/preprocess.js';
import { Model } from './model.js';
import { deserializeModel, serializeModel, type JsonValue, type ModelMetadata } from './serialize.js';

describe('model metadata takes readonly arrays', () => {
  it("stores a Dataset's readonly classNames and featureNames and a frozen config, and reads them back", () => {
    const iris = loadIris();
    const model = Model.create(
      { inputSize: 4, layers: [{ type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
      { seed: 3 },
    );
    const training: JsonValue = Object.freeze({ epochs: 5, layers: Object.freeze([8, 4]) as readonly number[] });
    const metadata: ModelMetadata = {
      classNames: iris.classNames,
      featureNames: iris.featureNames,
      preprocess: new Standardizer().fit(iris).toJSON(),
      training,
    };
    const { metadata: back } = deserializeModel(serializeModel(model, metadata));
    expect(back.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(back.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(back.training).toEqual({ epochs: 5, layers: [8, 4] });
    expect(back.preprocess).toMatchObject({ type: 'standardize' });
  });

  it('leaves a field given as undefined out of the file (a regression set has no classNames)', () => {
    const model = Model.create({ inputSize: 1, layers: [{ type: 'dense', units: 1 }], loss: 'mse' }, { seed: 1 });
    const { metadata: back } = deserializeModel(serializeModel(model, { classNames: undefined, featureNames: ['x'] }));
    expect(Object.keys(back).sort()).toEqual(['createdAt', 'featureNames']);
  });
});
