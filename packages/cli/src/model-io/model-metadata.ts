/**
 * What the CLI stores in a model file besides topology and weights, so that `eval`,
 * `predict` and `inspect` can use a model without being told again how it was trained:
 * class names, the input preprocessing fitted on the training rows, the options (config)
 * of the run, and a short record of the training.
 */
import type { PreprocessorJSON } from '@backprop/core';

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
  readonly finishedAt: string;
  readonly stopReason: string;
}

export interface CliModelMetadata {
  /** Marks metadata written by this CLI (format of this object). */
  readonly cli: 1;
  readonly classNames?: readonly string[];
  readonly featureNames?: readonly string[];
  readonly preprocessor?: PreprocessorJSON;
  /** Side of square image inputs (28 for MNIST models): predict accepts image files then. */
  readonly imageSide?: number;
  /** The resolved options the model was trained with (same keys as the flags / --config). */
  readonly config: Record<string, unknown>;
  readonly training?: TrainingRecord;
}

/** Reads the CLI's metadata from whatever a model file holds (tolerating files written by the library). */
export function readCliMetadata(raw: unknown): Partial<CliModelMetadata> {
  if (raw === null || typeof raw !== 'object') return {};
  return raw as Partial<CliModelMetadata>;
}
