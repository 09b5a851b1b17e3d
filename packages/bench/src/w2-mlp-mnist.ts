/**
 * Benchmark W2 (DESIGN.md): training samples/s of the 784-256-128-10 MNIST MLP (SGD 0.05,
 * batch 64) for backprop's native backend (default threads and 1 thread) and TS backend,
 * TensorFlow.js (CPU and wasm backends) and the from-scratch numpy + OpenBLAS reference, all
 * in one run. Systems run in separate child processes, interleaved in rounds; the figures are
 * medians over rounds, and each ratio is the median of the per-round ratios (the machine is
 * noisy; a ratio measured within one round is what counts).
 *
 * Slow systems time a fraction of an epoch (a seeded subset of the digits): samples/s does not
 * depend on how many rows an epoch has. The table says how many samples each timed unit holds.
 *
 * Usage: node dist/w2-mlp-mnist.js [--rounds N] [--markdown] [--json]
 */
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child-process.js';
import { measureNumpyMlp, sharedBenchScript, writeNumpyInputs } from './peers/numpy-mlp.js';
import { median } from './stats.js';
import { fmtInt, fmtRatio, markdownTable, textTable } from './text-table.js';
import type { SystemResult } from './w2-backprop.js';
import { w2Data } from './w2-spec.js';

interface SystemPlan {
  readonly key: string;
  readonly label: string;
  readonly child?: { readonly args: readonly string[]; readonly env?: Record<string, string> };
  readonly numpyThreads?: number;
}

/** Each row: what it runs and how much of an epoch it times (about 1–3 s per timed unit here). */
const PLANS: readonly SystemPlan[] = [
  { key: 'native', label: 'backprop native (default threads)', child: { args: ['native', '10000', '5'] } },
  { key: 'native-1t', label: 'backprop native, BACKPROP_THREADS=1', child: { args: ['native', '10000', '5'], env: { BACKPROP_THREADS: '1' } } },
  { key: 'ts', label: 'backprop ts', child: { args: ['ts', '3200', '3'] } },
  { key: 'tfjs-wasm', label: 'TensorFlow.js wasm', child: { args: ['tfjs-wasm', '3200', '3'] } },
  { key: 'tfjs-cpu', label: 'TensorFlow.js cpu', child: { args: ['tfjs-cpu', '1280', '3'] } },
  { key: 'numpy', label: 'numpy + OpenBLAS, 1 thread', numpyThreads: 1 },
];

interface Row {
  readonly plan: SystemPlan;
  readonly rounds: SystemResult[];
}

function parseArgs(argv: readonly string[]): { rounds: number; markdown: boolean; json: boolean } {
  let rounds = 3;
  let markdown = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') {
      rounds = Number(argv[++i]);
      if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a positive integer, got ${String(argv[i])}`);
    } else if (a === '--markdown') markdown = true;
    else if (a === '--json') json = true;
    else throw new Error(`unknown option ${String(a)} (expected --rounds N, --markdown, --json)`);
  }
  return { rounds, markdown, json };
}

async function main(): Promise<void> {
  const { rounds, markdown, json } = parseArgs(process.argv.slice(2));
  const childScript = fileURLToPath(new URL('./w2-child.js', import.meta.url));
  const numpyScript = sharedBenchScript('numpy_mlp.py');
  const numpyFiles = numpyScript ? writeNumpyInputs(w2Data()) : null;
  const plans = PLANS.filter((p) => p.numpyThreads === undefined || numpyScript !== null);
  if (!numpyScript) console.log('numpy reference skipped: ../shared/bench/numpy_mlp.py not found next to the repository');
  const rows: Row[] = plans.map((plan) => ({ plan, rounds: [] }));
  const started = Date.now();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const row of rows) {
        const { plan } = row;
        let result: SystemResult;
        if (plan.child) {
          const { json: out } = await runJsonChild(process.execPath, [childScript, ...plan.child.args], plan.child.env ?? {});
          result = out as unknown as SystemResult;
        } else {
          const sps = await measureNumpyMlp(numpyScript as string, numpyFiles as { x: string; y: string }, plan.numpyThreads ?? 1, 5);
          result = { system: 'numpy', samplesPerSecond: sps, perUnit: [sps], unitSamples: 10_000, detail: `numpy_mlp.py --threads ${plan.numpyThreads ?? 1}` };
        }
        row.rounds.push(result);
        if (!json) console.log(`round ${r + 1}/${rounds}  ${plan.label.padEnd(36)} ${fmtInt(result.samplesPerSecond).padStart(9)} samples/s  (${result.detail})`);
      }
    }
  } finally {
    numpyFiles?.cleanup();
  }

  const byKey = new Map(rows.map((row) => [row.plan.key, row]));
  /** Median over rounds of a/b measured in the same round. */
  const ratio = (a: string, b: string): number | null => {
    const ra = byKey.get(a);
    const rb = byKey.get(b);
    if (!ra || !rb) return null;
    return median(ra.rounds.map((x, i) => x.samplesPerSecond / (rb.rounds[i] as SystemResult).samplesPerSecond));
  };
  const header = ['system', 'samples/s (median)', 'per round', 'timed unit', '÷ numpy', '÷ tfjs cpu', '÷ tfjs wasm'];
  const table = rows.map((row) => {
    const sps = median(row.rounds.map((x) => x.samplesPerSecond));
    const cell = (ref: string): string => {
      const v = ref === row.plan.key ? null : ratio(row.plan.key, ref);
      return v === null ? '' : fmtRatio(v);
    };
    const first = row.rounds[0] as SystemResult;
    const unit = first.unitSamples >= 10_000 ? 'epoch (10,000)' : `${fmtInt(first.unitSamples)} samples`;
    return [row.plan.label, fmtInt(sps), row.rounds.map((x) => fmtInt(x.samplesPerSecond)).join(' / '), unit, cell('numpy'), cell('tfjs-cpu'), cell('tfjs-wasm')];
  });
  const seconds = (Date.now() - started) / 1000;
  const targets = [
    ['native ÷ numpy (target ≥ 1.0)', ratio('native', 'numpy')],
    ['native 1 thread ÷ numpy', ratio('native-1t', 'numpy')],
    ['ts ÷ tfjs cpu (target ≥ 3.0)', ratio('ts', 'tfjs-cpu')],
  ] as const;
  if (json) {
    console.log(JSON.stringify({ workload: 'W2', rounds, seconds, rows, ratios: Object.fromEntries(targets.map(([k, v]) => [k, v])) }));
    return;
  }
  const native = (byKey.get('native')?.rounds[0] as SystemResult | undefined)?.detail ?? '';
  console.log(`\nW2 mlp-mnist 784-256-128-10, ReLU, softmax + CE, SGD 0.05, batch 64 — ${rounds} rounds, ${seconds.toFixed(0)} s; ${native}`);
  console.log(textTable(header, table));
  for (const [name, v] of targets) if (v !== null) console.log(`${name}: ${fmtRatio(v)}`);
  if (markdown) console.log(`\n${markdownTable(header, table)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
