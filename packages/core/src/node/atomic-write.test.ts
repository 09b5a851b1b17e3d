// A failed save names the path the caller gave (not the hidden temporary file) and what is
// wrong with it, keeps Node's error code, and leaves no temporary file behind.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { writeFileAtomic } from './atomic-write.js';
import { saveModel } from './model-files.js';

const dir = await mkdtemp(join(tmpdir(), 'backprop-atomic-write-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function failure(write: () => Promise<void>): Promise<NodeJS.ErrnoException> {
  try {
    await write();
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
  throw new Error('the write succeeded');
}

describe('writeFileAtomic errors', () => {
  it('a folder that does not exist', async () => {
    const path = join(dir, 'no', 'such', 'm.bpm');
    const model = Model.create({ inputSize: 1, layers: [{ type: 'dense', units: 1 }], loss: 'mse' });
    const e = await failure(() => saveModel(path, model));
    expect(e.message).toBe(`the folder '${join(dir, 'no', 'such')}' does not exist (create it first)`);
    expect(e.code).toBe('ENOENT');
    expect((e.cause as Error).message).toMatch(/ENOENT/);
  });

  it('a file where a folder should be', async () => {
    await writeFile(join(dir, 'plain'), 'x');
    const e = await failure(() => writeFileAtomic(join(dir, 'plain', 'out.json'), '{}'));
    expect(e.message).toBe(`the folder '${join(dir, 'plain')}' does not exist (create it first)`);
    expect(e.code).toBe('ENOTDIR');
  });

  it('a folder given as the file, with no temporary file left behind', async () => {
    const target = join(dir, 'models');
    await mkdir(target);
    const e = await failure(() => writeFileAtomic(target, 'data'));
    expect(e.message).toBe(`'${target}' is a folder; give a file name inside it`);
    expect(e.code).toBe('EISDIR');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
