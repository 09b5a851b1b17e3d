/**
 * A minimal, defensive protobuf decoder (the wire format of protobuf-writer.ts, read back) for
 * files that may be truncated or hostile: every length is checked against the bytes that are
 * there before anything is read or allocated, varints stop after 10 bytes, and group wire types
 * (3, 4), unused by ONNX, are refused. Errors are OnnxFormatError naming what is wrong.
 */

/** A malformed or unsupported ONNX file. */
export class OnnxFormatError extends Error {
  override readonly name = 'OnnxFormatError';
}

/** One field as read: a varint (as a bigint, for int64), fixed bytes, or a length-delimited view. */
export type ProtoField =
  | { readonly field: number; readonly wire: 0; readonly value: bigint }
  | { readonly field: number; readonly wire: 1 | 5 | 2; readonly bytes: Uint8Array };

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Reads a varint at `pos` of `buf` (before `end`); returns [value, next position]. */
function readVarint(buf: Uint8Array, pos: number, end: number, what: string): [bigint, number] {
  let result = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new OnnxFormatError(`${what}: truncated (a varint runs past the end of its message)`);
    const b = buf[pos++] as number;
    result |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return [BigInt.asUintN(64, result), pos];
  }
  throw new OnnxFormatError(`${what}: a varint is longer than 10 bytes`);
}

/** The fields of one message, in file order. `what` names the message for errors. */
export function readFields(buf: Uint8Array, what: string): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const end = buf.length;
  while (pos < end) {
    const [tag, next] = readVarint(buf, pos, end, what);
    pos = next;
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (field === 0) throw new OnnxFormatError(`${what}: field number 0 (not a protobuf message)`);
    if (wire === 0) {
      const [value, after] = readVarint(buf, pos, end, what);
      fields.push({ field, wire, value });
      pos = after;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > end) throw new OnnxFormatError(`${what}: truncated (a ${size * 8}-bit field runs past the end)`);
      fields.push({ field, wire, bytes: buf.subarray(pos, pos + size) });
      pos += size;
    } else if (wire === 2) {
      const [len, after] = readVarint(buf, pos, end, what);
      if (len > BigInt(end - after)) {
        throw new OnnxFormatError(`${what}: field ${field} declares ${len} bytes but only ${end - after} remain`);
      }
      fields.push({ field, wire, bytes: buf.subarray(after, after + Number(len)) });
      pos = after + Number(len);
    } else {
      throw new OnnxFormatError(`${what}: unsupported wire type ${wire} (field ${field})`);
    }
  }
  return fields;
}

/** A varint field as a signed 64-bit integer, refused outside the safe-integer range. */
export function int(f: ProtoField, what: string): number {
  if (f.wire !== 0) throw new OnnxFormatError(`${what}: field ${f.field} should be an integer`);
  const v = BigInt.asIntN(64, f.value);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new OnnxFormatError(`${what}: integer ${v} is out of range`);
  return Number(v);
}

/** A length-delimited field's bytes. */
export function bytes(f: ProtoField, what: string): Uint8Array {
  if (f.wire !== 2) throw new OnnxFormatError(`${what}: field ${f.field} should be length-delimited`);
  return f.bytes;
}

/** A length-delimited field as UTF-8 text. */
export function string(f: ProtoField, what: string): string {
  return utf8.decode(bytes(f, what));
}

/** A float field (wire type 5). */
export function float(f: ProtoField, what: string): number {
  if (f.wire !== 5) throw new OnnxFormatError(`${what}: field ${f.field} should be a float`);
  return new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
}

/** A repeated integer field, packed (one length-delimited run) or not. */
export function ints(f: ProtoField, what: string): number[] {
  if (f.wire === 0) return [int(f, what)];
  const out: number[] = [];
  const buf = bytes(f, what);
  for (let pos = 0; pos < buf.length; ) {
    const [v, next] = readVarint(buf, pos, buf.length, what);
    out.push(int({ field: f.field, wire: 0, value: v }, what));
    pos = next;
  }
  return out;
}
