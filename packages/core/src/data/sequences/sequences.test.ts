/** The sequence data sets: shapes, exact values, seeding, and errors. */
import { describe, expect, it } from 'vitest';
import { findDataset } from '../registry.js';
import { ADDING_BASELINE_MSE, addingProblem } from './adding.js';
import './index.js';
import { patternCompletion } from './pattern-completion.js';
import { sineWaves } from './sine.js';
import { TEXT_CORPUS } from './text-corpus.js';
import { characterText, encodeChars, textVocabulary } from './text.js';
import { xorDataset } from './xor.js';

describe('sine windows', () => {
  it('are consecutive samples of one sine per row, the target its next value', () => {
    const d = sineWaves({ n: 4, seqLen: 10, seed: 3 });
    expect([d.n, d.inputSize, d.outputSize]).toEqual([4, 10, 1]);
    for (let i = 0; i < 4; i++) {
      const row = Array.from(d.x.subarray(i * 10, (i + 1) * 10));
      // s(t+1) = 2cos(ω)s(t) − s(t−1) holds for any sine of angular step ω = 2π/25.
      const c = 2 * Math.cos((2 * Math.PI) / 25);
      for (let t = 2; t < 10; t++) expect(row[t]).toBeCloseTo(c * row[t - 1] - row[t - 2], 5);
      expect(d.y[i]).toBeCloseTo(c * row[9] - row[8], 5);
    }
    expect(Array.from(sineWaves({ n: 4, seqLen: 10, seed: 3 }).x)).toEqual(Array.from(d.x));
    expect(Array.from(sineWaves({ n: 4, seqLen: 10, seed: 4 }).x)).not.toEqual(Array.from(d.x));
  });

  it('offer shifted sequence targets and reject bad options', () => {
    const d = sineWaves({ n: 2, seqLen: 6, sequenceTargets: true });
    expect(d.outputSize).toBe(6);
    for (let t = 0; t < 5; t++) expect(d.y[t]).toBeCloseTo(d.x[t + 1], 6);
    expect(() => sineWaves({ seqLen: 0 })).toThrow(/seqLen must be a positive integer/);
    expect(() => sineWaves({ period: -1 })).toThrow(/period must be > 0/);
  });
});

describe('adding problem', () => {
  it('marks exactly one step in each half; the target is the sum of the marked values', () => {
    const T = 50;
    const d = addingProblem({ n: 2000, seqLen: T, seed: 5 });
    expect([d.inputSize, d.outputSize]).toEqual([100, 1]);
    let base = 0;
    let bad = 0;
    for (let i = 0; i < d.n; i++) {
      const marks: number[] = [];
      let sum = 0;
      for (let t = 0; t < T; t++) {
        const v = d.x[(i * T + t) * 2];
        if (!(v >= 0 && v < 1)) bad++;
        if (d.x[(i * T + t) * 2 + 1] === 1) {
          marks.push(t);
          sum += v;
        }
      }
      if (marks.length !== 2 || marks[0] >= 25 || marks[1] < 25 || Math.abs(d.y[i] - sum) > 1e-6) bad++;
      base += (d.y[i] - 1) ** 2;
    }
    expect(bad).toBe(0);
    // The always-1.0 baseline is Var(U+U) = 1/6.
    expect(base / d.n).toBeCloseTo(ADDING_BASELINE_MSE, 1);
  });
});

