/**
 * Runs the CLI inside the test process (same code path as bin.js minus process start-up),
 * for the long tables of error cases where spawning a process per case would be slow.
 */
import { Writable } from 'node:stream';
import { runCli } from '../program.js';
import type { CliResult } from './run-cli.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

export async function runInProcess(args: readonly string[]): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, cwd: process.cwd() });
  return { code, signal: null, stdout: stdout.text, stderr: stderr.text };
}
