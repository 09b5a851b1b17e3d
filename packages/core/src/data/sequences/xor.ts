/** The four XOR patterns: inputs {0,1}², target a XOR b. */
import type { Dataset } from '../dataset.js';

/**
 * The four XOR patterns: inputs {0,1}², target a XOR b (the classic problem a network needs a
 * hidden layer for).
 */
export function xorDataset(): Dataset {
  return {
    x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]),
    y: new Float32Array([0, 1, 1, 0]),
    n: 4,
    inputSize: 2,
    outputSize: 1,
    featureNames: ['a', 'b'],
    // One 0/1 output: class 0 and class 1 (a XOR b false / true).
    classNames: ['0', '1'],
  };
}
