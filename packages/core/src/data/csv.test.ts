import { describe, expect, it } from 'vitest';
import { isDecimalNumber, parseCsv } from './csv.js';
import { argmaxRows } from './one-hot.js';

const irisLike = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
7.0,3.2,4.7,1.4,versicolor

6.3,3.3,6.0,2.5,virginica
4.9,3.0,1.4,0.2,setosa
`;

describe('parseCsv', () => {
  it('detects the header, uses the last column as a string class target, sorted class names', () => {
    const d = parseCsv(irisLike);
    expect(d.hasHeader).toBe(true);
    expect([d.n, d.inputSize, d.outputSize]).toEqual([4, 4, 3]);
    expect(d.task).toBe('classification');
    expect(d.targetName).toBe('species');
    expect(d.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(argmaxRows(d.y, 3))).toEqual([0, 1, 2, 0]);
    expect(Array.from(d.x.subarray(4, 8))).toEqual([7, 3.2, 4.7, 1.4].map(Math.fround));
  });

  it('picks a target by name or index anywhere, first-seen order on request', () => {
    const text = `kind,a,b\ndog,1,2\ncat,3,4\ndog,5,6\n`;
    const byName = parseCsv(text, { target: 'kind', classOrder: 'first-seen' });
    expect(byName.classNames).toEqual(['dog', 'cat']);
    expect(Array.from(byName.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(argmaxRows(byName.y, 2))).toEqual([0, 1, 0]);
    expect(parseCsv(text, { target: 0 }).classNames).toEqual(['cat', 'dog']);
    expect(parseCsv(text, { target: -3 }).targetName).toBe('kind');
    expect(parseCsv(text, { target: '0' }).targetName).toBe('kind');
  });

  it('reads headerless files; numeric integer target with few values is classification, numerically sorted', () => {
    const d = parseCsv('0.5,10\n1.5,2\n2.5,10\n3.5,1.0\n');
    expect(d.hasHeader).toBe(false);
    expect(d.task).toBe('classification');
    expect(d.classNames).toEqual(['1', '2', '10']);
    expect(Array.from(argmaxRows(d.y, 3))).toEqual([2, 1, 2, 0]);
    expect(d.featureNames).toEqual(['column 1']);
    expect(d.targetName).toBe('column 2');
  });

  it('treats a fractional or many-valued numeric target as regression (one output)', () => {
    const d = parseCsv('x,y\n1,0.5\n2,1.25\n3,-2\n');
    expect(d.task).toBe('regression');
    expect(d.outputSize).toBe(1);
    expect(d.classNames).toBeUndefined();
    expect(Array.from(d.y)).toEqual([0.5, 1.25, -2]);
    const many = ['x,y', ...Array.from({ length: 30 }, (_, i) => `${i},${i * 3}`)].join('\n');
    expect(parseCsv(many).task).toBe('regression');
    expect(parseCsv(many, { task: 'classification' }).outputSize).toBe(30);
    expect(parseCsv(many, { maxClasses: 30 }).task).toBe('classification');
  });

  it('handles quoted cells, other delimiters and forced header modes', () => {
    const d = parseCsv('"a;b";"c"\n1;"x, y"\n2;z\n', { delimiter: ';' });
    expect(d.featureNames).toEqual(['a;b']);
    expect(d.classNames).toEqual(['x, y', 'z']);
    expect(() => parseCsv('a,b\n1,2\n', { hasHeader: false })).toThrow("CSV line 1, column 1: 'a' is not a number");
    expect(parseCsv('1,2\n3,4\n', { hasHeader: true }).featureNames).toEqual(['1']);
  });

  it('refuses missing and non-numeric cells, naming line and column', () => {
    expect(() => parseCsv('a,b,label\n1,2,x\n3,,y\n', { name: 'data.csv' })).toThrow(
      "data.csv line 3, column 'b' (2): missing value",
    );
    expect(() => parseCsv('a,b,label\n1,2,x\n\n3,abc,y\n')).toThrow("CSV line 4, column 'b' (2): 'abc' is not a number");
    expect(() => parseCsv('a,b,label\n1,NA,x\n')).toThrow("CSV line 2, column 'b' (2): missing value 'NA'");
    expect(() => parseCsv('1,2,x\n3,4,?\n')).toThrow('CSV line 2, column 3: missing value');
    expect(() => parseCsv('a,b,label\n1,2,x\n3,4\n')).toThrow('CSV line 3: 2 cells, expected 3');
    expect(() => parseCsv('a,b\n1,x\n', { task: 'regression' })).toThrow("column 'b' (2): 'x' is not a number (regression target)");
    // Numbers beyond float32's range would become Infinity in the Float32Array.
    expect(() => parseCsv('a,b,label\n1,2,x\n3,1e39,y\n')).toThrow("CSV line 3, column 'b' (2): '1e39' is too large for float32");
    expect(() => parseCsv('a,y\n1,0.5\n2,-4e38\n', { task: 'regression' })).toThrow("CSV line 3, column 'y' (2): '-4e38' is too large for float32");
    expect(() => parseCsv('1e308,2,x\n3,4,y\n', { name: 'big.csv' })).toThrow(
      "big.csv line 1, column 1: '1e308' is too large for float32 (reading the CSV into float32 would give Infinity; values must be within ±3.4e38)",
    );
  });

  it('refuses bad options and empty input', () => {
    expect(() => parseCsv(irisLike, { target: 'colour' })).toThrow(/no column named 'colour' \(columns: sepal_length/);
    expect(() => parseCsv(irisLike, { target: 5 })).toThrow(/index 5 is outside the 5 columns/);
    expect(() => parseCsv('1,a\n2,b\n', { target: 'a' })).toThrow(/no header row/);
    expect(() => parseCsv('\n\n')).toThrow(/no rows/);
    expect(() => parseCsv('a,b\n')).toThrow(/a header but no data rows/);
    expect(() => parseCsv('1\n2\n')).toThrow(/at least two columns/);
    // Values that TypeScript would catch but a JavaScript caller or a config file can pass.
    const loose = (o: Record<string, unknown>): never => parseCsv(irisLike, o as never) as never;
    expect(() => loose({ task: 'classify' })).toThrow(/option task must be one of "auto", "classification", "regression", got "classify"/);
    expect(() => loose({ classOrder: 'alpha' })).toThrow(/option classOrder must be one of "sorted", "first-seen", got "alpha"/);
    expect(() => loose({ hasHeader: 'yes' })).toThrow(/option hasHeader must be one of "auto", true, false, got "yes"/);
    expect(() => loose({ maxClasses: 1.5 })).toThrow(/option maxClasses must be an integer ≥ 2, got 1.5/);
  });
});

describe('isDecimalNumber', () => {
  it('takes signed decimals with an optional exponent, and nothing Number() alone would also take', () => {
    for (const ok of ['5', '-1.5', '+3', '.5', '4.', '1e-3', '2.5E+10']) expect(isDecimalNumber(ok), ok).toBe(true);
    for (const bad of ['', '0x10', 'Infinity', 'NaN', '1,5', '1e', ' 5']) expect(isDecimalNumber(bad), bad).toBe(false);
  });
});
