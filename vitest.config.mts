import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // API processes the tests start load no demo simulations unless a test asks for them.
    env: { TOKENTRAIL_DEMO: 'off' },
  },
});
