import { describe, expect, it } from 'vitest';
import { accuracyFromConfusion, confusionMatrix, countCorrect, isBinary, isOneHot, precisionRecallF1 } from './metrics.js';

describe('metrics', () => {
  // actual:    0 0 0 1 1 2
  // predicted: 0 0 1 1 2 2
  const confusion = confusionMatrix([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], 3);

  it('confusion[actual][predicted] and accuracy', () => {
    expect(confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(accuracyFromConfusion(confusion)).toBeCloseTo(4 / 6, 15);
  });

  it('refuses labels that are not class indices, naming them', () => {
    expect(() => confusionMatrix([0, 1.5], [0, 1], 3)).toThrow('confusionMatrix: labels at 1 (actual 1.5, predicted 1) are not integers in [0, 3)');
    expect(() => confusionMatrix([0, 1], [0, 3], 3)).toThrow(/labels at 1 \(actual 1, predicted 3\)/);
  });

  it('per-class precision, recall, F1 by hand', () => {
    const { precision, recall, f1 } = precisionRecallF1(confusion);
    expect(precision).toEqual([1, 0.5, 0.5]);
    expect(recall[0]).toBeCloseTo(2 / 3, 15);
    expect(recall.slice(1)).toEqual([0.5, 1]);
    expect(f1[0]).toBeCloseTo(0.8, 15);
    expect(f1[1]).toBeCloseTo(0.5, 15);
    expect(f1[2]).toBeCloseTo(2 / 3, 15);
    expect(precisionRecallF1([[0, 0], [3, 0]]).f1).toEqual([0, 0]);
  });

  it('countCorrect and isOneHot', () => {
    const target = Float32Array.of(1, 0, 0, 1, 0, 1);
    expect(countCorrect(Float32Array.of(2, -1, 0.2, 0.1, 0, 3), target, 3, 2)).toBe(2);
    expect(isOneHot(target, 3, 2)).toBe(true);
    expect(isOneHot(Float32Array.of(0.5, 0.5), 1, 2)).toBe(false);
    expect(isOneHot(Float32Array.of(1, 1), 1, 2)).toBe(false);
    // With an index, only the listed rows count.
    const mixed = Float32Array.of(1, 0, 0.5, 0.5, 0, 1);
    expect(isOneHot(mixed, 2, 2, [2, 0])).toBe(true);
    expect(isOneHot(mixed, 2, 2, [0, 1])).toBe(false);
    expect(isBinary(Float32Array.of(1, 0.5, 0), 2, [2, 0])).toBe(true);
    expect(isBinary(Float32Array.of(1, 0.5, 0), 2, [1, 0])).toBe(false);
  });
});
