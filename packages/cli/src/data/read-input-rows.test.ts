/** predict's CSV input: a file whose only line is a header has no rows to predict, and says so. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { tempDir } from '../test-support/run-cli.js';
import { parseInlineRows, readCsvRows } from './read-input-rows.js';

const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

function csv(text: string): string {
  const path = join(tempDir(), 'input.csv');
  writeFileSync(path, text);
  return path;
}

describe('readCsvRows', () => {
  it('reads the feature columns of a headed file by name', () => {
    const rows = readCsvRows(csv('petal_width,sepal_length,sepal_width,petal_length,species\n0.2,5.1,3.5,1.4,setosa\n'), 4, FEATURES);
    expect(rows.rows).toBe(1);
    expect(Array.from(rows.x)).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(rows.labels).toEqual(['line 2']);
  });

  it('refuses a file that holds only a header line', () => {
    const path = csv(`${FEATURES.join(',')}\n`);
    expect(() => readCsvRows(path, 4, FEATURES)).toThrow(CliError);
    expect(() => readCsvRows(path, 4, FEATURES)).toThrow(/input\.csv' holds a header line but no data rows/);
  });

  it('says why a lone line with a non-number was taken as a header', () => {
    const path = csv('5.1,3.5,1.4,x\n');
    expect(() => readCsvRows(path, 4, FEATURES)).toThrow(/no data rows: its only line was read as a header because 'x' is not a number/);
  });

  it('labels rows and errors with their line in the file, blank lines included', () => {
    const rows = readCsvRows(csv(`\n${FEATURES.join(',')}\n\n5.1,3.5,1.4,0.2\n\n6.7,3.0,5.2,2.3\n`), 4, FEATURES);
    expect(rows.labels).toEqual(['line 4', 'line 6']);
    expect(() => readCsvRows(csv('5.1,3.5,1.4,0.2\n\n\n6.7,3.0,oops,2.3\n'), 4, FEATURES)).toThrow(/input\.csv: line 4, column 3: 'oops' is not a number/);
  });

  it('reads decimal numbers only (0x10 is not 16)', () => {
    expect(() => readCsvRows(csv('5.1,3.5,1.4,0x10\n'), 4, undefined)).toThrow(/'0x10' is not a number/);
    expect(() => parseInlineRows('5.1,3.5,1.4,0x10', 4)).toThrow(/value 4: '0x10' is not a number/);
    expect(Array.from(parseInlineRows('-1.5e2, .5,+3,4.', 4).x)).toEqual([-150, 0.5, 3, 4]);
  });
});
