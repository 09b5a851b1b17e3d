/**
 * From a data source to what training needs: a seeded split into train and test (stratified
 * for classes; none when the source has its own test rows) and the input preprocessing fitted
 * on the training rows only, applied to both parts and kept so it can be saved with the model.
 */
import { fitPreprocessor, type Preprocessor } from '../data/preprocess.js';
import { splitDataset, stratifiedSplit } from '../data/split.js';
import type { Dataset } from '../model/types.js';
import type { DataSource } from './data-source.js';
import type { NormalizeKind } from './train-config.js';

/** The rows a run trains and is tested on. */
export interface PreparedData {
  /** Training rows, preprocessed. */
  readonly train: Dataset;
  /** Test rows, preprocessed (absent without a test split). */
  readonly test?: Dataset;
  /** The fitted input transform (absent for normalize 'none'). */
  readonly preprocessor?: Preprocessor;
}

/** Split and preprocess a source: `testSplit` of the rows to the test (seeded), then `normalize` fitted on the training rows. */
export function prepareData(source: DataSource, options: { readonly testSplit: number; readonly seed: number; readonly normalize: NormalizeKind }): PreparedData {
  let train = source.data;
  let test = source.test;
  if (!test && options.testSplit > 0) {
    const parts = source.task === 'classification' ? stratifiedSplit(source.data, options.testSplit, options.seed) : splitDataset(source.data, options.testSplit, options.seed);
    train = parts.train;
    test = parts.test.n > 0 ? parts.test : undefined;
  }
  if (options.normalize === 'none') return test ? { train, test } : { train };
  const preprocessor = fitPreprocessor(options.normalize, train);
  return {
    train: preprocessor.transformDataset(train),
    ...(test ? { test: preprocessor.transformDataset(test) } : {}),
    preprocessor,
  };
}
