/**
 * The WebAssembly backend in a real browser: the built .wasm assets stay small; the MNIST tab
 * trains a W2-like MLP (784-256-128-10, ReLU, SGD, batch 64) on wasm with a pool of threads,
 * since `vite preview` serves the page cross-origin isolated; and with the .wasm fetch blocked,
 * the page says why and trains on the TypeScript backend instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APP_ROOT, browserSession, screenshot } from './harness.js';

const site = browserSession();

/** Opens the MNIST tab and trains a W2-like MLP on 3,000 digits for 2 epochs; returns the test accuracies shown, in order. */
async function trainW2(page: Page): Promise<number[]> {
  await page.getByTestId('mnist-ready').waitFor({ timeout: 30_000 });
  await page.getByTestId('mnist-limit').fill('3000');
  await page.getByLabel('Hidden layers').fill('256,128');
  await page.getByLabel('Optimizer').selectOption('sgd');
  await page.getByLabel('Learning rate').fill('0.05');
  await page.getByLabel('Epochs').fill('2');
  await page.getByLabel('Batch size').fill('64');
  expect(await page.getByTestId('mnist-accuracy').textContent()).not.toMatch(/\d/);
  await page.getByTestId('mnist-train').click();
  const seen: number[] = [];
  const deadline = Date.now() + 90_000;
  while (!(await page.getByTestId('mnist-done').isVisible())) {
    if (Date.now() > deadline) throw new Error('training did not finish within 90 s');
    const shown = Number(await page.getByTestId('mnist-accuracy').textContent());
    if (Number.isFinite(shown) && shown !== seen[seen.length - 1]) seen.push(shown);
    await page.waitForTimeout(50);
  }
  seen.push(Number(await page.getByTestId('mnist-accuracy').textContent()));
  return seen;
}

describe('the built .wasm assets', () => {
  it('are each at most 150 KB gzip-compressed', () => {
    const assets = join(APP_ROOT, 'dist', 'assets');
    const wasm = readdirSync(assets).filter((f) => f.endsWith('.wasm'));
    // Single-thread and shared-memory modules, each with plain and with relaxed SIMD (one is fetched).
    expect(wasm).toHaveLength(4);
    const sizes = wasm.map((f) => ({ f, gz: gzipSync(readFileSync(join(assets, f)), { level: 9 }).length }));
    console.log(`[e2e] wasm: ${sizes.map((s) => `${s.f} ${(s.gz / 1024).toFixed(1)} KB gzip`).join(', ')}`);
    for (const s of sizes) expect(s.gz).toBeLessThanOrEqual(150 * 1024);
  });
});

describe('MNIST on the wasm backend', () => {
  it('trains on wasm with a pool of threads in the cross-origin-isolated page, and accuracy rises', async () => {
    const page = await site.browser.newPage();
    const wasmRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
    });
    await page.goto(`${site.preview.url}#tab=mnist`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const cpus = await page.evaluate(() => navigator.hardwareConcurrency);
    const backend = page.getByTestId('backend');
    await backend.filter({ hasText: /^wasm/ }).waitFor({ timeout: 30_000 });
    // One thread per CPU (2 on the project's machine), the shared-memory module, no fallback note.
    expect(await backend.textContent()).toMatch(new RegExp(`^wasm \\((relaxed-simd|simd128), ${cpus} thread${cpus === 1 ? '' : 's'}\\)$`));
    expect(cpus).toBeGreaterThanOrEqual(2);
    expect(wasmRequests.some((u) => /backprop-threads-[\w-]+\.wasm$/.test(u))).toBe(true);
    expect(await page.getByTestId('backend-fallback').count()).toBe(0);

    const accuracies = await trainW2(page);
    console.log(`[e2e] wasm: W2-like MLP on 2,400 digits, 2 epochs, test accuracy ${accuracies.join(' → ')}`);
    expect(accuracies[accuracies.length - 1]).toBeGreaterThan(0.8);
    expect(accuracies[accuracies.length - 1]).toBeGreaterThanOrEqual(accuracies[0]!);
    expect(await page.getByTestId('mnist-progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(1);
    await screenshot(page, 'mnist-wasm-threads');
    expect(site.browser.errors).toEqual([]);
  }, 120_000);

  it('shows the backend beside the training controls on every tab that trains', async () => {
    const page = await site.browser.newPage();
    for (const tab of ['playground', 'iris', 'recurrent', 'fixed-point']) {
      await page.goto(`${site.preview.url}#tab=${tab}`);
      const shown = page.locator('[data-testid=backend]:visible').filter({ hasText: /^wasm \((relaxed-simd|simd128), \d+ threads\)$/ });
      await shown.waitFor({ timeout: 30_000 });
      expect(await shown.count()).toBe(1);
    }
  });

  it('falls back to the TypeScript backend with a note when the .wasm cannot be fetched, and still trains', async () => {
    const page = await site.browser.context.newPage();
    await page.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
    await page.goto(`${site.preview.url}#tab=mnist`);
    const note = page.getByTestId('backend-fallback');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toMatch(/^WebAssembly backend unavailable: the WebAssembly kernels could not be fetched from http:\/\/127\.0\.0\.1:\d+\/assets\/backprop-threads-[\w-]+\.wasm \(Failed to fetch\); training runs on the TypeScript backend\.$/);
    expect(await page.getByTestId('backend').textContent()).toMatch(/^ts\b/);

    const accuracies = await trainW2(page);
    console.log(`[e2e] ts fallback: test accuracy ${accuracies.join(' → ')}`);
    expect(accuracies[accuracies.length - 1]).toBeGreaterThan(0.8);
    await screenshot(page, 'mnist-wasm-fallback');
    await page.close();
    // The blocked fetch is logged by the browser as a failed resource load: nothing else may be.
    expect(site.browser.errors.filter((e) => !/ERR_BLOCKED_BY_CLIENT|Failed to load resource|wasm/.test(e))).toEqual([]);
  }, 120_000);
});
