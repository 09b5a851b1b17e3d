import { describe, expect, it } from 'vitest';
import '../../recurrent/register.js';
import { Model } from '../../model/model.js';
import type { ModelSpec } from '../../model/types.js';
import { Rng } from '../../util/rng.js';
import { readSafetensors, SafetensorsError, writeSafetensors } from './format.js';
import { exportSafetensors, importSafetensors } from './safetensors.js';

const SPECS: Record<string, ModelSpec> = {
  dense: {
    inputSize: 4,
    layers: [
      { type: 'dense', units: 6, activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 3, activation: 'softmax', useBias: false },
    ],
    loss: 'cross-entropy',
  },
  conv: {
    inputSize: 1 * 6 * 6,
    inputShape: [1, 6, 6],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 1, activation: 'relu' },
      { type: 'batchnorm' },
      { type: 'maxpool2d', kernelSize: 2 },
      { type: 'flatten' },
      { type: 'layernorm' },
      { type: 'dense', units: 2 },
    ],
    loss: 'mse',
  },
  embedding: {
    inputSize: 3,
    layers: [{ type: 'embedding', vocabSize: 5, dim: 2 }, { type: 'lstm', units: 3, features: 2 }, { type: 'dense', units: 2 }],
    loss: 'mse',
  },
  recurrent: {
    inputSize: 4 * 2,
    layers: [
      { type: 'gru', units: 3, features: 2, returnSequences: true },
      { type: 'rnn', units: 2, seqLen: 4, returnSequences: true },
      { type: 'time-distributed-dense', units: 1, seqLen: 4, activation: 'tanh' },
    ],
    loss: 'mse',
  },
};

/** Every parameter randomised (biases and running statistics too), so that no zero hides a mix-up. */
function randomModel(spec: ModelSpec, seed: number): Model {
  const model = Model.create(spec, { seed });
  const rng = new Rng(seed);
  model.setWeights(model.getWeights().map((w, i) => w.map(() => (model.parameters()[i]?.name === 'runningVar' ? 0.5 + rng.next() : rng.next() * 2 - 1))));
  return model;
}

function inputs(spec: ModelSpec, rows: number): Float32Array {
  const rng = new Rng(7);
  const usesIds = spec.layers[0]?.type === 'embedding';
  return Float32Array.from({ length: rows * spec.inputSize }, () => (usesIds ? Math.floor(rng.next() * 5) : rng.next() * 2 - 1));
}

