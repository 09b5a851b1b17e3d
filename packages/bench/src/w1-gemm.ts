/**
 * Benchmark W1 (docs/benchmarks.md): float32 GEMM C = A·B for M×K×N = 64×784×256, 256×64×784,
 * 512×512×512 and 1024×1024×1024, in GFLOP/s = 2MKN / seconds, for backprop's native backend
 * (2 threads and 1 thread) and TS backend, with OpenBLAS (numpy) as the reference in the same
 * run: `python3 ../shared/bench/openblas_sgemm.py --threads N --json`, next to the repository;
 * and for backprop's wasm backend (2 threads and 1 thread) with TensorFlow.js's wasm backend
 * (XNNPACK, one thread: `tf.matMul` + `dataSync` on tensors made once) as its reference.
 *
 * The systems are interleaved in rounds (native 2t, OpenBLAS 2t, native 1t, OpenBLAS 1t,
 * wasm 2t, wasm 1t, TF.js wasm, ts); a figure is the median over rounds, a ratio the median of
 * the per-round ratios. Within a round each figure measured here (all but OpenBLAS) is the
 * median of 5 timed samples of ≥ 0.1 s each.
 *
 * Usage: node dist/w1-gemm.js [--rounds N] [--markdown] [--docs]
 *   --docs  rewrites the W1 section of docs/benchmarks.md with this run's table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng, tsBackend, type Backend } from '@backprop/core';
import { loadAddon, loadNativeBackend } from '@backprop/node-native';
import { createWasmBackend } from '@backprop/wasm';
import { utcNow, writeDocsSection } from './docs-section.js';
import { count, parseBenchArgs } from './rounds.js';
import { median, nowMs } from './stats.js';
import { fmtRatio, markdownTable, textTable } from './text-table.js';

/** M×K×N of the workload. */
const SHAPES: readonly (readonly [number, number, number])[] = [
  [64, 784, 256],
  [256, 64, 784],
  [512, 512, 512],
  [1024, 1024, 1024],
];
const shapeName = ([m, k, n]: readonly number[]): string => `${m}×${k}×${n}`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const openblasScript = join(repoRoot, '..', 'shared', 'bench', 'openblas_sgemm.py');

interface Operands {
  a: Float32Array;
  b: Float32Array;
  c: Float32Array;
}

function operands(m: number, k: number, n: number): Operands {
  const rng = new Rng(m * 7 + k * 3 + n);
  return {
    a: Float32Array.from({ length: m * k }, () => rng.uniform(-1, 1)),
    b: Float32Array.from({ length: k * n }, () => rng.uniform(-1, 1)),
    c: new Float32Array(m * n),
  };
}

/** GFLOP/s of `call` (one M×K×N product): median of `samples` samples of ≥ minMs each. */
function measureRate(shape: readonly [number, number, number], call: () => void, samples: number, minMs: number): number {
  const [m, k, n] = shape;
  call(); // warm-up: packing buffers, JIT, page faults
  const rates: number[] = [];
  for (let s = 0; s < samples; s++) {
    let reps = 0;
    const t0 = nowMs();
    let elapsed = 0;
    do {
      call();
      reps++;
      elapsed = nowMs() - t0;
    } while (elapsed < minMs);
    rates.push((2 * m * k * n * reps) / (elapsed / 1000) / 1e9);
  }
  return median(rates);
}

/** GFLOP/s of `backend.gemm` on one shape (see measureRate). */
function measureGemm(backend: Backend, shape: readonly [number, number, number], ops: Operands, samples: number, minMs: number): number {
  const [m, k, n] = shape;
  return measureRate(shape, () => backend.gemm(false, false, m, n, k, 1, ops.a, ops.b, 0, ops.c), samples, minMs);
}

/**
 * TensorFlow.js's wasm backend (one thread) on every shape: `tf.matMul(a, b)` and `dataSync`, the
 * result read back into JS as backend.gemm's is, with A and B uploaded once per shape.
 */
async function tfjsWasmGemm(data: readonly Operands[]): Promise<{ detail: string; measure: () => number[] }> {
  // Loaded only here: the other systems are timed without TF.js initialised in the process.
  const { loadTf } = await import('./peers/tfjs-setup.js');
  const tf = await loadTf('wasm');
  const tensors = SHAPES.map(([m, k, n], i) => ({
    a: tf.tensor2d(data[i]!.a, [m, k]),
    b: tf.tensor2d(data[i]!.b, [k, n]),
  }));
  const call = (i: number): void => {
    const c = tf.matMul(tensors[i]!.a, tensors[i]!.b);
    c.dataSync();
    c.dispose();
  };
  return { detail: `TensorFlow.js ${tf.version.tfjs} ${tf.getBackend()}`, measure: () => SHAPES.map((s, i) => measureRate(s, () => call(i), 5, 100)) };
}

