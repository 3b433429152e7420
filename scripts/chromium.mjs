/**
 * Which Chromium the end-to-end tests and benchmarks drive: CHROMIUM_PATH, then Debian's
 * /usr/bin/chromium, then Playwright's own download (on machines that have one). Never
 * downloads a browser.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The executable path, or `undefined` to use Playwright's own browser. Throws when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let own;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own && existsSync(own)) return undefined;
  throw new Error(
    [
      'No Chromium found for the end-to-end tests.',
      'Install one of:',
      '  - Debian/Ubuntu: sudo apt-get install chromium   (then it is found at /usr/bin/chromium)',
      '  - any Chromium or Chrome, and set CHROMIUM_PATH=/path/to/it',
      "  - Playwright's own browser: npx playwright install chromium (not in CI)",
    ].join('\n'),
  );
}
