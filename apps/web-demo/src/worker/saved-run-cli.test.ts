/**
 * A model saved by the page's save path (FitRun's outcome through saveModelFile, exactly what the
 * worker answers a `save` request with) opens in the built `backprop` CLI with nothing more: eval
 * finds the data set and the held-out rows from the file, forecast the sine task.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserializeModel, loadData, prepareData } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { cliBin } from '../../e2e/fixtures.js';
import { FitRun } from './fit-run.js';
import { saveModelFile } from './model-file.js';
import type { FitJob } from './protocol.js';
import { historyOf } from '../trainer/loaded-run.js';

async function savedFile(job: FitJob, name: string): Promise<{ path: string; bytes: Uint8Array }> {
  const outcome = await new FitRun(job).run(() => true);
  const bytes = saveModelFile(outcome.trained, 'bpm');
  const path = join(mkdtempSync(join(tmpdir(), 'web-saved-')), name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

function cli(args: readonly string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, [cliBin(), ...args, '--quiet', '--json'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
}

describe('a model saved from the page, in the CLI', () => {
  it('Iris: `backprop eval --model` needs no --data and scores the run\'s held-out flowers as core does', async () => {
    const job: FitJob = { config: { data: 'iris', layers: [8], activation: 'tanh', optimizer: { name: 'adam', lr: 0.02 }, epochs: 30, batchSize: 16, seed: 42, testSplit: 0.3 } };
    const { path, bytes } = await savedFile(job, 'iris.bpm');
    const { model, metadata } = deserializeModel(bytes);
    expect(metadata.dataset).toBe('iris');
    // The epochs the page charted travel with the file.
    expect(historyOf(metadata)?.map((p) => p.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const summary = cli(['eval', '--model', path]);
    expect(summary).toMatchObject({ data: 'iris', split: 'test', rows: 45 });
    // The same 45 rows split in Node, through the file's standardisation.
    const { train, test } = prepareData(await loadData('iris'), { testSplit: 0.3, seed: 42, normalize: 'standardize' });
    expect(train.n).toBe(105);
    expect(summary['accuracy']).toBeCloseTo(model.evaluate(test!).accuracy as number, 6);
  }, 30_000);

  it('sine: `backprop forecast --model` forecasts without --input, and eval needs no --data', async () => {
    const job: FitJob = {
      config: { data: 'sine', model: 'rnn', units: 8, seqLen: 12, optimizer: { name: 'adam', lr: 0.01 }, epochs: 2, batchSize: 32, seed: 5 },
      sine: { period: 25, noise: 0, steps: 30 },
    };
    const { path } = await savedFile(job, 'sine.bpm');
    const forecast = cli(['forecast', '--model', path, '--steps', '20']);
    // Without --input the CLI seeds it from its own sine series, which it does only for a model trained on sine.
    expect(forecast['forecast']).toHaveLength(20);
    expect(forecast['truth']).toBeDefined();
    expect(Number.isFinite(forecast['mse'])).toBe(true);
    // The page's sine task tests on its own held-out series, so the run has no test split: all windows.
    const ev = cli(['eval', '--model', path, '--split', 'all']);
    expect(ev['data']).toBe('sine');
    expect(typeof ev['loss']).toBe('number');
  }, 30_000);
});
