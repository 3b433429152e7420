#!/usr/bin/env node
/**
 * `npm run test:e2e`: checks that a Chromium is there (saying what to install when not), builds
 * the production app, and runs the Playwright specs against it, served by the real server.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findChromium } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
try {
  const found = findChromium();
  console.log(`End-to-end tests use ${found ?? "Playwright's own Chromium"}.`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
