/**
 * The rows a job trains on, as core's `train` takes them: Iris by its built-in name (core loads
 * it), MNIST from the asset bytes the page fetched (core's loader, the digits decoded once per
 * worker) cut to the job's row limit, and the sine task's own windows.
 */
import { loadData, Rng, subset, type DataSource } from '@backprop/core';
import type { FitJob } from './protocol.js';
import { sineSource } from './sine-task.js';
import { textSource } from './text-task.js';

let mnistCache: { bytes: Uint8Array; source: DataSource } | null = null;

/** The built-in MNIST digits read by core from the asset bytes (decoded once per worker). */
export async function mnistSource(bytes: Uint8Array): Promise<DataSource> {
  // The page sends the one asset it fetched with every request: same length, same digits.
  if (mnistCache && mnistCache.bytes.length === bytes.length) return mnistCache.source;
  const source = await loadData('mnist', { assets: { readAsset: () => Promise.resolve(bytes) } });
  mnistCache = { bytes, source };
  return source;
}

/**
 * The `data` option of train for this job, or undefined when core loads `config.data` by name.
 * @throws when MNIST comes without its bytes or the sine task without its settings
 */
export async function jobSource(job: FitJob, mnistBytes?: Uint8Array): Promise<DataSource | undefined> {
  const { config } = job;
  switch (config.data) {
    case 'iris':
    case 'pattern-completion':
      return undefined;
    case 'mnist': {
      if (!mnistBytes) throw new Error('the MNIST job needs the digits asset bytes');
      const all = await mnistSource(mnistBytes);
      if (job.limit === undefined || job.limit >= all.data.n) return all;
      // The run's seed, as for its split and initialisation.
      const rows = new Rng(config.seed).permutation(all.data.n).subarray(0, job.limit);
      return { ...all, data: subset(all.data, Array.from(rows)) };
    }
    case 'sine':
      if (!job.sine || config.seqLen === undefined) throw new Error('the sine job needs its task settings and config.seqLen');
      return sineSource(job.sine, config.seqLen, config.seed);
    case 'text':
      if (!job.text || config.seqLen === undefined) throw new Error('the text job needs its task settings and config.seqLen');
      return textSource(job.text, config.seqLen);
  }
}
