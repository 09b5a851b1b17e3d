/**
 * A training job in the worker: its TrainConfig run by core's `train`, with onBatchEnd and
 * onEpochEnd streaming progress, and the held-out rows that train prepared (onStart hands them
 * over with the model) scored after every epoch — loss, accuracy, confusion matrix, precision and
 * recall from `Model.evaluate`; for the sine task also the forecast.
 */
import { DivergenceError, deserializeModel, serializeModel, train, type Dataset, type Model } from '@backprop/core';
import { jobSource } from './job-data.js';
import type { LoadedModel } from './model-file.js';
import type { EpochPoint, FitJob, FitProgress } from './protocol.js';
import { runMetadata } from './run-metadata.js';
import { forecastView, sineHidden } from './sine-task.js';
import { textSample } from './text-task.js';

/** What a finished (or stopped) run leaves: the model with its metadata, and the last progress. */
export interface FitOutcome {
  readonly trained: LoadedModel;
  readonly stopReason: string;
  readonly last: FitProgress;
}

/** Whether any weight of the model is NaN or infinite. */
function hasNonFiniteWeight(model: Model): boolean {
  for (const layer of model.layers) {
    for (const p of layer.params()) {
      for (const v of p.value) if (!Number.isFinite(v)) return true;
    }
  }
  return false;
}

export class FitRun {
  private readonly abort = new AbortController();
  /** The model being trained and its input transform, from train's onStart on. */
  private live: LoadedModel | null = null;
  /** The progress when the run last reported or failed: a failed run's page shows it with the error. */
  private lastProgress: FitProgress = { points: [], epoch: 0, epochs: 0, fraction: 0, loss: Number.NaN };

  constructor(readonly job: FitJob) {}

  /**
   * The progress to show with a run's failure: for a divergence, the counter reads the epoch the
   * error message names, so the two agree.
   */
  failedProgress(error: unknown): FitProgress {
    const p = this.lastProgress;
    return error instanceof DivergenceError ? { ...p, epoch: error.epoch, epochs: p.epochs || this.job.config.epochs || 0 } : p;
  }

  /** Stop after the current batch: the run then resolves with stop reason 'aborted'. */
  stop(): void {
    this.abort.abort();
  }

  /**
   * A copy of the model as trained so far (the weights after the last finished batch), or null
   * before training began: a digit drawn mid-run is read by it without touching the run.
   */
  snapshot(): LoadedModel | null {
    const live = this.live;
    if (!live) return null;
    const { model } = deserializeModel(serializeModel(live.model));
    return { ...live, model };
  }

  /**
   * Train. `report` is called after every batch and every epoch with the progress so far and
   * the epoch points not yet reported; it returns true when it sent them (the caller throttles).
   * @param mnistBytes the digits asset the page fetched (MNIST jobs)
   * @throws core's ConfigError for a config that cannot work (before any training), DivergenceError when the loss blows up
   */
  async run(report: (p: FitProgress, epochEnd: boolean) => boolean, mnistBytes?: Uint8Array): Promise<FitOutcome> {
    const { job } = this;
    const source = await jobSource(job, mnistBytes);
    let pending: EpochPoint[] = [];
    const all: EpochPoint[] = [];
    let last: FitProgress = { points: [], epoch: 0, epochs: 0, fraction: 0, loss: Number.NaN };
    const send = (epochEnd: boolean): void => {
      this.lastProgress = { ...last, points: pending };
      if (report(this.lastProgress, epochEnd)) pending = [];
    };
    let model: Model | undefined;
    let test: Dataset | undefined;
    let seqLen = 0;
    let seed = 0;
    let lr = 0;
    let vocabulary: readonly string[] = [];
    let batches = 0;
    const run = await train(job.config, {
      ...(source ? { data: source } : {}),
      signal: this.abort.signal,
      onStart: (start) => {
        ({ model } = start);
        const pre = start.data.preprocessor;
        this.live = { model: start.model, metadata: { dataset: job.config.data }, ...(pre ? { preprocessor: pre } : {}) };
        test = start.data.test;
        seqLen = start.config.seqLen ?? 0;
        seed = start.config.seed;
        lr = start.config.optimizer.lr ?? 0;
        vocabulary = start.data.train.classNames ?? [];
        last = { ...last, epochs: start.config.epochs };
      },
      onBatchEnd: (b) => {
        batches = b.batches;
        last = { ...last, epoch: b.epoch - 1, fraction: (b.epoch - 1 + b.batch / b.batches) / last.epochs, loss: b.loss };
        send(false);
      },
      onEpochEnd: (log) => {
        const m = model as Model;
        // The last batch's loss was finite but its update was not: the next batch would fail
        // with core's divergence error, and scoring or forecasting now would fail on NaN inputs.
        if (hasNonFiniteWeight(m)) {
          this.lastProgress = { ...last, points: pending, epoch: log.epoch };
          throw new DivergenceError(log.epoch, batches, batches, Number.NaN, lr);
        }
        const ev = test ? m.evaluate(test) : undefined;
        const testLoss = ev?.loss ?? Number.NaN;
        const point: EpochPoint = { epoch: log.epoch, loss: log.loss, testLoss, ...(ev?.accuracy !== undefined ? { testAccuracy: ev.accuracy } : {}) };
        pending.push(point);
        all.push(point);
        last = {
          points: [],
          epoch: log.epoch,
          epochs: last.epochs,
          fraction: log.epoch / last.epochs,
          loss: log.loss,
          ...(ev ? { testLoss } : {}),
          ...(ev?.accuracy !== undefined ? { testAccuracy: ev.accuracy } : {}),
          ...(ev?.confusion ? { confusion: ev.confusion } : {}),
          ...(ev?.precision ? { precision: ev.precision } : {}),
          ...(ev?.recall ? { recall: ev.recall } : {}),
          samplesPerSecond: log.samplesPerSecond,
          ...(job.sine ? { forecast: forecastView(m, job.sine, seqLen, seed), hidden: sineHidden(m, seqLen, job.sine, seed) } : {}),
          ...(job.text ? textSample(m, job.text, vocabulary, seqLen) : {}),
        };
        send(true);
      },
    });
    const task = job.config.data === 'mnist' && job.limit !== undefined ? { limit: job.limit } : job.sine ? { ...job.sine } : job.text ? { ...job.text } : undefined;
    const metadata = runMetadata(run, task, all);
    const trained: LoadedModel = { model: run.model, metadata, ...(run.data.preprocessor ? { preprocessor: run.data.preprocessor } : {}) };
    return { trained, stopReason: run.history.stopReason, last: { ...last, points: pending } };
  }
}