describe('exportSafetensors → importSafetensors', () => {
  it.each(Object.keys(SPECS))('%s: weights and predictions come back bit for bit', (name) => {
    const spec = SPECS[name] as ModelSpec;
    const model = randomModel(spec, 3);
    const bytes = exportSafetensors(model, { classNames: ['a', 'b'] });
    const { model: back, metadata } = importSafetensors(bytes);
    expect(metadata).toEqual({ classNames: ['a', 'b'] });
    expect(back.spec).toEqual(model.spec);
    expect(back.seed).toBe(3);
    expect(back.getWeights()).toEqual(model.getWeights());
    const x = inputs(spec, 5);
    expect(back.predict(x, 5)).toEqual(model.predict(x, 5));
  });

  it('writes PyTorch names and layouts: dense transposed, activation modules counted', () => {
    const model = randomModel(SPECS['dense'] as ModelSpec, 1);
    const { tensors, metadata } = readSafetensors(exportSafetensors(model));
    expect([...tensors.keys()]).toEqual(['0.weight', '0.bias', '3.weight']);
    const kernel = model.parameters()[0]!; // [4, 6]
    const w = tensors.get('0.weight')!;
    expect(w.shape).toEqual([6, 4]);
    expect(w.data[1 * 4 + 2]).toBe(kernel.value[2 * 6 + 1]);
    expect(metadata['format']).toBe('pt');
    expect(JSON.parse(metadata['backprop.spec']!)).toEqual(model.spec);
  });

  it('recurrent and batchnorm names: weight_ih_l0 [G·H, F], zero bias_hh for rnn, running stats, num_batches_tracked', () => {
    const rec = readSafetensors(exportSafetensors(randomModel(SPECS['recurrent'] as ModelSpec, 2))).tensors;
    expect([...rec.keys()]).toEqual(['0.weight_ih_l0', '0.weight_hh_l0', '0.bias_ih_l0', '0.bias_hh_l0', '1.weight_ih_l0', '1.weight_hh_l0', '1.bias_ih_l0', '1.bias_hh_l0', '2.weight', '2.bias']);
    expect(rec.get('0.weight_ih_l0')!.shape).toEqual([9, 2]);
    expect(rec.get('0.bias_hh_l0')!.data.some((v) => v !== 0)).toBe(true); // gru keeps its second bias
    expect([...rec.get('1.bias_hh_l0')!.data]).toEqual([0, 0]);
    const conv = readSafetensors(exportSafetensors(randomModel(SPECS['conv'] as ModelSpec, 2))).tensors;
    expect([...conv.keys()]).toEqual([
      '0.weight', '0.bias', '2.weight', '2.bias', '2.running_mean', '2.running_var', '2.num_batches_tracked', '5.weight', '5.bias', '6.weight', '6.bias',
    ]);
    expect(conv.get('2.num_batches_tracked')).toMatchObject({ dtype: 'I64', shape: [] });
  });

  it('a dense layer after an image or an embedding follows the nn.Flatten PyTorch needs', () => {
    const names = (spec: ModelSpec) => [...readSafetensors(exportSafetensors(Model.create(spec))).tensors.keys()];
    expect(names({ inputSize: 3, layers: [{ type: 'embedding', vocabSize: 5, dim: 2 }, { type: 'dense', units: 2 }], loss: 'mse' })).toEqual(['0.weight', '2.weight', '2.bias']);
    const conv: ModelSpec = { inputSize: 16, inputShape: [1, 4, 4], layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, activation: 'relu' }, { type: 'dense', units: 2 }], loss: 'mse' };
    expect(names(conv)).toEqual(['0.weight', '0.bias', '3.weight', '3.bias']);
    expect(names({ ...conv, layers: [{ type: 'dense', units: 2 }] })).toEqual(['1.weight', '1.bias']);
    const seq: ModelSpec = { inputSize: 6, layers: [{ type: 'lstm', units: 2, features: 2, returnSequences: true }, { type: 'dense', units: 1 }], loss: 'mse' };
    expect(names(seq)).toEqual(['0.weight_ih_l0', '0.weight_hh_l0', '0.bias_ih_l0', '0.bias_hh_l0', '2.weight', '2.bias']);
  });

  it('an lstm bias is b_ih + b_hh on import', () => {
    const model = randomModel(SPECS['embedding'] as ModelSpec, 4);
    const { tensors } = readSafetensors(exportSafetensors(model));
    const list = [...tensors].map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape, data: name === '1.bias_hh_l0' ? t.data.map(() => 0.25) : t.data }));
    const back = importSafetensors(writeSafetensors(list), model.spec).model;
    const bias = back.parameters().find((p) => p.name === 'bias' && p.shape.length === 2)!;
    const original = model.parameters().find((p) => p.name === 'bias' && p.shape.length === 2)!;
    expect(bias.value[5]).toBeCloseTo((original.value[5] as number) + 0.25, 6);
  });

  it('refuses a fixed-point network by name', () => {
    const model = Model.create({ inputSize: 2, layers: [{ type: 'fixed-point', units: 3, outputSize: 1 }], loss: 'mse' });
    expect(() => exportSafetensors(model)).toThrow(/layer 1 \(fixed-point\).*no PyTorch module/);
  });
});