describe('character text', () => {
  it('ships the public-domain corpus intact', () => {
    expect(TEXT_CORPUS.length).toBeGreaterThan(12000);
    expect(TEXT_CORPUS).toContain('We hold these truths to be self-evident, that all men are created equal');
    expect(TEXT_CORPUS).toContain('shall not perish from the earth.');
    expect(TEXT_CORPUS).toContain('So long lives this, and this gives life to thee.');
  });

  it('one-hot windows whose target is the next character', () => {
    const text = 'abcabd';
    const d = characterText({ text, seqLen: 3, stride: 1 });
    expect(d.vocabulary).toEqual(['a', 'b', 'c', 'd']);
    expect(d.n).toBe(3);
    const decode = (v: Float32Array, at: number) => d.vocabulary[Array.from(v.subarray(at * 4, at * 4 + 4)).indexOf(1)];
    // Row 2 is "cab" → "d".
    expect([0, 1, 2].map((t) => decode(d.x, 2 * 3 + t)).join('')).toBe('cab');
    expect(decode(d.y, 2)).toBe('d');
    expect(Array.from(encodeChars('ba', d.vocabulary))).toEqual([0, 1, 0, 0, 1, 0, 0, 0]);
    expect(() => encodeChars('z', d.vocabulary)).toThrow(/not in the vocabulary/);
    expect(characterText({ text, seqLen: 3, stride: 1, maxRows: 2 }).n).toBe(2);
    expect(() => characterText({ text, seqLen: 3, maxRows: -1 })).toThrow(/maxRows must be a positive integer, got -1/);
    expect(() => characterText({ text, seqLen: 3, maxRows: 0 })).toThrow(/maxRows must be a positive integer, got 0/);
    expect(textVocabulary(TEXT_CORPUS).length).toBeLessThan(80);
  });

  it('with tokens, each window is its characters\' ids: the argmax of the one-hot rows', () => {
    const oneHot = characterText({ seqLen: 16, stride: 5, maxRows: 200 });
    const ids = characterText({ seqLen: 16, stride: 5, maxRows: 200, tokens: true });
    const V = oneHot.vocabulary.length;
    expect([ids.n, ids.inputSize, ids.outputSize, ids.vocabSize]).toEqual([200, 16, V, V]);
    expect(oneHot.vocabSize).toBeUndefined();
    // Vocabulary, classes and targets are the one-hot set's.
    expect(ids.vocabulary).toEqual(oneHot.vocabulary);
    expect(ids.classNames).toEqual(oneHot.classNames);
    expect(ids.y).toEqual(oneHot.y);
    for (let step = 0; step < 200 * 16; step++) {
      const row = Array.from(oneHot.x.subarray(step * V, (step + 1) * V));
      expect(ids.x[step]).toBe(row.indexOf(1));
    }
    const small = characterText({ text: 'abcabd', seqLen: 3, stride: 1, tokens: true });
    // Row 2 is "cab" → "d".
    expect(Array.from(small.x.subarray(6, 9))).toEqual([2, 0, 1]);
  });

  it('the text entry declares token ids and gives them when loaded with tokens', async () => {
    const entry = findDataset('text')!;
    expect(entry.tokens).toBe(true);
    expect(findDataset('sine')!.tokens).toBeUndefined();
    const ctx = { readAsset: () => Promise.reject(new Error('no assets needed')) };
    const [oneHot, ids] = await Promise.all([entry.load(ctx, { seqLen: 8 }), entry.load(ctx, { seqLen: 8, tokens: true })]);
    expect(oneHot.inputSize).toBe(8 * oneHot.outputSize);
    expect([ids.n, ids.inputSize, ids.vocabSize]).toEqual([oneHot.n, 8, oneHot.outputSize]);
  });
});

describe('xor and pattern completion', () => {
  it('xor is the truth table', () => {
    const d = xorDataset();
    for (let i = 0; i < 4; i++) expect(d.y[i]).toBe(d.x[2 * i] !== d.x[2 * i + 1] ? 1 : 0);
  });

  it('cues erase exactly `erase` bits and have a unique completion', () => {
    const d = patternCompletion({ patterns: 4, width: 8, erase: 2, seed: 3 });
    expect(d.n).toBe(4 * 28);
    for (let i = 0; i < d.n; i++) {
      let erased = 0;
      const matches: number[] = [];
      for (let j = 0; j < 8; j++) if (d.x[i * 8 + j] === 0.5) erased++;
      for (let p = 0; p < 4; p++) {
        let ok = true;
        for (let j = 0; j < 8; j++) {
          const v = d.x[i * 8 + j];
          if (v !== 0.5 && v !== d.prototypes[p * 8 + j]) ok = false;
        }
        if (ok) matches.push(p);
      }
      expect(erased).toBe(2);
      expect(matches.length).toBe(1);
    }
  });

  it('are registered in the data set catalogue', async () => {
    for (const name of ['sine', 'adding', 'text', 'xor', 'pattern-completion']) expect(findDataset(name)?.kind).toBeDefined();
    const ctx = { readAsset: () => Promise.reject(new Error('no assets needed')) };
    const sine = await findDataset('sine')!.load(ctx);
    expect([sine.n, sine.inputSize]).toEqual([1000, 50]);
  });
});
