import { describe, expect, it } from 'vitest';
import { getBackend, listBackends, registerBackend, tsBackend } from '../index.js';

describe('backend registry', () => {
  it('returns the ts backend by name and under auto when nothing else is registered', async () => {
    expect(await getBackend('ts')).toBe(tsBackend);
    expect(listBackends()).toContain('ts');
  });

  it('auto falls through a backend that fails to load, and naming it throws its error', async () => {
    registerBackend({
      name: 'broken-test',
      priority: 100,
      load: () => {
        throw new Error('addon not built');
      },
    });
    const warnings: string[] = [];
    const { setBackendWarningHandler } = await import('../index.js');
    setBackendWarningHandler((m) => warnings.push(m));
    const chosen = await getBackend('auto');
    expect(chosen.info.name).toBe('ts');
    expect(warnings.join('\n')).toMatch(/broken-test.*addon not built/);
    // Said once: a second auto lookup falls through again without repeating the warning.
    expect((await getBackend('auto')).info.name).toBe('ts');
    expect(warnings).toHaveLength(1);
    await expect(getBackend('broken-test')).rejects.toThrow('addon not built');
    await expect(getBackend('nope')).rejects.toThrow(/unknown backend 'nope'/);
  });
});
