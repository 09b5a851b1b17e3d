/**
 * Every example in every --help runs as written: each command's examples run in
 * order in a fresh temporary folder, through the built bin, and must exit 0.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './test-support/run-cli.js';

const COMMANDS = ['', 'train', 'eval', 'predict', 'forecast', 'generate', 'inspect', 'export', 'import', 'gradcheck', 'datasets', 'bench'];

/** The `$ backprop ...` lines of a help text, split into arguments (double quotes group). */
function examples(help: string): string[][] {
  return help
    .split('\n')
    .filter((line) => /^\s+\$ backprop /.test(line))
    .map((line) => {
      const args = line.trim().slice('$ backprop '.length).match(/"[^"]*"|\S+/g) ?? [];
      return args.map((a) => a.replace(/^"(.*)"$/, '$1'));
    });
}

describe('--help examples', () => {
  it.each(COMMANDS)('backprop %s --help: every example runs', async (command) => {
    const help = await runCli(command ? [command, '--help'] : ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    const list = examples(help.stdout);
    expect(list.length).toBeGreaterThanOrEqual(2);
    const dir = tempDir();
    for (const args of list) {
      const result = await runCli(args, { cwd: dir });
      if (result.code !== 0) throw new Error(`'backprop ${args.join(' ')}' exited ${result.code}:\n${result.stderr}`);
    }
  }, 180_000);
});
