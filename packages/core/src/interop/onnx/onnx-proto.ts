/**
 * The handful of ONNX messages an exported model needs, as plain objects, and their encoding with
 * the field numbers of onnx.proto (ONNX's IR, proto2):
 *   ModelProto         1 ir_version, 2 producer_name, 3 producer_version, 6 doc_string, 7 graph,
 *                      8 opset_import, 14 metadata_props
 *   OperatorSetIdProto 1 domain, 2 version          StringStringEntryProto 1 key, 2 value
 *   GraphProto         1 node, 2 name, 5 initializer, 11 input, 12 output
 *   NodeProto          1 input, 2 output, 3 name, 4 op_type, 5 attribute
 *   AttributeProto     1 name, 2 f, 3 i, 8 ints, 9 strings, 20 type (FLOAT 1, INT 2, INTS 7, STRINGS 8)
 *   TensorProto        1 dims, 2 data_type (FLOAT 1, INT64 7), 8 name, 9 raw_data (little-endian)
 *   ValueInfoProto     1 name, 2 type;  TypeProto 1 tensor_type;  TypeProto.Tensor 1 elem_type, 2 shape
 *   TensorShapeProto   1 dim;  Dimension 1 dim_value, 2 dim_param
 */
import { ProtoWriter } from './protobuf-writer.js';

/** TensorProto.DataType values used here. */
export const FLOAT = 1;
export const INT64 = 7;

/** An attribute of a node: a float, an int, a list of ints or a list of strings. */
export type OnnxAttribute =
  | { readonly name: string; readonly f: number }
  | { readonly name: string; readonly i: number }
  | { readonly name: string; readonly ints: readonly number[] }
  | { readonly name: string; readonly strings: readonly string[] };

export interface OnnxNode {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly OnnxAttribute[];
}

/** A constant tensor (an initializer): float32 or int64 values, row-major. */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

/** A graph input or output: a float32 tensor whose dims are sizes or symbolic names. */
export interface OnnxValueInfo {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly opset: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly metadata: readonly (readonly [string, string])[];
  readonly graph: {
    readonly name: string;
    readonly nodes: readonly OnnxNode[];
    readonly initializers: readonly OnnxTensor[];
    readonly inputs: readonly OnnxValueInfo[];
    readonly outputs: readonly OnnxValueInfo[];
  };
}

/** The tensor's values as little-endian bytes, whatever the host's byte order. */
function rawData(data: Float32Array | BigInt64Array): Uint8Array {
  const bytes = new Uint8Array(data.length * data.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return bytes;
}

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  w.ints(1, t.dims)
    .int(2, t.data instanceof Float32Array ? FLOAT : INT64)
    .string(8, t.name)
    .bytes(9, rawData(t.data));
}

function writeAttribute(w: ProtoWriter, a: OnnxAttribute): void {
  w.string(1, a.name);
  if ('f' in a) w.float(2, a.f).int(20, 1);
  else if ('i' in a) w.int(3, a.i).int(20, 2);
  else if ('ints' in a) w.ints(8, a.ints).int(20, 7);
  else {
    for (const s of a.strings) w.string(9, s);
    w.int(20, 8);
  }
}

function writeNode(w: ProtoWriter, n: OnnxNode): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attributes) w.message(5, (m) => writeAttribute(m, a));
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(1, v.name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.int(1, FLOAT).message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      }),
    ),
  );
}

/** Encodes the model as an ONNX ModelProto. */
export function encodeModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  if (model.docString !== undefined) w.string(6, model.docString);
  w.message(7, (g) => {
    for (const n of model.graph.nodes) g.message(1, (m) => writeNode(m, n));
    g.string(2, model.graph.name);
    for (const t of model.graph.initializers) g.message(5, (m) => writeTensor(m, t));
    for (const v of model.graph.inputs) g.message(11, (m) => writeValueInfo(m, v));
    for (const v of model.graph.outputs) g.message(12, (m) => writeValueInfo(m, v));
  });
  w.message(8, (o) => o.string(1, '').int(2, model.opset));
  for (const [key, value] of model.metadata) w.message(14, (m) => m.string(1, key).string(2, value));
  return w.finish();
}
