/**
 * backprop on W2: Model.fit exactly as a user calls it (shuffled minibatches from the seeded
 * PRNG), timed by fit's own per-epoch figure (EpochLog.samplesPerSecond: the batch loop only),
 * and by the process's CPU time between the ends of consecutive epochs.
 */
import { getBackend, Model } from '@backprop/core';
import '@backprop/node-native';
import { cpuSeconds, median } from './stats.js';
import { W2_BATCH, W2_LR, W2_MODEL, w2Data } from './w2-spec.js';

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
}

/** Two warm-up epochs, then `epochs` timed epochs over `rows` digits. */
export async function measureBackprop(backendName: 'ts' | 'native', rows: number, epochs: number): Promise<SystemResult> {
  const backend = await getBackend(backendName);
  const data = w2Data(rows);
  const model = Model.create(W2_MODEL, { backend, seed: 1 });
  const options = { epochs: 1, batchSize: W2_BATCH, optimizer: { name: 'sgd' as const, lr: W2_LR } };
  await model.fit(data, options);
  // One more epoch than timed: its end starts the first CPU-time interval.
  const cpuMarks: number[] = [];
  const history = await model.fit(data, { ...options, epochs: epochs + 1, onEpochEnd: () => void cpuMarks.push(cpuSeconds()) });
  const perUnit = history.epochs.slice(1).map((e) => e.samplesPerSecond);
  const cpuPerUnit = cpuMarks.slice(1).map((t, i) => data.n / (t - (cpuMarks[i] as number)));
  return {
    system: `backprop ${backendName}`,
    samplesPerSecond: median(perUnit),
    perUnit,
    cpuSamplesPerSecond: median(cpuPerUnit),
    unitSamples: data.n,
    detail: backend.info.description,
  };
}
