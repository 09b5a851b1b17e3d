/**
 * The messages between trainInWorker (the caller's thread) and its worker (train-worker.ts).
 * Model files travel as transferred ArrayBuffers, never as JSON.
 */
import type { EpochLog, History } from '../model/types.js';
import type { TrainConfig } from '../run/train-config.js';

/** What the worker is started with (its workerData). */
export interface TrainWorkerData {
  readonly config: TrainConfig;
  /** Modules imported before training, e.g. a backend that registers itself. */
  readonly preload: readonly string[];
}

/** Caller → worker. */
export type ToTrainWorker = { readonly type: 'abort' };

/** Worker → caller. */
export type FromTrainWorker =
  | { readonly type: 'epoch'; readonly log: EpochLog }
  | {
      readonly type: 'done';
      readonly stopReason: History['stopReason'];
      readonly epochs: readonly EpochLog[];
      /** The trained model's file (metadata included); absent when aborted before any epoch ended. */
      readonly model?: Uint8Array;
      /** On abort: a checkpoint of the last completed epoch (its training state included). */
      readonly checkpoint?: Uint8Array;
      readonly backend: string;
    }
  | { readonly type: 'error'; readonly name: string; readonly message: string };
