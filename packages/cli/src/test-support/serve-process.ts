/** Starts the built `backprop serve` on a free loopback port (port 0) and stops it, for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './run-cli.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once it exited (after SIGTERM, or on its own). */
  readonly exited: Promise<number | null>;
}

export function startServe(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`backprop serve exited (code ${code}) before it listened: ${stderr}`)));
  });
}

/** SIGTERM, then the exit code. */
export async function stopServe(server: ServeProcess): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

/** JSON POST (or another method with a body). */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** Starts a long MNIST training job named `name` and resolves with its id once its first epoch has ended. */
export async function startLongJob(url: string, name: string): Promise<string> {
  const start = await postJson(`${url}/v1/jobs`, { config: { data: 'mnist', layers: [64], epochs: 1000 }, name });
  const id = String(start.json['id']);
  for (let i = 0; i < 400; i++) {
    const view = (await (await fetch(`${url}/v1/jobs/${id}`)).json()) as { epoch: number };
    if (view.epoch >= 1) return id;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} finished no epoch in 10 s`);
}
