import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoss } from './format.js';

describe('formatLoss', () => {
  it('keeps significant digits of small losses instead of rounding them to 0.0000', () => {
    expect(formatLoss(3.5e-5)).toBe('3.50e-5');
    expect(formatLoss(0.000999)).toBe('9.99e-4');
    expect(formatLoss(0.00512)).toBe('5.12e-3');
    expect(formatLoss(0.0712)).toBe('0.0712');
    expect(formatLoss(1.14352)).toBe('1.1435');
    expect(formatLoss(0)).toBe('0.0000');
    expect(formatLoss(Number.NaN)).toBe('NaN');
  });
});

describe('formatDuration', () => {
  it('shows milliseconds below a tenth of a second, then seconds, minutes and hours', () => {
    expect(formatDuration(0.0234)).toBe('23ms');
    expect(formatDuration(0.0001)).toBe('1ms');
    expect(formatDuration(0.38)).toBe('0.4s');
    expect(formatDuration(28.4)).toBe('28s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(7300)).toBe('2h01m');
    expect(formatDuration(Number.NaN)).toBe('-');
  });
});
