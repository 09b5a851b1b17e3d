import { describe, expect, it } from 'vitest';
import { parseLayers } from './JobForm.js';

describe('parseLayers', () => {
  it('reads comma or space separated sizes', () => {
    expect(parseLayers('128, 64')).toEqual([128, 64]);
    expect(parseLayers(' 8 ')).toEqual([8]);
    expect(parseLayers('')).toEqual([]);
  });
  it('names the bad entry', () => {
    expect(() => parseLayers('8, x')).toThrow(/'x' must be an integer/);
    expect(() => parseLayers('0')).toThrow(/'0'/);
  });
});
