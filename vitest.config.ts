import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // `npm test` measures its first pass (everything but the multi-process delivery and cluster tests) and fails under
    // the floor. In-process only: the worker and CLI processes the tests spawn are not measured.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}', 'jobs/**/*.ts', 'templates/**/*.{ts,tsx}'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: '.tmp/coverage',
      // The floor, just under what the first pass reached on 2026-11-30 (statements 89.92%, branches 78.18%,
      // functions 91%, lines 92.2%): raise it as tests are added, never lower it.
      thresholds: { statements: 88, branches: 76, functions: 89, lines: 90 },
    },
  },
});
