/**
 * From a raw data set to what training needs: a seeded split into train and test
 * (stratified for classes), and preprocessing fitted on the training rows only, applied to
 * both parts and kept so that it can be saved with the model.
 */
import { fitPreprocessor, splitDataset, stratifiedSplit, type Dataset, type Preprocessor } from '@backprop/core';
import type { NormalizeKind } from '../commands/train-options.js';
import type { RawDataset } from './load-raw-dataset.js';

export interface PreparedData {
  readonly raw: RawDataset;
  readonly train: Dataset;
  readonly test: Dataset | undefined;
  readonly preprocessor: Preprocessor | undefined;
  readonly normalize: NormalizeKind;
}

export function prepareTrainingData(raw: RawDataset, testSplit: number, seed: number, normalize: NormalizeKind): PreparedData {
  let train = raw.data;
  let test: Dataset | undefined;
  if (raw.presplit) {
    train = raw.presplit.train;
    test = raw.presplit.test;
  } else if (testSplit > 0) {
    const parts = raw.task === 'classification' ? stratifiedSplit(raw.data, testSplit, seed) : splitDataset(raw.data, testSplit, seed);
    train = parts.train;
    test = parts.test.n > 0 ? parts.test : undefined;
  }
  let preprocessor: Preprocessor | undefined;
  if (normalize !== 'none') {
    preprocessor = fitPreprocessor(normalize, train);
    train = preprocessor.transformDataset(train);
    if (test) test = preprocessor.transformDataset(test);
  }
  return { raw, train, test, preprocessor, normalize };
}
