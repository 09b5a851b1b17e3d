/**
 * The recurrent tab in a real browser: an Elman RNN trained by backprop through time in the
 * worker learns to forecast a sine wave, its forecast is drawn over the truth and its hidden
 * state over time as a heatmap (the values checked against the saved model run in Node); a
 * character LSTM writes text while it trains (the text checked against core's generateText on
 * the saved model); a diverging run says so, its epoch counter agreeing with the message.
 */
import { readFileSync } from 'node:fs';
import { deserializeModel, generateText, Model, sineWaves, type RecurrentSpec } from '@backprop/core';
import { importOnnx, importSafetensors } from '@backprop/core/interop';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, paintedPixels, readNumber, screenshot } from './harness.js';

const site = browserSession();

/** Click a save button and return the downloaded file's bytes. */
async function saveModel(page: Page, button = 'Save model'): Promise<Uint8Array> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  return new Uint8Array(readFileSync(await (await download).path()));
}

/** Every step's hidden state of the model's first (recurrent) layer, from a sequence-output copy of it run in Node. */
function sequenceStates(model: Model, window: Float32Array): Float32Array {
  const spec = model.layers[0]!.toSpec() as RecurrentSpec;
  const copy = Model.create({ inputSize: model.inputSize, layers: [{ ...spec, returnSequences: true }], loss: 'mse' });
  copy.setWeights(model.layers[0]!.params().map((p) => p.value));
  return copy.predict(window, 1);
}

