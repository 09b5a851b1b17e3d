/**
 * Child process of the W4 benchmark: measures one system and prints one JSON line.
 * Usage: node dist/w4-child.js <ts|native|tfjs-cpu|tfjs-wasm> <batchesPerUnit> <units>
 */
import { getBackend, Model, Rng, W4, w4Spec, type Dataset } from '@backprop/core';
import '@backprop/node-native';
import type { RnnResult } from './peers/tfjs-rnn.js';
import { cpuSeconds, median } from './stats.js';

/** Random sequences in W4's shape: inputs in [−1, 1], every step's 128 targets in [−0.5, 0.5]. */
function randomSequences(rows: number, rng: Rng): Dataset {
  const inputSize = W4.seqLen * W4.features;
  const outputSize = W4.seqLen * W4.units;
  const x = new Float32Array(rows * inputSize);
  const y = new Float32Array(rows * outputSize);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-1, 1);
  for (let i = 0; i < y.length; i++) y[i] = rng.uniform(-0.5, 0.5);
  return { x, y, n: rows, inputSize, outputSize };
}

/**
 * core's W4 model (w4Spec) through Model.fit with benchW4's settings (batch 32, no shuffle, SGD
 * at W4.lr): one warm-up epoch, then `units` timed epochs of `batches` batches, timed by fit's
 * own per-epoch figure and by the process's CPU time between the ends of consecutive epochs.
 */
async function measureBackprop(name: 'ts' | 'native', batches: number, units: number): Promise<RnnResult> {
  const backend = await getBackend(name);
  const data = randomSequences(batches * W4.batch, new Rng(1));
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
  if (system === 'ts' || system === 'native') result = await measureBackprop(system, batches, units);
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
