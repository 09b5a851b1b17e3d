/**
 * A minimal protobuf encoder: just the wire types the ONNX messages written here need
 * (https://protobuf.dev/programming-guides/encoding/):
 *   tag    = (field number << 3) | wire type, as a varint
 *   type 0 = varint (int32, int64, enum; a negative value is its 64-bit two's complement, 10 bytes)
 *   type 2 = length-delimited (string as UTF-8, bytes, embedded message): varint length, then the bytes
 *   type 5 = 32-bit little-endian (float)
 * Repeated scalars are written one tagged value each (proto2's unpacked form, which every reader
 * accepts). No Node built-ins: it runs in browsers as it is.
 */

const utf8 = new TextEncoder();

/** Appends fields to a growing byte buffer; `finish` returns the message's bytes. */
export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** A varint of any safe integer; negatives as 64-bit two's complement. */
  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf: ${value} is not a safe integer`);
    let v = value < 0 ? BigInt.asUintN(64, BigInt(value)) : BigInt(value);
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  private tag(field: number, wireType: 0 | 2 | 5): void {
    this.varint(field * 8 + wireType);
  }

  /** An int32/int64/enum field (wire type 0). */
  int(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  /** A repeated int32/int64 field, one tagged value per element. */
  ints(field: number, values: readonly number[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  /** A float field (wire type 5, little-endian IEEE 754 single). */
  float(field: number, value: number): this {
    this.tag(field, 5);
    this.reserve(4);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 4).setFloat32(0, value, true);
    this.len += 4;
    return this;
  }

  /** A bytes field (wire type 2). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  /** A string field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** An embedded message field, written by `write` into a fresh writer. */
  message(field: number, write: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
