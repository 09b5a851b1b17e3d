/**
 * backprop on W2: Model.fit exactly as a user calls it (shuffled minibatches from the seeded
 * PRNG), timed by fit's own per-epoch figure (EpochLog.samplesPerSecond: the batch loop only).
 */
import { getBackend, Model } from '@backprop/core';
import '@backprop/node-native';
import { median } from './stats.js';
import { W2_BATCH, W2_LR, W2_MODEL, w2Data } from './w2-spec.js';

export interface SystemResult {
  readonly system: string;
  /** Median over the timed units. */
  readonly samplesPerSecond: number;
  readonly perUnit: readonly number[];
  /** Samples in one timed unit (an epoch, or the fraction of one that was timed). */
  readonly unitSamples: number;
  readonly detail: string;
}

/** One warm-up epoch, then `epochs` timed epochs over `rows` digits. */
export async function measureBackprop(backendName: 'ts' | 'native', rows: number, epochs: number): Promise<SystemResult> {
  const backend = await getBackend(backendName);
  const data = w2Data(rows);
  const model = Model.create(W2_MODEL, { backend, seed: 1 });
  const options = { epochs: 1, batchSize: W2_BATCH, optimizer: { name: 'sgd' as const, lr: W2_LR } };
  await model.fit(data, options);
  const history = await model.fit(data, { ...options, epochs });
  const perUnit = history.epochs.map((e) => e.samplesPerSecond);
  return { system: `backprop ${backendName}`, samplesPerSecond: median(perUnit), perUnit, unitSamples: data.n, detail: backend.info.description };
}
