/** Saving, checkpoints, --resume and Ctrl-C. */
import { deserializeModel } from '@backprop/core';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(resumed.stderr).toBe("Checkpoints every 3 epochs go to 'final.checkpoint.bpm' (give --checkpoint to choose).\n");
    const end = lastJson(resumed.stdout);
    for (const key of metricKeys) expect(end[key]).toBe(whole[key]);
    expect(end['epochs']).toBe(12);

    // The saved model records its config and class names; the checkpoint its training state.
    const saved = deserializeModel(new Uint8Array(readFileSync(join(dir, 'final.bpm'))));
    expect(saved.metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(saved.metadata.training).toMatchObject({ config: { data: 'iris', optimizer: { name: 'adam', lr: 0.01 }, epochs: 12, normalize: 'standardize' } });
    expect(saved.trainingState).toBeUndefined();
    // The resumed run keeps checkpointing every 3 epochs, next to its own --save: the file it
    // resumed from is left as it was.
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'final.checkpoint.bpm')))).trainingState?.epoch).toBe(12);
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'ck.bpm')))).trainingState?.epoch).toBe(6);
  });

  it('never writes the files that the checkpoint names, only those of the command line', async () => {
    const dir = tempDir();
    const first = await runCli([...RUN, '--epochs', '2', '--checkpoint-every', '2', '--checkpoint', 'ck.bpm', '--save', 'precious.bpm', '--plot', 'precious.svg'], { cwd: dir });
    expect(first.code).toBe(0);
    writeFileSync(join(dir, 'precious.bpm'), 'keep me');
    writeFileSync(join(dir, 'precious.svg'), 'keep me too');
    const resumed = await runCli(['train', '--resume', 'ck.bpm', '--epochs', '4', '--quiet', '--json'], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toBe("not saving the model: give --save to keep it; checkpoints every 2 epochs go to 'checkpoint.bpm'.\n");
    expect(readFileSync(join(dir, 'precious.bpm'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, 'precious.svg'), 'utf8')).toBe('keep me too');
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'ck.bpm')))).trainingState?.epoch).toBe(2);
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'checkpoint.bpm')))).trainingState?.epoch).toBe(4);
    expect(lastJson(resumed.stdout)['save']).toBeUndefined();
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

describe('SIGTERM and signals during a save', () => {
  it('SIGTERM during training saves the checkpoint as Ctrl-C does and exits 143', async () => {
    const dir = tempDir();
    let sent = false;
    const result = await runCli(['train', '--data', 'iris', '--epochs', '1000000', '--batch-size', '8', '--backend', 'ts', '--save', 'model.bpm'], {
      cwd: dir,
      onStdout: (chunk, child) => {
        if (!sent && /^epoch 1\//m.test(chunk)) {
          sent = true;
          setTimeout(() => child.kill('SIGTERM'), 300);
        }
      },
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(143);
    const match = /saved the weights of epoch (\d+) to model\.checkpoint\.bpm/.exec(result.stderr);
    expect(match).not.toBeNull();
    expect(result.stderr).toMatch(new RegExp(`terminated \\(SIGTERM\\) after ${match![1]} completed epochs?\\.`));
    expect(readdirSync(dir).sort()).toEqual(['model.checkpoint.bpm']);
    expect(deserializeModel(new Uint8Array(readFileSync(join(dir, 'model.checkpoint.bpm')))).trainingState?.epoch).toBe(Number(match![1]));
  });

  // BACKPROP_TEST_WRITE_DELAY_MS (a test-only hook of core's writeFileAtomic) holds the final save
  // with its temporary file complete, until the signal arrives.
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during the final save removes the temporary file, leaves the old model and exits %i', async (signal, code) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.bpm'), 'the previous model');
    const run = runCli(['train', '--data', 'iris', '--epochs', '2', '--backend', 'ts', '--save', 'model.bpm', '--quiet'], {
      cwd: dir,
      env: { BACKPROP_TEST_WRITE_DELAY_MS: '60000' },
    });
    const tmp = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    // Wait for the final save's temporary file (held open by the delay), then signal the process
    // whose id it carries. The check of --save at start-up creates and removes a probe file of the
    // same form at once: a name counts only when it is still there 100 ms later.
    let held: string | undefined;
    while (held === undefined) {
      const seen = tmp()[0];
      await new Promise((r) => setTimeout(r, seen === undefined ? 20 : 100));
      if (seen !== undefined && tmp().includes(seen)) held = seen;
    }
    expect(held).toMatch(/^\.model\.bpm\.\d+\.[0-9a-f]{12}\.tmp$/);
    process.kill(Number(/^\.model\.bpm\.(\d+)\./.exec(held)![1]), signal);
    const result = await run;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`backprop: interrupted by ${signal}: stopped at once, nothing more was written.\n`);
    expect(readdirSync(dir)).toEqual(['model.bpm']);
    expect(readFileSync(join(dir, 'model.bpm'), 'utf8')).toBe('the previous model');
  });
});
