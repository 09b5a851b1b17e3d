/**
 * The default backend follows the registry: `ts` until a higher-priority backend loads, and
 * then that one for Model.create and deserializeModel (the node-native package tests the same
 * with the real addon). Each test gets a fresh registry (vi.resetModules).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from './backend.js';

async function fresh() {
  vi.resetModules();
  const registry = await import('./registry.js');
  const { tsBackend } = await import('./ts/index.js');
  const { Model } = await import('../model/model.js');
  const { deserializeModel, serializeModel } = await import('../model/serialize.js');
  const warnings: string[] = [];
  registry.setBackendWarningHandler((m) => warnings.push(m));
  const spec = { inputSize: 2, layers: [{ type: 'dense', units: 1 }], loss: 'mse' } as const;
  const roundTrip = (backend?: Backend) =>
    deserializeModel(serializeModel(Model.create(spec)), backend ? { backend } : {}).model.backend;
  return { ...registry, tsBackend, Model, spec, roundTrip, warnings };
}

/** A stand-in backend: the TS backend's kernels under another name, float32 only. */
function fake(ts: Backend, name: string): Backend {
  return Object.create(ts, { info: { value: { ...ts.info, name, description: name, float64: false } } }) as Backend;
}

describe('default backend', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('is ts when no other backend is registered: Model.create and deserializeModel use it', async () => {
    const r = await fresh();
    expect(r.defaultBackend()).toBe(r.tsBackend);
    expect(r.Model.create(r.spec).backend).toBe(r.tsBackend);
    expect(r.roundTrip()).toBe(r.tsBackend);
    expect(r.warnings).toEqual([]);
  });

  it('becomes an eager backend of higher priority as soon as it is registered; an explicit backend still wins', async () => {
    const r = await fresh();
    const other = fake(r.tsBackend, 'other');
    r.registerBackend({ name: 'other', priority: 10, load: () => other, eager: true });
    expect(r.defaultBackend()).toBe(other);
    expect(r.Model.create(r.spec).backend).toBe(other);
    expect(r.roundTrip()).toBe(other);
    expect(r.Model.create(r.spec, { backend: r.tsBackend }).backend).toBe(r.tsBackend);
    expect(r.roundTrip(r.tsBackend)).toBe(r.tsBackend);
    // float64 models need a backend that takes Float64Array: the default skips one that does not.
    expect(r.Model.create(r.spec, { dtype: 'float64' }).backend).toBe(r.tsBackend);
    expect(await r.getBackend('auto')).toBe(other);
    expect(r.warnings).toEqual([]);
  });

  it('ignores a lazy backend until it has loaded, and a lower-priority one always', async () => {
    const r = await fresh();
    const lazy = fake(r.tsBackend, 'lazy');
    const low = fake(r.tsBackend, 'low');
    r.registerBackend({ name: 'lazy', priority: 10, load: () => lazy });
    r.registerBackend({ name: 'low', priority: -1, load: () => low, eager: true });
    expect(r.Model.create(r.spec).backend).toBe(r.tsBackend);
    await r.getBackend('lazy');
    expect(r.Model.create(r.spec).backend).toBe(lazy);
  });

  it('switches to an asynchronous eager backend when its load resolves', async () => {
    const r = await fresh();
    const later = fake(r.tsBackend, 'later');
    let resolve!: (b: Backend) => void;
    r.registerBackend({ name: 'later', priority: 10, load: () => new Promise<Backend>((res) => (resolve = res)), eager: true });
    expect(r.defaultBackend()).toBe(r.tsBackend);
    resolve(later);
    expect(await r.getBackend('later')).toBe(later);
    expect(r.defaultBackend()).toBe(later);
  });

  it('stays on ts when an eager backend fails to load, warning once, as auto does', async () => {
    const r = await fresh();
    r.registerBackend({
      name: 'broken',
      priority: 10,
      load: () => {
        throw new Error('addon not built');
      },
      eager: true,
    });
    expect(r.backendLoadError('broken')?.message).toBe('addon not built');
    expect(r.Model.create(r.spec).backend).toBe(r.tsBackend);
    expect(r.roundTrip()).toBe(r.tsBackend);
    expect(r.warnings).toEqual(["backprop: using the 'ts' backend because 'broken' failed to load: addon not built"]);
    expect((await r.getBackend('auto')).info.name).toBe('ts');
    expect(r.warnings).toHaveLength(1);
    await expect(r.getBackend('broken')).rejects.toThrow('addon not built');
  });

  it('keeps a rejected asynchronous eager load as that backend\'s load error', async () => {
    const r = await fresh();
    r.registerBackend({ name: 'async-broken', priority: 10, load: () => Promise.reject(new Error('no wasm')), eager: true });
    await expect(r.getBackend('async-broken')).rejects.toThrow('no wasm');
    expect(r.backendLoadError('async-broken')?.message).toBe('no wasm');
    expect(r.defaultBackend()).toBe(r.tsBackend);
  });

  it('forgets a replaced registration: its load no longer counts', async () => {
    const r = await fresh();
    const first = fake(r.tsBackend, 'first');
    r.registerBackend({ name: 'x', priority: 10, load: () => first, eager: true });
    expect(r.defaultBackend()).toBe(first);
    r.registerBackend({ name: 'x', priority: 10, load: () => first });
    expect(r.defaultBackend()).toBe(r.tsBackend);
  });
});
