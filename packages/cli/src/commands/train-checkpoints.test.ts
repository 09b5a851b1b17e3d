/** Saving, checkpoints, --resume and Ctrl-C. */
import { deserializeModel } from '@backprop/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

const RUN = ['train', '--data', 'iris', '--batch-size', '16', '--optimizer', 'adam', '--lr', '0.01', '--dropout', '0.1', '--backend', 'ts', '--quiet', '--json'];
const metricKeys = ['trainAccuracy', 'testAccuracy', 'trainLoss', 'testLoss'];

describe('checkpoints and --resume', () => {
  it('a resumed run ends exactly where an uninterrupted one does', async () => {
    const dir = tempDir();
    const whole = lastJson((await runCli([...RUN, '--epochs', '12'], { cwd: dir })).stdout);
    const first = await runCli([...RUN, '--epochs', '6', '--checkpoint-every', '3', '--checkpoint', 'ck.bpm'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'ck.bpm')))).trainingState?.epoch).toBe(6);
    const resumed = await runCli(['train', '--resume', 'ck.bpm', '--epochs', '12', '--quiet', '--json', '--save', 'final.bpm'], { cwd: dir });
    expect(resumed.stderr).toBe('');
    const end = lastJson(resumed.stdout);
    for (const key of metricKeys) expect(end[key]).toBe(whole[key]);
    expect(end['epochs']).toBe(12);

    // The saved model records its config and class names; the checkpoint its training state.
    const saved = deserializeModel(new Uint8Array(readFileSync(join(dir, 'final.bpm'))));
    expect(saved.metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(saved.metadata.training).toMatchObject({ config: { data: 'iris', optimizer: { name: 'adam', lr: 0.01 }, epochs: 12, normalize: 'standardize' } });
    expect(saved.trainingState).toBeUndefined();
    // The resumed run keeps the checkpoint settings it was started with.
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'ck.bpm')))).trainingState?.epoch).toBe(12);
  });

  it('refuses to resume from a plain saved model', async () => {
    const dir = tempDir();
    await runCli([...RUN, '--epochs', '2', '--save', 'm.bpm'], { cwd: dir });
    const result = await runCli(['train', '--resume', 'm.bpm', '--epochs', '4'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/'m.bpm' holds no training state/);
  });
});

describe('Ctrl-C during training', () => {
  it('saves the last completed epoch as a checkpoint, writes no model and leaves no temp file', async () => {
    const dir = tempDir();
    let sent = false;
    const result = await runCli(['train', '--data', 'iris', '--epochs', '1000000', '--batch-size', '8', '--backend', 'ts', '--save', 'model.bpm'], {
      cwd: dir,
      onStdout: (_chunk, child) => {
        if (!sent && /^epoch 1\//m.test(_chunk)) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 300);
        }
      },
    });
    expect(result.code).toBe(130);
    const match = /saved the weights of epoch (\d+) to model\.checkpoint\.bpm/.exec(result.stderr);
    expect(match).not.toBeNull();
    expect(readdirSync(dir).sort()).toEqual(['model.checkpoint.bpm']);
    const checkpoint = deserializeModel(new Uint8Array(readFileSync(join(dir, 'model.checkpoint.bpm'))));
    expect(checkpoint.trainingState?.epoch).toBe(Number(match![1]));
    expect(existsSync(join(dir, 'model.bpm'))).toBe(false);
    expect(result.stderr).toMatch(new RegExp(`interrupted after ${match![1]} completed epochs?\\.`));
  });

  it('without --save, says nothing was saved and how many epochs had completed', async () => {
    const dir = tempDir();
    let sent = false;
    let lastEpoch = 0;
    const result = await runCli(['train', '--data', 'iris', '--epochs', '1000000', '--batch-size', '8', '--backend', 'ts'], {
      cwd: dir,
      onStdout: (chunk, child) => {
        for (const m of chunk.matchAll(/^epoch (\d+)\//gm)) lastEpoch = Number(m[1]);
        if (!sent && lastEpoch >= 1) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 300);
        }
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/nothing was saved/);
    const completed = Number(/interrupted after (\d+) completed epochs?\./.exec(result.stderr)?.[1]);
    // At least the epoch that the progress line reported had completed (it used to say 0).
    expect(completed).toBeGreaterThanOrEqual(Math.max(1, lastEpoch));
    expect(readdirSync(dir)).toEqual([]);
  });
});
