import { describe, expect, it } from 'vitest';
import { fieldNumber } from './field-number.js';

describe('fieldNumber', () => {
  it('holds a typed value within the field bounds', () => {
    expect(fieldNumber('100000', 16, { min: 1, max: 256, integer: true })).toBe(256);
    expect(fieldNumber('0', 16, { min: 1, max: 256, integer: true })).toBe(1);
    expect(fieldNumber('-3', 16, { min: 1, max: 256, integer: true })).toBe(1);
    expect(fieldNumber('12.6', 16, { min: 1, max: 256, integer: true })).toBe(13);
    expect(fieldNumber('2.5', 25, { min: 2 })).toBe(2.5);
    expect(fieldNumber('1e9', 25, { min: 2 })).toBe(1e9);
  });

  it('keeps the previous value for blank or unreadable text', () => {
    expect(fieldNumber('', 16, { min: 1 })).toBe(16);
    expect(fieldNumber('  ', 16, { min: 1 })).toBe(16);
    expect(fieldNumber('abc', 16, { min: 1 })).toBe(16);
    expect(fieldNumber('1e400', 16, { min: 1 })).toBe(16);
  });
});
