/**
 * Browser-test harness: serves the built site with `vite preview` on a free port and drives
 * Debian's chromium through playwright-core (never a downloaded browser). Collects console
 * errors and uncaught page errors so tests can assert there are none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const APP_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = join(APP_ROOT, '..', '..', 'test-results', 'screenshots');
export const CHROMIUM = process.env.BACKPROP_CHROMIUM ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Preview {
  readonly url: string;
  stop(): Promise<void>;
}

/** `vite preview --host 127.0.0.1 --strictPort` on a free port; resolves once it answers. */
export async function startPreview(): Promise<Preview> {
  if (!existsSync(join(APP_ROOT, 'dist', 'index.html'))) {
    throw new Error('apps/web-demo/dist is missing: run `pnpm --filter @backprop/web-demo build` first');
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(join(APP_ROOT, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port)], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`vite preview did not answer on ${url} within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Browser {
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions seen on any page so far. */
  readonly errors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's chromium with a fresh profile; XDG dirs inside the profile so nothing lands in $HOME. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: the web demo's browser tests need Debian's chromium. ` +
        'Install it with `apt-get install -y chromium` (or `bash scripts/setup.sh --with-browser`), ' +
        'or point BACKPROP_CHROMIUM at a chromium binary.',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'backprop-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') },
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const errors: string[] = [];
  const watch = (page: Page): void => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    errors,
    async newPage(viewport) {
      const page = context.pages()[0] && context.pages()[0]!.url() === 'about:blank' ? context.pages()[0]! : await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Reads a number shown in an element (e.g. a loss), NaN when it shows none. */
export async function readNumber(page: Page, selector: string): Promise<number> {
  const text = (await page.locator(selector).textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

/** How many pixels of a canvas are painted (not transparent): 0 for a chart with nothing drawn. */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const px = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) n++;
    return n;
  });
}

/** The served site and a browser, started before a test file's tests and stopped after them. */
export function siteForTests(): { readonly preview: Preview; readonly browser: Browser } {
  const site: { preview?: Preview; browser?: Browser } = {};
  beforeAll(async () => {
    site.preview = await startPreview();
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.preview?.stop();
  });
  return {
    get preview(): Preview {
      if (!site.preview) throw new Error('the site is not served yet');
      return site.preview;
    },
    get browser(): Browser {
      if (!site.browser) throw new Error('the browser is not started yet');
      return site.browser;
    },
  };
}
