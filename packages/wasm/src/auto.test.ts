/**
 * `getBackend('auto')` takes the highest-priority backend that loads: native (10), then wasm (5),
 * then ts (0). Checked in child processes, each with a fresh registry: a native backend that
 * fails to load (as when the addon is not built) leaves auto on wasm, with one warning; wasm
 * alone wins over ts.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const index = new URL('../dist/index.js', import.meta.url).pathname;

function child(code: string): { name: string; warnings: string[] } {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: new URL('..', import.meta.url).pathname,
    encoding: 'utf8',
  });
  return JSON.parse(out) as { name: string; warnings: string[] };
}

const report = `
  const warnings = [];
  core.setBackendWarningHandler((message) => warnings.push(message));
  const backend = await core.getBackend('auto');
  console.log(JSON.stringify({ name: backend.info.name, warnings }));`;

describe("getBackend('auto') with the wasm backend registered", () => {
  it('is wasm when native fails to load, and says why once', () => {
    const result = child(`
      const core = await import('@backprop/core');
      core.registerBackend({ name: 'native', priority: 10, load: () => { throw new Error('the native addon is not built'); } });
      await import(${JSON.stringify(index)});
      ${report}`);
    expect(result.name).toBe('wasm');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/native.*the native addon is not built/);
  });

  it('is wasm rather than ts when no native backend is registered', () => {
    const result = child(`
      const core = await import('@backprop/core');
      await import(${JSON.stringify(index)});
      ${report}`);
    expect(result).toEqual({ name: 'wasm', warnings: [] });
  });

  it('is native when a native backend loads', () => {
    const result = child(`
      const core = await import('@backprop/core');
      core.registerBackend({ name: 'native', priority: 10, load: () => ({ ...core.tsBackend, info: { ...core.tsBackend.info, name: 'native' } }) });
      await import(${JSON.stringify(index)});
      ${report}`);
    expect(result).toEqual({ name: 'native', warnings: [] });
  });
});
