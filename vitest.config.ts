import { defineConfig } from 'vitest/config';

// Forks, never threads: @serialport's native poller aborts the process inside worker threads.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['tests/**/*.test.ts'],
    // Fails the run when a test left a temporary folder or a socat/simulator process behind.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