/** OpenBLAS GFLOP/s per shape name, from the reference script; null if it is not there. */
function measureOpenblas(threads: number): Map<string, number> | null {
  if (!existsSync(openblasScript)) return null;
  const out = execFileSync('python3', [openblasScript, '--threads', String(threads), '--json', '--seconds', '0.4'], { encoding: 'utf8' });
  const result = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const row = JSON.parse(line) as { shape: string; gflops: number };
    result.set(row.shape.replaceAll('x', '×'), row.gflops);
  }
  return result;
}

type System = 'native2' | 'openblas2' | 'native1' | 'openblas1' | 'wasm2' | 'wasm1' | 'tfjs-wasm' | 'ts';
const SYSTEMS: readonly System[] = ['native2', 'openblas2', 'native1', 'openblas1', 'wasm2', 'wasm1', 'tfjs-wasm', 'ts'];
const LABELS: Record<System, string> = {
  native2: 'native 2t',
  openblas2: 'OpenBLAS 2t',
  native1: 'native 1t',
  openblas1: 'OpenBLAS 1t',
  wasm2: 'wasm 2t',
  wasm1: 'wasm 1t',
  'tfjs-wasm': 'TF.js wasm',
  ts: 'ts',
};

const NATIVE_TARGETS =
  'native ÷ OpenBLAS 2t ≥ 0.8× at 512³ and 1024³, ≥ 0.7× at 64×784×256 and 256×64×784; 1t ≥ 0.8× at 512³; ts ≥ 3 GFLOP/s at 512³';
const WASM_TARGETS =
  'wasm 1t ≥ 30 GFLOP/s and ≥ 1.0× TF.js wasm at 512³, ≥ 0.8× TF.js wasm at 64×784×256 and 256×64×784; wasm 2t ≥ 1.5× wasm 1t at 512³ (a browser target; this is the Node figure)';

