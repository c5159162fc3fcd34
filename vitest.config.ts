import { defineConfig } from 'vitest/config';

// Unit and API tests. Browser tests live in e2e/ and run with Playwright.
export default defineConfig({
  test: {
    include: [
      'apps/server/src/**/*.test.ts',
      'apps/web/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
