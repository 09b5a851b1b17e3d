/**
 * The recurrent tab in a real browser: an Elman RNN trained by backprop through time in the
 * worker learns to forecast a sine wave, and its forecast is drawn over the truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, readNumber, screenshot, startPreview, type Browser, type Preview } from './harness.js';

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('recurrent tab', () => {
  it('trains an RNN on sine windows to a test MSE below 0.01 and draws its forecast', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}#tab=recurrent`);
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
    await screenshot(page, 'recurrent-sine-forecast');
    // A typed value is held within the bounds the field states (100,000 units would not fit in memory).
    await page.getByLabel('Hidden units').fill('100000');
    expect(await page.getByLabel('Hidden units').inputValue()).toBe('256');
    expect(browser.errors).toEqual([]);
  }, 90_000);
});
