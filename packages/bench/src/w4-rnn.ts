/**
 * Benchmark W4 (docs/benchmarks.md): training sequences/s of an Elman tanh RNN (input 32, hidden 128,
 * 64 steps, batch 32, MSE on every step, full BPTT, SGD) for backprop's native backend (default
 * threads and 1 thread), wasm backend (default threads) and TS backend — the W4 model (w4-spec.ts) through Model.fit — and TensorFlow.js's
 * simpleRNN on its wasm and CPU backends, in one run, each system in its own child process,
 * interleaved in rounds (see rounds.ts). Single-threaded systems also get sequences per CPU-second,
 * which moves far less than wall clock on a busy shared machine.
 *
 * Usage: node dist/w4-rnn.js [--rounds N] [--markdown] [--docs]
 *   --docs  rewrites the W4 section of docs/benchmarks.md with this run's table.
 */
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child-process.js';
import { machineLine, utcNow, writeDocsSection } from './docs-section.js';
import type { RnnResult } from './peers/tfjs-rnn.js';
import { count, medianCpuValue, medianRatio, medianValue, parseBenchArgs, rowLabel, runRounds, type Measured, type Plan } from './rounds.js';
import { fmtInt, fmtRatio, markdownTable, textTable } from './text-table.js';

const childScript = fileURLToPath(new URL('./w4-child.js', import.meta.url));

function childPlan(key: string, label: string, args: readonly string[], env: Record<string, string> = {}, showDetail = false): Plan {
  return {
    key,
    label,
    showDetail,
    run: async (): Promise<Measured> => {
      const r = (await runJsonChild(process.execPath, [childScript, ...args], env)).json as unknown as RnnResult;
      return { value: r.sequencesPerSecond, cpuValue: r.cpuSequencesPerSecond, unit: `${fmtInt(r.unitSequences)} sequences`, detail: r.detail };
    },
  };
}

async function main(): Promise<void> {
  const { rounds, markdown, docs } = parseBenchArgs(process.argv.slice(2), 3);
  const machine = machineLine();
  // <batches per timed unit> <timed units>: about 0.3–1 s per unit on an idle 2-core machine.
  const plans: Plan[] = [
    childPlan('native', 'backprop native (default threads)', ['native', '20', '3']),
    childPlan('native-1t', 'backprop native, BACKPROP_THREADS=1', ['native', '20', '3'], { BACKPROP_THREADS: '1' }),
    childPlan('wasm', 'backprop wasm, default threads', ['wasm', '20', '3'], {}, true),
    childPlan('ts', 'backprop ts', ['ts', '5', '3']),
    childPlan('tfjs-wasm', 'TensorFlow.js wasm simpleRNN', ['tfjs-wasm', '8', '3']),
    childPlan('tfjs-cpu', 'TensorFlow.js cpu simpleRNN', ['tfjs-cpu', '2', '2']),
  ];
  const started = Date.now();
  const rows = await runRounds(plans, rounds, (r, plan, m) =>
    console.log(`round ${r + 1}/${rounds}  ${plan.label.padEnd(36)} ${fmtInt(m.value).padStart(7)} sequences/s  (${m.detail})`),
  );
  const seconds = (Date.now() - started) / 1000;
  const header = ['system', 'sequences/s', 'per round', '÷ ts', '÷ tfjs wasm', '÷ tfjs cpu', 'per CPU-s', '÷ tfjs wasm (CPU)', 'timed unit'];
  const ratio = (v: number | null): string => (v === null ? '' : fmtRatio(v));
  const singleThreaded = (key: string): boolean => key !== 'native' && key !== 'wasm';
  const table = rows.map((row) => {
    const key = row.plan.key;
    const cpu = singleThreaded(key) ? medianCpuValue(row) : null;
    return [
      rowLabel(row),
      fmtInt(medianValue(row)),
      row.results.map((m) => fmtInt(m.value)).join(' / '),
      ratio(medianRatio(rows, key, 'ts')),
      ratio(medianRatio(rows, key, 'tfjs-wasm')),
      ratio(medianRatio(rows, key, 'tfjs-cpu')),
      cpu === null ? '' : fmtInt(cpu),
      singleThreaded(key) ? ratio(medianRatio(rows, key, 'tfjs-wasm', 'cpuValue')) : '',
      (row.results[0] as Measured).unit,
    ];
  });
  const native = rows[0]?.results[0]?.detail ?? '';
  const title = `W4 rnn: Elman tanh 32→128, 64 steps, batch 32, MSE every step, full BPTT, SGD — ${count(rounds, 'round')} in ${seconds.toFixed(0)} s; ${native}; ${machine}`;
  console.log(`\n${title}`);
  console.log('sequences/s: wall clock, median over rounds; per CPU-s: sequences per CPU-second (single-threaded systems);');
  console.log('ratios: median of the per-round ratios');
  console.log(textTable(header, table));
  const targets: [string, number | null][] = [
    ['native ÷ tfjs wasm, wall clock (target ≥ 20)', medianRatio(rows, 'native', 'tfjs-wasm')],
    ['native 1 thread ÷ tfjs wasm, per CPU-second', medianRatio(rows, 'native-1t', 'tfjs-wasm', 'cpuValue')],
    ['ts ÷ tfjs cpu, wall clock (target ≥ 3)', medianRatio(rows, 'ts', 'tfjs-cpu')],
    ['wasm ÷ ts, wall clock (target ≥ 5)', medianRatio(rows, 'wasm', 'ts')],
  ];
  const verdicts = targets.filter(([, v]) => v !== null).map(([name, v]) => `${name}: ${fmtRatio(v as number)}`);
  for (const line of verdicts) console.log(line);
  const md = markdownTable(header, table);
  if (markdown) console.log(`\n${md}`);
  if (docs) {
    const section = [
      '## W4: Elman RNN',
      '',
      `Command: \`pnpm --filter @backprop/bench exec node dist/w4-rnn.js --rounds ${rounds} --docs\` (part of \`pnpm bench\`), ${utcNow()}.`,
      '',
      `${title}.`,
      '',
      md,
      '',
      ...verdicts.map((line) => `- ${line}`),
      '',
      'Training sequences/s of an Elman tanh RNN (input 32, hidden 128, 64 steps, batch 32, MSE on every step\'s hidden',
      'state, full BPTT, plain SGD) on random sequences. backprop runs the W4 model (`w4Spec()` in w4-spec.ts) through `Model.fit`',
      'on its native, wasm (`import \'@backprop/wasm\'`, WebAssembly SIMD128 with its default thread count, named in the table)',
      'and ts backends',
      '(batch 32, no shuffle, SGD) and reports its per-epoch figure; TensorFlow.js 4.22 runs `tf.layers.simpleRNN` (128 units, tanh,',
      '`returnSequences`) with `trainOnBatch` on the same shapes (its MSE is a mean rather than a sum: a constant factor of',
      'the gradient, not of the work). Each system runs in its own child process in interleaved rounds; a ratio is the median',
      'of the per-round ratios; "per CPU-s" is sequences per CPU-second of the process, for single-threaded systems.',
    ].join('\n');
    console.log(`wrote ${writeDocsSection('w4-rnn', 'packages/bench/src/w4-rnn.ts', section)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