/** Load a model file through the tab's Load button's file input and wait for its status line (written once the views are in). */
async function loadModel(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByTestId('model-file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await page.getByTestId('model-file-status').filter({ hasText: `loaded ${name}` }).waitFor();
}

async function heatmapValues(page: Page): Promise<number[]> {
  return JSON.parse((await page.getByTestId('rnn-hidden').getAttribute('data-values')) ?? '[]') as number[];
}

describe('recurrent tab', () => {
  it('trains an RNN on sine windows to a test MSE below 0.01, draws its forecast and its hidden state over time', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=recurrent`);
    const t0 = Date.now();
    await page.getByTestId('rnn-train').click();
    await page.getByTestId('rnn-done').waitFor({ timeout: 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    const mse = await readNumber(page, '[data-testid=rnn-test-mse]');
    const forecastMse = await readNumber(page, '[data-testid=rnn-forecast-mse]');
    console.log(`[e2e] recurrent: 15 epochs in ${seconds.toFixed(1)} s, test MSE ${mse}, 50-step forecast MSE ${forecastMse}`);
    expect(await page.getByTestId('rnn-epoch').textContent()).toBe('15');
    expect(mse).toBeLessThan(0.01);
    // Fed its own predictions for 50 steps it stays on the wave (a flat line would score about 0.5).
    expect(forecastMse).toBeLessThan(0.05);
    // The heatmap: 20 steps × 16 units, the layer's states over the forecast's seed window.
    const values = await heatmapValues(page);
    expect(values).toHaveLength(20 * 16);
    expect(await paintedPixels(page, '[data-testid=rnn-hidden]')).toBe(20 * 16);
    const saved = await saveModel(page);
    const { model } = deserializeModel(saved);
    const window = sineWaves({ n: 1, seqLen: 20 + 50, period: 25, seed: 1 + 2 }).x.slice(0, 20);
    const expected = sequenceStates(model, window);
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    // ONNX and safetensors hold an RNN: read back in Node, each predicts as the saved model.
    const next = model.predict(window, 1)[0]!;
    expect(importOnnx(await saveModel(page, 'Save as ONNX')).model.predict(window, 1)[0]).toBeCloseTo(next, 5);
    expect(importSafetensors(await saveModel(page, 'Save as safetensors')).model.predict(window, 1)[0]).toBeCloseTo(next, 5);
    await screenshot(page, 'recurrent-sine-forecast');
    // The saved file, loaded into a fresh page, forecasts and shows its hidden states as before.
    const fresh = await site.browser.newPage();
    await fresh.goto(`${site.preview.url}#tab=recurrent`);
    await loadModel(fresh, 'sine-rnn.bpm', saved);
    expect(await readNumber(fresh, '[data-testid=rnn-forecast-mse]')).toBe(forecastMse);
    expect(await heatmapValues(fresh)).toEqual(values);
    await screenshot(fresh, 'recurrent-sine-loaded');
    await fresh.close();
    // A typed value is held within the bounds the field states (100,000 units would not fit in memory).
    await page.getByLabel('Hidden units').fill('100000');
    expect(await page.getByLabel('Hidden units').inputValue()).toBe('256');
    expect(site.browser.errors).toEqual([]);
  }, 90_000);

  it("a character LSTM writes text as it trains, the text core's generateText writes with the saved model and seed", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=recurrent`);
    await page.getByLabel('Task').selectOption('text');
    expect(await page.getByLabel('Cell').inputValue()).toBe('lstm');
    await page.getByLabel('Hidden units').fill('24');
    await page.getByLabel('Training windows').fill('300');
    await page.getByLabel('Epochs').fill('3');
    await page.getByLabel('Prompt').fill('The ');
    await page.getByLabel('Characters to generate').fill('60');
    await page.getByLabel('Temperature').fill('0.8');
    await page.getByLabel('Sampling seed').fill('5');
    await page.getByTestId('rnn-train').click();
    await page.getByTestId('rnn-done').waitFor({ timeout: 60_000 });
    const text = (await page.getByTestId('rnn-sample-text').textContent()) ?? '';
    expect(Array.from(text)).toHaveLength(60);
    const bytes = await saveModel(page);
    const { model, metadata } = deserializeModel(bytes);
    const vocabulary = metadata.classNames!;
    expect(generateText(model, { prompt: 'The ', length: 60, temperature: 0.8, seed: 5, vocabulary, seqLen: 16 })).toBe(text);
    // The heatmap reads the prompt's window: 16 steps, the prompt's 4 characters at its end.
    const values = await heatmapValues(page);
    expect(values).toHaveLength(16 * 24);
    const window = new Float32Array(16 * vocabulary.length);
    Array.from('The ').forEach((c, i) => (window[(12 + i) * vocabulary.length + vocabulary.indexOf(c)] = 1));
    const expected = sequenceStates(model, window);
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    await screenshot(page, 'recurrent-text-generation');
    // Loaded into a fresh page (which starts on the sine task), the file is seen as a character model and writes the same text.
    const fresh = await site.browser.newPage();
    await fresh.goto(`${site.preview.url}#tab=recurrent`);
    await loadModel(fresh, 'text-lstm.bpm', bytes);
    expect(await fresh.getByLabel('Task').inputValue()).toBe('text');
    expect(await fresh.getByTestId('model-file-status').textContent()).toContain('a character model');
    // The fresh page's sampling settings are the defaults: set them as above and load again.
    await fresh.getByLabel('Characters to generate').fill('60');
    await fresh.getByLabel('Temperature').fill('0.8');
    await fresh.getByLabel('Sampling seed').fill('5');
    const first = (await fresh.getByTestId('rnn-sample-text').textContent()) ?? '';
    expect(Array.from(first)).toHaveLength(120);
    await loadModel(fresh, 'text-lstm.bpm', bytes);
    // The status line reads the same after a second load: wait for the new sample instead.
    await expect.poll(() => fresh.getByTestId('rnn-sample-text').textContent(), { timeout: 20_000 }).toBe(text);
    await screenshot(fresh, 'recurrent-text-loaded');
    await fresh.close();
    // The same run, trained again, writes the same text.
    await page.getByTestId('rnn-train').click();
    await page.getByTestId('rnn-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('rnn-sample-text').textContent()).toBe(text);
    expect(site.browser.errors).toEqual([]);
  }, 120_000);

  it('an Elman RNN at SGD lr 5 without clipping diverges with the divergence message, its epoch on the counter, its advice a field of the page', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=recurrent`);
    await page.getByLabel('Optimizer').selectOption('sgd');
    await page.getByLabel('Learning rate').fill('5');
    await page.getByLabel('Clip norm (0 = off)').fill('0');
    await page.getByTestId('rnn-train').click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const message = (await alert.textContent()) ?? '';
    expect(message).toMatch(/^training diverged: the loss became NaN at epoch \d+, batch \d+ of \d+\./);
    expect(message).not.toContain('clean or impute');
    const epoch = /at epoch (\d+)/.exec(message)![1];
    expect(await page.getByTestId('rnn-epoch').textContent()).toBe(epoch);
    // The blown-up training loss stays short: exponent form (or a dash for none).
    expect(await page.locator('.stats span').nth(1).textContent()).toMatch(/^training MSE (\d\.\d\de[+-]\d+|\d+\.\d{4}|—)$/);
    // The advice names the page's own field, which is there to change.
    expect(message).toContain('gradient clipping (clip norm 1)');
    await screenshot(page, 'recurrent-divergence');
    await page.getByLabel('Clip norm (0 = off)').fill('1');
    await page.getByTestId('rnn-train').click();
    await page.getByTestId('rnn-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('rnn-epoch').textContent()).toBe('15');
    expect(await page.getByRole('alert').count()).toBe(0);
    // A run refused before training (learning rate 0) names the field, and the counter starts from 0 of the form's epochs.
    await page.getByLabel('Learning rate').fill('0');
    await page.getByTestId('rnn-train').click();
    await page.getByRole('alert').filter({ hasText: 'learning rate must be a number > 0, got 0' }).waitFor();
    expect(await page.getByTestId('rnn-epoch').textContent()).toBe('0');
    expect(await page.locator('.stats span').first().textContent()).toBe('epoch 0 / 15');
    expect(site.browser.errors).toEqual([]);
  }, 120_000);
});
