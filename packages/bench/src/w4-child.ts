/**
 * Child process of the W4 benchmark: measures one system and prints one JSON line.
 * Usage: node dist/w4-child.js <ts|native|wasm|tfjs-cpu|tfjs-wasm> <batchesPerUnit> <units>
 */
import { getBackend, Model, Rng } from '@backprop/core';
import '@backprop/node-native';
import '@backprop/wasm';
import type { RnnResult } from './peers/tfjs-rnn.js';
import { cpuSeconds, median } from './stats.js';
import { W4, w4Data, w4Spec } from './w4-spec.js';

/**
 * The W4 model (w4Spec) through Model.fit (batch 32, no shuffle, SGD at W4.lr): one warm-up
 * epoch, then `units` timed epochs of `batches` batches, timed by fit's own per-epoch figure and by the process's CPU time between the ends of consecutive epochs.
 */
async function measureBackprop(name: 'ts' | 'native' | 'wasm', batches: number, units: number): Promise<RnnResult> {
  const backend = await getBackend(name);
  const data = w4Data(batches * W4.batch, new Rng(1));
  const model = Model.create(w4Spec(), { backend, seed: 1 });
  const cpuMarks: number[] = [];
  const history = await model.fit(data, {
    epochs: units + 1,
    batchSize: W4.batch,
    shuffle: false,
    optimizer: { name: 'sgd', lr: W4.lr },
    onEpochEnd: () => void cpuMarks.push(cpuSeconds()),
  });
  const perUnit = history.epochs.slice(1).map((e) => e.samplesPerSecond);
  const cpuPerUnit = cpuMarks.slice(1).map((t, i) => data.n / (t - (cpuMarks[i] as number)));
  return {
    system: `backprop ${name}`,
    sequencesPerSecond: median(perUnit),
    perUnit,
    cpuSequencesPerSecond: median(cpuPerUnit),
    unitSequences: data.n,
    detail: backend.info.description,
  };
}

async function main(): Promise<void> {
  const [system, batchesArg, unitsArg] = process.argv.slice(2);
  const batches = Number(batchesArg);
  const units = Number(unitsArg);
  if (!Number.isInteger(batches) || batches < 1 || !Number.isInteger(units) || units < 1) {
    throw new Error(`usage: w4-child <system> <batchesPerUnit ≥ 1> <units ≥ 1>, got ${process.argv.slice(2).join(' ')}`);
  }
  let result: RnnResult;
  if (system === 'ts' || system === 'native' || system === 'wasm') result = await measureBackprop(system, batches, units);
  else if (system === 'tfjs-cpu' || system === 'tfjs-wasm') {
    // Loaded only here: backprop's measurements run without TF.js in the process.
    const { measureTfjsRnn } = await import('./peers/tfjs-rnn.js');
    result = await measureTfjsRnn(system === 'tfjs-cpu' ? 'cpu' : 'wasm', W4, batches, units);
  } else throw new Error(`w4-child: unknown system '${String(system)}'`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
