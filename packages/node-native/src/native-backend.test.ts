import { afterEach, describe, expect, it } from 'vitest';
import { loadAddon } from './addon.js';
import { NativeBackend } from './native-backend.js';

const addon = loadAddon();
const initial = addon.info();

describe('NativeBackend.info', () => {
  afterEach(() => addon.configure(initial.threads, initial.isa));

  it('follows configure: the ISA and thread count GEMM dispatches to now', () => {
    const backend = new NativeBackend(addon);
    backend.configure(1, 'generic');
    expect(backend.info).toEqual({ name: 'native', description: 'native (generic, 1 thread)', isa: 'generic', threads: 1, float64: false });
    // The addon's own configure (process-wide) is seen too.
    addon.configure(3, 'generic');
    expect(backend.info.description).toBe('native (generic, 3 threads)');
    expect(backend.info.threads).toBe(3);
    const best = initial.isas[initial.isas.length - 1]!;
    addon.configure(2, best);
    expect(backend.info).toMatchObject({ isa: best, threads: 2, description: `native (${best}, 2 threads)` });
  });

  it('returns the same object while the configuration is unchanged', () => {
    const backend = new NativeBackend(addon);
    expect(backend.info).toBe(backend.info);
  });
});
