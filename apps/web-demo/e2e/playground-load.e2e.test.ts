/**
 * Loading a model file in the Playground tab: a network trained and saved on one setup, opened on
 * a page with another, brings back its data set, features and network, with the file's weights.
 */
import { readFileSync } from 'node:fs';
import { deserializeModel } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { browserSession, readNumber, screenshot } from './harness.js';
import type { Page } from 'playwright-core';

const session = browserSession();

async function saveBpm(page: Page): Promise<{ path: string; weights: Float32Array[] }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save model', exact: true }).click();
  const path = await (await download).path();
  return { path, weights: deserializeModel(new Uint8Array(readFileSync(path))).model.getWeights() };
}

describe('playground model files', () => {
  it('opens a saved network on another setup: its data, features and network come back with its weights', async () => {
    const page = await session.browser.newPage();
    const setup = 'tab=playground&problem=classification&dataset=xor&noise=5&trainPct=50&batchSize=10&seed=4&features=x1,x2,x1x2&hidden=3&lr=0.1&activation=tanh&regularization=none&regRate=0&showTest=0';
    await page.goto(`${session.preview.url}#${setup}`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    // Ten epochs, stepped from the keyboard.
    const step = page.getByRole('button', { name: 'Step', exact: true });
    for (let i = 0; i < 10; i++) {
      await step.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('epoch').filter({ hasText: String(i + 1).padStart(3, '0') }).waitFor();
    }
    const trainedLoss = await readNumber(page, '[data-testid=test-loss]');
    const saved = await saveBpm(page);

    const fresh = await session.browser.newPage();
    await fresh.goto(`${session.preview.url}#tab=playground`);
    await fresh.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    expect(fresh.url()).toContain('dataset=circle');
    await fresh.getByRole('button', { name: 'Load model…' }).focus();
    await fresh.getByTestId('model-file-input').setInputFiles(saved.path);
    await fresh.getByTestId('model-file-status').filter({ hasText: 'loaded' }).waitFor();
    expect(await fresh.getByTestId('model-file-status').textContent()).toContain('dense 3→3 tanh, dense 3→1 sigmoid');
    // The link now names the file's setup, and the test loss is the trained network's on that data.
    await fresh.waitForFunction(() => decodeURIComponent(location.hash).includes('dataset=xor') && decodeURIComponent(location.hash).includes('features=x1,x2,x1x2'));
    await fresh.getByTestId('test-loss').filter({ hasText: trainedLoss.toFixed(3) }).waitFor();
    const resaved = await saveBpm(fresh);
    expect(resaved.weights).toEqual(saved.weights);
    await screenshot(fresh, 'playground-loaded-model');
    expect(session.browser.errors).toEqual([]);
  }, 60_000);
});
