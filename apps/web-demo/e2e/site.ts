/**
 * A test file's site and browser (kept apart from harness.ts, which the benchmark script also
 * imports outside vitest).
 */
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startPreview, type Browser, type Preview } from './harness.js';

export interface Site {
  readonly preview: Preview;
  readonly browser: Browser;
}

/**
 * For a test file: serves the built site and launches the browser before its tests, and closes
 * both after them. Read the returned object's fields inside tests (they are set by beforeAll).
 */
export function useSite(): Site {
  const site = {} as { preview: Preview; browser: Browser };
  beforeAll(async () => {
    site.preview = await startPreview();
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.preview?.stop();
  });
  return site;
}
