/**
 * The MNIST tab as a tutorial, in a real browser: the loss shown is the chart's last point; a
 * digit drawn mid-run is read by the weights so far; a loaded file brings its hyper-parameters
 * and loss history (or says it has none); the CNN option trains core's convolutions and shows
 * each conv layer's feature maps, equal to the ones core computes in Node from the saved model
 * and the same drawing; the CNN exports to ONNX and safetensors.
 */
import { readFileSync } from 'node:fs';
import { deserializeModel } from '@backprop/core';
import { importOnnx, importSafetensors } from '@backprop/core/interop';
import { describe, expect, it } from 'vitest';
import { featureMapImages } from '../src/mnist/feature-maps.js';
import { toMnistInput } from '../src/mnist/preprocess.js';
import { historyOf } from '../src/trainer/loaded-run.js';
import { trainWithCli } from './fixtures.js';
import { paintedPixels, screenshot, browserSession } from './harness.js';
import { drawOne } from './mnist-draw.js';
import type { Page } from 'playwright-core';

const session = browserSession();

async function openMnist(): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`${session.preview.url}#tab=mnist`);
  await page.getByTestId('mnist-ready').waitFor({ timeout: 20_000 });
  return page;
}

async function saveBpm(page: Page, button = 'Save model'): Promise<{ path: string; bytes: Uint8Array }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const path = await (await download).path();
  return { path, bytes: new Uint8Array(readFileSync(path)) };
}

async function train(page: Page, fields: Record<string, string>, limit: string): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByTestId('mnist-limit').fill(limit);
  await page.getByTestId('mnist-train').click();
  await page.getByTestId('mnist-done').waitFor({ timeout: 90_000 });
}

