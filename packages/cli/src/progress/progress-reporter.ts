/**
 * Progress of a training run. Three shapes, one interface:
 * - a live bar on a terminal (epoch, loss, accuracy, speed, ETA), see bar-progress.ts;
 * - plain periodic lines when output is not a terminal (CI logs, pipes), see plain-progress.ts;
 * - nothing at all under --quiet.
 */
import type { BatchLog, EpochLog } from '@backprop/core';

export interface ProgressStart {
  readonly epochs: number;
  /** Epoch the run starts at (0 for a fresh run; > 0 when resuming). */
  readonly startEpoch: number;
  /** Training rows per epoch. */
  readonly samples: number;
}

export interface ProgressReporter {
  start(info: ProgressStart): void;
  batch(log: BatchLog): void;
  epoch(log: EpochLog): void;
  /** Ends the display (clears the live bar); safe to call more than once. */
  stop(): void;
}

/** The reporter for --quiet. */
export class SilentProgress implements ProgressReporter {
  start(): void {}
  batch(): void {}
  epoch(): void {}
  stop(): void {}
}
