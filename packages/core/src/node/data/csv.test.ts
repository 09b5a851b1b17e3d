import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './__tests__/temp-dir.js';
import { loadCsv } from './csv.js';

describe('loadCsv', () => {
  const dir = tempDir('bp-csv-');

  it('reads a file (BOM stripped) with a named target', () => {
    const path = join(dir, 'pets.csv');
    writeFileSync(path, '\ufeffweight,height,kind\n4.5,30,cat\n30,60,dog\n');
    const d = loadCsv(path, { target: 'kind' });
    expect(d.featureNames).toEqual(['weight', 'height']);
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(d.y)).toEqual([1, 0, 0, 1]);
  });

  it('names the file in errors', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b,c\n1,2,x\n1,two,y\n');
    expect(() => loadCsv(path)).toThrow(`${path} line 3, column 'b' (2): 'two' is not a number`);
    expect(() => loadCsv(join(dir, 'none.csv'))).toThrow(/none\.csv: file not found/);
  });
});
