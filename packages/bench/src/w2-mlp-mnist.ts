/**
 * Benchmark W2 (docs/benchmarks.md): training samples/s of the 784-256-128-10 MNIST MLP (ReLU, softmax +
 * cross-entropy, He init, SGD 0.05, batch 64) for backprop's native backend (default threads and
 * 1 thread), wasm backend (default threads) and TS backend, TensorFlow.js (CPU and wasm backends) and the from-scratch numpy +
 * OpenBLAS reference, all in one run. Every system runs in its own child process, interleaved in
 * rounds (see rounds.ts).
 *
 * Slow systems time a fraction of an epoch (a seeded subset of the digits, reshuffled every
 * epoch): samples/s does not depend on how many rows an epoch has. The table says how many
 * samples one timed unit holds; each system's per-round figure is the median of its units.
 *
 * Besides wall-clock samples/s, single-threaded systems get samples per CPU-second (the process's
 * CPU time; for numpy, the script's own clock swapped for thread CPU time): on a busy shared
 * machine that figure, and ratios of it, move far less than wall-clock ones.
 *
 * Usage: node dist/w2-mlp-mnist.js [--rounds N] [--markdown] [--docs]
 *   --docs  rewrites the W2 section of docs/benchmarks.md with this run's table.
 */
import { fileURLToPath } from 'node:url';
import type { SystemResult } from './backprop-fit.js';
import { runJsonChild } from './child-process.js';
import { machineLine, utcNow, writeDocsSection } from './docs-section.js';
import { writeDigitFiles } from './peers/digit-files.js';
import { measureNumpyMlp, sharedBenchScript } from './peers/numpy-mlp.js';
import { count, medianCpuValue, medianRatio, medianValue, parseBenchArgs, rowLabel, runRounds, type Measured, type Plan } from './rounds.js';
import { fmtInt, fmtRatio, markdownTable, textTable } from './text-table.js';
import { w2Data } from './w2-spec.js';

const childScript = fileURLToPath(new URL('./w2-child.js', import.meta.url));

function unitName(samples: number): string {
  return samples >= 10_000 ? 'epoch (10,000)' : `${fmtInt(samples)} samples`;
}

/** A plan that runs `w2-child.js args` with `env`. */
function childPlan(key: string, label: string, args: readonly string[], env: Record<string, string> = {}, showDetail = false): Plan {
  return {
    key,
    label,
    showDetail,
    run: async (): Promise<Measured> => {
      const r = (await runJsonChild(process.execPath, [childScript, ...args], env)).json as unknown as SystemResult;
      return { value: r.samplesPerSecond, cpuValue: r.cpuSamplesPerSecond, unit: unitName(r.unitSamples), detail: r.detail };
    },
  };
}

