/**
 * The Fixed-point tab in a real browser: a fixed-point (Almeida–Pineda) network trained in the
 * worker completes a cue whose bits are set with the keyboard; the forward relaxation reaches a
 * fixed point that the saved model's weights confirm in Node (x = f(W·x + W_in·cue + b)), and
 * the adjoint relaxation is animated after it; ONNX and safetensors refuse the model with the
 * exporter's message; the saved file loads back; the tab fits a phone's width.
 */
import { readFileSync } from 'node:fs';
import { deserializeModel } from '@backprop/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FixedPointTrace } from '../src/worker/protocol.js';
import { browserSession, paintedPixels, screenshot } from './harness.js';

const site = browserSession();

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));

async function readTrace(page: Page): Promise<FixedPointTrace> {
  return JSON.parse((await page.getByTestId('fp-trace').getAttribute('data-trace')) ?? 'null') as FixedPointTrace;
}

describe('Fixed-point tab', () => {
  it('trains, completes a keyboard-edited cue at a true fixed point, animates the adjoint, refuses ONNX/safetensors, saves and loads', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=fixed-point`);
    await page.getByTestId('fp-train').click();
    await page.getByTestId('fp-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('fp-epoch').textContent()).toBe('150');

    // The cue: stored pattern 2 with bits 3 and 6 unknown; bit 1 turned on → off → unknown → on with the keyboard.
    const patterns = page.getByLabel('Stored pattern');
    await patterns.selectOption('1');
    const stored = ((await patterns.locator('option:checked').textContent()) ?? '').split(': ')[1]!;
    const bit1 = page.getByRole('group', { name: /cue/ }).getByRole('button').first();
    const first = stored[0] === '1' ? 'on' : 'off';
    expect(await bit1.getAttribute('aria-label')).toBe(`bit 1: ${first}`);
    await bit1.focus();
    const order = ['on', 'off', 'unknown'];
    for (let k = 1; k <= 3; k++) {
      await page.keyboard.press(k === 2 ? 'Space' : 'Enter');
      expect(await bit1.getAttribute('aria-label')).toBe(`bit 1: ${order[(order.indexOf(first) + k) % 3]}`);
    }
    expect(await page.getByLabel('bit 3: unknown').count()).toBe(1);
    expect(await page.getByLabel('bit 6: unknown').count()).toBe(1);

    await page.getByTestId('fp-relax').click();
    await page.getByTestId('fp-trace').waitFor();
    const trace = await readTrace(page);
    const cue = Array.from(stored, (c, i) => (i === 2 || i === 5 ? 0.5 : Number(c)));
    expect(trace.inputs).toEqual(cue);
    expect(trace.forward[0]!.every((v) => v === 0)).toBe(true);

    // The weights, from the saved file, confirm the last forward state is the fixed point.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save model', exact: true }).click();
    const bytes = new Uint8Array(readFileSync(await (await download).path()));
    const { model } = deserializeModel(bytes);
    const [wIn, w, b] = model.layers[0]!.params().map((p) => p.value);
    const nf = trace.hidden + trace.outputs;
    const x = trace.forward.at(-1)!;
    for (let i = 0; i < nf; i++) {
      let u = b![i]!;
      for (let j = 0; j < nf; j++) u += w![i * nf + j]! * x[j]!;
      for (let j = 0; j < 8; j++) u += wIn![i * 8 + j]! * cue[j]!;
      expect(Math.abs(sigmoid(u) - x[i]!)).toBeLessThan(1e-5);
    }
    // It is the network's own answer (core's predict in Node), and it completes the stored pattern.
    const predicted = model.predict(Float32Array.from(cue), 1);
    x.slice(trace.hidden).forEach((v, o) => expect(v).toBeCloseTo(predicted[o]!, 5));
    expect(x.slice(trace.hidden).map((v) => (v > 0.5 ? 1 : 0)).join('')).toBe(stored);

    // The animation runs forward to the fixed point, then the adjoint until δ settles.
    await page.getByTestId('fp-sweep').filter({ hasText: 'δ has settled' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('fp-sweep').textContent()).toBe(`adjoint sweep ${trace.adjoint.length - 1} of ${trace.adjoint.length - 1} — δ has settled`);
    expect(await paintedPixels(page, '[data-testid=fp-grid]')).toBe(trace.adjoint.length * nf);
    await screenshot(page, 'fixed-point-adjoint');
    // Back to the forward phase by keyboard, to its last sweep with End on the slider.
    await page.getByLabel('Phase', { exact: true }).selectOption('forward');
    await page.getByLabel('Sweep', { exact: true }).focus();
    await page.keyboard.press('End');
    expect(await page.getByTestId('fp-sweep').textContent()).toBe(`forward sweep ${trace.forward.length - 1} of ${trace.forward.length - 1} — the fixed point`);
    expect(await page.getByTestId('fp-completion').textContent()).toBe(stored);
    await screenshot(page, 'fixed-point-forward');

    // ONNX and safetensors cannot hold a fixed-point layer: the exporter's message, no download.
    let downloads = 0;
    page.on('download', () => downloads++);
    for (const [button, file] of [['Save as ONNX', 'fixed-point.onnx'], ['Save as safetensors', 'fixed-point.safetensors']] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      const status = page.getByTestId('model-file-status').filter({ hasText: file });
      await status.waitFor();
      expect(await status.textContent()).toMatch(new RegExp(`^${file.replace('.', '\\.')} not saved: .*fixed-point`));
    }
    expect(downloads).toBe(0);

    // The saved file loads back and relaxes the same cue to the same fixed point.
    await page.getByTestId('model-file-input').setInputFiles({ name: 'fixed-point.bpm', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await page.getByTestId('model-file-status').filter({ hasText: 'loaded fixed-point.bpm' }).waitFor();
    expect(await page.getByTestId('model-file-status').textContent()).toContain('fixed-point 8→8');
    await page.getByTestId('fp-relax').click();
    await page.getByTestId('fp-trace').waitFor();
    const again = await readTrace(page);
    again.forward.at(-1)!.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 6));
    await screenshot(page, 'fixed-point-loaded');
    expect(site.browser.errors).toEqual([]);
  }, 120_000);

  it('reaches the Recurrent and Fixed-point tabs with arrow keys; every control there has an accessible name and trains from the keyboard', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.preview.url}#tab=mnist`);
    await page.getByRole('tab', { name: 'MNIST', selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Recurrent', selected: true }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Fixed point', selected: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-fixed-point');
    await page.locator('#panel-fixed-point section').waitFor();
    // Every control of both panels has a name a screen reader reads (its label, aria-label or text).
    for (const tab of ['recurrent', 'fixed-point']) {
      const unnamed = await page.locator(`#panel-${tab} :is(button, input, select)`).evaluateAll((els) =>
        els
          .filter((el) => !(el as HTMLInputElement).hidden && (el as HTMLInputElement).type !== 'file')
          .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.textContent?.trim()))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unnamed, tab).toEqual([]);
    }
    // Train from the keyboard: Tab to the Train button, Enter.
    await page.locator('#panel-fixed-point').getByLabel('Epochs').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('20');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Train' && guard++ < 10) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('fp-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('fp-epoch').textContent()).toBe('20');
    await screenshot(page, 'fixed-point-keyboard');
    expect(site.browser.errors).toEqual([]);
  }, 60_000);

  it('the Recurrent and Fixed-point tabs fit a phone-sized screen', async () => {
    const page = await site.browser.newPage({ width: 390, height: 844 });
    for (const tab of ['recurrent', 'fixed-point']) {
      await page.goto(`${site.preview.url}#tab=${tab}`);
      await page.locator(`#panel-${tab} section`).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, tab).toBeLessThanOrEqual(0);
      await screenshot(page, `phone-${tab}-w16r`);
    }
    expect(site.browser.errors).toEqual([]);
  }, 40_000);
});
