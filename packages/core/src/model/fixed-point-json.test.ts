/**
 * deserializeModel on fixed-point network JSON documents: they load as a model with one
 * 'fixed-point' layer and loss 'mse' that computes what the saved network computed, and fields
 * that cannot be mapped onto that model are refused with a ModelFormatError naming the format.
 */
import { describe, expect, it } from 'vitest';
import '../recurrent/register.js';
import { FIXED_POINT_DOCUMENTS } from './__tests__/fixed-point-documents.js';
import { ModelFormatError } from './format-error.js';
import { deserializeModel, serializeModel } from './serialize.js';

const bytesOf = (doc: unknown, prefix = ''): Uint8Array => new TextEncoder().encode(prefix + JSON.stringify(doc));

function refusal(bytes: Uint8Array): ModelFormatError {
  try {
    deserializeModel(bytes);
  } catch (e) {
    if (e instanceof ModelFormatError) return e;
    throw e;
  }
  throw new Error('expected a ModelFormatError');
}

describe('fixed-point JSON documents', () => {
  it.each(FIXED_POINT_DOCUMENTS.map((c) => [c.doc.activation as string, c] as const))(
    'load as a fixed-point model giving the saved network’s outputs (%s)',
    (_activation, { doc, x, outputs }) => {
      const { model, metadata } = deserializeModel(bytesOf(doc));
      expect(metadata).toEqual({});
      expect(model.spec).toEqual({
        inputSize: 3,
        layers: [{ type: 'fixed-point', units: 2, outputSize: 2, activation: doc.activation, tolerance: 1e-6, maxIterations: 1000, initScale: 1 }],
        loss: 'mse',
      });
      expect(model.parameters().map((p) => `${p.name} [${p.shape.join('×')}]`)).toEqual(['inputKernel [4×3]', 'recurrentKernel [4×4]', 'bias [4]']);
      expect(model.getWeights().map((w) => Array.from(w))).toEqual([doc.weights.inputKernel, doc.weights.recurrentKernel, doc.weights.bias]);
      // The same relaxation on the same float32 weights: the very same outputs.
      expect(Array.from(model.predict(Float32Array.from(x), 4))).toEqual(outputs);
      // Saved again, it is an ordinary model file.
      const again = deserializeModel(serializeModel(model)).model;
      expect(Array.from(again.predict(Float32Array.from(x), 4))).toEqual(outputs);
    },
  );

  it('reads documents after a byte-order mark and white space', () => {
    const { doc, x, outputs } = FIXED_POINT_DOCUMENTS[0]!;
    const { model } = deserializeModel(bytesOf(doc, '\ufeff \n\t'));
    expect(Array.from(model.predict(Float32Array.from(x), 4))).toEqual(outputs);
  });

  it('refuses what cannot be mapped with a ModelFormatError naming the format', () => {
    const doc = FIXED_POINT_DOCUMENTS[1]!.doc;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...doc, version: 2 }, 'unsupported-version', /version 2 is not supported \(this build reads version 1\)/],
      [{ ...doc, dtype: 'float64' }, 'corrupt', /field "dtype" has no counterpart in a fixed-point model/],
      [{ ...doc, weights: { ...doc.weights, recurrentBias: [0] } }, 'corrupt', /weights\.recurrentBias has no counterpart/],
      [{ ...doc, activation: undefined }, 'corrupt', /activation is missing/],
      [{ ...doc, activation: 'relu' }, 'corrupt', /activation must be "sigmoid" or "tanh", got "relu"/],
      [{ ...doc, hidden: -1 }, 'corrupt', /hidden must be an integer ≥ 0, got -1/],
      [{ ...doc, tolerance: 0 }, 'corrupt', /tolerance must be a finite number > 0, got 0/],
      [{ ...doc, weights: { ...doc.weights, bias: [1e39, 0, 0, 0] } }, 'corrupt', /weights\.bias\[0\] is 1e\+39, beyond float32's range/],
      [{ ...doc, weights: { ...doc.weights, bias: [1, 2] } }, 'shape-mismatch', /weights\.bias must be 4 finite numbers, the file holds 2/],
      // 20,000 hidden units: refused by the size check, before a 400-million-value kernel is allocated.
      [{ ...doc, hidden: 20_000 }, 'shape-mismatch', /weights\.inputKernel must be 60006 \(20002×3\) finite numbers, the file holds 12/],
    ];
    for (const [bad, problem, message] of cases) {
      const e = refusal(bytesOf(bad));
      expect(e.problem, message.source).toBe(problem);
      expect(e.message).toMatch(/^fixed-point JSON \("backprop-almeida-pineda"\): /);
      expect(e.message).toMatch(message);
    }
  });

  it('refuses other JSON and text as not a model file', () => {
    const other = refusal(bytesOf({ format: 'keras', layers: [] }));
    expect(other.problem).toBe('bad-magic');
    expect(other.message).toMatch(/not a backprop model file: a JSON document of format "keras", not \.bpm and not fixed-point JSON \("backprop-almeida-pineda"\)/);
    const broken = refusal(new TextEncoder().encode('{"format": "backprop-almeida-pineda", "version": 1,'));
    expect(broken.problem).toBe('bad-magic');
    expect(broken.message).toMatch(/no \.bpm magic bytes, and not a fixed-point JSON \("backprop-almeida-pineda"\) document either/);
    expect(refusal(new TextEncoder().encode('hello')).message).toBe('not a backprop model file (bad magic bytes)');
  });
});
