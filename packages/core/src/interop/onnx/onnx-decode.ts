/**
 * Decodes the parts of an ONNX ModelProto that import reads (field numbers as in onnx-proto.ts),
 * refusing what it cannot read rather than guessing: external or segmented tensor data, tensor
 * types other than float32/float64 (and int64 for shapes), dims whose product disagrees with the
 * data, and ops of a domain other than the default one.
 */
import { bytes, float, int, ints, OnnxFormatError, readFields, string } from './protobuf-reader.js';

/** A decoded constant: float values (float32 or float64 in the file) or int64 values (shapes). */
export interface DecodedTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: 'float' | 'int64';
  readonly floats: Float32Array;
  readonly int64s: readonly number[];
}

export interface DecodedAttribute {
  readonly f?: number;
  readonly i?: number;
  readonly ints?: readonly number[];
  readonly s?: string;
  readonly strings?: readonly string[];
  readonly t?: DecodedTensor;
}

export interface DecodedNode {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, DecodedAttribute>;
}

export interface DecodedValueInfo {
  readonly name: string;
  /** Sizes, or null for a symbolic/unknown dim. */
  readonly dims: readonly (number | null)[];
}

export interface DecodedModel {
  readonly opset: number;
  readonly metadata: ReadonlyMap<string, string>;
  readonly nodes: readonly DecodedNode[];
  readonly initializers: ReadonlyMap<string, DecodedTensor>;
  readonly inputs: readonly DecodedValueInfo[];
  readonly outputs: readonly DecodedValueInfo[];
}

/** The most values one tensor may hold (2^28: a 1 GiB float32 tensor); a file's dims past it are refused. */
const MAX_TENSOR_VALUES = 2 ** 28;
const FLOAT = 1;
const INT64 = 7;
const DOUBLE = 11;
const DATA_TYPE_NAMES: Record<number, string> = { 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 8: 'string', 9: 'bool', 10: 'float16', 12: 'uint32', 13: 'uint64', 16: 'bfloat16' };

