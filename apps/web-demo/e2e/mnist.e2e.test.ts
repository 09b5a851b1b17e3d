/**
 * The MNIST tab in a real browser: the digits asset is fetched only when the tab opens; a
 * short training run in the worker shows progress; a digit drawn with mouse events gets a
 * prediction with probabilities and every layer's activations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeMnistAssetAsync, deserializeModel, preprocessorFromJSON } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { classifierFile, trainWithCli } from './fixtures.js';
import { screenshot, browserSession } from './harness.js';
import { drawOne } from './mnist-draw.js';

const session = browserSession();

describe('MNIST tab', () => {
  it('loads the digits lazily, trains briefly, and reads a digit drawn with the mouse', async () => {
    const page = await session.browser.newPage();
    const assetRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('mnist-10k')) assetRequests.push(r.url());
    });
    await page.goto(`${session.preview.url}#tab=playground`);
    await page.getByTestId('test-loss').filter({ hasText: /\d/ }).waitFor();
    expect(assetRequests).toEqual([]);

    await page.getByRole('tab', { name: 'MNIST' }).click();
    await page.getByTestId('mnist-ready').waitFor({ timeout: 20_000 });
    expect(assetRequests).toHaveLength(1);

    // A short run: 2,000 digits (1,600 to train on), one epoch.
    await page.getByTestId('mnist-limit').fill('2000');
    await page.getByLabel('Epochs').fill('1');
    const t0 = Date.now();
    await page.getByTestId('mnist-train').click();
    await page.getByTestId('mnist-done').waitFor({ timeout: 60_000 });
    const trainSeconds = (Date.now() - t0) / 1000;
    expect(await page.getByTestId('mnist-progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(1);
    const accuracy = Number(await page.getByTestId('mnist-accuracy').textContent());
    expect(accuracy).toBeGreaterThan(0.6);
    await page.getByTestId('first-layer-weights').waitFor();

    await drawOne(page);

    const predicted = page.getByTestId('mnist-prediction');
    await predicted.waitFor();
    const digit = await predicted.textContent();
    const percents = (await page.getByTestId('mnist-probs').locator('span').allTextContents()).filter((s) => s.endsWith('%')).map((s) => Number(s.slice(0, -1)));
    expect(percents).toHaveLength(10);
    expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    // The shown class is the most probable one.
    expect(Number(digit)).toBe(percents.indexOf(Math.max(...percents)));
    // Every layer's activations: the 64-unit hidden layer and the 10 outputs.
    expect(await page.getByTestId('mnist-activations').locator('canvas').count()).toBe(2);
    console.log(`[e2e] mnist: 1 epoch on 1,600 digits in ${trainSeconds.toFixed(1)} s, test accuracy ${accuracy}; the drawn stroke reads as ${digit} (${Math.max(...percents)}%)`);
    expect(digit).toBe('1');
    await screenshot(page, 'mnist-drawn-digit');

    // Its saved file, loaded back, replaces the trained model: the run's outcome goes with it.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save model' }).click();
    await page.getByTestId('model-file-input').setInputFiles(await (await download).path());
    await page.getByTestId('model-file-status').filter({ hasText: 'loaded' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('mnist-done').count()).toBe(0);
    expect(session.browser.errors).toEqual([]);
  }, 90_000);

  it('holds the digit count within its bounds, and keeps it when the field is cleared', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.preview.url}#tab=mnist`);
    const limit = page.getByTestId('mnist-limit');
    await limit.fill('2500');
    await limit.fill('');
    expect(await limit.inputValue()).toBe('2500');
    await limit.fill('50000');
    expect(await limit.inputValue()).toBe('10000');
    await limit.fill('7');
    expect(await limit.inputValue()).toBe('100');
    expect(session.browser.errors).toEqual([]);
  });

  it('shows only the reason a Train was refused, not an earlier run\'s error too', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.preview.url}#tab=mnist`);
    await page.getByTestId('mnist-ready').waitFor({ timeout: 20_000 });
    await page.getByLabel('Learning rate').fill('0');
    await page.getByTestId('mnist-train').click();
    await page.getByRole('alert').filter({ hasText: 'learning rate must be a number > 0, got 0' }).waitFor();
    await page.getByLabel('Hidden layers').fill('64, 0');
    await page.getByTestId('mnist-train').click();
    await page.getByRole('alert').filter({ hasText: "'0'" }).waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual(["hidden layer size '0' must be an integer from 1 to 1024"]);
    expect(session.browser.errors).toEqual([]);
  });

  it('hides the last model\'s first-layer weights while a new run trains', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.preview.url}#tab=mnist`);
    await page.getByTestId('mnist-ready').waitFor({ timeout: 20_000 });
    await page.getByTestId('mnist-limit').fill('1000');
    await page.getByLabel('Epochs').fill('1');
    await page.getByTestId('mnist-train').click();
    await page.getByTestId('mnist-done').waitFor({ timeout: 60_000 });
    await page.getByTestId('first-layer-weights').waitFor();
    // A long run, stopped by hand: while it trains, no weights of the replaced model are shown.
    await page.getByLabel('Epochs').fill('5000');
    await page.getByTestId('mnist-train').click();
    expect(await page.getByRole('button', { name: 'Stop' }).isEnabled()).toBe(true);
    expect(await page.getByTestId('first-layer-weights').count()).toBe(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('mnist-done').filter({ hasText: 'stopped' }).waitFor();
    // The stopped run's model is the tab's model now, and its weights are shown.
    await page.getByTestId('first-layer-weights').waitFor();
    expect(session.browser.errors).toEqual([]);
  }, 60_000);

  it('opens an MNIST model trained by the backprop CLI, scores it as core does in Node, and reads a drawn digit', async () => {
    const cli = trainWithCli(['--data', 'mnist', '--layers', '32', '--epochs', '2', '--seed', '1'], 'mnist-cli.bpm');
    // The same score computed in Node by core from the same asset.
    const assetPath = createRequire(import.meta.url).resolve('@backprop/core/assets/mnist-10k.bin.gz');
    let digits = await decodeMnistAssetAsync(new Uint8Array(readFileSync(assetPath)));
    const { model, metadata } = deserializeModel(cli.bytes);
    if (metadata.preprocess) digits = preprocessorFromJSON(metadata.preprocess).transformDataset(digits);
    const expected = model.evaluate(digits).accuracy as number;

    const page = await session.browser.newPage();
    await page.goto(`${session.preview.url}#tab=mnist`);
    await page.getByTestId('mnist-ready').waitFor({ timeout: 20_000 });
    const status = page.getByTestId('model-file-status');
    // A well-formed model of another shape (Iris's) is refused, naming both shapes.
    await page.getByTestId('model-file-input').setInputFiles({ name: 'flowers.bpm', mimeType: 'application/octet-stream', buffer: classifierFile(4, 3) });
    await status.filter({ hasText: 'flowers.bpm' }).waitFor();
    expect(await status.textContent()).toContain('this model maps 4 inputs to 3 outputs; the MNIST tab needs 784 inputs');
    await page.getByTestId('model-file-input').setInputFiles(cli.path);
    await status.filter({ hasText: 'loaded' }).waitFor({ timeout: 20_000 });
    const text = (await status.textContent()) ?? '';
    console.log(`[e2e] mnist: CLI model (backend ${String(cli.summary.backend)}, test accuracy ${String(cli.summary.testAccuracy)}) → browser: ${text}`);
    expect(text).toContain('dense 784→32');
    expect(text).toContain(`accuracy ${expected.toFixed(3)} on all 10,000 digits`);
    await page.getByTestId('first-layer-weights').waitFor();
    await drawOne(page);
    await page.getByTestId('mnist-prediction').waitFor();
    expect(await page.getByTestId('mnist-prediction').textContent()).toBe('1');
    await screenshot(page, 'mnist-cli-model');
    expect(session.browser.errors).toEqual([]);
  }, 90_000);
});
