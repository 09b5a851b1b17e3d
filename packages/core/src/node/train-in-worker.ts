/**
 * trainInWorker: a TrainConfig trained in a worker_thread, so that the caller's event loop stays
 * free (a server keeps answering while a job trains). Progress comes back per epoch, an
 * AbortSignal stops it after the current batch, and the trained model comes back as the bytes
 * of its model file (a transferred buffer, not a copy through JSON).
 *
 * Threads: `threads` sets the worker's BACKPROP_THREADS. The native addon's GEMM pool is one per
 * process and taken by one thread at a time (others run their GEMMs on their own thread), so
 * several jobs and the caller never run more GEMM threads than the pool holds.
 */
import { Worker } from 'node:worker_threads';
import type { EpochLog, History } from '../model/types.js';
import type { TrainConfig } from '../run/train-config.js';
import type { FromTrainWorker, ToTrainWorker, TrainWorkerData } from './train-worker-messages.js';

/** Options of {@link trainInWorker}. */
export interface TrainInWorkerOptions {
  /** Aborting stops training after the current batch; the promise then resolves with `stopReason` 'aborted'. */
  readonly signal?: AbortSignal;
  /** After every epoch, with the epoch's losses. */
  onEpochEnd?(log: EpochLog): void;
  /**
   * Modules the worker imports before training, as URLs or absolute paths: a backend that
   * registers itself, e.g. `import.meta.resolve('@backprop/node-native')` for `backend: 'native'`.
   */
  readonly preload?: readonly string[];
  /** The worker's GEMM threads (its BACKPROP_THREADS; default: this process's setting). */
  readonly threads?: number;
}

/** What {@link trainInWorker} resolves with. */
export interface TrainedInWorker {
  readonly stopReason: History['stopReason'];
  readonly epochs: readonly EpochLog[];
  /** The trained model's file (`deserializeModel` or `saveModel`'s format); absent when aborted. */
  readonly model?: Uint8Array;
  /** When aborted after at least one epoch: a checkpoint of the last completed epoch (resumable). */
  readonly checkpoint?: Uint8Array;
  /** The backend that trained it ('native', 'ts'). */
  readonly backend: string;
}

/** An error thrown in the worker, with its name ('ConfigError', 'DivergenceError', …) kept. */
export class TrainInWorkerError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'TrainInWorkerError';
  }
}

/**
 * Train `config` in a worker_thread.
 * @param config the training run (its `data` a built-in set, `mnist-idx:<dir>` or a CSV file)
 * @param options cancellation, progress, preloaded modules and the worker's thread count
 * @returns the stop reason, the epochs' logs and the model file's bytes
 * @throws TrainInWorkerError for an error in the worker (a bad config, divergence), naming it
 */
export function trainInWorker(config: TrainConfig, options: TrainInWorkerOptions = {}): Promise<TrainedInWorker> {
  const threads = options.threads;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 256)) {
    return Promise.reject(new RangeError(`trainInWorker: threads must be an integer from 1 to 256, got ${threads}`));
  }
  const data: TrainWorkerData = { config, preload: options.preload ?? [] };
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), {
    workerData: data,
    env: { ...process.env, ...(threads !== undefined ? { BACKPROP_THREADS: String(threads) } : {}) },
  });
  return new Promise<TrainedInWorker>((resolve, reject) => {
    let settled = false;
    const abort = (): void => worker.postMessage({ type: 'abort' } satisfies ToTrainWorker);
    const finish = (end: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      end();
      void worker.terminate();
    };
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: FromTrainWorker) => {
      if (message.type === 'epoch') options.onEpochEnd?.(message.log);
      else if (message.type === 'error') finish(() => reject(new TrainInWorkerError(message.name, message.message)));
      else {
        const { type: _type, ...result } = message;
        finish(() => resolve(result));
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`trainInWorker: the worker exited (code ${code}) before it finished`))));
  });
}
