/**
 * `backprop ... | head`: the reader closes the pipe before the CLI has written everything. The CLI
 * must stop quietly, as Unix tools do on SIGPIPE (exit 141), not crash with an EPIPE stack trace.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './test-support/run-cli.js';

let dir = '';

beforeAll(async () => {
  dir = tempDir();
  const trained = await runCli(['train', '--data', 'iris', '--epochs', '1', '--backend', 'ts', '--save', 'iris.bpm', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
  // 20,000 rows print far more than a pipe buffer holds (64 KiB), so writes are still pending when the reader goes.
  const rows = Array.from({ length: 20_000 }, (_, i) => `5.1,3.5,1.4,${(i % 25) / 10}`);
  writeFileSync(join(dir, 'many.csv'), `${rows.join('\n')}\n`);
});

describe('a reader that closes stdout early', () => {
  it('ends predict quietly with exit 141 and no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'predict', '--model', 'iris.bpm', '--input', 'many.csv'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first = true;
    child.stdout.on('data', () => {
      // Like `| head -1`: read the first chunk, then close the pipe.
      if (first) child.stdout.destroy();
      first = false;
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE/);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(code).toBe(141);
  });
});
