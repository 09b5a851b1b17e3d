import { describe, expect, it } from 'vitest';
import { formatDuration } from './format.js';

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
