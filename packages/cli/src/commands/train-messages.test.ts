/** What train says about data and flags that cannot make a run: one line, in flags. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test-support/run-cli.js';

const firstLine = (stderr: string): string => stderr.split('\n')[0]!;

describe('train messages', () => {
  it('data with a single class says so, whatever the loss', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.csv'), 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n7,8,x\n');
    for (const extra of [[], ['--loss', 'cross-entropy']]) {
      const result = await runCli(['train', '--data', 'one.csv', '--backend', 'ts', ...extra], { cwd: dir });
      expect(result.code).toBe(2);
      expect(firstLine(result.stderr)).toBe(
        "backprop train: --data 'one.csv' has a single class (every row has the same label): a classifier needs rows of 2 or more classes; check the label column (--target).",
      );
    }
  });

  it('--test-split that leaves no training rows says so before any preprocessing', async () => {
    const result = await runCli(['train', '--data', 'iris', '--test-split', '0.999', '--backend', 'ts']);
    expect(result.code).toBe(2);
    expect(firstLine(result.stderr)).toBe("backprop train: --test-split 0.999 leaves no training rows of the 150 in 'iris'.");
  });

  it("--layers '' is refused by name (no model kind trains without a hidden layer)", async () => {
    const empty = await runCli(['train', '--data', 'iris', '--layers', '', '--backend', 'ts']);
    expect(empty.code).toBe(2);
    expect(firstLine(empty.stderr)).toBe(
      "backprop: option '--layers <layers>' argument '' is invalid. --layers is empty: expected a comma-separated list of <units> (dense), conv:<filters>:<kernel>[:s<stride>][:p<padding>|:same], pool:<size>[:s<stride>][:p<padding>], avgpool:<size>[:s<stride>][:p<padding>], gap, bn, ln, dropout:<rate>, flatten.",
    );
    expect(empty.stdout).toBe('');
  });
});