describe('MNIST tab as a tutorial', () => {
  it('shows the epoch loss, the chart\'s last training-loss point, and a loaded file brings its settings and history', async () => {
    const page = await openMnist();
    await train(page, { 'Hidden layers': '24', 'Learning rate': '0.005', Epochs: '2', Seed: '3' }, '1000');
    const shown = (await page.getByTestId('mnist-epoch-loss').textContent()) ?? '';
    const saved = await saveBpm(page);
    const history = historyOf(deserializeModel(saved.bytes).metadata);
    // The chart is fed the same epoch points the file keeps: the number is their last training loss.
    expect(history?.map((p) => p.epoch)).toEqual([1, 2]);
    expect(shown).toBe(history!.at(-1)!.loss.toFixed(3));

    // A fresh page (default form: 64 units, lr 0.002, 3 epochs, seed 1) opens the file.
    const fresh = await openMnist();
    expect(await fresh.getByLabel('Hidden layers').inputValue()).toBe('64');
    await fresh.getByTestId('model-file-input').setInputFiles(saved.path);
    await fresh.getByTestId('model-file-status').filter({ hasText: 'loaded' }).waitFor({ timeout: 20_000 });
    expect(await fresh.getByLabel('Hidden layers').inputValue()).toBe('24');
    expect(await fresh.getByLabel('Learning rate').inputValue()).toBe('0.005');
    expect(await fresh.getByLabel('Epochs').inputValue()).toBe('2');
    expect(await fresh.getByLabel('Seed').inputValue()).toBe('3');
    expect(await paintedPixels(fresh, '.loss-chart canvas')).toBeGreaterThan(0);
    expect(await fresh.getByText('no training history in this file').count()).toBe(0);
    await screenshot(fresh, 'mnist-loaded-with-history');

    // A CLI file has its config but no per-epoch history: the form follows it, the chart says so.
    const cli = trainWithCli(['--data', 'mnist', '--layers', '16', '--epochs', '1', '--lr', '0.003', '--seed', '4'], 'mnist-cli.bpm');
    await fresh.getByTestId('model-file-input').setInputFiles(cli.path);
    await fresh.getByTestId('model-file-status').filter({ hasText: 'mnist-cli.bpm' }).waitFor({ timeout: 20_000 });
    expect(await fresh.getByLabel('Hidden layers').inputValue()).toBe('16');
    expect(await fresh.getByLabel('Learning rate').inputValue()).toBe('0.003');
    await fresh.getByText('no training history in this file').waitFor();
    expect(await paintedPixels(fresh, '.loss-chart canvas')).toBe(0);
    await screenshot(fresh, 'mnist-loaded-without-history');
    expect(session.browser.errors).toEqual([]);
  }, 120_000);

  it('reads a digit drawn while the network trains, with the weights so far', async () => {
    const page = await openMnist();
    await page.getByLabel('Epochs').fill('500');
    await page.getByTestId('mnist-limit').fill('2000');
    await page.getByTestId('mnist-train').click();
    await page.getByTestId('mnist-live-hint').waitFor({ timeout: 20_000 });
    await drawOne(page);
    await page.getByTestId('mnist-prediction').waitFor({ timeout: 20_000 });
    expect(await page.getByText('Train a network (or load one) first').count()).toBe(0);
    // Still training: the answer came from a snapshot, not from a finished run.
    expect(await page.getByRole('button', { name: 'Stop' }).isEnabled()).toBe(true);
    expect(await page.getByTestId('mnist-done').count()).toBe(0);
    const percents = (await page.getByTestId('mnist-probs').locator('span').allTextContents()).filter((s) => s.endsWith('%')).map((s) => Number(s.slice(0, -1)));
    expect(percents).toHaveLength(10);
    expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    await screenshot(page, 'mnist-predict-while-training');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('mnist-done').filter({ hasText: 'stopped' }).waitFor({ timeout: 20_000 });
    expect(session.browser.errors).toEqual([]);
  }, 60_000);

  it('trains core\'s CNN and shows each conv layer\'s feature maps, as core computes them in Node', async () => {
    const page = await openMnist();
    // The network choice is a labelled select, operated from the keyboard.
    await page.getByLabel('Network').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Network').inputValue()).toBe('cnn');
    await train(page, { 'Hidden layers': 'conv:4:5:p2, pool:2, conv:6:3:p1, pool:2, 16', Epochs: '1' }, '600');
    await drawOne(page);
    await page.getByTestId('mnist-prediction').waitFor({ timeout: 20_000 });
    const figures = page.getByTestId('feature-maps');
    expect(await figures.count()).toBe(2);
    expect(await figures.nth(0).getAttribute('data-layer')).toBe('conv2d_1');
    expect(await figures.nth(1).getAttribute('data-layer')).toBe('conv2d_3');

    // The same model and the same drawing in Node: core's activations, drawn the page's way.
    const { bytes } = await saveBpm(page);
    const { model } = deserializeModel(bytes);
    const pad = await page.getByTestId('draw-pad').evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return { rgba: Array.from((c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data), width: c.width, height: c.height };
    });
    const ink = Float32Array.from({ length: pad.width * pad.height }, (_, i) => (pad.rgba[i * 4] as number) / 255);
    const x = toMnistInput(ink, pad.width, pad.height);
    if (!x) throw new Error('the drawing has no ink');
    const acts = model.activations(x, 1);
    for (const [f, index] of [[0, 0], [1, 2]] as const) {
      const layer = model.layers[index]!;
      const expected = featureMapImages(acts[index]!.data, layer.outputShape!);
      const canvases = figures.nth(f).locator('canvas');
      expect(await canvases.count()).toBe(expected.channels);
      const size = expected.height * expected.width;
      let worst = 0;
      for (let c = 0; c < expected.channels; c++) {
        const shownGrey = await canvases.nth(c).evaluate((el) => {
          const cv = el as HTMLCanvasElement;
          const px = (cv.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, cv.width, cv.height).data;
          return Array.from({ length: cv.width * cv.height }, (_, i) => px[i * 4] as number);
        });
        expect(shownGrey).toHaveLength(size);
        shownGrey.forEach((g, i) => (worst = Math.max(worst, Math.abs(g - (expected.grey[c * size + i] as number)))));
      }
      // Equal up to a grey level's rounding.
      expect(worst).toBeLessThanOrEqual(1);
    }
    await screenshot(page, 'mnist-cnn-feature-maps');

    // The CNN leaves the page as ONNX and safetensors, predicting as the saved model.
    const expectedOut = Array.from(model.predict(x, 1));
    const onnx = await saveBpm(page, 'Save as ONNX');
    const fromOnnx = Array.from(importOnnx(onnx.bytes).model.predict(x, 1));
    expect(Math.max(...fromOnnx.map((v, i) => Math.abs(v - expectedOut[i]!)))).toBeLessThan(1e-5);
    const st = await saveBpm(page, 'Save as safetensors');
    expect(Array.from(importSafetensors(st.bytes).model.predict(x, 1))).toEqual(expectedOut);
    expect(session.browser.errors).toEqual([]);
  }, 120_000);

  it('trains the CNN and shows its feature maps at 390 px wide without sideways scrolling', async () => {
    const page = await session.browser.newPage({ width: 390, height: 844 });
    await page.goto(`${session.preview.url}#tab=mnist`);
    await page.getByTestId('mnist-ready').waitFor({ timeout: 20_000 });
    await page.getByLabel('Network').selectOption('cnn');
    expect(await page.getByLabel('Hidden layers').inputValue()).toBe('conv:8:5:p2, pool:2, conv:16:5:p2, pool:2, 64');
    await train(page, { 'Hidden layers': 'conv:4:5:p2, pool:2, 8', Epochs: '1' }, '300');
    await page.getByTestId('draw-pad').scrollIntoViewIfNeeded();
    await drawOne(page);
    await page.getByTestId('feature-maps').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('feature-maps').first().locator('canvas').count()).toBe(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('feature-maps').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'mnist-cnn-phone');
    expect(session.browser.errors).toEqual([]);
  });
});
