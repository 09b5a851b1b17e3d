/**
 * `backprop bench`: the benchmark workloads W1–W4 (docs/benchmarks.md), per backend.
 * - w1: GEMM GFLOP/s (2·M·K·N / s) on the W1 shapes, for every backend that loads;
 * - w3: Iris 4-8-3 training (sigmoid, softmax + CE, full batch, SGD 0.1, 1000 epochs, 70/30):
 *   wall time, samples/s and test accuracy per backend;
 * - w2 (MNIST MLP) and w4 (RNN) with their TensorFlow.js / numpy peers live in the benchmarks
 *   package of the source tree (packages/bench): this command runs those scripts.
 * Figures are medians of several repeats; the machine is shared, so read ratios, not absolutes.
 */
import { getBackend, listBackends, loadIris, Model, fitPreprocessor, stratifiedSplit, Rng, type Backend } from '@backprop/core';
import { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, UsageError } from '../errors.js';
import { outputOptions } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseChoice, parseInteger } from '../options/parse-values.js';
import { Output } from '../output/output.js';
import type { CliIo } from '../io.js';

const WORKLOADS = ['w1', 'w2', 'w3', 'w4'] as const;
type Workload = (typeof WORKLOADS)[number];

const BENCH_OPTIONS: readonly OptionDef[] = [
  { flags: '--workload <name>', description: `workload: ${WORKLOADS.join(', ')}`, parse: (raw) => parseChoice(raw, WORKLOADS), defaultValue: 'w3' },
  { flags: '--repeats <n>', description: 'repeats per measurement (the median is reported)', parse: (raw) => parseInteger(raw, 1), defaultValue: 3 },
  { flags: '--quick', description: 'w1: only the two small shapes' },
  ...outputOptions,
];

const EXAMPLES = `
Examples:
  $ backprop bench --workload w3 --repeats 1
  $ backprop bench --workload w1 --quick --json

w2 (MNIST MLP) and w4 (RNN) run the source tree's packages/bench scripts, with their
TensorFlow.js and numpy peers in the same run: backprop bench --workload w2`;

interface BenchOptions {
  workload: Workload;
  repeats: number;
  quick?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function benchCommand(io: CliIo): Command {
  const command = new Command('bench').description('run the benchmark workloads (GEMM, Iris, MNIST MLP, RNN) per backend');
  addOptions(command, BENCH_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const o = resolveOptions('bench', BENCH_OPTIONS, cmd.opts(), undefined) as unknown as BenchOptions;
    const out = new Output({ quiet: Boolean(o.quiet), json: Boolean(o.json), stdout: io.stdout, stderr: io.stderr });
    checkWorkloadFlags(o);
    if (o.workload === 'w2' || o.workload === 'w4') return runBenchPackage(o.workload, benchScriptArgs(o), io);
    const backends = await loadedBackends(out);
    const results = o.workload === 'w1' ? benchGemm(backends, o, out) : await benchIris(backends, o, out);
    out.summary({ workload: o.workload, results });
  });
  return command;
}

/** Refuses flags the chosen workload would silently ignore (no JSON line, no quick run). */
function checkWorkloadFlags(o: BenchOptions): void {
  if (o.quick && o.workload !== 'w1') throw new UsageError(`--quick applies to w1 only (the two small GEMM shapes), not to ${o.workload}.`, 'bench');
  if (o.workload !== 'w2' && o.workload !== 'w4') return;
  for (const flag of ['json', 'quiet'] as const) {
    if (o[flag]) {
      throw new UsageError(
        `--${flag}: ${o.workload} runs packages/bench's script, which prints its own tables and has no such mode; use --repeats to set its rounds.`,
        'bench',
      );
    }
  }
}

/** The benchmarks package's scripts take their repeat count as --rounds. */
export function benchScriptArgs(o: Pick<BenchOptions, 'repeats'>): string[] {
  return ['--rounds', String(o.repeats)];
}

