import { describe, expect, it } from 'vitest';
import { fmtLoss } from './format-loss.js';

describe('fmtLoss', () => {
  it('writes small and huge losses in exponent form, others with 4 decimals, none as a dash', () => {
    expect(fmtLoss(1.5317036105594882e42)).toBe('1.53e+42');
    expect(fmtLoss(0.00004)).toBe('4.00e-5');
    expect(fmtLoss(0.1234567)).toBe('0.1235');
    expect(fmtLoss(9999)).toBe('9999.0000');
    expect(fmtLoss(0)).toBe('0.0000');
    expect(fmtLoss(Number.NaN)).toBe('—');
    expect(fmtLoss(undefined)).toBe('—');
  });
});
