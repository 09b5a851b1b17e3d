/**
 * A training job on a fixed data set (Iris, MNIST): build the model, run core's `fit` with
 * `onBatchEnd`/`onEpochEnd` streaming progress, and score the held-out rows after every epoch
 * (loss, accuracy and confusion matrix from `Model.evaluate`).
 */
import {
  decodeMnistAssetAsync,
  loadIris,
  Model,
  Standardizer,
  stratifiedSplit,
  subset,
  Rng,
  type Dataset,
  type DenseSpec,
  type ModelSpec,
  type Preprocessor,
} from '@backprop/core';
import type { FitJob, FitProgress, ModelInfo } from './protocol.js';

export interface PreparedData {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Fitted on the training rows; saved with the model so predictions see the same transform. */
  readonly preprocessor?: Preprocessor;
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
    let all = await decodeMnistAssetAsync(mnistBytes);
    if (job.limit !== undefined && job.limit < all.n) {
      const rows = Array.from(new Rng(job.seed).permutation(all.n).subarray(0, job.limit));
      all = subset(all, rows);
    }
    return stratifiedSplit(all, job.testFraction, job.seed);
  }
  throw new Error(`data set '${job.dataset}' is not a fit job of this session`);
}

export function classifierSpec(job: FitJob, inputSize: number, classes: number): ModelSpec {
  const layers: DenseSpec[] = job.layers.map((units) => ({ type: 'dense', units, activation: job.activation }));
  layers.push({ type: 'dense', units: classes, activation: 'softmax' });
  return { inputSize, layers, loss: 'cross-entropy' };
}

export function modelInfo(model: Model, classNames?: readonly string[], metadata?: Record<string, unknown>): ModelInfo {
  return {
    inputSize: model.inputSize,
    outputSize: model.outputSize,
    layers: model.layers.map((l) => `${l.type} ${l.inputSize}→${l.outputSize}${l.activation ? ` ${l.activation}` : ''}`),
    ...(classNames ? { classNames } : {}),
    ...(metadata ? { metadata } : {}),
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
   * Train; `report` receives a progress object per batch (throttled by the caller) and per
   * epoch (with test scores). Resolves with the stop reason and the last progress.
   */
  async run(report: (p: FitProgress, epochEnd: boolean) => void): Promise<{ stopReason: string; last: FitProgress }> {
    const { job, model, data } = this;
    const epochs = job.epochs;
    let last: FitProgress = { epoch: 0, epochs, fraction: 0, loss: Number.NaN };
    const history = await model.fit(data.train, {
      epochs,
      batchSize: job.batchSize,
      optimizer: { name: job.optimizer, lr: job.lr },
      signal: this.abort.signal,
      onBatchEnd: (b) => {
        last = { ...last, epoch: b.epoch, fraction: (b.epoch - 1 + b.batch / b.batches) / epochs, loss: b.loss };
        report(last, false);
      },
      onEpochEnd: (log) => {
        const ev = model.evaluate(data.test);
        last = {
          epoch: log.epoch,
          epochs,
          fraction: log.epoch / epochs,
          loss: log.loss,
          testLoss: ev.loss,
          ...(ev.accuracy !== undefined ? { testAccuracy: ev.accuracy } : {}),
          ...(ev.confusion ? { confusion: ev.confusion } : {}),
          samplesPerSecond: log.samplesPerSecond,
        };
        report(last, true);
      },
    });
    return { stopReason: history.stopReason, last };
  }
}