function decodeTensor(buf: Uint8Array, where: string): DecodedTensor {
  let name = '';
  const dims: number[] = [];
  let dataType = 0;
  const floatData: number[] = [];
  const int64Data: number[] = [];
  let raw: Uint8Array | null = null;
  const doubleData: Uint8Array[] = [];
  let external = false;
  for (const f of readFields(buf, where)) {
    if (f.field === 1) dims.push(...ints(f, `${where} dims`));
    else if (f.field === 2) dataType = int(f, where);
    else if (f.field === 3) throw new OnnxFormatError(`${where}: segmented tensors are not supported`);
    else if (f.field === 4) {
      if (f.wire === 5) floatData.push(float(f, where));
      else {
        const b = bytes(f, where);
        if (b.length % 4 !== 0) throw new OnnxFormatError(`${where}: float_data holds ${b.length} bytes, not a multiple of 4`);
        const view = new DataView(b.buffer, b.byteOffset, b.length);
        for (let i = 0; i < b.length; i += 4) floatData.push(view.getFloat32(i, true));
      }
    } else if (f.field === 7) int64Data.push(...ints(f, `${where} int64_data`));
    else if (f.field === 8) name = string(f, where);
    else if (f.field === 9) raw = bytes(f, where);
    else if (f.field === 10) {
      if (f.wire === 0) throw new OnnxFormatError(`${where}: double_data should be 64-bit values`);
      doubleData.push(f.bytes);
    } else if (f.field === 13 || (f.field === 14 && int(f, where) !== 0)) external = true;
  }
  const label = `${where} '${name}'`;
  if (external) throw new OnnxFormatError(`${label}: the data is in an external file, which import does not read`);
  let count = 1;
  for (const d of dims) {
    if (!(d >= 0)) throw new OnnxFormatError(`${label}: dimension ${d} is negative`);
    count *= d;
    if (count > MAX_TENSOR_VALUES) throw new OnnxFormatError(`${label}: dims [${dims.join(', ')}] hold more than ${MAX_TENSOR_VALUES} values`);
  }
  if (dataType === INT64) {
    let values = int64Data;
    if (raw) {
      if (raw.length !== count * 8) throw new OnnxFormatError(`${label}: raw_data holds ${raw.length} bytes, dims [${dims.join(', ')}] need ${count * 8}`);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      values = Array.from({ length: count }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    }
    if (values.length !== count) throw new OnnxFormatError(`${label}: holds ${values.length} values, dims [${dims.join(', ')}] need ${count}`);
    return { name, dims, type: 'int64', floats: new Float32Array(0), int64s: values };
  }
  if (dataType !== FLOAT && dataType !== DOUBLE) {
    throw new OnnxFormatError(`${label}: data type ${DATA_TYPE_NAMES[dataType] ?? dataType} is not supported (float32 or float64 only)`);
  }
  const size = dataType === FLOAT ? 4 : 8;
  let floats: Float32Array;
  if (raw) {
    if (raw.length !== count * size) throw new OnnxFormatError(`${label}: raw_data holds ${raw.length} bytes, dims [${dims.join(', ')}] need ${count * size}`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
    floats = Float32Array.from({ length: count }, (_, i) => (size === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true)));
  } else if (dataType === DOUBLE) {
    const total = doubleData.reduce((s, b) => s + b.length, 0);
    if (total !== count * 8) throw new OnnxFormatError(`${label}: double_data holds ${total / 8} values, dims [${dims.join(', ')}] need ${count}`);
    floats = new Float32Array(count);
    let k = 0;
    for (const b of doubleData) {
      const view = new DataView(b.buffer, b.byteOffset, b.length);
      for (let i = 0; i < b.length; i += 8) floats[k++] = view.getFloat64(i, true);
    }
  } else {
    if (floatData.length !== count) throw new OnnxFormatError(`${label}: holds ${floatData.length} values, dims [${dims.join(', ')}] need ${count}`);
    floats = Float32Array.from(floatData);
  }
  return { name, dims, type: 'float', floats, int64s: [] };
}

function decodeAttribute(buf: Uint8Array, where: string): [string, DecodedAttribute] {
  let name = '';
  const a: { f?: number; i?: number; ints?: number[]; s?: string; strings?: string[]; t?: DecodedTensor } = {};
  for (const f of readFields(buf, where)) {
    if (f.field === 1) name = string(f, where);
    else if (f.field === 2) a.f = float(f, where);
    else if (f.field === 3) a.i = int(f, where);
    else if (f.field === 4) a.s = string(f, where);
    else if (f.field === 5) a.t = decodeTensor(bytes(f, where), `${where} tensor`);
    else if (f.field === 8) a.ints = [...(a.ints ?? []), ...ints(f, where)];
    else if (f.field === 9) a.strings = [...(a.strings ?? []), string(f, where)];
  }
  return [name, a];
}

function decodeNode(buf: Uint8Array, index: number): DecodedNode {
  const where = `node ${index}`;
  const inputs: string[] = [];
  const outputs: string[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  const attributes = new Map<string, DecodedAttribute>();
  for (const f of readFields(buf, where)) {
    if (f.field === 1) inputs.push(string(f, where));
    else if (f.field === 2) outputs.push(string(f, where));
    else if (f.field === 3) name = string(f, where);
    else if (f.field === 4) opType = string(f, where);
    else if (f.field === 5) {
      const [k, v] = decodeAttribute(bytes(f, where), `${where} attribute`);
      attributes.set(k, v);
    } else if (f.field === 7) domain = string(f, where);
  }
  const label = name || `#${index}`;
  if (domain !== '' && domain !== 'ai.onnx') throw new OnnxFormatError(`node ${label} (${opType}): operator domain '${domain}' is not supported`);
  return { opType, name: label, inputs, outputs, attributes };
}

function decodeValueInfo(buf: Uint8Array, where: string): DecodedValueInfo {
  let name = '';
  const dims: (number | null)[] = [];
  for (const f of readFields(buf, where)) {
    if (f.field === 1) name = string(f, where);
    else if (f.field === 2) {
      for (const t of readFields(bytes(f, where), where)) {
        if (t.field !== 1) continue;
        for (const tt of readFields(bytes(t, where), where)) {
          if (tt.field === 1 && int(tt, where) !== FLOAT) throw new OnnxFormatError(`${where} '${name}': only float32 inputs and outputs are supported`);
          if (tt.field !== 2) continue;
          for (const d of readFields(bytes(tt, where), where)) {
            if (d.field !== 1) continue;
            const dim = readFields(bytes(d, where), where).find((x) => x.field === 1);
            dims.push(dim ? int(dim, where) : null);
          }
        }
      }
    }
  }
  return { name, dims };
}

/** Decodes an ONNX file's bytes; throws OnnxFormatError on anything malformed or unsupported. */
export function decodeOnnx(file: Uint8Array): DecodedModel {
  if (!(file instanceof Uint8Array)) throw new TypeError('importOnnx: expected the file as a Uint8Array');
  if (file.length === 0) throw new OnnxFormatError('ONNX model: the file is empty');
  let graph: Uint8Array | null = null;
  let opset = 0;
  const metadata = new Map<string, string>();
  for (const f of readFields(file, 'ONNX model')) {
    if (f.field === 7) graph = bytes(f, 'ONNX model');
    else if (f.field === 8) {
      let domain = '';
      let version = 0;
      for (const o of readFields(bytes(f, 'opset_import'), 'opset_import')) {
        if (o.field === 1) domain = string(o, 'opset_import');
        else if (o.field === 2) version = int(o, 'opset_import');
      }
      if (domain === '' || domain === 'ai.onnx') opset = version;
    } else if (f.field === 14) {
      let key = '';
      let value = '';
      for (const e of readFields(bytes(f, 'metadata_props'), 'metadata_props')) {
        if (e.field === 1) key = string(e, 'metadata_props');
        else if (e.field === 2) value = string(e, 'metadata_props');
      }
      metadata.set(key, value);
    }
  }
  if (!graph) throw new OnnxFormatError('ONNX model: no graph');
  const nodes: DecodedNode[] = [];
  const initializers = new Map<string, DecodedTensor>();
  const inputs: DecodedValueInfo[] = [];
  const outputs: DecodedValueInfo[] = [];
  for (const f of readFields(graph, 'graph')) {
    if (f.field === 1) nodes.push(decodeNode(bytes(f, 'graph'), nodes.length));
    else if (f.field === 5) {
      const t = decodeTensor(bytes(f, 'graph'), 'initializer');
      initializers.set(t.name, t);
    } else if (f.field === 11) inputs.push(decodeValueInfo(bytes(f, 'graph'), 'graph input'));
    else if (f.field === 12) outputs.push(decodeValueInfo(bytes(f, 'graph'), 'graph output'));
  }
  return { opset, metadata, nodes, initializers, inputs, outputs };
}
