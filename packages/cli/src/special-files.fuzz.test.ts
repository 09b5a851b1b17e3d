/**
 * Seeded fuzz: every command's file arguments given a FIFO, a device, a folder, a 10 GiB sparse
 * file, JSON nested 100,000 deep and a gzip bomb. Each run must end in one clear line naming the
 * file, exit 1 or 2, with no stack trace: never a hang (the FIFO is never opened), never reading
 * until memory runs out.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './test-support/run-cli.js';

const dir = tempDir('backprop-special-');

/** The special and oversized inputs, by kind: the path to give (relative to dir, or absolute). */
const KINDS: Record<string, string> = {
  fifo: 'pipe.bpm',
  device: '/dev/zero',
  folder: 'folder',
  sparse: 'huge.csv',
  deepJson: 'deep.json',
  gzipBomb: 'bomb.gz',
};

/** Each command with a file argument, as a function of the file. */
const COMMANDS: Record<string, (file: string) => string[]> = {
  'train --data': (f) => ['train', '--data', f, '--epochs', '1'],
  'train --data mnist-idx:': (f) => ['train', '--data', `mnist-idx:${f}`, '--epochs', '1'],
  'train --config': (f) => ['train', '--config', f],
  'train --resume': (f) => ['train', '--resume', f, '--epochs', '2'],
  'eval --model': (f) => ['eval', '--model', f],
  'predict --model': (f) => ['predict', '--model', f, '--input', '1,2,3,4'],
  'predict --input': (f) => ['predict', '--model', 'iris.bpm', '--input', f],
  'inspect --model': (f) => ['inspect', '--model', f],
  'forecast --model': (f) => ['forecast', '--model', f],
  'generate --model': (f) => ['generate', '--model', f, '--prompt', 'a'],
  'export --model': (f) => ['export', '--model', f, '--format', 'safetensors', '--out', 'out.safetensors'],
  'import --from': (f) => ['import', '--from', f, '--out', 'out.bpm'],
  'import --spec': (f) => ['import', '--from', 'iris.bpm', '--spec', f, '--out', 'out.bpm'],
};

/** A small seeded PRNG (mulberry32), so that the drawn cases are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every kind once (against a drawn command), then drawn pairs: 24 cases in all. */
function drawCases(seed: number, count: number): [string, string][] {
  const random = mulberry32(seed);
  const commands = Object.keys(COMMANDS);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // The gzip bomb inside an IDX folder is read only through mnist-idx:, so that pair is always in.
  const cases: [string, string][] = [['train --data mnist-idx:', 'folder'], ...Object.keys(KINDS).map((kind) => [pick(commands), kind] as [string, string])];
  const all = commands.flatMap((c) => Object.keys(KINDS).map((k) => [c, k] as [string, string]));
  while (cases.length < count) {
    const next = pick(all);
    if (!cases.some(([c, k]) => c === next[0] && k === next[1])) cases.push(next);
  }
  return cases;
}

beforeAll(async () => {
  execFileSync('mkfifo', [join(dir, KINDS.fifo!)]);
  mkdirSync(join(dir, KINDS.folder!));
  writeFileSync(join(dir, KINDS.sparse!), '');
  truncateSync(join(dir, KINDS.sparse!), 10 * 2 ** 30); // holes only: nothing is written
  writeFileSync(join(dir, KINDS.deepJson!), `{"format":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  // 16 MiB of zeros under an IDX label header that declares 8 bytes, about 16 KB gzipped.
  const bomb = new Uint8Array(8 + 16 * 2 ** 20);
  bomb.set([0, 0, 8, 1, 0, 0, 0, 0]);
  writeFileSync(join(dir, KINDS.gzipBomb!), gzipSync(bomb));
  // The bomb is also the folder's train-images file, for mnist-idx:.
  writeFileSync(join(dir, KINDS.folder!, 'train-images-idx3-ubyte.gz'), gzipSync(bomb));
  const trained = await runCli(['train', '--data', 'iris', '--epochs', '1', '--backend', 'ts', '--save', 'iris.bpm', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
});

describe('special and oversized files end in one clear refusal', () => {
  it.each(drawCases(20240611, 24))('%s ← %s', async (command, kind) => {
    const file = KINDS[kind]!;
    const result = await runCli([...COMMANDS[command]!(file), '--backend', 'ts'], { cwd: dir });
    expect([1, 2]).toContain(result.code);
    expect(result.signal).toBeNull();
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/^backprop( \w+)?: /);
    expect(result.stderr).not.toMatch(/\n\s+at |Maximum call stack|Invalid typed array|bad_alloc|ERR_/);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('the refusal says what the file is, its size and the limit', () => {
  it.each([
    [['eval', '--model', '/dev/zero'], "backprop: error: model file '/dev/zero' is a character device, not a regular file.\n"],
    [['train', '--config', 'pipe.bpm'], "backprop: error: config file 'pipe.bpm' is a FIFO (named pipe), not a regular file.\n"],
    [['train', '--data', 'huge.csv'], "backprop: error: data file 'huge.csv' is 10 GiB (10737418240 bytes), over the 256 MiB limit for data files.\n"],
    [['predict', '--model', 'iris.bpm', '--input', 'huge.csv'], "backprop: error: input file 'huge.csv' is 10 GiB (10737418240 bytes), over the 64 MiB limit for input files.\n"],
  ])('backprop %j', async (args, stderr) => {
    const result = await runCli(args, { cwd: dir });
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(1);
  });

  it('BACKPROP_MAX_INPUT_MB sets every input limit at once (a bad value is an error)', async () => {
    writeFileSync(join(dir, 'two-mib.csv'), `a,b\n${'1,2\n'.repeat(2 ** 19)}`);
    const lowered = await runCli(['train', '--data', 'two-mib.csv', '--epochs', '1'], { cwd: dir, env: { BACKPROP_MAX_INPUT_MB: '1' } });
    expect(lowered.stderr).toBe("backprop: error: data file 'two-mib.csv' is 2.0 MiB (2097156 bytes), over the 1 MiB limit for data files.\n");
    expect(lowered.code).toBe(1);
    const model = await runCli(['eval', '--model', 'huge.csv'], { cwd: dir, env: { BACKPROP_MAX_INPUT_MB: '1' } });
    expect(model.stderr).toMatch(/over the 1 MiB limit/);
    const bad = await runCli(['eval', '--model', 'iris.bpm'], { cwd: dir, env: { BACKPROP_MAX_INPUT_MB: 'lots' } });
    expect(bad.stderr).toBe("backprop: error: BACKPROP_MAX_INPUT_MB must be a positive number of MiB, got 'lots'.\n");
    expect(bad.code).toBe(1);
  });

  it('stops a gzip bomb in an IDX folder at the size its header declares', async () => {
    const result = await runCli(['train', '--data', 'mnist-idx:folder', '--epochs', '1'], { cwd: dir });
    expect(result.stderr).toMatch(/folder\/train-images-idx3-ubyte\.gz: gzip data inflate to more than 8 bytes, the size its IDX header declares/);
    expect(result.code).toBe(1);
  });
});
