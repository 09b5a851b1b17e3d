/**
 * Benchmark W3 (docs/benchmarks.md): Iris 4-8-3 (sigmoid hidden, softmax + CE, full batch, SGD lr 0.1,
 * 1000 iterations, 70/30 split) on the ts and native backends: whole-process wall time, the
 * training loop's time, and test accuracy (the same on both: the backends agree to float32
 * rounding). Each run is a fresh child process; ts and native alternate in rounds.
 *
 * Usage: node dist/w3-iris.js [--rounds N] [--markdown]
 */
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child-process.js';
import { count, medianRatio, medianValue, parseBenchArgs, runRounds, type Plan } from './rounds.js';
import { median } from './stats.js';
import { fmtRatio, markdownTable, textTable } from './text-table.js';

const childScript = fileURLToPath(new URL('./w3-child.js', import.meta.url));

interface IrisRun {
  backend: string;
  detail: string;
  trainMs: number;
  processMs: number;
  accuracy: number;
}

const runs = new Map<string, IrisRun[]>();

function plan(backend: 'ts' | 'native'): Plan {
  return {
    key: backend,
    label: `backprop ${backend}`,
    run: async () => {
      const r = (await runJsonChild(process.execPath, [childScript, backend])).json as unknown as IrisRun;
      runs.set(backend, [...(runs.get(backend) ?? []), r]);
      // The figure the rounds compare: training iterations per second (higher is better).
      return { value: 1000 / (r.trainMs / 1000), unit: '1000 iterations', detail: r.detail };
    },
  };
}

async function main(): Promise<void> {
  const { rounds, markdown } = parseBenchArgs(process.argv.slice(2), 5);
  const rows = await runRounds([plan('ts'), plan('native')], rounds, (r, p, m) =>
    console.log(`round ${r + 1}/${rounds}  ${p.label.padEnd(16)} ${m.value.toFixed(0).padStart(7)} iterations/s  (${m.detail})`),
  );
  const header = ['backend', 'process wall ms', 'training ms', 'iterations/s', '÷ ts', 'test accuracy'];
  const table = rows.map((row) => {
    const list = runs.get(row.plan.key)!;
    return [
      `${row.plan.label} (${list[0]!.detail})`,
      median(list.map((r) => r.processMs)).toFixed(0),
      median(list.map((r) => r.trainMs)).toFixed(1),
      medianValue(row).toFixed(0),
      fmtRatio(medianRatio(rows, row.plan.key, 'ts') ?? 1),
      list[0]!.accuracy.toFixed(3),
    ];
  });
  console.log(`\nW3 iris 4-8-3, sigmoid + softmax CE, full batch (105 rows), SGD 0.1, 1000 iterations — median of ${count(rounds, 'round')}`);
  console.log(textTable(header, table));
  if (markdown) console.log(`\n${markdownTable(header, table)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
