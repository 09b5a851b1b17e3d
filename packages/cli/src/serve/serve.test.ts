// `backprop serve` end to end: the built CLI on a free loopback port, answered over HTTP.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { getBackend } from '@backprop/core';
import { loadModel } from '@backprop/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';
import { postJson, startLongJob, startServe, stopServe, type ServeProcess } from '../test-support/serve-process.js';

const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2],
  [6.7, 3.0, 5.2, 2.3],
  [5.9, 3.0, 4.2, 1.5],
];

let dir: string;
let server: ServeProcess;

async function predictCli(model: string, input: string): Promise<unknown[]> {
  const r = await runCli(['predict', '--model', model, '--input', input, '--json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return lastJson(r.stdout)['predictions'] as unknown[];
}

beforeAll(async () => {
  dir = tempDir('backprop-serve-');
  for (const args of [
    ['train', '--data', 'iris', '--epochs', '60', '--save', 'iris.bpm', '--quiet'],
    ['train', '--data', 'mnist', '--layers', '32', '--epochs', '1', '--save', 'mnist.bpm', '--quiet'],
    ['datasets', '--sample', 'mnist', '--index', '7', '--out', 'digit.png'],
  ]) {
    const r = await runCli(args, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  }
  server = await startServe(['--model', 'iris.bpm', '--model', 'digits=mnist.bpm', '--batch-delay', '20', '--jobs-dir', 'jobs'], dir);
});

afterAll(async () => {
  if (server) expect(await stopServe(server)).toBe(0);
});

describe('backprop serve: predictions', () => {
  it('answers as `backprop predict --json` does, for several rows', async () => {
    const r = await postJson(`${server.url}/v1/models/iris:predict`, { instances: IRIS_ROWS });
    expect(r.status).toBe(200);
    expect(r.json['predictions']).toEqual(await predictCli('iris.bpm', IRIS_ROWS.map((row) => row.join(',')).join(';')));
  });

  it('gives a batched call the same numbers as unbatched ones, and gathers concurrent requests into one forward pass', async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    const count = (text: string): number => Number(/backprop_batch_size_count\{model="iris"\} (\d+)/.exec(text)?.[1] ?? 0);
    const alone = await postJson(`${server.url}/v1/models/iris:predict`, { instances: IRIS_ROWS });
    const singles = await Promise.all(IRIS_ROWS.map((row) => postJson(`${server.url}/v1/models/iris:predict`, { instances: [row] })));
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(singles.map((s) => (s.json['predictions'] as unknown[])[0])).toEqual(alone.json['predictions']);
    // One pass for the 3-row call, and fewer passes than requests for the 3 concurrent single rows.
    expect(count(after) - count(before)).toBeLessThan(1 + IRIS_ROWS.length);
    expect(after).toMatch(/backprop_http_requests_total\{route="\/v1\/models\/:target",method="POST",code="200"\} \d+/);
    expect(after).toMatch(/backprop_http_request_duration_seconds_bucket\{le="0.05",route="\/v1\/models\/:target"\} \d+/);
  });

  it('reads base64 PNG images for an image model, as predict reads the file, under the name given by name=path', async () => {
    const b64 = readFileSync(join(dir, 'digit.png')).toString('base64');
    const r = await postJson(`${server.url}/v1/models/digits:predict`, { instances: [{ b64 }] });
    expect(r.status).toBe(200);
    expect(r.json['predictions']).toEqual(await predictCli('mnist.bpm', 'digit.png'));
  });

  it('describes a model, and says it is healthy', async () => {
    const status = (await (await fetch(`${server.url}/v1/models/iris`)).json()) as { model_version_status: Record<string, unknown>[] };
    const iris = status.model_version_status[0]!;
    expect(iris['name']).toBe('iris');
    expect(iris['input']).toEqual({ shape: [null, 4] });
    expect(iris['output']).toEqual({ shape: [null, 3] });
    expect((iris['metadata'] as Record<string, unknown>)['classNames']).toEqual(['setosa', 'versicolor', 'virginica']);
    const digits = ((await (await fetch(`${server.url}/v1/models/digits`)).json()) as { model_version_status: Record<string, unknown>[] }).model_version_status[0]!;
    expect(digits['input']).toEqual({ shape: [null, 784] });
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok', models: ['iris', 'digits'], jobsRunning: 0 });
  });
});

describe('backprop serve: bad input', () => {
  const cases: [string, string | unknown, number, RegExp][] = [
    ['malformed JSON', '{"instances": [[1, 2,', 400, /malformed JSON/],
    ['an empty body', '', 400, /body is empty|empty/i],
    ['no instances', { rows: [[1, 2, 3, 4]] }, 400, /instances/],
    ['a string for a number', { instances: [[5.1, '3.5', 1.4, 0.2]] }, 400, /instances\/0\/1 must be number/],
    ['the wrong width', { instances: [[5.1, 3.5, 1.4]] }, 400, /instances\[0\] has 3 values, but model 'iris' takes 4 inputs/],
    ['NaN', '{"instances": [[NaN, 3.5, 1.4, 0.2]]}', 400, /NaN is not a number in JSON/],
    ['Infinity', '{"instances": [[5.1, -Infinity, 1.4, 0.2]]}', 400, /-Infinity is not a number in JSON/],
    ['a number that overflows to Infinity', '{"instances": [[5.1, 3.5, 1e999, 0.2]]}', 400, /instances\/0\/2 is Infinity: inputs must be finite/],
    ['an image for a model of 4 inputs', { instances: [{ b64: 'iVBORw0KGgo=' }] }, 400, /is an image, but model 'iris' takes 4 inputs/],
    ['a broken image', { instances: [{ b64: Buffer.from('not a png').toString('base64') }] }, 400, /instances\[0\]/],
  ];
  for (const [what, body, status, message] of cases) {
    it(`answers ${status} naming the problem for ${what}`, async () => {
      const url = what === 'a broken image' ? `${server.url}/v1/models/digits:predict` : `${server.url}/v1/models/iris:predict`;
      const r = await postJson(url, body);
      expect(r.status).toBe(status);
      expect(String(r.json['error'])).toMatch(message);
    });
  }

  it('answers 404 for an unknown model, and no path in a request reaches the file system', async () => {
    for (const name of ['nope', '..%2Firis.bpm', '%2Fetc%2Fpasswd', 'iris.bpm']) {
      const r = await postJson(`${server.url}/v1/models/${name}:predict`, { instances: [[1, 2, 3, 4]] });
      expect(r.status, name).toBe(404);
      expect(String(r.json['error'])).toMatch(/no model named/);
    }
    expect((await fetch(`${server.url}/v1/models/iris:explain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"instances": [[1,2,3,4]]}' })).status).toBe(404);
  });

  it('answers 415 for a body that is not sent as JSON (a web page cannot send JSON here without a preflight)', async () => {
    const r = await fetch(`${server.url}/v1/models/iris:predict`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"instances": [[5.1, 3.5, 1.4, 0.2]]}' });
    expect(r.status).toBe(415);
    expect(String(((await r.json()) as Record<string, unknown>)['error'])).toMatch(/must be sent as application\/json, not text\/plain/);
  });

  it('answers 413 for a body over the limit', async () => {
    const big = { instances: Array.from({ length: 80_000 }, () => [5.1, 3.5, 1.4, 0.2]) };
    const r = await postJson(`${server.url}/v1/models/iris:predict`, big);
    expect(r.status).toBe(413);
    expect(String(r.json['error'])).toMatch(/larger than the limit of 1048576 bytes/);
  });

  it('still answers correctly after all of the above', async () => {
    const r = await postJson(`${server.url}/v1/models/iris:predict`, { instances: [IRIS_ROWS[0]] });
    expect(r.status).toBe(200);
    expect((r.json['predictions'] as { class: string }[])[0]!.class).toBe('setosa');
  });

  it('answers 503 with Retry-After when more rows wait than the queue holds, and serves the others', async () => {
    const busy = await startServe(['--model', 'iris.bpm', '--batch-delay', '300', '--max-queue', '2', '--jobs-dir', 'jobs'], dir);
    try {
      const answers = await Promise.all([0, 1, 2].map((i) => postJson(`${busy.url}/v1/models/iris:predict`, { instances: [IRIS_ROWS[i]] })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 503]);
      const refused = answers.find((a) => a.status === 503)!;
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(String(refused.json['error'])).toMatch(/busy: more than 2 rows are waiting/);
    } finally {
      expect(await stopServe(busy)).toBe(0);
    }
  });
});

describe('backprop serve: security', () => {
  it('requires a token off loopback, and checks it when given', async () => {
    const refused = await runCli(['serve', '--model', 'iris.bpm', '--host', '0.0.0.0', '--port', '0'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--host 0\.0\.0\.0 is reachable from other machines: give --token/);
    const guarded = await startServe(['--model', 'iris.bpm', '--jobs-dir', 'jobs'], dir, { BACKPROP_TOKEN: 's3cret' });
    try {
      const body = { instances: [IRIS_ROWS[0]] };
      expect((await postJson(`${guarded.url}/v1/models/iris:predict`, body)).status).toBe(401);
      expect((await postJson(`${guarded.url}/v1/models/iris:predict`, body, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await postJson(`${guarded.url}/v1/models/iris:predict`, body, { authorization: 'Bearer s3cret' })).status).toBe(200);
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    } finally {
      expect(await stopServe(guarded)).toBe(0);
    }
  });
});

describe('backprop serve: training jobs', () => {
  it('trains a job in a worker, reports its epochs (also as Server-Sent Events), then serves its model under the new name', async () => {
    const start = await postJson(`${server.url}/v1/jobs`, { config: { data: 'iris', layers: [8], epochs: 30, batchSize: 0, seed: 3 }, name: 'iris2' });
    expect(start.status).toBe(201);
    const id = String(start.json['id']);
    const events = await (await fetch(`${server.url}/v1/jobs/${id}/events`)).text();
    const view = (await (await fetch(`${server.url}/v1/jobs/${id}`)).json()) as Record<string, unknown>;
    expect(view['status']).toBe('completed');
    expect(view['epoch']).toBe(30);
    expect(view['losses']).toHaveLength(30);
    expect(existsSync(join(dir, 'jobs', `${id}.bpm`))).toBe(true);
    // Every epoch the job had not yet finished when the stream opened arrives, then the end.
    expect(events).toMatch(/event: end\ndata: \{"id":"[^"]+","status":"completed"/);
    const epochEvents = [...events.matchAll(/event: epoch\ndata: (.*)\n/g)].map((m) => (JSON.parse(m[1]!) as { epoch: number }).epoch);
    expect(epochEvents.at(-1) ?? 30).toBe(30);
    const served = await postJson(`${server.url}/v1/models/iris2:predict`, { instances: IRIS_ROWS });
    expect(served.status).toBe(200);
    expect(served.json['predictions']).toEqual(await predictCli(join('jobs', `${id}.bpm`), IRIS_ROWS.map((row) => row.join(',')).join(';')));
  });

  it('cancels a job on DELETE, keeping a checkpoint of its last completed epoch', async () => {
    const id = await startLongJob(server.url, 'long');
    expect((await fetch(`${server.url}/v1/jobs/${id}`, { method: 'DELETE' })).status).toBe(202);
    await (await fetch(`${server.url}/v1/jobs/${id}/events`)).text();
    const view = (await (await fetch(`${server.url}/v1/jobs/${id}`)).json()) as Record<string, unknown>;
    expect(view['status']).toBe('cancelled');
    expect(view['file']).toBe(join('jobs', `${id}.checkpoint.bpm`));
    const checkpoint = await loadModel(join(dir, String(view['file'])), { backend: await getBackend('ts') });
    expect(checkpoint.trainingState?.epoch).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 with Retry-After for a job over --max-jobs, and serves predictions meanwhile', async () => {
    const small = await startServe(['--model', 'iris.bpm', '--max-jobs', '1', '--jobs-dir', 'jobs-small'], dir);
    try {
      await startLongJob(small.url, 'first');
      const second = await postJson(`${small.url}/v1/jobs`, { config: { data: 'iris' }, name: 'second' });
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(String(second.json['error'])).toMatch(/trains at most 1 job at once \(--max-jobs\)/);
      expect((await postJson(`${small.url}/v1/models/iris:predict`, { instances: [IRIS_ROWS[0]] })).status).toBe(200);
    } finally {
      expect(await stopServe(small)).toBe(0);
    }
  });

  it('refuses jobs on files, names in use, unknown jobs and bad bodies', async () => {
    const onFile = await postJson(`${server.url}/v1/jobs`, { config: { data: '/etc/passwd' }, name: 'x' });
    expect(onFile.status).toBe(400);
    expect(String(onFile.json['error'])).toMatch(/config\.data must name a built-in data set/);
    expect((await postJson(`${server.url}/v1/jobs`, { config: { data: 'iris' }, name: 'iris' })).status).toBe(409);
    expect((await postJson(`${server.url}/v1/jobs`, { config: { data: 'iris' }, name: '../x' })).status).toBe(400);
    expect((await fetch(`${server.url}/v1/jobs/nope`)).status).toBe(404);
    const failing = await postJson(`${server.url}/v1/jobs`, { config: { data: 'iris', epochs: -1 }, name: 'never' });
    const id = String(failing.json['id']);
    await (await fetch(`${server.url}/v1/jobs/${id}/events`)).text();
    const view = (await (await fetch(`${server.url}/v1/jobs/${id}`)).json()) as Record<string, unknown>;
    expect(view['status']).toBe('failed');
    expect(String(view['error'])).toMatch(/epochs/);
  });
});
