import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { writeFileAtomic } from './atomic-write.js';
import { loadModel, saveModel } from './model-files.js';

const dir = await mkdtemp(join(tmpdir(), 'backprop-model-files-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec = { inputSize: 2, layers: [{ type: 'dense', units: 3, activation: 'tanh' }, { type: 'dense', units: 1 }], loss: 'mse' } as const;

describe('saveModel / loadModel', () => {
  it('saves atomically (no temp files left) and loads the same model', async () => {
    const path = join(dir, 'm.bpm');
    const model = Model.create(spec, { seed: 5 });
    await saveModel(path, model, { featureNames: ['u', 'v'] });
    await saveModel(path, model, { featureNames: ['u', 'v'] }); // replacing an existing file
    expect(await readdir(dir)).toEqual(['m.bpm']);
    const { model: loaded, metadata } = await loadModel(path);
    expect(loaded.getWeights()).toEqual(model.getWeights());
    expect(metadata.featureNames).toEqual(['u', 'v']);
    expect(typeof metadata.createdAt).toBe('string');
  });

  it('names the file in format errors, and a failed save leaves the old file intact', async () => {
    const path = join(dir, 'bad.bpm');
    await writeFile(path, 'hello');
    await expect(loadModel(path)).rejects.toThrow(`${path}: not a backprop model file (bad magic bytes)`);
    const good = join(dir, 'good.bpm');
    const model = Model.create(spec);
    await saveModel(good, model);
    const before = await readFile(good);
    await expect(saveModel(join(dir, 'missing-dir', 'x.bpm'), model)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(good)).toEqual(before);
  });

  it('says a missing file is not found, and a folder is not a model file (keeping the error code)', async () => {
    const missing = join(dir, 'nope.bpm');
    await expect(loadModel(missing)).rejects.toMatchObject({ message: `${missing}: file not found`, code: 'ENOENT' });
    await expect(loadModel(dir)).rejects.toMatchObject({ message: `${dir}: is a folder, not a model file`, code: 'EISDIR' });
  });

  it('removes its temporary file when the final rename fails', async () => {
    const sub = await mkdtemp(join(dir, 'rename-fails-'));
    // The target is a non-empty directory: the temp file is written and synced, then rename refuses.
    const target = join(sub, 'taken.bpm');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'x');
    await expect(saveModel(target, Model.create(spec))).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) });
    expect(await readdir(sub)).toEqual(['taken.bpm']);
  });

  it('keeps the permission bits of the file it replaces, and writes text as UTF-8', async () => {
    const path = join(dir, 'shared.json');
    await writeFile(path, '{}');
    await chmod(path, 0o640);
    await writeFileAtomic(path, '{"é":1}');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readFile(path, 'utf8')).toBe('{"é":1}');
    await saveModel(path, Model.create(spec));
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });
});
