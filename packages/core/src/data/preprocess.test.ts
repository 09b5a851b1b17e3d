import { describe, expect, it } from 'vitest';
import { loadIris } from './iris.js';
import { MinMaxScaler, PreprocessOverflowError, preprocessorFromJSON, ScaleTransform, Standardizer } from './preprocess.js';
import { stratifiedSplit } from './split.js';

const rows = { x: Float32Array.from([1, 10, 5, 2, 10, 5, 3, 10, 8, 6, 10, 2]), inputSize: 3 };

describe('Standardizer', () => {
  it('fits mean and population std per feature (float64 reference) and handles zero std', () => {
    const s = new Standardizer().fit(rows);
    // column 0: 1,2,3,6 → mean 3, population variance (4+1+0+9)/4 = 3.5; column 1 constant; column 2: 5,5,8,2 → mean 5, var 4.5
    expect(s.mean).toEqual([3, 10, 5]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(s.std[1]).toBe(1);
    expect(s.std[2]).toBeCloseTo(Math.sqrt(4.5), 12);
    const t = s.transform(rows.x);
    expect(t).not.toBe(rows.x);
    expect(rows.x[0]).toBe(1);
    const expected = [1, 2, 3, 6].map((v) => (v - 3) / Math.sqrt(3.5));
    expected.forEach((v, r) => expect(t[r * 3]).toBeCloseTo(v, 6));
    for (let r = 0; r < 4; r++) expect(t[r * 3 + 1]).toBe(0);
  });

  it('gives zero mean and unit variance on the training rows, and uses train statistics on test', () => {
    const { train, test } = stratifiedSplit(loadIris(), 0.3, 42);
    const s = new Standardizer().fit(train);
    const t = s.transformDataset(train);
    for (let j = 0; j < 4; j++) {
      let m = 0;
      let v = 0;
      for (let r = 0; r < t.n; r++) m += t.x[r * 4 + j]!;
      m /= t.n;
      for (let r = 0; r < t.n; r++) v += (t.x[r * 4 + j]! - m) ** 2;
      expect(m).toBeCloseTo(0, 5);
      expect(v / t.n).toBeCloseTo(1, 5);
    }
    const tt = s.transformDataset(test);
    expect(tt.x[0]).toBeCloseTo((test.x[0]! - s.mean[0]!) / s.std[0]!, 5);
    expect(tt.y).toBe(test.y);
    expect(tt.classNames).toEqual(test.classNames);
  });

  it('transforms in place and checks shapes', () => {
    const s = new Standardizer().fit(rows);
    const x = Float32Array.from([3, 10, 5]);
    expect(s.transformInPlace(x)).toBe(x);
    expect(Array.from(x)).toEqual([0, 0, 0]);
    expect(() => s.transform(Float32Array.from([1, 2]))).toThrow(/whole number of rows of 3/);
    expect(() => s.transform(Float32Array.from([1, 2, 3]), 2)).toThrow(/expected 2 rows/);
    expect(() => new Standardizer().transform(x)).toThrow(/before fit/);
    expect(() => new Standardizer().fit({ x: Float32Array.from([1, NaN]), inputSize: 2 })).toThrow(/row 0, feature 1/);
  });
});

describe('MinMaxScaler', () => {
  it('maps the training range to [0, 1]; a constant feature to 0', () => {
    const m = new MinMaxScaler().fit(rows);
    expect(m.min).toEqual([1, 10, 2]);
    expect(m.max).toEqual([6, 10, 8]);
    const t = m.transform(rows.x);
    expect(Array.from(t, (v) => Math.round(v * 1e6) / 1e6)).toEqual(
      [0, 0, 0.5, 0.2, 0, 0.5, 0.4, 0, 1, 1, 0, 0].map((v) => Math.round(v * 1e6) / 1e6),
    );
  });
});

describe('preprocessor JSON', () => {
  it('round-trips every kind to the same transform', () => {
    const x = Float32Array.from([2.5, 11, 4, -1, 9, 7]);
    for (const p of [new Standardizer().fit(rows), new MinMaxScaler().fit(rows), new ScaleTransform(1 / 255)]) {
      const json = JSON.parse(JSON.stringify(p.toJSON())) as unknown;
      const q = preprocessorFromJSON(json);
      expect(q.type).toBe(p.type);
      expect(Array.from(q.transform(x))).toEqual(Array.from(p.transform(x)));
    }
    expect(new ScaleTransform(0.5).toJSON()).toEqual({ type: 'scale', factor: 0.5 });
  });

  it('refuses malformed JSON with a message naming the problem', () => {
    expect(() => preprocessorFromJSON(null)).toThrow(/expected an object/);
    expect(() => preprocessorFromJSON({ type: 'zscore' })).toThrow(/unknown type "zscore"/);
    expect(() => preprocessorFromJSON({ type: 'standardize', mean: [0, 1], std: [1] })).toThrow(/mean has 2 values but std has 1/);
    expect(() => preprocessorFromJSON({ type: 'standardize', mean: [0], std: [0] })).toThrow(/std\[0\] = 0 is not positive/);
    expect(() => preprocessorFromJSON({ type: 'standardize', mean: [0, 'a'], std: [1, 1] })).toThrow(/'mean' must be/);
    expect(() => preprocessorFromJSON({ type: 'minmax', min: [2], max: [1] })).toThrow(/min\[0\] = 2 exceeds max\[0\] = 1/);
    expect(() => preprocessorFromJSON({ type: 'scale', factor: 0 })).toThrow(/non-zero/);
    expect(() => preprocessorFromJSON({ type: 'scale' })).toThrow(/'factor' must be a number/);
  });
});

describe('a transform that overflows float32', () => {
  it('names the transform, the feature and the row, with the step written out', () => {
    const standardize = Standardizer.fromParams([0, 1e308], [1, 1]);
    const x = Float32Array.from([1, 2, 3, 4]);
    let caught: unknown;
    try {
      standardize.transform(x, 2);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PreprocessOverflowError);
    expect(caught).toBeInstanceOf(RangeError);
    expect(caught).toMatchObject({ transform: 'standardize', row: 0, feature: 1 });
    expect((caught as Error).message).toBe('standardize: feature 2 of row 1 overflows float32 in the preprocessing: (x − mean) / std = (2 − 1e+308) / 1 = -1e+308');
    expect(Array.from(x)).toEqual([1, 2, 3, 4]); // transform works on a copy
  });

  it('covers minmax and scale, and leaves non-finite input to the data checks', () => {
    expect(() => MinMaxScaler.fromParams([0, 0], [1, 1e-300]).transform(Float32Array.from([0, 0, 0.5, 1]), 2)).toThrow(
      /^minmax: feature 2 of row 2 overflows float32 in the preprocessing: \(x − min\) \/ \(max − min\) = \(1 − 0\) \/ 1e-300 = 9\.999999999999999e\+299$/,
    );
    expect(() => new ScaleTransform(1e30).transform(Float32Array.from([1, 2, 3, 1e10, 5, 6]), 2)).toThrow(
      /^scale: feature 1 of row 2 overflows float32 in the preprocessing: x · factor = 10000000000 · 1e\+30 = 1e\+40$/,
    );
    // NaN and Infinity in the input are the data's problem (checkFinite names them), not the transform's.
    expect(Array.from(Standardizer.fromParams([0], [1]).transform(Float32Array.from([NaN, Infinity])))).toEqual([NaN, Infinity]);
  });
});
