/**
 * Benchmark W5 (docs/benchmarks.md): training samples/s of LeNet-5 on the built-in digits (w5-spec.ts:
 * two 5×5 convolutions with ReLU and 2×2 max pooling, dense 120-84-10, softmax + cross-entropy, SGD
 * 0.05, batch 64, 8,000 training rows) for backprop's native and TS backends — the W5 model through
 * Model.fit — PyTorch CPU on as many threads as native, and TensorFlow.js's CPU backend (tf.layers),
 * all in one run, each system in its own child process, interleaved in rounds (see rounds.ts). Besides
 * samples/s it compares the processes' peak resident memory, native's against PyTorch's.
 *
 * The thread count is BACKPROP_THREADS when set, else every CPU this process may use; native gets it
 * through BACKPROP_THREADS and PyTorch through torch.set_num_threads. PyTorch runs from a virtual
 * environment the benchmark sets up on first use (peers/torch-lenet.ts); when that cannot be done
 * the run says why and goes on without it. A system that fails (e.g. a build whose Model.create
 * does not know a layer) is reported and left out, and the others are still measured. Every
 * network measured must have LeNet-5's 61,706 parameters.
 *
 * Usage: node dist/w5-lenet.js [--rounds N] [--markdown] [--docs]
 *   --docs  rewrites the W5 section of docs/benchmarks.md with this run's table.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SystemResult } from './backprop-fit.js';
import { runJsonChild } from './child-process.js';
import { machineLine, utcNow, writeDocsSection } from './docs-section.js';
import { writeDigitFiles } from './peers/digit-files.js';
import { measureTorchLenet, setUpTorchPython } from './peers/torch-lenet.js';
import { count, medianCpuValue, medianFigure, medianRatio, medianValue, parseBenchArgs, runRounds, type Measured, type Plan } from './rounds.js';
import { fmtInt, fmtRatio, markdownTable, textTable } from './text-table.js';
import { W5, w5Data } from './w5-spec.js';

const childScript = fileURLToPath(new URL('./w5-child.js', import.meta.url));
/** Rows of the TS backend's timed epochs: a part of the 8,000, as samples/s does not depend on an epoch's size. */
const TS_UNIT_ROWS = 640;

/** BACKPROP_THREADS when set (an integer from 1 to 256, as the native backend takes it), else every available CPU. */
function benchThreads(): number {
  const raw = process.env['BACKPROP_THREADS']?.trim();
  if (!raw) return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError(`BACKPROP_THREADS must be an integer from 1 to 256, got '${raw}'`);
  return n;
}

function unitName(samples: number): string {
  return samples === W5.trainRows ? `epoch (${fmtInt(samples)})` : `${fmtInt(samples)} samples`;
}

/** A plan measuring `measure`'s system; it fails when the system's network is not LeNet-5's size. */
function plan(key: string, label: string, measure: () => Promise<SystemResult>): Plan {
  return {
    key,
    label,
    run: async (): Promise<Measured> => {
      const r = await measure();
      if (r.parameters !== W5.parameters) {
        throw new Error(`its network has ${String(r.parameters)} parameters, LeNet-5 has ${fmtInt(W5.parameters)}`);
      }
      return {
        value: r.samplesPerSecond,
        cpuValue: r.cpuSamplesPerSecond,
        unit: unitName(r.unitSamples),
        detail: r.detail,
        ...(r.peakRssBytes === undefined ? {} : { peakRssBytes: r.peakRssBytes }),
      };
    },
  };
}

/** A plan that runs `w5-child.js args` with `env`. */
function childPlan(key: string, label: string, args: readonly string[], env: Record<string, string> = {}): Plan {
  return plan(key, label, async () => (await runJsonChild(process.execPath, [childScript, ...args], env)).json as unknown as SystemResult);
}

/**
 * An error's message on one line, without stack frames; of a failed child process's message
 * (its command line, then its stderr) only the stderr.
 */
