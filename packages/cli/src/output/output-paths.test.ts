/**
 * Every output path (train --save, --checkpoint, --plot; datasets --out; inspect --activations;
 * forecast --plot) is a new name or a regular file: links, FIFOs, devices and empty names are
 * refused by name before any work, and left exactly as they were.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test-support/run-cli.js';

let dir = '';

beforeAll(async () => {
  dir = tempDir();
  const trained = await runCli(['train', '--data', 'iris', '--epochs', '1', '--backend', 'ts', '--save', 'iris.bpm', '--quiet'], { cwd: dir });
  expect(trained.code).toBe(0);
  writeFileSync(join(dir, 'real.png'), 'original');
  symlinkSync('real.png', join(dir, 'link.png'));
  symlinkSync('real.png', join(dir, 'link.bpm'));
  writeFileSync(join(dir, 'one.bpm'), 'original');
  linkSync(join(dir, 'one.bpm'), join(dir, 'two.bpm'));
  execFileSync('mkfifo', [join(dir, 'fifo.png')]);
});

const TRAIN = ['train', '--data', 'iris', '--epochs', '1', '--backend', 'ts'];
const LINK = 'is a symbolic link: give the file it points to, or a new name (links are never written through).';
const FIFO = 'is a FIFO, not a regular file: give a regular file or a new name.';

describe('output paths that are not regular files', () => {
  it.each([
    [[...TRAIN, '--save', 'link.bpm'], `--save: 'link.bpm' ${LINK}`],
    [[...TRAIN, '--save', '/dev/null'], "--save: '/dev/null' is a device, not a regular file: give a regular file or a new name."],
    [[...TRAIN, '--save', 'two.bpm'], "--save: 'two.bpm' is a hard link (2 names for one file): replacing it would split it off; remove it or give another name."],
    [[...TRAIN, '--checkpoint-every', '1', '--checkpoint', 'link.bpm'], `--checkpoint: 'link.bpm' ${LINK}`],
    [[...TRAIN, '--plot', 'fifo.png'], `--plot: 'fifo.png' ${FIFO}`],
    [[...TRAIN, '--save', '/proc/version'], "--save '/proc/version': cannot create files in the folder '/proc' (not a writable file system)."],
    [[...TRAIN, '--save', `${'m'.repeat(300)}.bpm`], `--save: '${'m'.repeat(300)}.bpm': the file name is longer than 255 bytes.`],
    [['datasets', '--sample', 'mnist', '--out', 'link.png'], `--out: 'link.png' ${LINK}`],
    [['inspect', '--model', 'iris.bpm', '--activations', 'fifo.png'], `--activations: 'fifo.png' ${FIFO}`],
    [['export', '--model', 'iris.bpm', '--format', 'safetensors', '--out', 'link.bpm'], `--out: 'link.bpm' ${LINK}`],
    [['import', '--from', 'iris.bpm', '--out', 'fifo.png'], `--out: 'fifo.png' ${FIFO}`],
  ])('backprop %j', async (args, message) => {
    const result = await runCli(args, { cwd: dir });
    expect(result.stderr).toBe(`backprop: error: ${message}\n`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lstatSync(join(dir, 'link.bpm')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'fifo.png')).isFIFO()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readFileSync(join(dir, 'real.png'), 'utf8')).toBe('original');
    expect(lstatSync(join(dir, 'one.bpm')).nlink).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('empty output paths are usage errors', () => {
  it.each([
    [[...TRAIN, '--save', ''], 'train', '--save'],
    [[...TRAIN, '--plot', ''], 'train', '--plot'],
    [[...TRAIN, '--checkpoint-every', '1', '--checkpoint', ''], 'train', '--checkpoint'],
    [['datasets', '--sample', 'mnist', '--out', ''], 'datasets', '--out'],
    [['inspect', '--model', 'iris.bpm', '--activations', ''], 'inspect', '--activations'],
    [['forecast', '--model', 'iris.bpm', '--plot', ''], 'forecast', '--plot'],
    [['export', '--model', 'iris.bpm', '--format', 'safetensors', '--out', ''], 'export', '--out'],
    [['import', '--from', 'iris.safetensors', '--out', ''], 'import', '--out'],
  ])('backprop %j', async (args, command, flag) => {
    const result = await runCli(args, { cwd: dir });
    expect(result.stderr.split('\n')[0]).toBe(`backprop ${command}: ${flag}: the file name is empty.`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});
