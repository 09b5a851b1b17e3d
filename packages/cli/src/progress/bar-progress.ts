/**
 * The live progress bar on a terminal (cli-progress, drawn on stderr). The bar counts
 * batches over the whole run so long epochs move smoothly; its payload shows the latest
 * epoch's loss and accuracy, the speed in samples/s and the ETA.
 */
import type { BatchLog, EpochLog } from '@backprop/core';
import cliProgress from 'cli-progress';
import type { Writable } from 'node:stream';
import { formatAccuracy, formatDuration, formatLoss, formatRate } from './format.js';
import type { ProgressReporter, ProgressStart } from './progress-reporter.js';

interface Payload {
  epoch: string;
  loss: string;
  acc: string;
  speed: string;
  remaining: string;
}

export class BarProgress implements ProgressReporter {
  private bar: cliProgress.SingleBar | undefined;
  private info: ProgressStart = { epochs: 1, startEpoch: 0, samples: 0 };
  private batches = 0;
  private started = 0;
  private samplesSeen = 0;
  private payload: Payload = { epoch: '', loss: '-', acc: '-', speed: '-', remaining: '-' };

  constructor(private readonly stream: Writable) {}

  start(info: ProgressStart): void {
    this.info = info;
    this.started = performance.now();
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.stream as NodeJS.WriteStream,
        format: 'epoch {epoch} {bar} {percentage}% | loss {loss} | acc {acc} | {speed} samples/s | ETA {remaining}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        fps: 10,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    this.payload.epoch = `${info.startEpoch}/${info.epochs}`;
    this.bar.start(info.epochs - info.startEpoch, 0, this.payload);
  }

  batch(log: BatchLog): void {
    if (!this.bar) return;
    if (this.batches === 0) {
      this.batches = log.batches;
      this.bar.setTotal((this.info.epochs - this.info.startEpoch) * log.batches);
    }
    this.samplesSeen += log.samples;
    const done = (log.epoch - 1 - this.info.startEpoch) * this.batches + log.batch;
    this.update(done, `${log.epoch}/${this.info.epochs}`);
  }

  epoch(log: EpochLog): void {
    if (!this.bar) return;
    this.payload.loss = formatLoss(log.loss);
    this.payload.acc = formatAccuracy(log.valAccuracy ?? log.accuracy);
    const done = (log.epoch - this.info.startEpoch) * Math.max(1, this.batches);
    if (this.batches === 0) this.samplesSeen += this.info.samples;
    this.update(done, `${log.epoch}/${log.epochs}`);
  }

  private update(done: number, epoch: string): void {
    const elapsed = (performance.now() - this.started) / 1000;
    const total = this.bar!.getTotal();
    this.payload.epoch = epoch;
    this.payload.speed = elapsed > 0 ? formatRate(this.samplesSeen / elapsed) : '-';
    this.payload.remaining = done > 0 ? formatDuration((elapsed / done) * (total - done)) : '-';
    this.bar!.update(done, this.payload);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
