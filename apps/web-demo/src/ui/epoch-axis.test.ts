import { describe, expect, it } from 'vitest';
import { epochLabel, epochTicks } from './epoch-axis.js';

describe('epoch axis', () => {
  it('ticks 1-2-5 up to 10 epochs', () => {
    expect(epochTicks(10)).toEqual([0, 1, 2, 5, 10]);
  });
  it('ticks 1-3 per decade up to 1,000 epochs', () => {
    expect(epochTicks(1000).map(epochLabel)).toEqual(['0', '1', '3', '10', '30', '100', '300', '1k']);
  });
  it('ticks powers of ten up to 100,000 epochs', () => {
    expect(epochTicks(100_000).map(epochLabel)).toEqual(['0', '1', '10', '100', '1k', '10k', '100k']);
  });
  it('has only 0 before the first epoch', () => {
    expect(epochTicks(0)).toEqual([0]);
  });
});
