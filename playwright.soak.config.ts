import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * The browser soak tests (`test/soak/`): the same browser, launch flags and server as the
 * end-to-end tests, run by `npm run soak`. `SOAK=0` runs them at small counts; their own time
 * limits come from the counts, so the test timeout is off here.
 */
export default defineConfig({
  ...base,
  testDir: 'test/soak',
  outputDir: 'test-results/soak',
  timeout: 0,
});
