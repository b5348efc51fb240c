import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn real processes; 2 cores is the machine CI runs on.
    testTimeout: 30_000,
  },
});
