// trainInWorker (from @backprop/core/node) on the native backend: the caller's event loop stays
// free while MNIST trains, progress and cancellation work, and the model comes back as a file's bytes.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import '@backprop/node-native';
import { deserializeModel } from '@backprop/core';
import { trainInWorker, TrainInWorkerError } from '@backprop/core/node';

const preload = [import.meta.resolve('@backprop/node-native')];
const mnist = { data: 'mnist', layers: [256, 128], batchSize: 64, backend: 'native', optimizer: { name: 'sgd', lr: 0.05 }, testSplit: 0.2 } as const;

describe('trainInWorker', () => {
  it('trains native MNIST off the event loop: event-loop delay p99 < 20 ms, every epoch reported, the model handed back', async () => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const epochs: number[] = [];
    histogram.enable();
    const result = await trainInWorker({ ...mnist, epochs: 3 }, { preload, threads: 1, onEpochEnd: (log) => epochs.push(log.epoch) });
    histogram.disable();
    expect(result.backend).toBe('native');
    expect(result.stopReason).toBe('completed');
    expect(epochs).toEqual([1, 2, 3]);
    expect(result.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    // The loss falls on MNIST: a real training, not a stub.
    expect(result.epochs[2]!.loss).toBeLessThan(result.epochs[0]!.loss);
    const p99 = histogram.percentile(99) / 1e6;
    expect(p99).toBeLessThan(20);
    const loaded = deserializeModel(result.model!);
    expect(loaded.model.inputSize).toBe(784);
    expect(loaded.model.outputSize).toBe(10);
    expect(loaded.metadata.classNames).toHaveLength(10);
    expect(loaded.metadata['imageSide']).toBe(28);
  });

  it('stops at an abort after the current batch and hands back a checkpoint of the last completed epoch', async () => {
    const controller = new AbortController();
    const result = await trainInWorker({ ...mnist, epochs: 500 }, {
      preload,
      signal: controller.signal,
      onEpochEnd: (log) => {
        if (log.epoch === 2) controller.abort();
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.model).toBeUndefined();
    const checkpoint = deserializeModel(result.checkpoint!);
    expect(checkpoint.trainingState?.epoch).toBeGreaterThanOrEqual(2);
  });

  it('runs two jobs at once, each to its end', async () => {
    const iris = { data: 'iris', layers: [8], epochs: 40, batchSize: 0, backend: 'native' } as const;
    const [a, b] = await Promise.all([trainInWorker({ ...iris, seed: 1 }, { preload, threads: 1 }), trainInWorker({ ...iris, seed: 2 }, { preload, threads: 1 })]);
    expect(a.epochs).toHaveLength(40);
    expect(b.epochs).toHaveLength(40);
    // Different seeds, different runs: each worker trained its own config.
    expect(a.epochs[39]!.loss).not.toBe(b.epochs[39]!.loss);
  });

  it("rejects with the worker's error, its name kept", async () => {
    const error = await trainInWorker({ data: 'iris', epochs: -1 }, { preload }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainInWorkerError);
    expect((error as TrainInWorkerError).errorName).toBe('ConfigError');
    expect((error as Error).message).toMatch(/epochs/);
  });
});
