/**
 * What the CLI stores in a model file besides topology and weights, so that `eval`,
 * `predict`, `inspect` and `train --resume` can use a model without being told again how
 * it was trained: class names, the input preprocessing fitted on the training rows, the
 * options (config) of the run, and a short record of the training. Stored in the model
 * file's metadata (docs/model-format.md) under the keys below.
 */
import type { JsonValue, ModelMetadata, PreprocessorJSON } from '@backprop/core';

export interface TrainingRecord {
  readonly data: string;
  readonly epochs: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly trainAccuracy?: number;
  readonly testAccuracy?: number;
  readonly trainLoss: number;
  readonly testLoss?: number;
  readonly backend: string;
  readonly seconds: number;
  readonly stopReason: string;
}

export interface CliModelMetadata {
  readonly classNames?: readonly string[];
  readonly featureNames?: readonly string[];
  readonly preprocessor?: PreprocessorJSON;
  /** Side of square image inputs (28 for MNIST models): predict accepts image files then. */
  readonly imageSide?: number;
  /** The options the model was trained with, in --config form (same keys as the flags). */
  readonly config: Record<string, unknown>;
  /** Results of the run that produced the file (absent in checkpoints). */
  readonly result?: TrainingRecord;
}

/** Plain JSON (drops undefined values). */
function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** The metadata object written into the model file. */
export function toModelMetadata(meta: CliModelMetadata): ModelMetadata {
  return {
    ...(meta.classNames ? { classNames: [...meta.classNames] } : {}),
    ...(meta.featureNames ? { featureNames: [...meta.featureNames] } : {}),
    ...(meta.preprocessor ? { preprocess: json(meta.preprocessor) } : {}),
    ...(meta.imageSide ? { imageSide: meta.imageSide } : {}),
    dataset: json(meta.config['data'] ?? null),
    training: json({ config: meta.config, ...(meta.result ? { result: meta.result } : {}) }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a stored training record has the fields inspect prints (files written by other tools may not). */
function isTrainingRecord(value: unknown): value is TrainingRecord {
  if (!isObject(value)) return false;
  const numbers = ['epochs', 'trainRows', 'testRows', 'trainLoss', 'seconds'];
  const optionalNumbers = ['trainAccuracy', 'testAccuracy', 'testLoss'];
  return (
    numbers.every((k) => typeof value[k] === 'number') &&
    optionalNumbers.every((k) => value[k] === undefined || typeof value[k] === 'number') &&
    ['data', 'backend', 'stopReason'].every((k) => typeof value[k] === 'string')
  );
}

/** Reads back what toModelMetadata wrote, tolerating files written by the library (fewer keys). */
export function fromModelMetadata(meta: ModelMetadata): Partial<CliModelMetadata> {
  const training = isObject(meta.training) ? meta.training : {};
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined);
  const classNames = strings(meta.classNames);
  const featureNames = strings(meta.featureNames);
  return {
    ...(classNames ? { classNames } : {}),
    ...(featureNames ? { featureNames } : {}),
    ...(isObject(meta.preprocess) ? { preprocessor: meta.preprocess as unknown as PreprocessorJSON } : {}),
    ...(typeof meta['imageSide'] === 'number' ? { imageSide: meta['imageSide'] } : {}),
    config: isObject(training['config']) ? training['config'] : {},
    ...(isTrainingRecord(training['result']) ? { result: training['result'] } : {}),
  };
}
