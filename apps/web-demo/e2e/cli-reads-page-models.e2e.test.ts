/**
 * Models saved from the page open in the `backprop` CLI with nothing more: the data set and the
 * run's split come from the file's metadata, as for a model the CLI trained.
 */
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBin, evalWithCli } from './fixtures.js';
import { browserSession, screenshot } from './harness.js';

const session = browserSession();

describe('the CLI reads models saved from the page', () => {
  it('a sine model saved in the Recurrent tab: `backprop forecast` seeds it from sine, `backprop eval` needs no --data', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.preview.url}#tab=recurrent`);
    await page.getByLabel('Epochs').fill('2');
    await page.getByTestId('rnn-train').click();
    await page.getByTestId('rnn-done').waitFor({ timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save model', exact: true }).click();
    const path = await (await download).path();

    const out = execFileSync(process.execPath, [cliBin(), 'forecast', '--model', path, '--steps', '10', '--quiet', '--json'], { cwd: dirname(path), encoding: 'utf8' });
    const forecast = JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
    expect(forecast['forecast']).toHaveLength(10);
    expect(forecast['truth']).toHaveLength(10);
    expect(Number.isFinite(forecast['mse'])).toBe(true);
    // The page tests on its own held-out series (the run has no test split): eval scores all windows.
    const ev = evalWithCli(path, ['--split', 'all']);
    expect(ev['data']).toBe('sine');
    expect(Number.isFinite(ev['loss'])).toBe(true);
    await screenshot(page, 'recurrent-saved-for-cli');
    expect(session.browser.errors).toEqual([]);
  }, 90_000);
});
