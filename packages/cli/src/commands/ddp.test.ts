/**
 * Past one machine: a model trained by backprop goes to PyTorch, trains there with torchrun and
 * DistributedDataParallel (2 processes, gloo, loopback only), and comes back: backprop import,
 * eval and predict use the result. Runs python/train_ddp.py when a Python with torch is found
 * (test-support/torch-python.ts); otherwise it is skipped, saying why.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readSafetensors } from '@backprop/core/interop';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';
import { REPO_ROOT, torchPython } from '../test-support/torch-python.js';

const { python, reason } = torchPython();
if (!python) console.warn(`ddp.test.ts skipped: ${reason}`);

/** A port that is free on the loopback interface now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Points in [-1, 1)², labelled by whether they lie inside the circle of radius √0.5. */
function ringCsv(rows: number): string {
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
  const lines = ['x1,x2,label'];
  for (let i = 0; i < rows; i++) {
    const [a, b] = [next(), next()];
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${a * a + b * b < 0.5 ? 'in' : 'out'}`);
  }
  return `${lines.join('\n')}\n`;
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, OMP_NUM_THREADS: '1', MASTER_ADDR: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!python)('torchrun --nproc-per-node 2 trains an exported model, and backprop uses the result', () => {
  it('train → export → DDP (gloo, 2 processes) → import → eval and predict', async () => {
    const dir = tempDir('backprop-ddp-');
    writeFileSync(join(dir, 'ring.csv'), ringCsv(240));
    const cli = async (args: string[]) => {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, `backprop ${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    await cli(['train', '--data', 'ring.csv', '--layers', '8', '--epochs', '1', '--seed', '3', '--backend', 'ts', '--save', 'start.bpm', '--quiet']);
    await cli(['export', '--model', 'start.bpm', '--format', 'safetensors', '--out', 'start.safetensors', '--quiet']);

    const check = await run(python as string, ['-B', join(REPO_ROOT, 'python', 'backprop_torch.py'), 'check', 'start.safetensors'], dir, 60_000);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/2 backprop layer\(s\), 4 PyTorch module\(s\), 42 parameter\(s\), loss cross-entropy/);

    const port = await freePort();
    const ddp = await run(
      python as string,
      ['-m', 'torch.distributed.run', '--nproc-per-node', '2', '--master-addr', '127.0.0.1', '--master-port', String(port),
        join(REPO_ROOT, 'python', 'train_ddp.py'), '--model', 'start.safetensors', '--data', 'ring.csv', '--epochs', '40', '--lr', '0.2', '--out', 'trained.safetensors'],
      dir,
      150_000,
    );
    expect(ddp.code, ddp.stderr.slice(-3000)).toBe(0);
    const logs = ddp.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, number>);
    const epochs = logs.filter((l) => 'epoch' in l);
    expect(epochs).toHaveLength(40);
    expect(epochs.every((e) => e['processes'] === 2 && e['rows'] === 240)).toBe(true);
    expect(epochs[39]!['loss']).toBeLessThan(epochs[0]!['loss']! * 0.8);

    // The file keeps the export's __metadata__: the spec, the seed and the class names.
    const { metadata } = readSafetensors(new Uint8Array(readFileSync(join(dir, 'trained.safetensors'))));
    expect(JSON.parse(metadata['backprop.metadata']!)).toMatchObject({ classNames: ['in', 'out'] });

    await cli(['import', '--from', 'trained.safetensors', '--out', 'trained.bpm', '--quiet']);
    const before = lastJson((await cli(['eval', '--model', 'start.bpm', '--data', 'ring.csv', '--json'])).stdout);
    const after = lastJson((await cli(['eval', '--model', 'trained.bpm', '--data', 'ring.csv', '--json'])).stdout);
    expect(after['loss'] as number).toBeLessThan(before['loss'] as number);
    expect(after['accuracy'] as number).toBeGreaterThanOrEqual(0.8);
    const predicted = lastJson((await cli(['predict', '--model', 'trained.bpm', '--input', '0,0;0.95,0.95;-0.9,0.9', '--json'])).stdout);
    expect((predicted['predictions'] as { class: string }[]).map((p) => p.class)).toEqual(['in', 'out', 'out']);
  }, 240_000);
});
