/**
 * Runs one measurement in a fresh child process and reads back the last JSON line it prints.
 * Each system is measured in its own process so that peers cannot disturb one another's state
 * (TF.js backends, thread pools, JIT) and BACKPROP_THREADS can differ between systems.
 */
import { spawn } from 'node:child_process';

export interface ChildResult {
  readonly stdout: string;
  readonly json: Record<string, unknown>;
}

/** Spawns `command args`, with `env` added to this process's environment; rejects with its stderr when it fails. */
export function runJsonChild(command: string, args: readonly string[], env: Record<string, string> = {}, timeoutMs = 300_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.trim().startsWith('{'));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal}` : `exit ${String(code)}`;
        reject(new Error(`${command} ${args.join(' ')} failed (${why}):\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
        return;
      }
      try {
        resolve({ stdout, json: JSON.parse(line) as Record<string, unknown> });
      } catch {
        reject(new Error(`${command} ${args.join(' ')}: last line is not JSON: ${line}`));
      }
    });
  });
}
