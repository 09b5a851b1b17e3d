/**
 * Training jobs of a server: each one a TrainConfig trained by trainInWorker (off the event
 * loop, so serving goes on), followed by listeners (GET, Server-Sent Events), cancelled by
 * DELETE. A finished job's model is written atomically to `<jobs folder>/<id>.bpm` and served
 * under the job's name; a cancelled one leaves `<id>.checkpoint.bpm`, the last completed epoch
 * with its training state (`backprop train --resume` continues it).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { findDataset, type EpochLog, type TrainConfig } from '@backprop/core';
import { trainInWorker, writeFileAtomic } from '@backprop/core/node';
import { count } from '../output/count.js';
import type { ModelRegistry } from './model-registry.js';

export type JobStatus = 'running' | 'completed' | 'cancelled' | 'failed';

/** What GET /v1/jobs/<id> answers. */
export interface JobView {
  readonly id: string;
  readonly status: JobStatus;
  /** The name its model is served under once completed. */
  readonly name: string;
  readonly epoch: number;
  readonly epochs: number | null;
  readonly losses: readonly number[];
  readonly valLosses: readonly number[];
  readonly error?: string;
  /** The model file (completed) or checkpoint (cancelled) written. */
  readonly file?: string;
}

export type JobEvent = { readonly event: 'epoch'; readonly data: EpochLog } | { readonly event: 'end'; readonly data: JobView };

interface Job {
  view: JobView;
  readonly controller: AbortController;
  readonly done: Promise<void>;
  readonly listeners: Set<(event: JobEvent) => void>;
}

/** A request the jobs cannot take: `status` is the HTTP status to answer with. */
export class JobRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface JobOptions {
  readonly folder: string;
  /** Jobs training at once; one more is refused (503). */
  readonly maxRunning: number;
  /** GEMM threads of each job's worker. */
  readonly threads: number;
  /** Modules the workers import first (the native backend). */
  readonly preload: readonly string[];
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly options: JobOptions,
  ) {}

  get(id: string): JobView | undefined {
    return this.jobs.get(id)?.view;
  }

  ids(): string[] {
    return [...this.jobs.keys()];
  }

  get running(): number {
    return [...this.jobs.values()].filter((j) => j.view.status === 'running').length;
  }

  /**
   * Starts training `config`; its model will be served as `name`.
   * @throws JobRequestError 400 for data that is not a built-in set or a name in use, 503 when
   *   `maxRunning` jobs already train
   */
  start(config: TrainConfig, name: string): JobView {
    // Request bodies never name files: a job trains on a built-in data set only.
    const data = config.data ?? 'iris';
    if (typeof data !== 'string' || !findDataset(data)) {
      throw new JobRequestError(400, `config.data must name a built-in data set (see 'backprop datasets'), got ${JSON.stringify(data).slice(0, 60)}`);
    }
    if (this.registry.get(name) || [...this.jobs.values()].some((j) => j.view.name === name && j.view.status !== 'failed' && j.view.status !== 'cancelled')) {
      throw new JobRequestError(409, `the name '${name}' is already served or taken by a job; choose another`);
    }
    if (this.running >= this.options.maxRunning) throw new JobRequestError(503, `the server trains at most ${count(this.options.maxRunning, 'job')} at once (--max-jobs), and that many are running; try again when one ends`);
    const id = randomUUID();
    const controller = new AbortController();
    const listeners = new Set<(event: JobEvent) => void>();
    const job: Job = {
      view: { id, status: 'running', name, epoch: 0, epochs: typeof config.epochs === 'number' ? config.epochs : null, losses: [], valLosses: [] },
      controller,
      listeners,
      done: Promise.resolve(),
    };
    const update = (change: Partial<JobView>): void => {
      job.view = { ...job.view, ...change };
    };
    const emit = (event: JobEvent): void => listeners.forEach((listener) => listener(event));
    const done = trainInWorker(config, {
      signal: controller.signal,
      threads: this.options.threads,
      preload: this.options.preload,
      onEpochEnd: (log) => {
        update({ epoch: log.epoch, epochs: log.epochs, losses: [...job.view.losses, log.loss], ...(log.valLoss !== undefined ? { valLosses: [...job.view.valLosses, log.valLoss] } : {}) });
        emit({ event: 'epoch', data: log });
      },
    })
      .then(async (result) => {
        if (result.model) {
          const file = join(this.options.folder, `${id}.bpm`);
          await writeFileAtomic(file, result.model);
          await this.registry.add(name, file);
          update({ status: 'completed', file });
        } else if (result.checkpoint) {
          const file = join(this.options.folder, `${id}.checkpoint.bpm`);
          await writeFileAtomic(file, result.checkpoint);
          update({ status: 'cancelled', file });
        } else update({ status: 'cancelled' });
      })
      .catch((error: unknown) => update({ status: 'failed', error: (error as Error).message }))
      .finally(() => {
        emit({ event: 'end', data: job.view });
        listeners.clear();
      });
    Object.assign(job, { done });
    this.jobs.set(id, job);
    return job.view;
  }

  /** Follows a job: `listener` gets each epoch and the end; returns the unsubscribe function. */
  listen(id: string, listener: (event: JobEvent) => void): (() => void) | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.view.status !== 'running') {
      listener({ event: 'end', data: job.view });
      return () => undefined;
    }
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Cancels a running job (it stops after the current batch and writes its checkpoint). */
  cancel(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    job?.controller.abort();
    return job?.view;
  }

  /** Cancels every running job and waits until each has written its checkpoint. */
  async stopAll(): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.controller.abort();
    await Promise.all(jobs.map((job) => job.done));
  }

  /** Waits for a job to end (tests, shutdown). */
  async settled(id: string): Promise<JobView | undefined> {
    await this.jobs.get(id)?.done;
    return this.jobs.get(id)?.view;
  }
}
