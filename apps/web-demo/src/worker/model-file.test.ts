import { fitPreprocessor, Model, serializeModel, type ModelMetadata } from '@backprop/core';
import { importOnnx, importSafetensors } from '@backprop/core/interop';
import { describe, expect, it } from 'vitest';
import { loadModelFile, preprocessorOf, saveModelFile, type ExpectedShape, type LoadedModel } from './model-file.js';

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

describe('saveModelFile', () => {
  const model = Model.create(
    { inputSize: 4, layers: [{ type: 'dense', units: 5, activation: 'relu' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
    { seed: 3 },
  );
  const x = Float32Array.from([5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]);
  const preprocessor = fitPreprocessor('standardize', { x, inputSize: 4 });
  const loaded: LoadedModel = { model, metadata: { dataset: 'iris', classNames: ['a', 'b', 'c'] }, preprocessor };
  const expected = model.predict(preprocessor.transform(x, 2), 2);

  it('writes the CLI format by default and as bpm, with the preprocessing in the metadata', () => {
    const bytes = saveModelFile(loaded);
    // The same file both ways but for createdAt, the moment of each save.
    const again = loadModelFile(saveModelFile(loaded, 'bpm'));
    const back = loadModelFile(bytes);
    expect({ ...again.metadata, createdAt: '' }).toEqual({ ...back.metadata, createdAt: '' });
    expect(again.model.getWeights()).toEqual(back.model.getWeights());
    expect(again.model.spec).toEqual(back.model.spec);
    expect(back.metadata.savedBy).toBe('@backprop/web-demo');
    expect(back.preprocessor).toBeDefined();
    expect(back.model.predict(prepareRows(back, x), 2)).toEqual(expected);
    expect(expected.length).toBe(6);
  });

  it('writes safetensors: an 8-byte little-endian header length, then the JSON header', () => {
    const bytes = saveModelFile(loaded, 'safetensors');
    const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    expect(headerLength).toBeGreaterThan(0);
    expect(8 + headerLength).toBeLessThanOrEqual(bytes.length);
    expect(String.fromCharCode(bytes[8]!)).toBe('{');
    const back = importSafetensors(bytes);
    expect(back.metadata.savedBy).toBe('@backprop/web-demo');
    expect(back.model.predict(prepareRows({ model: back.model, metadata: back.metadata, preprocessor }, x), 2)).toEqual(expected);
  });

  it('writes ONNX: a ModelProto whose first field is ir_version (tag 0x08), raw inputs through the preprocessing', () => {
    const bytes = saveModelFile(loaded, 'onnx');
    expect(bytes[0]).toBe(0x08);
    const back = importOnnx(bytes);
    // The importer turns the preprocessing nodes back into metadata.preprocess.
    const imported = preprocessorOf(back.metadata);
    expect(imported).toBeDefined();
    const out = back.model.predict(prepareRows({ model: back.model, metadata: back.metadata, preprocessor: imported! }, x), 2);
    for (let i = 0; i < expected.length; i++) expect(out[i]).toBeCloseTo(expected[i]!, 5);    // A file with the preprocessing under the older `preprocessor` key exports it the same way.
    const older: LoadedModel = { model, metadata: { preprocessor: JSON.parse(JSON.stringify(preprocessor.toJSON())) as ModelMetadata['preprocessor'] } };
    expect(preprocessorOf(importOnnx(saveModelFile(older, 'onnx')).metadata)).toBeDefined();
  });

  it("throws the exporter's error for a model the format cannot hold", () => {
    const fixedPoint: LoadedModel = { model: Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 2, outputSize: 1 }], loss: 'mse' }), metadata: {} };
    expect(() => saveModelFile(fixedPoint, 'onnx')).toThrow(/layer 1 \(fixed-point\) cannot be exported to ONNX/);
    expect(() => saveModelFile(fixedPoint, 'safetensors')).toThrow(/fixed-point/);
    expect(saveModelFile(fixedPoint, 'bpm').length).toBeGreaterThan(0);
    const embedding: LoadedModel = {
      model: Model.create({ inputSize: 3, layers: [{ type: 'embedding', vocabSize: 5, dim: 2 }, { type: 'dense', units: 2 }], loss: 'mse' }),
      metadata: {},
    };
    expect(() => saveModelFile(embedding, 'onnx')).toThrow(/layer 1 \(embedding\) cannot be exported to ONNX/);
    expect(saveModelFile(embedding, 'safetensors')[8]).toBe('{'.charCodeAt(0));
  });
});

function prepareRows(m: LoadedModel, x: Float32Array): Float32Array {
  return m.preprocessor ? m.preprocessor.transform(x, 2) : x;
}
