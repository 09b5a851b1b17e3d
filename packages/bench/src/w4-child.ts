/**
 * Child process of the W4 benchmark: measures one system and prints one JSON line.
 * Usage: node dist/w4-child.js <ts|native|tfjs-cpu|tfjs-wasm> <batchesPerUnit> <units>
 */
import { benchW4, getBackend, W4 } from '@backprop/core';
import '@backprop/node-native';
import type { RnnResult } from './peers/tfjs-rnn.js';
import { median } from './stats.js';

async function measureBackprop(name: 'ts' | 'native', batches: number, units: number): Promise<RnnResult> {
  const backend = await getBackend(name);
  await benchW4(backend, { iterations: batches, warmup: 3 });
  const perUnit: number[] = [];
  for (let u = 0; u < units; u++) perUnit.push((await benchW4(backend, { iterations: batches, warmup: 0, seed: 2 + u })).sequencesPerSecond);
  return { system: `backprop ${name}`, sequencesPerSecond: median(perUnit), perUnit, unitSequences: batches * W4.batch, detail: backend.info.description };
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
