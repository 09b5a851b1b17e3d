/**
 * A model file's header is bounded in size and in nesting depth before JSON.parse: a header nested
 * 100,000 deep would otherwise overflow the stack in the walks after parsing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../util/json-depth.js';
import { readFixedPointJson } from './fixed-point-json.js';
import { deserializeModel, MAX_HEADER_BYTES, MODEL_MAGIC, ModelFormatError } from './serialize.js';

/** Prefix (magic, version 1, header length), the header text, and a 4-byte trailer. */
function fileWithHeader(header: string, headerLength = header.length): Uint8Array {
  const text = new TextEncoder().encode(header);
  const bytes = new Uint8Array(16 + text.length + 4);
  bytes.set(MODEL_MAGIC);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 1, true);
  view.setUint32(12, headerLength, true);
  bytes.set(text, 16);
  return bytes;
}

function thrown(f: () => unknown): ModelFormatError {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelFormatError) return e;
    throw e;
  }
  throw new Error('expected a ModelFormatError');
}

describe('model header limits', () => {
  it('refuses a header nested 100,000 deep as corrupt, naming the depth and the limit', () => {
    const deep = `{"metadata":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const e = thrown(() => deserializeModel(fileWithHeader(deep)));
    expect(e.problem).toBe('corrupt');
    expect(e.message).toBe(`corrupt model file: the header nests 100001 levels deep, over the ${MAX_JSON_DEPTH}-level limit`);
  });

  it('takes nesting up to the limit to the next check', () => {
    const header = `{"metadata":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect(thrown(() => deserializeModel(fileWithHeader(header))).problem).toBe('checksum');
  });

  it('refuses a header longer than MAX_HEADER_BYTES', () => {
    const length = MAX_HEADER_BYTES + 8;
    const bytes = new Uint8Array(16 + length + 4);
    bytes.set(fileWithHeader('').subarray(0, 16));
    new DataView(bytes.buffer).setUint32(12, length, true);
    const e = thrown(() => deserializeModel(bytes));
    expect(e.problem).toBe('corrupt');
    expect(e.message).toBe(`corrupt model file: a header of ${length} bytes is over the ${MAX_HEADER_BYTES}-byte limit`);
  });

  it('refuses a fixed-point JSON document nested 100,000 deep as corrupt', () => {
    const deep = `{"format":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const e = thrown(() => readFixedPointJson(new TextEncoder().encode(deep)));
    expect(e.problem).toBe('corrupt');
    expect(e.message).toMatch(/it nests 100001 levels deep, over the 256-level limit$/);
  });
});
