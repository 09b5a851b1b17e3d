/**
 * Importing @backprop/node-native makes `native` the default backend (as importing tfjs-node
 * switches TensorFlow.js): Model.create, deserializeModel and the Node loadModel run on it
 * without being told, and an explicit backend still wins. When the addon cannot load, the
 * default stays `ts` with one warning (checked in child processes, each with a fresh registry).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultBackend, deserializeModel, getBackend, Model, serializeModel, tsBackend } from '@backprop/core';
import { loadModel, saveModel } from '@backprop/core/node';
import './index.js';

const spec = { inputSize: 3, layers: [{ type: 'dense', units: 2 }], loss: 'mse' } as const;
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).pathname;

/** Runs an ES module in a fresh Node process and returns what it printed, parsed. */
function child(code: string, env: Record<string, string> = {}): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('the default backend after importing @backprop/node-native', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-default-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is native: Model.create, deserializeModel and loadModel use it without being told', async () => {
    // Asked before anything calls getBackend: the import alone made native the default.
    const model = Model.create(spec);
    expect(model.backend.info.name).toBe('native');
    const native = await getBackend('native');
    expect(model.backend).toBe(native);
    expect(defaultBackend()).toBe(native);
    expect(deserializeModel(serializeModel(model)).model.backend).toBe(native);
    const file = join(dir, 'm.bpm');
    await saveModel(file, model);
    expect((await loadModel(file)).model.backend).toBe(native);
  });

  it('yields to an explicit backend, and to ts for float64 models', async () => {
    expect(Model.create(spec, { backend: tsBackend }).backend).toBe(tsBackend);
    expect(deserializeModel(serializeModel(Model.create(spec)), { backend: tsBackend }).model.backend).toBe(tsBackend);
    const file = join(dir, 'explicit.bpm');
    await saveModel(file, Model.create(spec));
    expect((await loadModel(file, { backend: tsBackend })).model.backend).toBe(tsBackend);
    expect(Model.create(spec, { dtype: 'float64' }).backend).toBe(tsBackend);
  });

  it('is native from the first line after the import, in a fresh process (the addon loads at import)', () => {
    const result = child(`
      await import(${JSON.stringify(dist('index.js'))});
      const { Model } = await import('@backprop/core');
      console.log(JSON.stringify(Model.create(${JSON.stringify(spec)}).backend.info.name));`);
    expect(result).toBe('native');
  });

  it('stays ts with one warning when the addon cannot load, and naming native throws why', () => {
    // An invalid BACKPROP_THREADS makes the addon's loading fail, as a missing build would.
    const result = child(
      `
      const warnings = [];
      const core = await import('@backprop/core');
      core.setBackendWarningHandler((m) => warnings.push(m));
      await import(${JSON.stringify(dist('index.js'))});
      const created = core.Model.create(${JSON.stringify(spec)}).backend.info.name;
      const loaded = core.deserializeModel(core.serializeModel(core.Model.create(${JSON.stringify(spec)}))).model.backend.info.name;
      const auto = (await core.getBackend('auto')).info.name;
      const named = await core.getBackend('native').then(() => 'loaded', (e) => e.message);
      console.log(JSON.stringify({ created, loaded, auto, named, warnings }));`,
      { BACKPROP_THREADS: 'lots' },
    ) as { created: string; loaded: string; auto: string; named: string; warnings: string[] };
    expect(result.created).toBe('ts');
    expect(result.loaded).toBe('ts');
    expect(result.auto).toBe('ts');
    expect(result.named).toContain("BACKPROP_THREADS must be an integer from 1 to 256, got 'lots'");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain("using the 'ts' backend because 'native' failed to load: BACKPROP_THREADS");
  });
});
