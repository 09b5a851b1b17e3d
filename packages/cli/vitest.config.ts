import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The end-to-end tests spawn the built CLI (node dist/bin.js): build it once first.
    globalSetup: ['./src/test-support/build-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Spawned CLI runs are CPU-bound; two cores are shared by everyone.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
