/**
 * `backprop serve`: saved models over HTTP (TF Serving's REST API), with dynamic batching,
 * Prometheus metrics and training jobs that run in worker threads. SIGHUP reloads the model
 * files; SIGTERM (or Ctrl-C) stops taking connections, lets requests in flight finish, cancels
 * the jobs (each writes its checkpoint) and exits 0.
 */
import { mkdirSync } from 'node:fs';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { backendOption, type BackendChoice } from '../options/common-options.js';
import { addOptions, resolveOptions, type OptionDef } from '../options/option-table.js';
import { parseInteger, parseNumber } from '../options/parse-values.js';
import { isLoopback } from '../serve/auth.js';
import { JobManager } from '../serve/jobs.js';
import { ServeMetrics } from '../serve/metrics.js';
import { ModelRegistry, parseModelArgument } from '../serve/model-registry.js';
import { buildServer } from '../serve/server.js';
import { stopGracefully } from '../signals.js';

const SERVE_OPTIONS: readonly OptionDef[] = [
  { flags: '--port <n>', description: 'the TCP port (0: any free port, printed at start)', parse: (raw) => parseInteger(raw, 0, 65535), defaultValue: 8080 },
  { flags: '--host <address>', description: 'the address to bind; other than loopback needs --token', parse: (raw) => String(raw), defaultValue: '127.0.0.1' },
  { flags: '--token <secret>', description: 'require Authorization: Bearer <secret> (or set BACKPROP_TOKEN)', parse: (raw) => String(raw) },
  { flags: '--max-body <bytes>', description: 'the largest request body (413 above)', parse: (raw) => parseInteger(raw, 64), defaultValue: 1024 * 1024 },
  { flags: '--batch-delay <ms>', description: 'dynamic batching: how long a request may wait for others (0: off)', parse: (raw) => parseNumber(raw, { min: 0, max: 1000 }), defaultValue: 2 },
  { flags: '--max-batch <rows>', description: 'the most rows in one forward pass', parse: (raw) => parseInteger(raw, 1), defaultValue: 64 },
  { flags: '--max-queue <rows>', description: 'rows waiting per model before 503 (Retry-After)', parse: (raw) => parseInteger(raw, 1), defaultValue: 4096 },
  { flags: '--jobs-dir <dir>', description: "the folder of training jobs' models and checkpoints", parse: (raw) => String(raw), defaultValue: 'backprop-jobs' },
  { flags: '--max-jobs <n>', description: 'training jobs running at once', parse: (raw) => parseInteger(raw, 1, 64), defaultValue: 2 },
  { flags: '--job-threads <n>', description: 'GEMM threads of each training job', parse: (raw) => parseInteger(raw, 1, 256), defaultValue: 1 },
  backendOption,
];

const EXAMPLES = `
Examples:
  $ backprop train --data iris --epochs 200 --save iris.bpm --quiet
  $ backprop serve --model iris.bpm --port 8080
  $ curl -s localhost:8080/v1/models/iris:predict -H 'content-type: application/json' -d '{"instances": [[5.1, 3.5, 1.4, 0.2]]}'
  $ backprop serve --model flowers=iris.bpm --model mnist.bpm --host 0.0.0.0 --token "$SECRET"

Routes: POST /v1/models/<name>:predict, GET /v1/models/<name>, GET /healthz, GET /metrics,
POST /v1/jobs {"config": {...}, "name": "<model name>"}, GET /v1/jobs/<id>, GET /v1/jobs/<id>/events,
DELETE /v1/jobs/<id>. SIGHUP reloads the model files; SIGTERM drains and exits 0.`;

interface ServeSettings {
  port: number;
  host: string;
  token?: string;
  maxBody: number;
  batchDelay: number;
  maxBatch: number;
  maxQueue: number;
  jobsDir: string;
  maxJobs: number;
  jobThreads: number;
  backend: BackendChoice;
}

export function serveCommand(io: CliIo): Command {
  const command = new Command('serve').description('serve saved models over HTTP, with dynamic batching and training jobs');
  command.addOption(new Option('--model <[name=]file.bpm>', 'a model to serve (repeat for more); named after the file unless name= is given').argParser((raw: string, previous: string[] | undefined) => [...(previous ?? []), raw]));
  addOptions(command, SERVE_OPTIONS);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_opts: unknown, cmd: Command) => {
    const models = ((cmd.opts() as { model?: string[] }).model ?? []).map(parseModelArgument);
    const o = resolveOptions('serve', SERVE_OPTIONS, cmd.opts(), undefined) as unknown as ServeSettings;
    await serve(models, o, io);
  });
  return command;
}

async function serve(models: { name: string; path: string }[], o: ServeSettings, io: CliIo): Promise<void> {
  const token = o.token ?? (process.env['BACKPROP_TOKEN'] || undefined);
  if (!isLoopback(o.host) && token === undefined) {
    throw new UsageError(`--host ${o.host} is reachable from other machines: give --token <secret> (or BACKPROP_TOKEN) so that requests must carry it.`, 'serve');
  }
  const seen = new Set<string>();
  for (const { name } of models) {
    if (seen.has(name)) throw new UsageError(`two --model options serve the name '${name}': give one of them as --model <other name>=<file>.`, 'serve');
    seen.add(name);
  }
  const metrics = new ServeMetrics();
  const registry = new ModelRegistry(o.backend, {
    maxDelayMs: o.batchDelay,
    maxBatchRows: o.maxBatch,
    maxQueuedRows: o.maxQueue,
  }, (name, rows) => metrics.batch(name, rows));
  for (const { name, path } of models) await registry.add(name, path);
  mkdirSync(o.jobsDir, { recursive: true });
  const jobs = new JobManager(registry, {
    folder: o.jobsDir,
    maxRunning: o.maxJobs,
    threads: o.jobThreads,
    preload: [import.meta.resolve('@backprop/node-native')],
  });
  const app = buildServer(registry, jobs, metrics, {
    ...(token !== undefined ? { token } : {}),
    maxBodyBytes: o.maxBody,
    maxInstances: Math.max(o.maxBatch, 1024),
    retryAfterSeconds: 1,
  });
  const url = await app.listen({ port: o.port, host: o.host });
  io.stdout.write(`serving ${registry.names().join(', ') || 'no models yet'} on ${url}\n`);

  const onHangup = (): void => {
    void registry.reload().then((results) => {
      for (const r of results) io.stderr.write(r.error ? `backprop serve: kept the old '${r.name}': ${r.error}\n` : `backprop serve: reloaded '${r.name}'\n`);
    });
  };
  process.on('SIGHUP', onHangup);
  const signal = await new Promise<string>((resolve) => stopGracefully(resolve));
  process.off('SIGHUP', onHangup);
  io.stderr.write(`backprop serve: ${signal}: finishing requests in flight and stopping training jobs\n`);
  await Promise.all([app.close(), jobs.stopAll()]);
  for (const id of jobs.ids()) {
    const view = jobs.get(id);
    if (view?.file) io.stderr.write(`backprop serve: job ${id} ${view.status}: ${view.file}\n`);
  }
  io.stderr.write('backprop serve: stopped\n');
}
