import { defineConfig } from '@playwright/test';
// @ts-expect-error: a plain ES module without types, shared with the scripts.
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env['E2E_PORT'] ?? 8181);
const executablePath = (findChromium as () => string | undefined)();

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
