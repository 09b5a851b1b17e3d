/**
 * Benchmark W1 (docs/benchmarks.md): float32 GEMM C = A·B for M×K×N = 64×784×256, 256×64×784,
 * 512×512×512 and 1024×1024×1024, in GFLOP/s = 2MKN / seconds, for backprop's native backend
 * (2 threads and 1 thread) and TS backend, with OpenBLAS (numpy) as the reference in the same
 * run: `python3 ../shared/bench/openblas_sgemm.py --threads N --json`, next to the repository.
 *
 * The systems are interleaved in rounds (native 2t, OpenBLAS 2t, native 1t, OpenBLAS 1t, ts);
 * a figure is the median over rounds, a ratio the median of the per-round ratios. Within a
 * round each backprop figure is the median of 5 timed samples of ≥ 0.1 s each.
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

/** GFLOP/s of `backend.gemm` on one shape: median of `samples` samples of ≥ minMs each. */
function measureGemm(backend: Backend, shape: readonly [number, number, number], ops: Operands, samples: number, minMs: number): number {
  const [m, k, n] = shape;
  const call = (): void => backend.gemm(false, false, m, n, k, 1, ops.a, ops.b, 0, ops.c);
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

type System = 'native2' | 'openblas2' | 'native1' | 'openblas1' | 'ts';
const SYSTEMS: readonly System[] = ['native2', 'openblas2', 'native1', 'openblas1', 'ts'];
const LABELS: Record<System, string> = {
  native2: 'native 2t',
  openblas2: 'OpenBLAS 2t',
  native1: 'native 1t',
  openblas1: 'OpenBLAS 1t',
  ts: 'ts',
};

async function main(): Promise<void> {
  const { rounds, markdown, docs } = parseBenchArgs(process.argv.slice(2), 3);
  const addon = loadAddon();
  const native = loadNativeBackend();
  const { isa, cpus: available } = addon.info();
  const twoThreads = Math.min(2, available);
  const data = SHAPES.map(([m, k, n]) => operands(m, k, n));
  const load = loadavg()[0]!.toFixed(1);
  if (!existsSync(openblasScript)) console.log(`OpenBLAS reference skipped: ${openblasScript} is missing`);

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
  const header = ['M×K×N', 'native 2t', 'OpenBLAS 2t', 'native ÷ OpenBLAS 2t', 'native 1t', 'OpenBLAS 1t', 'native ÷ OpenBLAS 1t', 'ts'];
  const rows = SHAPES.map((s, i) => [
    shapeName(s),
    cell(med('native2', i), (x) => x.toFixed(1)),
    cell(med('openblas2', i), (x) => x.toFixed(1)),
    cell(ratio('native2', 'openblas2', i), fmtRatio),
    cell(med('native1', i), (x) => x.toFixed(1)),
    cell(med('openblas1', i), (x) => x.toFixed(1)),
    cell(ratio('native1', 'openblas1', i), fmtRatio),
    cell(med('ts', i), (x) => x.toFixed(2)),
  ]);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const title = `W1 gemm, float32, GFLOP/s (median of ${count(rounds, 'interleaved round')}, ${seconds.toFixed(0)} s) — native dispatches to ${isa}; ${cpu}, ${available} CPUs, load average ${load} at start`;
  const busy = Number(load) > available
    ? `Note: the load average (${load}) exceeded the ${available} CPUs when this ran, so other processes shared the cores; 2-thread figures suffer most (OpenBLAS's spinning threads collapse under such load), so the 2-thread ratios overstate native's advantage. Rerun on an idle machine for the figures that count.`
    : '';
  console.log(`\n${title}`);
  if (busy) console.log(busy);
  console.log(textTable(header, rows));
  console.log('targets: native ÷ OpenBLAS 2t ≥ 0.8× at 512³ and 1024³, ≥ 0.7× at 64×784×256 and 256×64×784; 1t ≥ 0.8× at 512³; ts ≥ 3 GFLOP/s at 512³');
  const md = markdownTable(header, rows);
  if (markdown) console.log(`\n${md}`);
  if (docs) {
    const section = [
      '## W1: GEMM',
      '',
      `Command: \`pnpm --filter @backprop/bench exec node dist/w1-gemm.js --rounds ${rounds} --docs\` (part of \`pnpm bench\`), ${utcNow()}.`,
      '',
      `${title}.`,
      '',
      md,
      '',
      'C = A·B, row-major float32; GFLOP/s = 2·M·K·N / seconds. OpenBLAS is numpy\'s, measured by',
      '`python3 ../shared/bench/openblas_sgemm.py --threads N --json` in the same rounds; a ratio is the median',
      'of the per-round ratios. The machine is shared and noisy: compare ratios, not absolute figures.',
      ...(busy ? ['', busy] : []),
    ].join('\n');
    console.log(`wrote ${writeDocsSection('w1-gemm', 'packages/bench/src/w1-gemm.ts', section)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
