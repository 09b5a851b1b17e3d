import { describe, expect, it } from 'vitest';
import { hashFor, readHash } from './url.js';

describe('hash routing', () => {
  it('reads the tab and keeps the other parameters', () => {
    const { tab, params } = readHash('#tab=mnist&layers=64');
    expect(tab).toBe('mnist');
    expect(params.get('layers')).toBe('64');
    expect(params.has('tab')).toBe(false);
  });

  it('falls back to the playground for a missing or unknown tab', () => {
    expect(readHash('').tab).toBe('playground');
    expect(readHash('#tab=nope').tab).toBe('playground');
  });

  it('writes the tab first', () => {
    expect(hashFor('iris', new URLSearchParams('a=1&b=x,y'))).toBe('#tab=iris&a=1&b=x%2Cy');
  });
});
