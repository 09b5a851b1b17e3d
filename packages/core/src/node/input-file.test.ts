/**
 * Special and oversized files are refused by name before anything is read: a device would be read
 * until memory runs out, a FIFO would block the open until a writer came.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { tempDir } from './data/__tests__/temp-dir.js';
import { loadCsv } from './data/csv.js';
import { loadDataSource } from './data/data-source.js';
import { checkInputFile, formatBytes, INPUT_FILE_LIMITS, InputFileError, readInputFile } from './input-file.js';
import { loadModel, saveModel } from './model-files.js';

const dir = tempDir('bp-input-file-');
const fifo = join(dir, 'pipe.bpm');
execFileSync('mkfifo', [fifo]);
const sparse = join(dir, 'huge.csv');
writeFileSync(sparse, '');
truncateSync(sparse, 10 * 2 ** 30); // 10 GiB of holes: no block is written
mkdirSync(join(dir, 'folder'));

describe('readInputFile', () => {
  it('reads a regular file whole', () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'hello');
    expect(readInputFile(path, 'text file', 5).toString()).toBe('hello');
  });

  it.each([
    ['/dev/zero', 'ENOTREG', "model file '/dev/zero' is a character device, not a regular file"],
    [fifo, 'ENOTREG', `model file '${fifo}' is a FIFO (named pipe), not a regular file`],
    [join(dir, 'folder'), 'EISDIR', `model file '${join(dir, 'folder')}' is a folder, not a file`],
    [join(dir, 'none'), 'ENOENT', `model file '${join(dir, 'none')}' does not exist`],
    [sparse, 'EFBIG', `model file '${sparse}' is 10 GiB (10737418240 bytes), over the 2 GiB limit for model files`],
  ])('refuses %s (%s)', (path, code, message) => {
    const error = (() => {
      try {
        readInputFile(path, 'model file', INPUT_FILE_LIMITS.model);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputFileError);
    expect(error).toMatchObject({ code, message });
  });

  it('refuses a file one byte over the limit, and takes one at the limit', () => {
    const path = join(dir, 'six.txt');
    writeFileSync(path, 'abcdef');
    expect(checkInputFile(path, 'text file', 6)).toBe(6);
    expect(() => readInputFile(path, 'text file', 5)).toThrow(`text file '${path}' is 6 bytes, over the 5 bytes limit for text files`);
  });

  it('formats sizes in binary units', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(2 ** 20), formatBytes(1.5 * 2 ** 30)]).toEqual(['0 bytes', '1023 bytes', '1 MiB', '1.5 GiB']);
  });
});

describe("core/node's readers refuse special and oversized files", () => {
  it('loadModel: a device, a FIFO, a file over maxBytes', async () => {
    await expect(loadModel('/dev/zero')).rejects.toMatchObject({ code: 'ENOTREG', message: "model file '/dev/zero' is a character device, not a regular file" });
    await expect(loadModel(fifo)).rejects.toMatchObject({ code: 'ENOTREG' });
    const path = join(dir, 'm.bpm');
    await saveModel(path, Model.create({ inputSize: 2, layers: [{ type: 'dense', units: 1 }], loss: 'mse' }));
    await expect(loadModel(path, { maxBytes: 100 })).rejects.toThrow(/^model file '.*m\.bpm' is \d+ bytes, over the 100 bytes limit for model files$/);
    expect((await loadModel(path)).model.inputSize).toBe(2);
  });

  it('loadCsv and loadDataSource: a device, a FIFO, a 10 GiB file', async () => {
    expect(() => loadCsv('/dev/zero')).toThrow("CSV file '/dev/zero' is a character device, not a regular file");
    expect(() => loadCsv(fifo)).toThrow(/is a FIFO \(named pipe\), not a regular file/);
    expect(() => loadCsv(sparse)).toThrow('is 10 GiB (10737418240 bytes), over the 256 MiB limit for CSV files');
    await expect(loadDataSource('/dev/zero')).rejects.toThrow("data file '/dev/zero' is a character device, not a regular file");
    await expect(loadDataSource(sparse)).rejects.toMatchObject({ code: 'EFBIG' });
  });
});