async function main(): Promise<void> {
  const { rounds, markdown, docs } = parseBenchArgs(process.argv.slice(2), 3);
  const machine = machineLine();
  // Timed units of about 1 s each on an idle 2-core machine (TF.js CPU trains ~700 samples/s).
  const plans: Plan[] = [
    childPlan('native', 'backprop native (default threads)', ['native', '10000', '5']),
    childPlan('native-1t', 'backprop native, BACKPROP_THREADS=1', ['native', '10000', '5'], { BACKPROP_THREADS: '1' }),
    childPlan('wasm', 'backprop wasm, default threads', ['wasm', '10000', '3'], {}, true),
    childPlan('ts', 'backprop ts', ['ts', '2560', '3']),
    childPlan('tfjs-wasm', 'TensorFlow.js wasm', ['tfjs-wasm', '2560', '3']),
    childPlan('tfjs-cpu', 'TensorFlow.js cpu', ['tfjs-cpu', '640', '3']),
  ];
  const numpyScript = sharedBenchScript('numpy_mlp.py');
  const numpyFiles = numpyScript ? writeDigitFiles(w2Data(), 'backprop-w2') : null;
  if (numpyScript && numpyFiles) {
    plans.push({
      key: 'numpy',
      label: 'numpy + OpenBLAS, 1 thread',
      run: async () => ({
        value: await measureNumpyMlp(numpyScript, numpyFiles, 1, 5),
        cpuValue: await measureNumpyMlp(numpyScript, numpyFiles, 1, 5, 'cpu'),
        unit: unitName(10_000),
        detail: 'numpy_mlp.py --threads 1',
      }),
    });
  } else console.log('numpy reference skipped: ../shared/bench/numpy_mlp.py is not next to the repository');

  const started = Date.now();
  let rows;
  try {
    rows = await runRounds(plans, rounds, (r, plan, m) =>
      console.log(`round ${r + 1}/${rounds}  ${plan.label.padEnd(36)} ${fmtInt(m.value).padStart(9)} samples/s  (${m.detail})`),
    );
  } finally {
    numpyFiles?.cleanup();
  }
  const seconds = (Date.now() - started) / 1000;
  const header = ['system', 'samples/s', 'per round', '÷ ts', '÷ numpy', '÷ tfjs cpu', '÷ tfjs wasm', 'per CPU-s', '÷ numpy (CPU)', 'timed unit'];
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
      ratio(medianRatio(rows, key, 'numpy')),
      ratio(medianRatio(rows, key, 'tfjs-cpu')),
      ratio(medianRatio(rows, key, 'tfjs-wasm')),
      cpu === null ? '' : fmtInt(cpu),
      singleThreaded(key) ? ratio(medianRatio(rows, key, 'numpy', 'cpuValue')) : '',
      (row.results[0] as Measured).unit,
    ];
  });
  const native = rows[0]?.results[0]?.detail ?? '';
  const title = `W2 mlp-mnist 784-256-128-10, ReLU, softmax + CE, SGD 0.05, batch 64 — ${count(rounds, 'round')} in ${seconds.toFixed(0)} s; ${native}; ${machine}`;
  console.log(`\n${title}`);
  console.log('samples/s: wall clock, median over rounds; per CPU-s: samples per CPU-second (single-threaded systems);');
  console.log('ratios: median of the per-round ratios');
  console.log(textTable(header, table));
  const targets: [string, number | null][] = [
    ['native ÷ numpy, wall clock (target ≥ 1.0)', medianRatio(rows, 'native', 'numpy')],
    ['native 1 thread ÷ numpy 1 thread, per CPU-second', medianRatio(rows, 'native-1t', 'numpy', 'cpuValue')],
    ['ts ÷ tfjs cpu, wall clock (target ≥ 3.0)', medianRatio(rows, 'ts', 'tfjs-cpu')],
    ['wasm ÷ ts, wall clock (target ≥ 5.0)', medianRatio(rows, 'wasm', 'ts')],
    ['wasm ÷ tfjs wasm, wall clock (target ≥ 4.0)', medianRatio(rows, 'wasm', 'tfjs-wasm')],
  ];
  const verdicts = targets.filter(([, v]) => v !== null).map(([name, v]) => `${name}: ${fmtRatio(v as number)}`);
  for (const line of verdicts) console.log(line);
  const md = markdownTable(header, table);
  if (markdown) console.log(`\n${md}`);
  if (docs) {
    const section = [
      '## W2: MLP on MNIST',
      '',
      `Command: \`pnpm --filter @backprop/bench exec node dist/w2-mlp-mnist.js --rounds ${rounds} --docs\` (part of \`pnpm bench\`), ${utcNow()}.`,
      '',
      `${title}.`,
      '',
      md,
      '',
      ...verdicts.map((line) => `- ${line}`),
      '',
      'Training samples/s of 784-256-128-10 (ReLU, softmax + cross-entropy, He-normal init, plain SGD lr 0.05, batch 64,',
      'reshuffled every epoch) on the 10,000 built-in digits. backprop runs `Model.fit` and reports its per-epoch figure, on',
      'its native, wasm (`import \'@backprop/wasm\'`, WebAssembly SIMD128 with its default thread count, named in the table)',
      'and ts backends;',
      'TensorFlow.js 4.22 runs the same network with fused matMul + bias + ReLU, `tf.losses.softmaxCrossEntropy` and',
      '`optimizer.minimize` (batches gathered in JS); the numpy reference is `python3 ../shared/bench/numpy_mlp.py --threads 1',
      '--epochs 5 --x … --y …` fed the same digits. Each system runs in its own child process, one after another in',
      'interleaved rounds; a ratio is the median of the per-round ratios. TF.js and the TS backend time a fraction of an',
      'epoch (the "timed unit": a seeded subset of the digits), which samples/s does not depend on. "per CPU-s" is samples per',
      'CPU-second of the process (numpy: its own script with `time.perf_counter` replaced by `time.thread_time`), given for',
      'single-threaded systems only: on this shared 2-core machine wall-clock figures swing with the other work running, CPU',
      'time much less.',
    ].join('\n');
    console.log(`wrote ${writeDocsSection('w2-mlp-mnist', 'packages/bench/src/w2-mlp-mnist.ts', section)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
