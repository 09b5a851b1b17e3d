/**
 * Plain progress lines for logs and pipes:
 *   epoch 100/1000 | loss 0.0712 | train acc 0.981 | val loss 0.0801 | 52k samples/s
 * Printed for the first epoch, every tenth of the run, the last epoch, and whenever
 * `minSeconds` have passed since the previous line (so long epochs still show life).
 */
import type { BatchLog, EpochLog } from '@backprop/core';
import type { Writable } from 'node:stream';
import { formatAccuracy, formatLoss, formatRate } from './format.js';
import type { ProgressReporter, ProgressStart } from './progress-reporter.js';

/** One progress line for an epoch (shared with the tests and the live bar's final line). */
export function formatEpochLine(log: EpochLog): string {
  const parts = [`epoch ${log.epoch}/${log.epochs}`, `loss ${formatLoss(log.loss)}`];
  if (log.accuracy !== undefined) parts.push(`train acc ${formatAccuracy(log.accuracy)}`);
  if (log.valLoss !== undefined) parts.push(`val loss ${formatLoss(log.valLoss)}`);
  if (log.valAccuracy !== undefined) parts.push(`val acc ${formatAccuracy(log.valAccuracy)}`);
  parts.push(`${formatRate(log.samplesPerSecond)} samples/s`);
  return parts.join(' | ');
}

export class PlainProgress implements ProgressReporter {
  private every = 1;
  private lastPrinted = 0;
  private lastEpochPrinted = 0;

  constructor(
    private readonly stream: Writable,
    private readonly minSeconds = 10,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  start(info: ProgressStart): void {
    this.every = Math.max(1, Math.ceil(info.epochs / 10));
    this.lastPrinted = this.now();
  }

  batch(_log: BatchLog): void {}

  epoch(log: EpochLog): void {
    const t = this.now();
    const due = log.epoch === 1 || log.epoch % this.every === 0 || log.epoch === log.epochs || t - this.lastPrinted >= this.minSeconds;
    if (!due || log.epoch === this.lastEpochPrinted) return;
    this.lastPrinted = t;
    this.lastEpochPrinted = log.epoch;
    this.stream.write(`${formatEpochLine(log)}\n`);
  }

  stop(): void {}
}
