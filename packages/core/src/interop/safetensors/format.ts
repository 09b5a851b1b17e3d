/**
 * The safetensors container, read and written without a dependency:
 *
 *   offset 0   8 bytes  N, the header length, unsigned 64-bit little-endian
 *   offset 8   N bytes  header: UTF-8 JSON (space-padded so that the data starts 8-byte aligned)
 *                         { "<tensor name>": { "dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end] },
 *                           …, "__metadata__": { "<key>": "<string value>" } }
 *   8 + N      D bytes  tensor data, little-endian, each tensor at [begin, end) of this section
 *
 * The reader trusts nothing: the header length is capped (MAX_SAFETENSORS_HEADER_BYTES) and must
 * lie inside the file, the header must be a JSON object of well-formed entries, every tensor's byte
 * range must hold exactly shape × element size bytes, and the ranges must tile the data section
 * (no overlap, no gap, nothing after the last one), as the format's own reader demands. Each
 * problem is a SafetensorsError naming it. Memory stays within the file's size: tensors are copied
 * out of the data section, never allocated from a shape alone.
 *
 * Browser-safe: Uint8Array, DataView and TextEncoder/TextDecoder only.
 */
import { jsonDepth, MAX_JSON_DEPTH } from '../../util/json-depth.js';

/** The element types read: F32 and F64 weights (F64 converted to float32 later) and I64 counters. */
export type SafetensorsDType = 'F32' | 'F64' | 'I64';

const ITEM_BYTES: Record<SafetensorsDType, number> = { F32: 4, F64: 8, I64: 8 };

/** One tensor of a safetensors file, its values as numbers (I64 values as the nearest double). */
export interface SafetensorsTensor {
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  readonly data: Float32Array | Float64Array;
}

/** What a safetensors file holds: named tensors (in header order) and the string metadata. */
export interface SafetensorsContents {
  readonly tensors: ReadonlyMap<string, SafetensorsTensor>;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * A safetensors file that cannot be used: cut short, corrupt, or holding tensors that do not fit
 * the model. The message names the tensor or the byte range at fault.
 */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

/** The longest header read (64 MiB, as for backprop's own model files); the data section has no such limit. */
export const MAX_SAFETENSORS_HEADER_BYTES = 64 * 2 ** 20;

const METADATA_KEY = '__metadata__';
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function fail(message: string): never {
  throw new SafetensorsError(message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

interface Entry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parse safetensors bytes.
 * @throws SafetensorsError naming the problem (truncated, header too long, not JSON, bad entry,
 *   unsupported dtype, byte ranges that overlap, leave gaps or do not match the shape)
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('readSafetensors: expected a Uint8Array');
  if (bytes.length < 8) fail(`truncated safetensors file: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low;
  if (headerLength > MAX_SAFETENSORS_HEADER_BYTES) {
    fail(`corrupt safetensors file: a header of ${headerLength} bytes is over the ${MAX_SAFETENSORS_HEADER_BYTES}-byte limit`);
  }
  if (8 + headerLength > bytes.length) {
    fail(`truncated safetensors file: the header length ${headerLength} runs past the end of the ${bytes.length}-byte file`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    fail('corrupt safetensors file: the header is not valid UTF-8');
  }
  const depth = jsonDepth(text, MAX_JSON_DEPTH + 1);
  if (depth > MAX_JSON_DEPTH) fail(`corrupt safetensors file: the header nests over ${MAX_JSON_DEPTH} levels deep`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    fail(`corrupt safetensors file: the header is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(header)) fail('corrupt safetensors file: the header is not a JSON object');

  const dataStart = 8 + headerLength;
  const dataBytes = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      if (!isObject(raw)) fail('corrupt safetensors file: __metadata__ is not an object of strings');
      for (const [key, value] of Object.entries(raw)) {
        if (typeof value !== 'string') fail(`corrupt safetensors file: __metadata__ "${key}" is ${JSON.stringify(value)}, not a string`);
        metadata[key] = value;
      }
      continue;
    }
    entries.push(checkEntry(name, raw, dataBytes));
  }
  checkTiling(entries, dataBytes);

  const tensors = new Map<string, SafetensorsTensor>();
  for (const e of entries) tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: readData(bytes, view, dataStart, e) });
  return { tensors, metadata };
}

