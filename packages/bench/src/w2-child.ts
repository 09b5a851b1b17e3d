/**
 * Child process of the W2 benchmark: measures one system and prints its SystemResult as one
 * JSON line. Usage: node dist/w2-child.js <ts|native|wasm|tfjs-cpu|tfjs-wasm> <rows> <units> [batchesPerUnit]
 */
import { measureBackprop, type SystemResult } from './backprop-fit.js';
import { W2_BATCH, W2_LR, W2_MODEL, w2Data } from './w2-spec.js';

async function main(): Promise<void> {
  const [system, rowsArg, unitsArg, batchesArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const units = Number(unitsArg);
  if (!Number.isInteger(rows) || rows < 64 || !Number.isInteger(units) || units < 1) {
    throw new Error(`usage: w2-child <system> <rows ≥ 64> <units ≥ 1> [batchesPerUnit], got ${process.argv.slice(2).join(' ')}`);
  }
  let result: SystemResult;
  if (system === 'ts' || system === 'native' || system === 'wasm') result = await measureBackprop(system, W2_MODEL, w2Data(rows), { batch: W2_BATCH, lr: W2_LR }, units);
  else if (system === 'tfjs-cpu' || system === 'tfjs-wasm') {
    // Loaded only here: backprop's measurements run without TF.js in the process.
    const { measureTfjsMlp } = await import('./peers/tfjs-mlp.js');
    const data = w2Data(rows);
    const batches = batchesArg === undefined ? Math.floor(rows / 64) : Number(batchesArg);
    result = await measureTfjsMlp(system === 'tfjs-cpu' ? 'cpu' : 'wasm', data, batches, units);
  } else throw new Error(`w2-child: unknown system '${String(system)}'`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
