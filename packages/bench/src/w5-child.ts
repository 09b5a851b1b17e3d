/**
 * Child process of the W5 benchmark: measures one system and prints its SystemResult as one
 * JSON line. Usage: node dist/w5-child.js <ts|native|tfjs-cpu> <rows> <units>
 *   rows   the samples of one timed unit, a multiple of 64: backprop trains epochs over the first
 *          `rows` of W5's 8,000 training digits (8,000: a whole epoch); TF.js, too slow for
 *          epochs, trains rows/64 batches from a fresh shuffle of all 8,000 per unit
 *   units  the timed units, after one warm-up unit
 */
import { measureBackprop, type SystemResult } from './backprop-fit.js';
import { W5, W5_MODEL, w5Data } from './w5-spec.js';

async function main(): Promise<void> {
  const [system, rowsArg, unitsArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const units = Number(unitsArg);
  if (!Number.isInteger(rows) || rows % W5.batch !== 0 || !Number.isInteger(units) || units < 1) {
    throw new Error(`usage: w5-child <system> <rows: a multiple of ${W5.batch}> <units ≥ 1>, got ${process.argv.slice(2).join(' ')}`);
  }
  let result: SystemResult;
  if (system === 'ts' || system === 'native') result = await measureBackprop(system, W5_MODEL, w5Data(rows), W5, units);
  else if (system === 'tfjs-cpu') {
    // Loaded only here: backprop's measurements run without TF.js in the process.
    const { measureTfjsLenet } = await import('./peers/tfjs-lenet.js');
    result = await measureTfjsLenet(w5Data(), rows / W5.batch, units);
  } else throw new Error(`w5-child: unknown system '${String(system)}'`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
