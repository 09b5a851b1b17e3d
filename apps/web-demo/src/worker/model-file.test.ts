import { Model, serializeModel } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { loadModelFile, type ExpectedShape } from './model-file.js';

const MNIST: ExpectedShape = { where: 'the MNIST tab', inputSize: 784, inputs: '28×28 pixels', outputSize: 10, outputs: 'the digits 0–9' };

function classifierFile(inputSize: number, classes: number): Uint8Array {
  const model = Model.create({ inputSize, layers: [{ type: 'dense', units: classes, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
  return serializeModel(model, { dataset: 'test' });
}

describe('loadModelFile', () => {
  it('refuses a model of another shape than the tab needs, naming both shapes', () => {
    expect(() => loadModelFile(classifierFile(4, 3), MNIST)).toThrow(
      'this model maps 4 inputs to 3 outputs; the MNIST tab needs 784 inputs (28×28 pixels) and 10 outputs (the digits 0–9)',
    );
    // Right input width, wrong number of classes.
    expect(() => loadModelFile(classifierFile(784, 3), MNIST)).toThrow('maps 784 inputs to 3 outputs');
  });

  it('reads a model of the expected shape, and any shape when none is expected', () => {
    const loaded = loadModelFile(classifierFile(784, 10), MNIST);
    expect([loaded.model.inputSize, loaded.model.outputSize]).toEqual([784, 10]);
    expect(loaded.metadata.dataset).toBe('test');
    expect(loadModelFile(classifierFile(4, 3)).model.inputSize).toBe(4);
  });
});