function reason(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  return (lines.length > 1 ? lines.slice(1) : lines).slice(0, 3).join(' | ');
}

async function main(): Promise<void> {
  const { rounds, markdown, docs } = parseBenchArgs(process.argv.slice(2), 3);
  const machine = machineLine();
  const threads = benchThreads();
  const unmeasured: string[] = [];
  const torch = setUpTorchPython((line) => console.log(line));
  if ('skipped' in torch) {
    unmeasured.push(`PyTorch CPU: skipped, no PyTorch to run: ${torch.skipped}`);
    console.log(`PyTorch peer SKIPPED: ${torch.skipped}`);
  }
  // <samples per timed unit> <timed units>, after a warm-up unit. native and PyTorch time whole
  // epochs (about 1 s each on an idle 2-core machine); TF.js's CPU backend trains about 10 samples/s,
  // so its unit is one batch. A round takes about 35 s, TF.js 20 s of it.
  const plans: Plan[] = [
    childPlan('native', `backprop native, ${count(threads, 'thread')}`, ['native', String(W5.trainRows), '2'], { BACKPROP_THREADS: String(threads) }),
    childPlan('ts', 'backprop ts', ['ts', String(TS_UNIT_ROWS), '3']),
  ];
  const files = 'python' in torch ? writeDigitFiles(w5Data(), 'backprop-w5') : null;
  if ('python' in torch && files) {
    const batches = W5.trainRows / W5.batch;
    plans.push(plan('pytorch', `PyTorch CPU, ${count(threads, 'thread')}`, () => measureTorchLenet(torch.python, files, threads, batches, 2)));
  }
  plans.push(childPlan('tfjs-cpu', 'TensorFlow.js cpu', ['tfjs-cpu', String(W5.batch), '2']));

  const started = Date.now();
  let rows;
  try {
    rows = await runRounds(
      plans,
      rounds,
      (r, p, m) => console.log(`round ${r + 1}/${rounds}  ${p.label.padEnd(30)} ${fmtInt(m.value).padStart(7)} samples/s  (${m.detail})`),
      (p, err) => {
        unmeasured.push(`${p.label}: failed, left out: ${reason(err)}`);
        console.log(`${p.label} FAILED, left out of this run: ${reason(err)}`);
      },
    );
  } finally {
    files?.cleanup();
  }
  const seconds = (Date.now() - started) / 1000;
  const header = ['system', 'samples/s', 'per round', '÷ PyTorch', '÷ tfjs cpu', 'per CPU-s', 'peak RSS MB', 'RSS ÷ PyTorch', 'timed unit'];
  const ratio = (v: number | null): string => (v === null ? '' : fmtRatio(v));
  const singleThreaded = (key: string): boolean => key === 'ts' || key === 'tfjs-cpu' || threads === 1;
  const table = rows.map((row) => {
    const key = row.plan.key;
    const cpu = singleThreaded(key) ? medianCpuValue(row) : null;
    const rss = medianFigure(row, 'peakRssBytes');
    return [
      row.plan.label,
      fmtInt(medianValue(row)),
      row.results.map((m) => fmtInt(m.value)).join(' / '),
      ratio(medianRatio(rows, key, 'pytorch')),
      ratio(medianRatio(rows, key, 'tfjs-cpu')),
      cpu === null ? '' : fmtInt(cpu),
      rss === null ? '' : fmtInt(rss / 2 ** 20),
      ratio(medianRatio(rows, key, 'pytorch', 'peakRssBytes')),
      (row.results[0] as Measured).unit,
    ];
  });
  const backpropMissing = !rows.some((r) => r.plan.key === 'native') || !rows.some((r) => r.plan.key === 'ts');
  const native = rows.find((r) => r.plan.key === 'native')?.results[0]?.detail ?? 'backprop native not measured';
  const title = `W5 lenet: LeNet-5 (conv 6@5×5 pad 2, maxpool 2, conv 16@5×5, maxpool 2, dense 120-84-10), ReLU, softmax + CE, SGD 0.05, batch 64 — ${count(rounds, 'round')} in ${seconds.toFixed(0)} s; ${native}; ${machine}`;
  console.log(`\n${title}`);
  console.log('samples/s: wall clock, median over rounds; per CPU-s: samples per CPU-second (single-threaded systems);');
  console.log('peak RSS: the process\'s maximum resident memory; ratios: median of the per-round ratios');
  console.log(textTable(header, table));
  const targets: [string, number | null][] = [
    ['native ÷ PyTorch, wall clock (target ≥ 1.0)', medianRatio(rows, 'native', 'pytorch')],
    ['ts ÷ tfjs cpu, wall clock (target ≥ 3.0)', medianRatio(rows, 'ts', 'tfjs-cpu')],
    ['native peak RSS ÷ PyTorch peak RSS (target ≤ 2.0)', medianRatio(rows, 'native', 'pytorch', 'peakRssBytes')],
  ];
  const verdicts = targets.map(([name, v]) => `${name}: ${v === null ? 'not measured in this run' : fmtRatio(v)}`);
  for (const line of [...verdicts, ...unmeasured.map((u) => `not measured: ${u}`)]) console.log(line);
  const md = markdownTable(header, table);
  if (markdown) console.log(`\n${md}`);
  if (docs) {
    const section = [
      '## W5: LeNet-5 on MNIST',
      '',
      `Command: \`pnpm --filter @backprop/bench exec node dist/w5-lenet.js --rounds ${rounds} --docs\` (part of \`pnpm bench\`), ${utcNow()}.`,
      '',
      `${title}.`,
      '',
      ...(backpropMissing ? ['**Peers only: backprop itself was not measured in this run (see below), so its rows and ratios are missing.**', ''] : []),
      md,
      '',
      ...verdicts.map((line) => `- ${line}`),
      ...(unmeasured.length > 0 ? ['', 'Not measured in this run:', '', ...unmeasured.map((u) => `- ${u}`)] : []),
      '',
      'Training samples/s of LeNet-5 on 1×28×28 images: conv 6@5×5 (padding 2) + ReLU, max pooling 2, conv 16@5×5 + ReLU,',
      'max pooling 2, dense 120 ReLU, dense 84 ReLU, dense 10, softmax + cross-entropy, plain SGD lr 0.05, batch 64, reshuffled',
      `every epoch, on 8,000 of the 10,000 built-in digits (the first 8,000 of W2's seeded permutation); ${fmtInt(W5.parameters)} parameters in`,
      'every system (checked each round). backprop runs the W5 model (`W5_MODEL` in w5-spec.ts) through `Model.fit` and times',
      `its epochs (the TS backend's over the first ${fmtInt(TS_UNIT_ROWS)} of those rows); PyTorch (\`python/torch_lenet.py\`, from the virtual`,
      'environment packages/bench/.venv-torch that the benchmark sets up) runs `nn.Conv2d`/`nn.MaxPool2d`/`nn.Linear`,',
      '`F.cross_entropy` and `torch.optim.SGD` on the same digits with `torch.set_num_threads` set to native\'s thread count;',
      'TensorFlow.js 4.22 runs `tf.layers` (conv2d, maxPooling2d, flatten, dense) with `trainOnBatch` on the CPU backend, a',
      'batch per timed unit because it trains about ten samples a second. Each system runs in its own child process, one',
      'after another in interleaved rounds; a ratio is the median of the per-round ratios. "per CPU-s" is samples per',
      'CPU-second of the process, for single-threaded systems; "peak RSS" is the process\'s maximum resident set size at the',
      'end of its measurement (getrusage in Node and in Python), interpreter, libraries and the 8,000 digits included.',
    ].join('\n');
    console.log(`wrote ${writeDocsSection('w5-lenet', 'packages/bench/src/w5-lenet.ts', section)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
