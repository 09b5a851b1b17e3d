/**
 * backprop on a workload: Model.fit exactly as a user calls it (shuffled minibatches from the
 * seeded PRNG, plain SGD), timed per epoch by fit's own clock (EpochLog.seconds: the batch loop
 * only) and by the process's CPU time between the ends of consecutive epochs.
 */
import { getBackend, Model, type Dataset, type ModelSpec } from '@backprop/core';
import '@backprop/node-native';
import '@backprop/wasm';
import { cpuSeconds, median } from './stats.js';

/** One system's measurement, as a benchmark's child process prints it. */
export interface SystemResult {
  readonly system: string;
  /** Median over the timed units. */
  readonly samplesPerSecond: number;
  readonly perUnit: readonly number[];
  /** Median over the timed units of samples per CPU-second of the process (all its threads). */
  readonly cpuSamplesPerSecond: number;
  /** Samples in one timed unit (an epoch, or the fraction of one that was timed). */
  readonly unitSamples: number;
  readonly detail: string;
  /** Trainable parameters of the network, where the workload checks them. */
  readonly parameters?: number;
  /** The process's peak resident set size at the end of the measurement, in bytes. */
  readonly peakRssBytes?: number;
}

/** What a workload trains with: batch size, SGD's learning rate. */
export interface FitSettings {
  readonly batch: number;
  readonly lr: number;
}

/** This process's peak resident set size so far, in bytes (Node reports kilobytes). */
export const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

/** One warm-up epoch, then `epochs` timed epochs of `spec` over `data` on the named backend. */
export async function measureBackprop(
  backendName: 'ts' | 'native' | 'wasm',
  spec: ModelSpec,
  data: Dataset,
  settings: FitSettings,
  epochs: number,
): Promise<SystemResult> {
  const backend = await getBackend(backendName);
  const model = Model.create(spec, { backend, seed: 1 });
  const options = { batchSize: settings.batch, optimizer: { name: 'sgd' as const, lr: settings.lr }, shuffle: true };
  await model.fit(data, { ...options, epochs: 1 });
  // One more epoch than timed: its end starts the first CPU-time interval.
  const cpuMarks: number[] = [];
  const history = await model.fit(data, { ...options, epochs: epochs + 1, onEpochEnd: () => void cpuMarks.push(cpuSeconds()) });
  const perUnit = history.epochs.slice(1).map((e) => data.n / e.seconds);
  const cpuPerUnit = cpuMarks.slice(1).map((t, i) => data.n / (t - (cpuMarks[i] as number)));
  return {
    system: `backprop ${backendName}`,
    samplesPerSecond: median(perUnit),
    perUnit,
    cpuSamplesPerSecond: median(cpuPerUnit),
    unitSamples: data.n,
    detail: backend.info.description,
    parameters: model.parameterCount(),
    peakRssBytes: peakRssBytes(),
  };
}
