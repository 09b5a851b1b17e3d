/**
 * The wasm backend in a real browser: browser-test/page.ts (core's conformance suite and the fuzz
 * cases) built with Vite against the built package, served by Vite's preview server with the
 * COOP/COEP headers that make the page cross-origin isolated, and run in Debian's Chromium
 * (playwright-core; $BACKPROP_CHROMIUM names another binary) on one thread and on two (pool
 * workers on shared memory), with plain SIMD128 and with relaxed SIMD. A trap or a dead worker
 * would show as failures or a timeout here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteReport } from '../browser-test/page.js';

const root = fileURLToPath(new URL('../browser-test/', import.meta.url));
const CHROMIUM = process.env['BACKPROP_CHROMIUM'] ?? '/usr/bin/chromium';
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

describe('the wasm backend in Chromium', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'backprop-wasm-page-'));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let url = '';

  beforeAll(async () => {
    await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' }, worker: { format: 'es' } });
    server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, headers: ISOLATION } });
    url = server.resolvedUrls?.local[0] ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
    rmSync(outDir, { recursive: true, force: true });
  });

  for (const relaxedSimd of [false, true]) {
    const isa = relaxedSimd ? 'relaxed-simd' : 'simd128';
    for (const threads of [1, 2]) {
      it(`passes the conformance suite and the fuzz cases on ${isa}, ${threads} thread${threads > 1 ? 's' : ''}`, async () => {
        const page = await browser!.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(url);
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
        const report = await page.evaluate(
          ([n, relaxed]) => (globalThis as unknown as { runSuites(t: number, r: boolean): Promise<SuiteReport> }).runSuites(n, relaxed),
          [threads, relaxedSimd] as const,
        );
        await page.close();
        expect(errors).toEqual([]);
        expect(report.crossOriginIsolated).toBe(true);
        // Chromium runs relaxed SIMD, so both flavours are really exercised here.
        expect(report.relaxedSimdSupported).toBe(true);
        expect(report.description).toBe(`wasm (${isa}, ${threads} thread${threads > 1 ? 's' : ''})`);
        expect(report.failures).toEqual([]);
        // The suites' size in Node (the conformance cases of a float32 backend and the fuzz cases).
        expect(report.passed).toBeGreaterThan(1200);
      }, 180_000);
    }
  }
});
