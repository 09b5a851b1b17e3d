/**
 * Model files for the browser tests, made by the real `backprop` command line (the CLI's own
 * save path), so the test proves that a model trained outside the browser opens in it; and the
 * CLI's eval, to prove that a model saved in the browser opens in the CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Model, serializeModel } from '@backprop/core';

/** Path of the CLI's entry point (built by turbo before this package's tests). */
export function cliBin(): string {
  const pkg = createRequire(import.meta.url).resolve('@backprop/cli/package.json');
  const bin = join(dirname(pkg), 'dist', 'bin.js');
  if (!existsSync(bin)) throw new Error(`the backprop CLI is not built (${bin} is missing): run \`pnpm --filter @backprop/cli build\``);
  return bin;
}

export interface CliModel {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** The CLI's --json summary. */
  readonly summary: Record<string, unknown>;
}

/** `backprop train ... --save <file> --json` in a temporary folder. */
export function trainWithCli(args: readonly string[], fileName: string): CliModel {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-cli-'));
  const path = join(dir, fileName);
  const out = execFileSync(process.execPath, [cliBin(), 'train', ...args, '--save', path, '--quiet', '--json'], { cwd: dir, encoding: 'utf8' });
  const summary = JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
  return { path, bytes: new Uint8Array(readFileSync(path)), summary };
}

/** `backprop eval --model <file> --json ...`: the CLI's --json summary of a model file's scores. */
export function evalWithCli(path: string, args: readonly string[] = []): Record<string, unknown> {
  const out = execFileSync(process.execPath, [cliBin(), 'eval', '--model', path, ...args, '--quiet', '--json'], { cwd: dirname(path), encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
}

/** A well-formed, untrained softmax classifier's model file of the given widths (for a tab that needs another shape). */
export function classifierFile(inputSize: number, classes: number): Buffer {
  const model = Model.create({ inputSize, layers: [{ type: 'dense', units: classes, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
  return Buffer.from(serializeModel(model, { dataset: 'e2e' }));
}