function checkEntry(name: string, raw: unknown, dataBytes: number): Entry {
  if (!isObject(raw)) fail(`corrupt safetensors file: tensor "${name}" is ${JSON.stringify(raw)}, not an object`);
  const { dtype, shape, data_offsets: offsets } = raw;
  if (typeof dtype !== 'string') fail(`corrupt safetensors file: tensor "${name}" has no dtype`);
  if (!(dtype in ITEM_BYTES)) fail(`tensor "${name}": unsupported dtype ${JSON.stringify(dtype)} (backprop reads F32 and F64 weights, and I64 counters)`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    fail(`corrupt safetensors file: tensor "${name}" has shape ${JSON.stringify(shape)}, not a list of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)) {
    fail(`corrupt safetensors file: tensor "${name}" has data_offsets ${JSON.stringify(offsets)}, not [begin, end]`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataBytes) {
    fail(`corrupt safetensors file: tensor "${name}" at bytes [${begin}, ${end}) lies outside the ${dataBytes}-byte data section`);
  }
  const item = ITEM_BYTES[dtype as SafetensorsDType];
  // The element count is compared with the byte range, which is bounded by the file: a product
  // that overflows past it is a mismatch, whatever its exact value.
  let count = 1;
  for (const d of shape as number[]) count = Math.min(count * d, Number.MAX_SAFE_INTEGER);
  if (count * item !== end - begin) {
    fail(`tensor "${name}": shape [${(shape as number[]).join(', ')}] of ${dtype} needs ${count * item} bytes but data_offsets [${begin}, ${end}) hold ${end - begin}`);
  }
  return { name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end };
}

/** The tensors' byte ranges cover the data section exactly once, end to end. */
function checkTiling(entries: readonly Entry[], dataBytes: number): void {
  let at = 0;
  let previous = '';
  for (const e of [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)) {
    if (e.begin < at) fail(`corrupt safetensors file: tensor "${e.name}" at bytes [${e.begin}, ${e.end}) overlaps tensor "${previous}"`);
    if (e.begin > at) fail(`corrupt safetensors file: bytes [${at}, ${e.begin}) of the data section belong to no tensor`);
    at = e.end;
    previous = e.name;
  }
  if (at !== dataBytes) fail(`corrupt safetensors file: bytes [${at}, ${dataBytes}) of the data section belong to no tensor`);
}

function readData(bytes: Uint8Array, view: DataView, dataStart: number, e: Entry): Float32Array | Float64Array {
  const at = dataStart + e.begin;
  const n = (e.end - e.begin) / ITEM_BYTES[e.dtype];
  if (e.dtype === 'F32') {
    if (LITTLE_ENDIAN) return new Float32Array(bytes.slice(at, at + 4 * n).buffer);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(at + 4 * i, true);
    return out;
  }
  const out = new Float64Array(n);
  if (e.dtype === 'F64') for (let i = 0; i < n; i++) out[i] = view.getFloat64(at + 8 * i, true);
  else for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(at + 8 * i, true));
  return out;
}

/** A tensor to write: its values are stored as `dtype` (I64 values must be integers). */
export interface SafetensorsTensorInput {
  readonly name: string;
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

/**
 * Write a safetensors file: the tensors end to end in the order given, the header padded with
 * spaces so that the data section starts 8-byte aligned.
 * @throws when a tensor's length does not match its shape, or a name repeats or is `__metadata__`
 */
export function writeSafetensors(tensors: readonly SafetensorsTensorInput[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === METADATA_KEY || t.name in header) throw new Error(`writeSafetensors: tensor name "${t.name}" is taken`);
    const count = t.shape.reduce((a, d) => a * d, 1);
    if (count !== t.data.length) throw new Error(`writeSafetensors: tensor "${t.name}" has ${t.data.length} values, its shape [${t.shape.join(', ')}] holds ${count}`);
    const size = count * ITEM_BYTES[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil((8 + json.length) / 8) * 8 - 8;
  const bytes = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, headerLength, true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const t of tensors) {
    const { data } = t;
    if (t.dtype === 'F32') for (let i = 0; i < data.length; i++, at += 4) view.setFloat32(at, data[i] as number, true);
    else if (t.dtype === 'F64') for (let i = 0; i < data.length; i++, at += 8) view.setFloat64(at, data[i] as number, true);
    else for (let i = 0; i < data.length; i++, at += 8) view.setBigInt64(at, BigInt(data[i] as number), true);
  }
  return bytes;
}
