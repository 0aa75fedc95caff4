import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      'widget/**/*.test.ts',
      'demo/**/*.test.ts',
      'web/**/*.test.ts',
    ],
    // Two cores: files in parallel, each file's tests in order.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
