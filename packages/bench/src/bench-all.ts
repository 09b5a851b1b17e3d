/**
 * `pnpm bench`: the workloads one after another, each in its own process and with `--docs` where
 * it writes a section of docs/benchmarks.md (W3 does not), stopping at the first that fails.
 * The workload ids given as arguments, or in BACKPROP_BENCH (comma- or space-separated), select
 * some of them: `BACKPROP_BENCH=w5 pnpm bench`, `node dist/bench-all.js w2 w5`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WORKLOADS = [
  { id: 'w1', script: 'w1-gemm.js', args: ['--docs'] },
  { id: 'w2', script: 'w2-mlp-mnist.js', args: ['--docs'] },
  { id: 'w3', script: 'w3-iris.js', args: [] },
  { id: 'w4', script: 'w4-rnn.js', args: ['--docs'] },
  { id: 'w5', script: 'w5-lenet.js', args: ['--docs'] },
  { id: 'serve', script: 'serve-load.js', args: ['--docs'] },
] as const;

/** The ids in `words` (every workload when there are none), in the order the workloads run. */
function selectWorkloads(words: readonly string[]): (typeof WORKLOADS)[number][] {
  const ids = words.flatMap((w) => w.split(/[\s,]+/)).map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  const unknown = ids.filter((id) => !WORKLOADS.some((w) => w.id === id));
  if (unknown.length > 0) throw new Error(`unknown workload ${unknown.join(', ')} (expected some of ${WORKLOADS.map((w) => w.id).join(', ')})`);
  return ids.length === 0 ? [...WORKLOADS] : WORKLOADS.filter((w) => ids.includes(w.id));
}

function main(): number {
  const args = process.argv.slice(2);
  const selected = selectWorkloads(args.length > 0 ? args : [process.env['BACKPROP_BENCH'] ?? '']);
  for (const w of selected) {
    const script = fileURLToPath(new URL(`./${w.script}`, import.meta.url));
    console.log(`\n=== ${w.id}: node dist/${w.script} ${w.args.join(' ')}`.trimEnd());
    const r = spawnSync(process.execPath, [script, ...w.args], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`bench: ${w.id} failed (${r.signal ?? `exit ${String(r.status)}`}); the workloads after it did not run`);
      return r.status ?? 1;
    }
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
}
