/** forecast's messages on a small saved sequence model (singular and plural counts). */
import { Model, serializeModel } from '@backprop/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runCli, tempDir } from '../test-support/run-cli.js';

describe('backprop forecast', () => {
  it('counts steps and values in the singular for one', async () => {
    const dir = tempDir();
    const model = Model.create({ inputSize: 3, layers: [{ type: 'rnn', units: 4, features: 1 }, { type: 'dense', units: 1 }], loss: 'mse' }, { seed: 1 });
    writeFileSync(join(dir, 'seq.bpm'), serializeModel(model));
    const one = await runCli(['forecast', '--model', 'seq.bpm', '--steps', '1', '--input', '0.1,0.2,0.3', '--json'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^forecast of 1 step after a 3-step window with backend /);
    expect(lastJson(one.stdout)['forecast']).toHaveLength(1);
    const two = await runCli(['forecast', '--model', 'seq.bpm', '--steps', '2', '--input', '0.1,0.2,0.3'], { cwd: dir });
    expect(two.stdout).toMatch(/^forecast of 2 steps after a 3-step window/);
    const short = await runCli(['forecast', '--model', 'seq.bpm', '--input', '0.1'], { cwd: dir });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/--input has 1 value; the model needs a window of 3\./);
  });
});
