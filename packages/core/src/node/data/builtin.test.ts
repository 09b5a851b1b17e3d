import { describe, expect, it } from 'vitest';
import { builtinDatasets, findDataset, registerDataset } from '../../data/registry.js';
import { loadBuiltinDataset } from './builtin.js';
import { loadDataSource } from './data-source.js';

describe('dataset registry', () => {
  it('lists iris and mnist with their shapes, and loads them', async () => {
    const names = builtinDatasets().map((d) => d.name);
    expect(names.slice(0, 2)).toEqual(['iris', 'mnist']);
    const iris = await loadBuiltinDataset('iris');
    expect([iris.n, iris.inputSize, iris.outputSize]).toEqual([150, 4, 3]);
    const mnist = await loadBuiltinDataset('mnist');
    const entry = findDataset('mnist')!;
    expect([mnist.n, mnist.inputSize, mnist.outputSize]).toEqual([entry.rows, entry.inputSize, entry.outputSize]);
    // Its image shape is a fact of the set, passed on to training (convolution layers read it).
    expect(entry.imageShape).toEqual([1, 28, 28]);
    expect(findDataset('iris')!.imageShape).toBeUndefined();
    const source = await loadDataSource('mnist');
    expect(source).toMatchObject({ imageShape: [1, 28, 28], imageSide: 28 });
    expect((await loadDataSource('iris')).imageShape).toBeUndefined();
  });

  it('registers more sets and refuses duplicates, bad names and unknown names', async () => {
    registerDataset({
      name: 'tiny-test-set',
      description: 'two rows',
      kind: 'regression',
      size: '2 rows',
      load: () => ({ x: Float32Array.from([1, 2]), y: Float32Array.from([3, 4]), n: 2, inputSize: 1, outputSize: 1 }),
    });
    expect((await loadBuiltinDataset('tiny-test-set')).n).toBe(2);
    expect(() => registerDataset({ ...findDataset('iris')! })).toThrow(/'iris' is already registered/);
    expect(() => registerDataset({ ...findDataset('iris')!, name: 'Bad Name' })).toThrow(/lower-case/);
    await expect(loadBuiltinDataset('cifar')).rejects.toThrow(/unknown data set 'cifar' \(known: iris, mnist/);
  });
});