describe('importSafetensors with a spec (a PyTorch state_dict)', () => {
  const spec = SPECS['dense'] as ModelSpec;
  const file = (edit: (list: { name: string; dtype: 'F32' | 'F64' | 'I64'; shape: readonly number[]; data: ArrayLike<number> }[]) => void, meta = {}): Uint8Array => {
    const { tensors } = readSafetensors(exportSafetensors(randomModel(spec, 5)));
    const list = [...tensors].map(([name, t]) => ({ name, dtype: t.dtype, shape: t.shape, data: t.data as ArrayLike<number> }));
    edit(list);
    return writeSafetensors(list, meta);
  };

  it('maps modules by order whatever their indices, and reads F64', () => {
    const bytes = file((l) => {
      l[0]!.name = '1.weight';
      l[1]!.name = '1.bias';
      l[2]!.name = '10.weight';
      l[2]!.dtype = 'F64';
    });
    const { model, metadata } = importSafetensors(bytes, spec);
    expect(metadata).toEqual({});
    expect(model.getWeights()).toEqual(randomModel(spec, 5).getWeights());
  });

  it('without a spec in the file or the call, says what to give', () => {
    expect(() => importSafetensors(file(() => {}))).toThrow(/no backprop spec.*give the ModelSpec/);
  });

  it.each([
    ['a missing tensor', (l: { name: string }[]) => l.splice(1, 1), /tensor 0\.bias is missing: layer 1 \(dense\) needs it, shape \[6\]/],
    ['an extra tensor', (l: { name: string }[]) => (l[2]!.name = '3.bias'), /tensor 3\.bias: layer 3 \(dense\) has no such weight/],
    ['an extra module', (l: { name: string; dtype: string; shape: readonly number[]; data: ArrayLike<number> }[]) => l.push({ name: '5.weight', dtype: 'F32', shape: [1], data: [1] }), /3 module\(s\) \(0, 3, 5\) but the model has 2 layer\(s\) with weights \(1 dense, 3 dense\)/],
    ['a transposed weight', (l: { shape: readonly number[] }[]) => (l[0]!.shape = [4, 6]), /tensor 0\.weight has shape \[4, 6\] but layer 1 \(dense\) needs \[6, 4\]/],
  ])('refuses %s by name', (_label, edit, message) => {
    expect(() => importSafetensors(file(edit as never), spec)).toThrow(message);
  });

  it('refuses values float32 cannot hold', () => {
    const bytes = file((l) => {
      l[1]!.dtype = 'F64';
      l[1]!.data = Float64Array.from(l[1]!.data, (v, i) => (i === 2 ? 1e300 : v));
    });
    expect(() => importSafetensors(bytes, spec)).toThrow(/tensor 0\.bias holds 1e\+300 at index 2, beyond float32's range/);
  });
});

describe('the safetensors reader refuses bad files by name', () => {
  const good = writeSafetensors([{ name: 'a', dtype: 'F32', shape: [2], data: [1, 2] }, { name: 'b', dtype: 'F64', shape: [1], data: [3] }], { k: 'v' });
  const withHeader = (header: unknown, data = new Uint8Array(0)): Uint8Array => {
    const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + data.length);
    new DataView(out.buffer).setUint32(0, json.length, true);
    out.set(json, 8);
    out.set(data, 8 + json.length);
    return out;
  };

  it('reads what it writes', () => {
    const { tensors, metadata } = readSafetensors(good);
    expect(metadata).toEqual({ k: 'v' });
    expect([...tensors.get('a')!.data]).toEqual([1, 2]);
    expect(tensors.get('b')).toEqual({ dtype: 'F64', shape: [1], data: Float64Array.of(3) });
    expect((good.length - 8 - new DataView(good.buffer).getUint32(0, true)) % 8).toBe(0);
    expect(new DataView(good.buffer).getUint32(0, true) % 8).toBe(0);
  });

  it.each([
    ['a file shorter than 8 bytes', good.subarray(0, 5), /truncated safetensors file: 5 bytes/],
    ['a header length past the end', good.subarray(0, 20), /header length \d+ runs past the end of the 20-byte file/],
    ['an absurd header length', Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0), /over the 67108864-byte limit/],
    ['a header that is not JSON', withHeader('{"a": '), /the header is not JSON/],
    ['a header that is not an object', withHeader('[1]'), /not a JSON object/],
    ['an unsupported dtype', withHeader({ h: { dtype: 'F16', shape: [1], data_offsets: [0, 2] } }, new Uint8Array(2)), /tensor "h": unsupported dtype "F16"/],
    ['offsets out of range', withHeader({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4)), /tensor "a" at bytes \[0, 8\) lies outside the 4-byte data section/],
    ['a shape that does not match the bytes', withHeader({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), /shape \[3\] of F32 needs 12 bytes but data_offsets \[0, 8\) hold 8/],
    [
      'overlapping tensors',
      withHeader({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)),
      /tensor "b" at bytes \[4, 8\) overlaps tensor "a"/,
    ],
    ['bytes no tensor owns', withHeader({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(8)), /bytes \[4, 8\) of the data section belong to no tensor/],
    ['metadata that is not strings', withHeader({ __metadata__: { n: 1 } }), /__metadata__ "n" is 1, not a string/],
    ['a huge shape', withHeader({ a: { dtype: 'F32', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 4] } }, new Uint8Array(4)), /needs \d+ bytes but data_offsets \[0, 4\) hold 4/],
  ])('%s', (_label, bytes, message) => {
    expect(() => readSafetensors(bytes)).toThrow(SafetensorsError);
    expect(() => readSafetensors(bytes)).toThrow(message);
  });
});
