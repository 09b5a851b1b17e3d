/**
 * A training job on a fixed data set (Iris, MNIST): build the model, run core's `fit` with
 * `onBatchEnd`/`onEpochEnd` streaming progress, and score the held-out rows after every epoch
 * (loss, accuracy and confusion matrix from `Model.evaluate`).
 */
import {
  decodeMnistAssetAsync,
  loadIris,
  Model,
  Rng,
  Standardizer,
  stratifiedSplit,
  subset,
  type Dataset,
  type JsonValue,
  type DenseSpec,
  type ModelMetadata,
  type ModelSpec,
  type Preprocessor,
} from '@backprop/core';
import type { LoadedModel } from './model-file.js';
import { forecastView, prepareSine, sineSpec } from './sine-task.js';
import type { EpochPoint, FitJob, FitProgress, ModelInfo } from './protocol.js';

export interface PreparedData {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Fitted on the training rows; saved with the model so predictions see the same transform. */
  readonly preprocessor?: Preprocessor;
}

let mnistCache: { bytes: Uint8Array; data: Dataset } | null = null;

/** The built-in MNIST digits from the asset bytes (decoded once per worker). */
export async function mnistFromBytes(bytes: Uint8Array): Promise<Dataset> {
  if (mnistCache && mnistCache.bytes.length === bytes.length) return mnistCache.data;
  const data = await decodeMnistAssetAsync(bytes);
  mnistCache = { bytes, data };
  return data;
}

/** The job's data: Iris standardised on its training rows; MNIST pixels already in [0, 1]. */
export async function prepareData(job: FitJob, mnistBytes?: Uint8Array): Promise<PreparedData> {
  if (job.dataset === 'iris') {
    const { train, test } = stratifiedSplit(loadIris(), job.testFraction, job.seed);
    const preprocessor = new Standardizer().fit(train);
    return { train: preprocessor.transformDataset(train), test: preprocessor.transformDataset(test), preprocessor };
  }
  if (job.dataset === 'mnist') {
    if (!mnistBytes) throw new Error('the MNIST job needs the digits asset bytes');
    let all = await mnistFromBytes(mnistBytes);
    if (job.limit !== undefined && job.limit < all.n) {
      const rows = Array.from(new Rng(job.seed).permutation(all.n).subarray(0, job.limit));
      all = subset(all, rows);
    }
    return stratifiedSplit(all, job.testFraction, job.seed);
  }
  if (job.dataset === 'sine') return prepareSine(job);
  throw new Error(`unknown data set '${String(job.dataset)}'`);
}

/** The job's network: a softmax classifier, or for the sine task a recurrent forecaster. */
export function jobSpec(job: FitJob, data: PreparedData): ModelSpec {
  return job.dataset === 'sine' ? sineSpec(job) : classifierSpec(job, data.train.inputSize, data.train.outputSize);
}

export function classifierSpec(job: FitJob, inputSize: number, classes: number): ModelSpec {
  const layers: DenseSpec[] = job.layers.map((units) => ({ type: 'dense', units, activation: job.activation }));
  layers.push({ type: 'dense', units: classes, activation: 'softmax' });
  return { inputSize, layers, loss: 'cross-entropy' };
}

export function modelInfo(m: LoadedModel): ModelInfo {
  const { model, metadata } = m;
  const classNames = Array.isArray(metadata.classNames) ? metadata.classNames.map(String) : undefined;
  return {
    inputSize: model.inputSize,
    outputSize: model.outputSize,
    layers: model.layers.map((l) => `${l.type} ${l.inputSize}→${l.outputSize}${l.activation ? ` ${l.activation}` : ''}`),
    ...(classNames ? { classNames } : {}),
    metadata,
  };
}

/** A JSON-compatible copy (drops undefined values), as the metadata type requires. */
function toJsonValue(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** The metadata a web-trained classifier is saved with (the keys the CLI writes too). */
export function jobMetadata(job: FitJob, data: PreparedData): ModelMetadata {
  return {
    dataset: job.dataset,
    ...(data.train.classNames ? { classNames: [...data.train.classNames] } : {}),
    ...(data.train.featureNames && job.dataset === 'iris' ? { featureNames: [...data.train.featureNames] } : {}),
    ...(data.preprocessor ? { preprocess: toJsonValue(data.preprocessor.toJSON()) } : {}),
    training: {
      ...(job.sine ? { task: { ...job.sine } } : {}),
      layers: [...job.layers],
      activation: job.activation,
      optimizer: job.optimizer,
      lr: job.lr,
      epochs: job.epochs,
      batchSize: job.batchSize,
      seed: job.seed,
      testFraction: job.testFraction,
    },
  };
}

export class FitSession {
  private readonly abort = new AbortController();

  constructor(
    readonly job: FitJob,
    readonly model: Model,
    readonly data: PreparedData,
  ) {}

  stop(): void {
    this.abort.abort();
  }

  /**
   * Train. `report` is called after every batch and every epoch with the progress so far and
   * the epoch points not yet reported; it returns true when it sent them (the caller throttles).
   */
  async run(report: (p: FitProgress, epochEnd: boolean) => boolean): Promise<{ stopReason: string; last: FitProgress }> {
    const { job, model, data } = this;
    const epochs = job.epochs;
    let pending: EpochPoint[] = [];
    let last: FitProgress = { points: [], epoch: 0, epochs, fraction: 0, loss: Number.NaN };
    const send = (epochEnd: boolean): void => {
      if (report({ ...last, points: pending }, epochEnd)) pending = [];
    };
    const history = await model.fit(data.train, {
      epochs,
      batchSize: job.batchSize,
      optimizer: { name: job.optimizer, lr: job.lr },
      signal: this.abort.signal,
      onBatchEnd: (b) => {
        last = { ...last, epoch: b.epoch - 1, fraction: (b.epoch - 1 + b.batch / b.batches) / epochs, loss: b.loss };
        send(false);
      },
      onEpochEnd: (log) => {
        const ev = model.evaluate(data.test);
        pending.push({ epoch: log.epoch, loss: log.loss, testLoss: ev.loss, ...(ev.accuracy !== undefined ? { testAccuracy: ev.accuracy } : {}) });
        last = {
          points: [],
          epoch: log.epoch,
          epochs,
          fraction: log.epoch / epochs,
          loss: log.loss,
          testLoss: ev.loss,
          ...(ev.accuracy !== undefined ? { testAccuracy: ev.accuracy } : {}),
          ...(ev.confusion ? { confusion: ev.confusion } : {}),
          ...(ev.precision ? { precision: ev.precision } : {}),
          ...(ev.recall ? { recall: ev.recall } : {}),
          samplesPerSecond: log.samplesPerSecond,
          ...(job.sine ? { forecast: forecastView(model, job) } : {}),
        };
        send(true);
      },
    });
    const final = { ...last, points: pending };
    return { stopReason: history.stopReason, last: final };
  }
}