async function loadedBackends(out: Output): Promise<Backend[]> {
  const backends: Backend[] = [];
  for (const name of listBackends()) {
    try {
      backends.push(await getBackend(name));
    } catch (error) {
      out.warn(`bench: skipping backend '${name}': ${(error as Error).message}`);
    }
  }
  return backends;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const W1_SHAPES: readonly [number, number, number][] = [
  [64, 784, 256],
  [256, 64, 784],
  [512, 512, 512],
  [1024, 1024, 1024],
];

function benchGemm(backends: Backend[], o: BenchOptions, out: Output): Record<string, unknown>[] {
  const shapes = o.quick ? W1_SHAPES.slice(0, 2) : W1_SHAPES;
  const rng = new Rng(1);
  const results: Record<string, unknown>[] = [];
  out.line('W1 gemm, float32, C = A·B (M×K times K×N): GFLOP/s = 2MKN / s, median of repeats');
  for (const [m, k, n] of shapes) {
    const a = Float32Array.from({ length: m * k }, () => rng.uniform(-1, 1));
    const b = Float32Array.from({ length: k * n }, () => rng.uniform(-1, 1));
    const c = new Float32Array(m * n);
    const flops = 2 * m * k * n;
    const row: string[] = [];
    for (const backend of backends) {
      backend.gemm(false, false, m, n, k, 1, a, b, 0, c); // warm-up
      const times: number[] = [];
      for (let r = 0; r < o.repeats; r++) {
        // Repeat inside a timing until it lasts ≥ 50 ms, so timer resolution does not matter.
        let calls = 0;
        const t0 = performance.now();
        let t = t0;
        do {
          backend.gemm(false, false, m, n, k, 1, a, b, 0, c);
          calls++;
          t = performance.now();
        } while (t - t0 < 50);
        times.push((t - t0) / 1000 / calls);
      }
      const gflops = flops / median(times) / 1e9;
      row.push(`${backend.info.description} ${gflops.toFixed(1)}`);
      results.push({ shape: `${m}x${k}x${n}`, backend: backend.info.name, isa: backend.info.isa ?? null, threads: backend.info.threads ?? 1, gflops });
    }
    out.line(`  ${`${m}×${k}×${n}`.padEnd(16)} ${row.join(' | ')}`);
  }
  return results;
}

async function benchIris(backends: Backend[], o: BenchOptions, out: Output): Promise<Record<string, unknown>[]> {
  out.line('W3 iris: 4-8-3, sigmoid hidden, softmax + CE, full batch, SGD 0.1, 1000 epochs, 70/30 split (median of repeats)');
  const { train: rawTrain, test: rawTest } = stratifiedSplit(loadIris(), 0.3, 42);
  const scaler = fitPreprocessor('standardize', rawTrain);
  const train = scaler.transformDataset(rawTrain);
  const test = scaler.transformDataset(rawTest);
  const results: Record<string, unknown>[] = [];
  for (const backend of backends) {
    const seconds: number[] = [];
    let accuracy = 0;
    for (let r = 0; r < o.repeats; r++) {
      const t0 = performance.now();
      const model = Model.create(
        { inputSize: 4, layers: [{ type: 'dense', units: 8, activation: 'sigmoid' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
        { backend, seed: 42 },
      );
      await model.fit(train, { epochs: 1000, batchSize: 0, optimizer: { name: 'sgd', lr: 0.1 } });
      accuracy = model.evaluate(test).accuracy ?? 0;
      seconds.push((performance.now() - t0) / 1000);
    }
    const s = median(seconds);
    out.line(`  ${backend.info.description.padEnd(28)} ${s.toFixed(3)} s  ${Math.round((1000 * train.n) / s)} samples/s  test accuracy ${accuracy.toFixed(4)}`);
    results.push({ backend: backend.info.name, isa: backend.info.isa ?? null, threads: backend.info.threads ?? 1, seconds: s, samplesPerSecond: (1000 * train.n) / s, testAccuracy: accuracy });
  }
  return results;
}

/** W2 and W4 with their peers are the benchmarks package's scripts (source tree only). */
function runBenchPackage(workload: 'w2' | 'w4', args: readonly string[], io: CliIo): Promise<void> {
  const script = fileURLToPath(new URL(`../../../bench/dist/${workload === 'w2' ? 'w2-mlp-mnist' : 'w4-rnn'}.js`, import.meta.url));
  if (!existsSync(script)) {
    throw new CliError(
      `the ${workload.toUpperCase()} benchmark with its TensorFlow.js and numpy peers lives in the source tree's packages/bench: run 'pnpm bench' there (looked for ${script}).`,
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => io.stdout.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new CliError(`the ${workload} benchmark failed (exit code ${code}).`))));
  });
}
