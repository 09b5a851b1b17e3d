import { defineConfig } from 'vitest/config';

// Unit tests (src/**/*.test.ts) and browser end-to-end tests (e2e/*.e2e.test.ts) run in one
// `vitest run`, so the package's `test` script (and CI) covers both. The e2e files serve the
// built site with `vite preview` and drive Debian's chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    // One browser at a time on a 2-core machine.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
