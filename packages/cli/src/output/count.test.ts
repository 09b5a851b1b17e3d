import { describe, expect, it } from 'vitest';
import { count } from './count.js';

describe('count', () => {
  it('puts the noun in the singular for exactly one', () => {
    expect(count(1, 'output')).toBe('1 output');
    expect(count(0, 'epoch')).toBe('0 epochs');
    expect(count(784, 'feature')).toBe('784 features');
    expect(count(2, 'child', 'children')).toBe('2 children');
  });
});
