import { describe, expect, it } from 'vitest';
import { IRIS_FEATURE_NAMES } from '@backprop/core';
import { measurementLabel, readFlower } from './flower.js';

describe('readFlower', () => {
  it('reads the four measurements in cm', () => {
    expect(readFlower(['5.9', ' 2.8 ', '4.4', '0'], IRIS_FEATURE_NAMES)).toEqual([5.9, 2.8, 4.4, 0]);
  });

  it('names a missing measurement instead of reading it as 0', () => {
    expect(() => readFlower(['5.9', '', '4.4', '1.3'], IRIS_FEATURE_NAMES)).toThrow('Enter the sepal width (cm) to classify a flower.');
    expect(() => readFlower(['5.9', '2.8', '4.4', '  '], IRIS_FEATURE_NAMES)).toThrow('Enter the petal width (cm)');
  });

  it('refuses text that is not a measurement', () => {
    expect(() => readFlower(['abc', '2.8', '4.4', '1.3'], IRIS_FEATURE_NAMES)).toThrow("The sepal length must be a number of cm, got 'abc'.");
    expect(() => readFlower(['5.9', '2.8', '1e400', '1.3'], IRIS_FEATURE_NAMES)).toThrow('petal length must be a number');
    expect(() => readFlower(['5.9', '2.8', '4.4', '-1'], IRIS_FEATURE_NAMES)).toThrow('The petal width cannot be negative, got -1 cm.');
    expect(() => readFlower(['5.9'], IRIS_FEATURE_NAMES)).toThrow('expected 4 measurements, got 1');
  });

  it('labels feature names for people', () => {
    expect(measurementLabel('sepal_length')).toBe('sepal length');
  });
});
