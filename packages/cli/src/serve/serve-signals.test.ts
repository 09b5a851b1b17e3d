// `backprop serve` and signals: SIGHUP reloads model files replaced on disk (atomic rename)
// without dropping a request; SIGTERM drains requests in flight, stops training jobs with a
// checkpoint written, and exits 0.
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { getBackend } from '@backprop/core';
import { loadModel } from '@backprop/core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';
import { postJson, startLongJob, startServe, stopServe } from '../test-support/serve-process.js';

const ROWS = '5.1,3.5,1.4,0.2;6.7,3.0,5.2,2.3';
const INSTANCES = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
];
let dir: string;

async function cli(args: string[]): Promise<Record<string, unknown>> {
  const r = await runCli(args, { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return args.includes('--json') ? lastJson(r.stdout) : {};
}

beforeAll(async () => {
  dir = tempDir('backprop-serve-signals-');
  await cli(['train', '--data', 'iris', '--epochs', '5', '--seed', '1', '--save', 'a.bpm', '--quiet']);
  await cli(['train', '--data', 'iris', '--epochs', '80', '--seed', '2', '--save', 'b.bpm', '--quiet']);
});

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('backprop serve and signals', () => {
  it('reloads a model file replaced on disk at SIGHUP, answering every request meanwhile', async () => {
    await cli(['train', '--data', 'iris', '--epochs', '5', '--seed', '1', '--save', 'iris.bpm', '--quiet']);
    const server = await startServe(['--model', 'iris.bpm', '--jobs-dir', 'jobs'], dir);
    try {
      const before = await postJson(`${server.url}/v1/models/iris:predict`, { instances: INSTANCES });
      expect(before.json['predictions']).toEqual((await cli(['predict', '--model', 'a.bpm', '--input', ROWS, '--json']))['predictions']);
      // Requests keep coming while the file is swapped and reloaded: none may fail.
      let stop = false;
      const statuses: number[] = [];
      const traffic = (async () => {
        while (!stop) statuses.push((await postJson(`${server.url}/v1/models/iris:predict`, { instances: INSTANCES })).status);
      })();
      await cli(['train', '--data', 'iris', '--epochs', '80', '--seed', '2', '--save', 'next.bpm', '--quiet']);
      renameSync(join(dir, 'next.bpm'), join(dir, 'iris.bpm'));
      server.child.kill('SIGHUP');
      await waitFor(() => server.stderr().includes("reloaded 'iris'"), 'the reload');
      stop = true;
      await traffic;
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);
      const after = await postJson(`${server.url}/v1/models/iris:predict`, { instances: INSTANCES });
      expect(after.json['predictions']).toEqual((await cli(['predict', '--model', 'b.bpm', '--input', ROWS, '--json']))['predictions']);
      expect(after.json['predictions']).not.toEqual(before.json['predictions']);
      const status = (await (await fetch(`${server.url}/v1/models/iris`)).json()) as { model_version_status: { version: number }[] };
      expect(status.model_version_status[0]!.version).toBe(2);
    } finally {
      expect(await stopServe(server)).toBe(0);
    }
  });

  it('keeps the old model when the new file is broken', async () => {
    await cli(['train', '--data', 'iris', '--epochs', '5', '--seed', '1', '--save', 'keep.bpm', '--quiet']);
    const server = await startServe(['--model', 'keep.bpm', '--jobs-dir', 'jobs'], dir);
    try {
      renameSync(join(dir, 'b.bpm'), join(dir, 'keep.bpm.tmp'));
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dir, 'keep.bpm'), 'not a model');
      server.child.kill('SIGHUP');
      await waitFor(() => server.stderr().includes("kept the old 'keep'"), 'the failed reload');
      const r = await postJson(`${server.url}/v1/models/keep:predict`, { instances: INSTANCES });
      expect(r.json['predictions']).toEqual((await cli(['predict', '--model', 'a.bpm', '--input', ROWS, '--json']))['predictions']);
    } finally {
      renameSync(join(dir, 'keep.bpm.tmp'), join(dir, 'b.bpm'));
      expect(await stopServe(server)).toBe(0);
    }
  });

  it('at SIGTERM finishes the request in flight, stops the training job with a checkpoint written, and exits 0', async () => {
    const server = await startServe(['--model', 'a.bpm', '--batch-delay', '400', '--jobs-dir', 'jobs-term'], dir);
    const id = await startLongJob(server.url, 'long');
    // This request waits 400 ms in the batcher: SIGTERM arrives while it is in flight.
    const inFlight = postJson(`${server.url}/v1/models/a:predict`, { instances: INSTANCES });
    await new Promise((r) => setTimeout(r, 100));
    server.child.kill('SIGTERM');
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(await server.exited).toBe(0);
    expect(readdirSync(join(dir, 'jobs-term'))).toEqual([`${id}.checkpoint.bpm`]);
    expect(existsSync(join(dir, 'jobs-term', `${id}.checkpoint.bpm`))).toBe(true);
    // A checkpoint: the weights of a completed epoch with the training state to resume from.
    const checkpoint = await loadModel(join(dir, 'jobs-term', `${id}.checkpoint.bpm`), { backend: await getBackend('ts') });
    expect(checkpoint.trainingState?.epoch).toBeGreaterThanOrEqual(1);
  });
});
