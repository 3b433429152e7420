import { defineConfig } from '@playwright/test';
// @ts-expect-error: a plain ES module without types, shared with the scripts.
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env['E2E_PORT'] ?? 8181);
const executablePath = (findChromium as () => string | undefined)();

/**
 * Under Debian's `faketime` (a run with the clock moved, see scripts/calendar-test.mjs) Node keeps
 * the real monotonic clock, whose faked twin stalls its timers; Chromium instead needs both clocks
 * moved alike, or its pages never load. `FAKETIME` is what faketime itself sets.
 */
const browserEnv = process.env['FAKETIME']
  ? Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[1] !== undefined && entry[0] !== 'FAKETIME_DONT_FAKE_MONOTONIC',
      ),
    )
  : undefined;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      args: CHROMIUM_ARGS as string[],
      ...(executablePath ? { executablePath } : {}),
      ...(browserEnv ? { env: browserEnv } : {}),
    },
  },
  webServer: {
    // The production build served by the real server, on a fresh embedded database.
    command: `node scripts/e2e-server.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT) },
    stdout: 'pipe',
  },
});
