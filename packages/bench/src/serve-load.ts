/**
 * Benchmark "Serving" (docs/benchmarks.md): `backprop serve` answering single-row predictions of
 * the 784-256-128-10 MNIST MLP over loopback HTTP, 64 connections, measured with autocannon.
 * Three scenarios of the same model file, each `--duration` seconds (default 20) after a short
 * warm-up, in one run: dynamic batching on (2 ms), batching off, and batching on while a native
 * MNIST training job runs in the server's worker thread.
 *
 * Usage: node dist/serve-load.js [--duration S] [--docs]
 *   --docs  rewrites the Serving section of docs/benchmarks.md with this run's table.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { machineLine, utcNow, writeDocsSection } from './docs-section.js';
import { markdownTable, textTable } from './text-table.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../cli/dist/bin.js');
const CONNECTIONS = 64;

interface Scenario {
  readonly name: string;
  readonly batchDelayMs: number;
  readonly training: boolean;
}

interface Measured {
  readonly scenario: Scenario;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly trainedEpochs: number | null;
}

function parseArgs(argv: readonly string[]): { duration: number; docs: boolean } {
  let duration = 20;
  let docs = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--docs') docs = true;
    else if (argv[i] === '--duration') duration = Number(argv[++i]);
    else throw new Error(`unknown argument '${argv[i]}' (expected --duration S, --docs)`);
  }
  if (!(duration > 0 && duration <= 120)) throw new Error('--duration must be from 1 to 120 seconds');
  return { duration, docs };
}

/** Starts `backprop serve` on a free loopback port; resolves with its URL once it listens. */
function startServer(dir: string, batchDelayMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--model', 'mnist.bpm', '--port', '0', '--batch-delay', String(batchDelayMs), '--jobs-dir', 'jobs'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const url = /on (http:\/\/\S+)/.exec(text)?.[1];
      if (url) resolveStart({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`backprop serve exited (code ${code}) before it listened`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.removeAllListeners('exit');
    child.on('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** One row of 784 pixel values in [0, 1], the same for every request. */
function body(): string {
  const row = Array.from({ length: 784 }, (_, i) => Number((((i * 7919) % 255) / 255).toFixed(3)));
  return JSON.stringify({ instances: [row] });
}

function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/v1/models/mnist:predict`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(),
    connections: CONNECTIONS,
    duration: seconds,
  });
}

async function json(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  return (await response.json()) as Record<string, unknown>;
}

async function measure(dir: string, scenario: Scenario, seconds: number): Promise<Measured> {
  const { child, url } = await startServer(dir, scenario.batchDelayMs);
  try {
    let job: string | undefined;
    if (scenario.training) {
      const config = { data: 'mnist', layers: [256, 128], activation: 'relu', batchSize: 64, epochs: 10_000, backend: 'native', optimizer: { name: 'sgd', lr: 0.05 } };
      job = String((await json(`${url}/v1/jobs`, { method: 'POST', body: JSON.stringify({ config, name: 'mnist-job' }) }))['id']);
    }
    await load(url, 2); // warm-up: JIT, connections, the job's data loaded
    const result = await load(url, seconds);
    let trainedEpochs: number | null = null;
    if (job) {
      const view = await json(`${url}/v1/jobs/${job}`);
      if (view['status'] !== 'running') throw new Error(`the training job is ${String(view['status'])}, not running: ${String(view['error'] ?? '')}`);
      trainedEpochs = Number(view['epoch']);
    }
    return {
      scenario,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      trainedEpochs,
    };
  } finally {
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  const { duration, docs } = parseArgs(process.argv.slice(2));
  const machine = machineLine();
  const dir = mkdtempSync(join(tmpdir(), 'backprop-serve-bench-'));
  try {
    const trained = spawnSync(process.execPath, [BIN, 'train', '--data', 'mnist', '--layers', '256,128', '--batch-size', '64', '--lr', '0.05', '--epochs', '1', '--save', 'mnist.bpm', '--quiet'], { cwd: dir, stdio: 'inherit' });
    if (trained.status !== 0) throw new Error('training the MNIST model failed');
    const scenarios: Scenario[] = [
      { name: 'batching 2 ms', batchDelayMs: 2, training: false },
      { name: 'batching off', batchDelayMs: 0, training: false },
      { name: 'batching 2 ms + training job', batchDelayMs: 2, training: true },
    ];
    const results: Measured[] = [];
    for (const scenario of scenarios) {
      console.log(`serve-load: ${scenario.name}, ${CONNECTIONS} connections, ${duration} s`);
      results.push(await measure(dir, scenario, duration));
    }
    const header = ['scenario', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'epochs trained'];
    const table = results.map((m) => [m.scenario.name, m.requestsPerSecond.toFixed(0), m.p50.toFixed(1), m.p99.toFixed(1), String(m.errors), String(m.non2xx), m.trainedEpochs === null ? '' : String(m.trainedEpochs)]);
    const [on, off, training] = results as [Measured, Measured, Measured];
    const verdicts = [
      `batching: ${on.requestsPerSecond.toFixed(0)} requests/s (target ≥ 5000), p99 ${on.p99.toFixed(1)} ms (target ≤ 25), ${on.errors + on.non2xx} errors (target 0)`,
      `batching ÷ no batching: ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)}× (target ≥ 2)`,
      `while training: p99 ${training.p99.toFixed(1)} ms (target ≤ 50), ${training.errors + training.non2xx} errors (target 0)`,
    ];
    const title = `Serving: MNIST MLP 784-256-128-10, single-row POST /v1/models/mnist:predict, ${CONNECTIONS} connections, ${duration} s per scenario; ${machine}`;
    console.log(`\n${title}`);
    console.log(textTable(header, table));
    for (const line of verdicts) console.log(line);
    if (docs) {
      const section = [
        '## Serving: `backprop serve` under load',
        '',
        `Command: \`BACKPROP_BENCH=serve pnpm bench\` (\`node dist/serve-load.js --duration ${duration} --docs\`), ${utcNow()}.`,
        '',
        `${title}.`,
        '',
        markdownTable(header, table),
        '',
        ...verdicts.map((line) => `- ${line}`),
        '',
        'autocannon 9 drives 64 keep-alive connections against `backprop serve --model mnist.bpm --port 0` (one server per',
        'scenario, started fresh, 2 s of warm-up load first) on the same machine: the load generator, the server and, in the',
        'third scenario, the training worker (`POST /v1/jobs`, MNIST 784-256-128-10 on the native backend, 1 GEMM thread)',
        'share its cores. Latency is autocannon\'s, from request sent to response read.',
      ].join('\n');
      console.log(`wrote ${writeDocsSection('serve-load', 'packages/bench/src/serve-load.ts', section)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
