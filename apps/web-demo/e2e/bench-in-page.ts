/**
 * In-page benchmark of the demo's backends (a measurement, not a test): builds nothing itself
 * (the `bench` script builds first), serves dist/ with `vite preview` (COOP/COEP, so the page is
 * cross-origin isolated), and in Debian's chromium drives the demo's own training worker through
 * its messages to measure
 *   (a) W2 training samples/s (784-256-128-10 ReLU MLP, softmax + CE, SGD 0.05, batch 64, on
 *       the built-in MNIST digits) on the wasm backend and on the TS backend, a few seconds each;
 *   (b) 512³ GEMM GFLOP/s on wasm backends with 1 and 2 threads.
 * Prints a table. Run with `pnpm --filter @backprop/web-demo bench` (BENCH_SECONDS sets the
 * seconds per measurement, default 5).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { APP_ROOT, launchBrowser, startPreview } from './harness.js';
import type { FitJob, FromWorker, GemmBenchResult } from '../src/worker/protocol.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const GEMM_N = 512;
/** Few held-out rows: each epoch ends by scoring them, which is not training. */
const TEST_SPLIT = 0.05;
const ROWS = 10_000;

/** The built training worker (the chunk that answers 'bench-gemm') and the digits asset, as site paths. */
function builtAssets(): { worker: string; mnist: string } {
  const dir = join(APP_ROOT, 'dist', 'assets');
  const files = readdirSync(dir);
  const worker = files.find((f) => f.startsWith('worker-') && f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('bench-gemm'));
  const mnist = files.find((f) => f.startsWith('mnist-10k'));
  if (!worker || !mnist) throw new Error('apps/web-demo/dist has no training worker or digits asset: run `pnpm --filter @backprop/web-demo build`');
  return { worker: `assets/${worker}`, mnist: `assets/${mnist}` };
}

function w2Job(backend: 'wasm' | 'ts'): FitJob {
  return {
    config: { data: 'mnist', backend, layers: [256, 128], activation: 'relu', optimizer: { name: 'sgd', lr: 0.05 }, epochs: 1000, batchSize: 64, seed: 1, testSplit: TEST_SPLIT },
    limit: ROWS,
  };
}

interface InPageArgs {
  readonly worker: string;
  readonly mnist: string;
  readonly jobs: readonly FitJob[];
  readonly trainRows: number;
  readonly seconds: number;
  readonly gemm: { readonly n: number; readonly threads: readonly number[] };
}

interface InPageResult {
  readonly backendShown: string;
  readonly training: { backend: string; samplesPerSecond: number }[];
  readonly gemm: GemmBenchResult[];
}

/** Runs in the page: one demo worker, the W2 jobs one after the other, then the GEMM requests. */
async function inPage(args: InPageArgs): Promise<InPageResult> {
  const worker = new Worker(args.worker, { type: 'module' });
  const listeners = new Set<(msg: FromWorker) => void>();
  worker.onmessage = (event: MessageEvent<FromWorker>) => listeners.forEach((l) => l(event.data));
  const next = (match: (msg: FromWorker) => boolean): Promise<FromWorker> =>
    new Promise((resolve, reject) => {
      const listener = (msg: FromWorker): void => {
        if (msg.type === 'error') reject(new Error(msg.message));
        else if (match(msg)) {
          listeners.delete(listener);
          resolve(msg);
        }
      };
      listeners.add(listener);
    });
  const chosen = (await next((m) => m.type === 'backend')) as Extract<FromWorker, { type: 'backend' }>;
  const bytes = new Uint8Array(await (await fetch(args.mnist)).arrayBuffer());

  const training: InPageResult['training'] = [];
  for (const job of args.jobs) {
    // Timed from the first progress message on, so that decoding the digits and the first batches' warm-up are left out.
    const samples = (msg: FromWorker): number => (msg.type === 'fit-progress' ? msg.progress.fraction * msg.progress.epochs * args.trainRows : 0);
    const running = next((m) => m.type === 'fit-progress');
    worker.postMessage({ type: 'fit-start', job, mnistBytes: bytes.slice() });
    const first = await running;
    const t0 = performance.now();
    let last = first;
    let t1 = t0;
    const track = (msg: FromWorker): void => {
      if (msg.type === 'fit-progress') {
        last = msg;
        t1 = performance.now();
      }
    };
    listeners.add(track);
    await new Promise((r) => setTimeout(r, args.seconds * 1000));
    listeners.delete(track);
    const done = next((m) => m.type === 'fit-done');
    worker.postMessage({ type: 'fit-stop' });
    await done;
    training.push({ backend: job.config.backend ?? 'auto', samplesPerSecond: (samples(last) - samples(first)) / ((t1 - t0) / 1000) });
  }

  const gemm: GemmBenchResult[] = [];
  let id = 1;
  for (const threads of args.gemm.threads) {
    const reply = next((m) => m.type === 'reply' && m.id === id);
    worker.postMessage({ type: 'bench-gemm', id, n: args.gemm.n, threads, seconds: args.seconds });
    const answer = (await reply) as Extract<FromWorker, { type: 'reply' }>;
    if (!answer.ok) throw new Error(answer.error);
    gemm.push(answer.value as GemmBenchResult);
    id++;
  }
  worker.terminate();
  return { backendShown: chosen.backend.description, training, gemm };
}

async function measure(page: Page, url: string): Promise<InPageResult> {
  await page.goto(`${url}#tab=iris`);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the preview page is not cross-origin isolated: check vite.config.ts preview.headers');
  const args: InPageArgs = { ...builtAssets(), jobs: [w2Job('wasm'), w2Job('ts')], trainRows: Math.round(ROWS * (1 - TEST_SPLIT)), seconds: SECONDS, gemm: { n: GEMM_N, threads: [1, 2] } };
  return page.evaluate(inPage, args);
}

const preview = await startPreview();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const result = await measure(page, preview.url);
  const wasm = result.training.find((t) => t.backend === 'wasm')!.samplesPerSecond;
  const ts = result.training.find((t) => t.backend === 'ts')!.samplesPerSecond;
  const [one, two] = result.gemm as [GemmBenchResult, GemmBenchResult];
  const rows = [
    ['W2 training, wasm', `${Math.round(wasm).toLocaleString('en')} samples/s`, `${(wasm / ts).toFixed(2)}× TS`],
    ['W2 training, ts', `${Math.round(ts).toLocaleString('en')} samples/s`, '1.00× TS'],
    [`GEMM ${GEMM_N}³, ${one.description}`, `${one.gflops.toFixed(2)} GFLOP/s`, '1.00× 1 thread'],
    [`GEMM ${GEMM_N}³, ${two.description}`, `${two.gflops.toFixed(2)} GFLOP/s`, `${(two.gflops / one.gflops).toFixed(2)}× 1 thread`],
  ];
  const width = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(`In-page benchmark: chromium, cross-origin isolated, ${availableParallelism()} CPUs, ${SECONDS} s per measurement; the demo worker chose '${result.backendShown}'`);
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(width[c]!) : cell.padStart(width[c]!))).join('  '));
  if (browser.errors.length > 0) console.log(`browser errors: ${browser.errors.join('; ')}`);
} finally {
  await browser.close();
  await preview.stop();
}
