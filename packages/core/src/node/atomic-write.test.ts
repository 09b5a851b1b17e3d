// A failed save names the path the caller gave (not the hidden temporary file) and what is
// wrong with it, keeps Node's error code, and leaves no temporary file behind.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { checkOutputPath, removeTemporaryFilesSync, writeFileAtomic } from './atomic-write.js';
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

describe('writeFileAtomic refuses what a rename would replace', () => {
  const names = async (): Promise<string[]> => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

  it('an empty name, a symbolic link, a hard link, a FIFO and a device, leaving them as they were', async () => {
    const real = join(dir, 'real.txt');
    await writeFile(real, 'original');
    await symlink(real, join(dir, 'link.txt'));
    await link(real, join(dir, 'second-name.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect((await failure(() => writeFileAtomic('', 'x'))).message).toBe('the file name is empty');
    expect((await failure(() => writeFileAtomic(join(dir, 'link.txt'), 'x'))).message).toBe(
      `'${join(dir, 'link.txt')}' is a symbolic link: give the file it points to, or a new name (links are never written through)`,
    );
    expect((await failure(() => writeFileAtomic(real, 'x'))).message).toMatch(/is a hard link \(2 names for one file\)/);
    expect((await failure(() => writeFileAtomic(join(dir, 'pipe'), 'x'))).message).toBe(`'${join(dir, 'pipe')}' is a FIFO, not a regular file: give a regular file or a new name`);
    expect((await failure(() => writeFileAtomic('/dev/null', 'x'))).message).toBe(`'/dev/null' is a device, not a regular file: give a regular file or a new name`);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe('original');
    expect(await names()).toEqual([]);
  });

  it('a name longer than NAME_MAX is named as given; one of 255 bytes is written (its temporary name fits)', async () => {
    const long = join(dir, 'm'.repeat(300));
    const e = await failure(() => writeFileAtomic(long, 'x'));
    expect(e.message).toBe(`'${long}': the file name is longer than 255 bytes`);
    expect(e.code).toBe('ENAMETOOLONG');
    const longest = join(dir, 'n'.repeat(255));
    await writeFileAtomic(longest, 'fits');
    expect(await readFile(longest, 'utf8')).toBe('fits');
    expect(await names()).toEqual([]);
  });

  it('checkOutputPath says what is wrong with a folder where no file can be created', () => {
    expect(() => checkOutputPath('/proc/version')).toThrow("cannot create files in the folder '/proc' (not a writable file system)");
    expect(() => checkOutputPath(join(dir, 'no', 'm.bpm'))).toThrow(`the folder '${join(dir, 'no')}' does not exist (create it first)`);
    checkOutputPath(join(dir, 'fresh.bpm'));
    expect(existsSync(join(dir, 'fresh.bpm'))).toBe(false);
  });

  it('removeTemporaryFilesSync removes the temporary file of a write in progress', async () => {
    process.env['BACKPROP_TEST_WRITE_DELAY_MS'] = '200';
    try {
      const write = writeFileAtomic(join(dir, 'slow.bin'), new Uint8Array(1000));
      while ((await names()).length === 0) await new Promise((r) => setImmediate(r));
      removeTemporaryFilesSync();
      expect(await names()).toEqual([]);
      await expect(write).rejects.toThrow();
      expect(existsSync(join(dir, 'slow.bin'))).toBe(false);
    } finally {
      delete process.env['BACKPROP_TEST_WRITE_DELAY_MS'];
    }
  });
});