async function main(): Promise<void> {
  const { rounds, markdown, docs } = parseBenchArgs(process.argv.slice(2), 3);
  const addon = loadAddon();
  const native = loadNativeBackend();
  const { isa, cpus: available } = addon.info();
  const twoThreads = Math.min(2, available);
  const data = SHAPES.map(([m, k, n]) => operands(m, k, n));
  const load = loadavg()[0]!.toFixed(1);
  if (!existsSync(openblasScript)) console.log(`OpenBLAS reference skipped: ${openblasScript} is missing`);
  // Two instances of the module, each with its own pool: the idle one's workers sleep.
  const wasm1 = await createWasmBackend({ threads: 1 });
  const wasm2 = await createWasmBackend({ threads: twoThreads });
  const tfjs = await tfjsWasmGemm(data);

  // results[system][shape][round]
  const results = new Map<System, number[][]>(SYSTEMS.map((s) => [s, SHAPES.map(() => [])]));
  const started = Date.now();
  for (let r = 0; r < rounds; r++) {
    for (const system of SYSTEMS) {
      let figures: (number | undefined)[];
      if (system === 'openblas1' || system === 'openblas2') {
        const ob = measureOpenblas(system === 'openblas2' ? twoThreads : 1);
        if (!ob) continue;
        figures = SHAPES.map((s) => ob.get(shapeName(s)));
      } else if (system === 'ts') {
        // The TS GEMM takes ~0.5 s at 1024³: fewer, single-call samples there.
        figures = SHAPES.map((s, i) => measureGemm(tsBackend, s, data[i]!, s[0] >= 1024 ? 3 : 5, s[0] >= 1024 ? 1 : 100));
      } else if (system === 'wasm1' || system === 'wasm2') {
        const wasm = system === 'wasm2' ? wasm2 : wasm1;
        figures = SHAPES.map((s, i) => measureGemm(wasm, s, data[i]!, 5, 100));
      } else if (system === 'tfjs-wasm') {
        figures = tfjs.measure();
      } else {
        addon.configure(system === 'native2' ? twoThreads : 1, null);
        figures = SHAPES.map((s, i) => measureGemm(native, s, data[i]!, 5, 100));
      }
      figures.forEach((g, i) => {
        if (g !== undefined) results.get(system)![i]!.push(g);
      });
      console.log(`round ${r + 1}/${rounds}  ${LABELS[system].padEnd(12)} ${figures.map((g) => (g === undefined ? '-' : g.toFixed(1)).padStart(7)).join(' ')} GFLOP/s`);
    }
  }
  addon.configure(twoThreads, null);
  const seconds = (Date.now() - started) / 1000;

  const med = (s: System, i: number): number | null => {
    const v = results.get(s)![i]!;
    return v.length > 0 ? median(v) : null;
  };
  const ratio = (a: System, b: System, i: number): number | null => {
    const va = results.get(a)![i]!;
    const vb = results.get(b)![i]!;
    if (va.length === 0 || vb.length !== va.length) return null;
    return median(va.map((x, r) => x / vb[r]!));
  };
  const cell = (v: number | null, f: (x: number) => string): string => (v === null ? '–' : f(v));
  const gflops = (s: System, i: number): string => cell(med(s, i), (x) => x.toFixed(s === 'ts' ? 2 : 1));
  const times = (a: System, b: System, i: number): string => cell(ratio(a, b, i), fmtRatio);
  const header = ['M×K×N', 'native 2t', 'OpenBLAS 2t', 'native ÷ OpenBLAS 2t', 'native 1t', 'OpenBLAS 1t', 'native ÷ OpenBLAS 1t', 'ts'];
  const rows = SHAPES.map((s, i) => [
    shapeName(s),
    gflops('native2', i),
    gflops('openblas2', i),
    times('native2', 'openblas2', i),
    gflops('native1', i),
    gflops('openblas1', i),
    times('native1', 'openblas1', i),
    gflops('ts', i),
  ]);
  const wasmHeader = ['M×K×N', 'wasm 1t', 'TF.js wasm 1t', 'wasm 1t ÷ TF.js wasm', 'wasm 2t', 'wasm 2t ÷ 1t'];
  const wasmRows = SHAPES.map((s, i) => [shapeName(s), gflops('wasm1', i), gflops('tfjs-wasm', i), times('wasm1', 'tfjs-wasm', i), gflops('wasm2', i), times('wasm2', 'wasm1', i)]);
  const wasmTitle = `backprop wasm: ${wasm1.info.description} and ${wasm2.info.description}; reference ${tfjs.detail}, 1 thread`;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const title = `W1 gemm, float32, GFLOP/s (median of ${count(rounds, 'interleaved round')}, ${seconds.toFixed(0)} s) — native dispatches to ${isa}; ${cpu}, ${available} CPUs, load average ${load} at start`;
  const busy = Number(load) > available
    ? `Note: the load average (${load}) exceeded the ${available} CPUs when this ran, so other processes shared the cores; 2-thread figures suffer most (OpenBLAS's spinning threads collapse under such load), so the 2-thread ratios overstate native's advantage. Rerun on an idle machine for the figures that count.`
    : '';
  console.log(`\n${title}`);
  if (busy) console.log(busy);
  console.log(textTable(header, rows));
  console.log(`targets: ${NATIVE_TARGETS}`);
  console.log(`\n${wasmTitle}`);
  console.log(textTable(wasmHeader, wasmRows));
  console.log(`targets: ${WASM_TARGETS}`);
  const md = markdownTable(header, rows);
  const wasmMd = markdownTable(wasmHeader, wasmRows);
  if (markdown) console.log(`\n${md}\n\n${wasmMd}`);
  if (docs) {
    const section = [
      '## W1: GEMM',
      '',
      `Command: \`pnpm --filter @backprop/bench exec node dist/w1-gemm.js --rounds ${rounds} --docs\` (part of \`pnpm bench\`), ${utcNow()}.`,
      '',
      ...[[title, md, NATIVE_TARGETS] as const, [wasmTitle, wasmMd, WASM_TARGETS] as const].flatMap(([t, table, targets]) => [`${t}.`, '', table, '', `Targets: ${targets}.`, '']),
      'C = A·B, row-major float32; GFLOP/s = 2·M·K·N / seconds. OpenBLAS is numpy\'s, measured by',
      '`python3 ../shared/bench/openblas_sgemm.py --threads N --json` in the same rounds. backprop\'s wasm backend is',
      '`createWasmBackend({ threads })` from @backprop/wasm (the C++ kernels compiled to WebAssembly SIMD128; 2 threads',
      'use a pool of worker_threads); TF.js wasm is `tf.matMul(a, b)` + `dataSync()` on its XNNPACK backend with one',
      'thread, A and B uploaded once per shape, timed like backprop (5 samples of ≥ 0.1 s, the median) in the same',
      'rounds. A ratio is the median of the per-round ratios. The machine is shared and noisy: compare ratios, not',
      'absolute figures.',
      ...(busy ? ['', busy] : []),
    ].join('\n');
    console.log(`wrote ${writeDocsSection('w1-gemm', 'packages/bench/src/w1-gemm.ts', section)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
