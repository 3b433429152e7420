#!/usr/bin/env node
/**
 * `npm run test:calendar`: the unit tests once more with the clock moved ahead (CALENDAR_SHIFT,
 * default `+400 days`: over a month end and a year end) by Debian's `faketime`, which moves the
 * clock of Node, of the server processes the tests start and of their embedded database alike.
 * A test that mixes a fixed date with the real clock fails here today instead of on a later day.
 * Without `faketime` it says what to install and skips, so `npm test` still works on a machine
 * without it; CI installs it.
 *
 * `--e2e` runs the end-to-end tests under the moved clock instead (build, server and Chromium);
 * too long for every run, it is how the whole suite is checked against another day.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const shift = process.env.CALENDAR_SHIFT ?? '+400 days';

const found = spawnSync('faketime', ['-f', '+0d', 'true'], { stdio: 'ignore' });
if (found.error || found.status !== 0) {
  console.log('Calendar test skipped: no faketime here (Debian: apt-get install faketime).');
  process.exit(0);
}

// Only the wall clock moves: timers and timeouts keep reading the real monotonic clock (a faked
// one stalls the embedded database's and the servers' timers).
const env = { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
const probe = spawnSync('faketime', [shift, 'node', '-e', 'console.log(new Date().toISOString())'], {
  encoding: 'utf8',
  env,
});
const e2e = process.argv.includes('--e2e');
const args = process.argv.slice(2).filter((a) => a !== '--e2e');
const command = e2e ? ['node', 'scripts/e2e.mjs', ...args] : ['npx', 'vitest', 'run', ...args];
const what = e2e ? 'End-to-end tests' : 'Unit tests';
console.log(`${what} with the clock moved ${shift}: it is ${probe.stdout.trim()} for them.`);
const result = spawnSync('faketime', [shift, ...command], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
