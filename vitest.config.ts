import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // `npm run test:coverage`. In-process only: the worker and CLI processes the tests spawn are not measured.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}', 'jobs/**/*.ts', 'templates/**/*.{ts,tsx}'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: '.tmp/coverage',
      // The floor, just under what the suite reached on 2026-11-30 (statements 82.79%, branches 71.93%,
      // functions 82.5%, lines 84.74%): raise it as tests are added, never lower it.
      thresholds: { statements: 82, branches: 71, functions: 82, lines: 84 },
    },
  },
});
