import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendLoadError, getBackend, listBackends, registerBackend, setBackendWarningHandler } from '@backprop/core';
import { BUILD_COMMAND, addonPath, loadAddon, loadAddonFrom } from './addon.js';
import { loadNativeBackend } from './index.js';
import { threadsFromEnv } from './threads.js';

describe('registration and loading', () => {
  it("registers 'native' above 'ts', and auto picks it", async () => {
    expect(listBackends().slice(0, 2)).toEqual(['native', 'ts']);
    const backend = await getBackend('auto');
    expect(backend.info.name).toBe('native');
    expect(backend).toBe(await getBackend('native'));
    expect(backend.info.float64).toBe(false);
    expect(['generic', 'avx2', 'avx512']).toContain(backend.info.isa);
    expect(backend.info.threads).toBeGreaterThanOrEqual(1);
    expect(backend.info.description).toBe(
      `native (${backend.info.isa}, ${backend.info.threads} thread${backend.info.threads === 1 ? '' : 's'})`,
    );
  });

  it('reports what is dispatched to: the best ISA this CPU supports', () => {
    const info = loadAddon().info();
    expect(info.isas[0]).toBe('generic');
    expect(info.isa).toBe(info.isas[info.isas.length - 1]);
    expect(info.cpus).toBeGreaterThanOrEqual(1);
  });

  it('explains a missing addon and how to build it', () => {
    const missing = join(tmpdir(), 'no-such-dir', 'backprop.node');
    expect(() => loadAddonFrom(missing)).toThrow(`the native addon is not built (${missing} is missing); build it with: ${BUILD_COMMAND}`);
  });

  it('explains an addon that fails to load', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'backprop-')), 'backprop.node');
    writeFileSync(broken, 'not a shared object');
    expect(() => loadAddonFrom(broken)).toThrow(/^the native addon .*backprop\.node failed to load \(.+\); rebuild it with: pnpm --filter @backprop\/node-native build$/);
  });

  it("falls back from auto to ts with one warning when 'native' cannot load, and 'native' then throws that error", async () => {
    const warnings: string[] = [];
    setBackendWarningHandler((m) => warnings.push(m));
    const failure = (): never => loadAddonFrom(join(tmpdir(), 'missing', 'backprop.node')) as never;
    registerBackend({ name: 'native', priority: 10, load: failure });
    try {
      expect((await getBackend('auto')).info.name).toBe('ts');
      expect((await getBackend('auto')).info.name).toBe('ts');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("'native' failed to load: the native addon is not built");
      expect(warnings[0]).toContain(BUILD_COMMAND);
      await expect(getBackend('native')).rejects.toThrow(BUILD_COMMAND);
      expect(backendLoadError('native')?.message).toContain('is missing');
    } finally {
      registerBackend({ name: 'native', priority: 10, load: loadNativeBackend });
    }
    expect((await getBackend('native')).info.name).toBe('native');
  });
});

describe('BACKPROP_THREADS', () => {
  it('parses a positive integer and defaults to the CPU count', () => {
    expect(threadsFromEnv({}, 2)).toBe(2);
    expect(threadsFromEnv({ BACKPROP_THREADS: '' }, 4)).toBe(4);
    expect(threadsFromEnv({ BACKPROP_THREADS: '1' }, 2)).toBe(1);
    expect(threadsFromEnv({ BACKPROP_THREADS: ' 3 ' }, 2)).toBe(3);
  });

  it('rejects anything else with a message that names the variable', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '1e9', 'NaN']) {
      expect(() => threadsFromEnv({ BACKPROP_THREADS: bad }, 2)).toThrow(`BACKPROP_THREADS must be an integer from 1 to 256, got '${bad}'`);
    }
  });

  it('sets the thread count the backend reports (child processes)', () => {
    const script = `import('${new URL('./index.ts', import.meta.url).pathname.replace(/\.ts$/, '.js').replace('/src/', '/dist/')}').then(async (m) => { const b = m.loadNativeBackend(); process.stdout.write(JSON.stringify(b.info)); })`;
    const run = (threads: string) =>
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, BACKPROP_THREADS: threads } }).toString()) as {
        threads: number;
        description: string;
      };
    const one = run('1');
    expect(one.threads).toBe(1);
    expect(one.description).toMatch(/^native \((generic|avx2|avx512), 1 thread\)$/);
    expect(run('3').threads).toBe(3);
  });

  it('addonPath points into build/Release', () => {
    expect(addonPath()).toMatch(/build[\\/]Release[\\/]backprop\.node$/);
  });
});
