import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf-writer.js';

const hex = (b: Uint8Array): string => Array.from(b, (v) => v.toString(16).padStart(2, '0')).join(' ');

describe('ProtoWriter: the protobuf wire format', () => {
  it('varints: the encoding guide example 150 and a multi-byte tag', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('08 96 01');
    // field 20, wire type 0: tag 160 = a0 01
    expect(hex(new ProtoWriter().int(20, 7).finish())).toBe('a0 01 07');
    expect(hex(new ProtoWriter().int(1, 2 ** 40).finish())).toBe('08 80 80 80 80 80 20');
  });

  it('negative int64 is ten bytes of two’s complement', () => {
    expect(hex(new ProtoWriter().int(3, -1).finish())).toBe('18 ff ff ff ff ff ff ff ff ff 01');
    expect(hex(new ProtoWriter().int(3, -2).finish())).toBe('18 fe ff ff ff ff ff ff ff ff 01');
  });

  it('repeated ints unpacked, one tag each', () => {
    expect(hex(new ProtoWriter().ints(1, [1, 2, 300]).finish())).toBe('08 01 08 02 08 ac 02');
  });

  it('floats are fixed32 little-endian', () => {
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('15 00 00 80 3f');
    expect(hex(new ProtoWriter().float(2, -0.5).finish())).toBe('15 00 00 00 bf');
  });

  it('strings as UTF-8 and embedded messages, length-prefixed', () => {
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('12 07 74 65 73 74 69 6e 67');
    expect(hex(new ProtoWriter().string(1, 'é').finish())).toBe('0a 02 c3 a9');
    expect(hex(new ProtoWriter().message(3, (m) => m.int(1, 150)).finish())).toBe('1a 03 08 96 01');
  });

  it('grows past its first buffer', () => {
    const big = new Uint8Array(1000).fill(7);
    const out = new ProtoWriter().int(1, 1).bytes(9, big).finish();
    expect(out.length).toBe(2 + 3 + 1000);
    expect(hex(out.subarray(0, 5))).toBe('08 01 4a e8 07');
    expect(out[out.length - 1]).toBe(7);
  });

  it('refuses a value that is not a safe integer', () => {
    expect(() => new ProtoWriter().int(1, 0.5)).toThrow(/not a safe integer/);
    expect(() => new ProtoWriter().int(1, 2 ** 60)).toThrow(/not a safe integer/);
  });
});
