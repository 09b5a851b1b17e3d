import { describe, expect, it } from 'vitest';
import { fuzzValidCalls, runBackendFuzz } from '@backprop/core/testing';
import { loadAddon } from './addon.js';
import { loadNativeBackend } from './index.js';

// The fuzz suite every backend passes (wrong argument types and values, overlaps, window
// geometry, overflowing sizes, random mutations), through the NativeBackend, which forwards each
// op straight to the addon. What follows needs the raw addon: its export list, its argument-count
// check (a Backend method ignores extra arguments, the binding refuses them) and configure/info.
runBackendFuzz({ describe, it }, loadNativeBackend(), { label: 'native' });

const addon = loadAddon();
const VALID = fuzzValidCalls();

/** A label for a value in failure messages (String() throws on symbols). */
function label(value: unknown): string {
  return typeof value === 'symbol' ? value.toString() : String(value);
}

/** Calls a binding of the raw addon and returns the error class thrown, or 'ok'; the message must start with its name. */
function outcome(fn: string, args: unknown[]): string {
  try {
    (addon as unknown as Record<string, (...a: unknown[]) => unknown>)[fn]!(...args);
    return 'ok';
  } catch (error) {
    expect((error as Error).message.startsWith(`${fn}: `), `message of ${fn}: ${(error as Error).message}`).toBe(true);
    return (error as Error).constructor.name;
  }
}

describe('fuzz: the addon object', () => {
  it('exports a binding for every op of the fuzz table, and info and configure', () => {
    const exported = Object.keys(addon).filter((k) => k !== 'info' && k !== 'configure').sort();
    expect(exported).toEqual(Object.keys(VALID).sort());
    expect([typeof addon.info, typeof addon.configure]).toEqual(['function', 'function']);
  });

  it('throws TypeError for a wrong argument count', () => {
    for (const [fn, valid] of Object.entries(VALID)) {
      for (const count of [0, 1, valid.length - 1, valid.length + 1, valid.length + 5]) {
        const args = count <= valid.length ? valid.slice(0, count) : [...valid, ...Array.from({ length: count - valid.length }, () => 1)];
        expect(outcome(fn, args), `${fn} with ${count} arguments`).toBe('TypeError');
      }
    }
  });

  it('validates configure(threads, isa) and keeps the configuration on failure', () => {
    const before = addon.info();
    const configure = (...args: unknown[]) => (addon.configure as unknown as (...a: unknown[]) => void)(...args);
    const kind = (args: unknown[]): string => {
      try {
        configure(...args);
        return 'ok';
      } catch (error) {
        expect((error as Error).message.startsWith('configure: '), (error as Error).message).toBe(true);
        return (error as Error).constructor.name;
      }
    };
    try {
      for (const count of [0, 1, 3]) expect(kind([1, null, null].slice(0, count)), `${count} arguments`).toBe('TypeError');
      for (const bad of ['2', true, null, undefined, {}, new Float32Array(1), 2n]) expect(kind([bad, null]), label(bad)).toBe('TypeError');
      for (const bad of [0, -1, 1.5, NaN, Infinity, 257, 2 ** 53]) expect(kind([bad, null]), label(bad)).toBe('RangeError');
      for (const bad of [1, true, {}, new Float32Array(1), Symbol('avx2')]) expect(kind([1, bad]), label(bad)).toBe('TypeError');
      for (const bad of ['', 'AVX2', 'avx2 ', 'avx2\0junk', 'sse', 'x'.repeat(100)]) expect(kind([1, bad]), JSON.stringify(bad)).toBe('RangeError');
      for (const isa of ['generic', 'avx2', 'avx512']) expect(kind([1, isa]), isa).toBe(before.isas.includes(isa) ? 'ok' : 'RangeError');
      // A refused call leaves the last good configuration in place.
      configure(1, 'generic');
      expect(kind([0, 'avx2'])).toBe('RangeError');
      expect(kind([3, 'avx2\0'])).toBe('RangeError');
      expect(addon.info()).toMatchObject({ isa: 'generic', threads: 1 });
    } finally {
      configure(before.threads, null);
    }
    expect(addon.info()).toEqual(before);
  });

});
