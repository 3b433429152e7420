#!/usr/bin/env node
/**
 * `npm run soak`: the long runs behind the promise that a seller's data survives faults. Each
 * is the same test that `npm test` runs at a small count, here at the promised figure:
 *
 *   server_sigkill   200 SIGKILLs of a real server process at seeded random points while a device
 *                    pushes 1,650 mutations and the server sends 150 buyer messages through a slow
 *                    SMTP server: 0 mutations lost or applied twice; duplicate-message rate
 *                    (server/sync/faults.test.ts; FAULT_SEED picks the kill points)
 *   convergence      two devices and the server, 1,000 runs of the property with fast-check's
 *                    scheduler ordering requests, responses and edits (server/sync/convergence.test.ts)
 *   csv_fuzz         1,000,000 random CSV files read by our tokenizer and by PapaParse (the same
 *                    records, no crash), and 1,000,000 tables written by toCsv and read back
 *                    (test/unit/csv-fuzz.test.ts; CSV_FUZZ_SEED fixes the cases); prints the cases
 *                    run and the tokenizer's ms per MB
 *   import_atomic    in Chromium against the production build and the real server: a 100,000-row
 *                    order file with one bad row at a seeded position is refused whole (0 orders
 *                    written), and the tab closed at 5 seeded moments of a valid import leaves 0 or
 *                    all orders (test/soak/import-atomic.soak.spec.ts)
 *   browser_sigkill  100 SIGKILLs of the Chromium process right after 3 offline edits each; after
 *                    every relaunch on the same profile the outbox drains, and a second device sees
 *                    every edit (test/soak/browser-kill.soak.spec.ts)
 *   offline_flapping two paired browser contexts ship orders for 10 minutes while each network
 *                    toggles every 1-10 s (seeded); after healing both hold the same states and
 *                    empty outboxes within 60 s (test/soak/offline-flapping.soak.spec.ts)
 *
 * The browser soaks use playwright.soak.config.ts (the end-to-end set-up; E2E_PORT, CHROMIUM_PATH)
 * and build the app once first; SOAK_SEED fixes their random choices, which they print.
 *
 * Prints one JSON line per figure, {"figure": ..., ...}, after each test's own output.
 * `SOAK=0 npm run soak` runs the CI counts instead (a quick check of this script).
 * SOAK_ONLY=server_sigkill|convergence|csv_fuzz|import_atomic|browser_sigkill|offline_flapping runs one.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const full = process.env.SOAK !== '0';
const only = process.env.SOAK_ONLY ?? '';

const soaks = [
  {
    name: 'server_sigkill',
    file: 'server/sync/faults.test.ts',
    env: full ? { FAULT_KILLS: '200', FAULT_MUTATIONS: '1500' } : {},
  },
  {
    name: 'convergence',
    file: 'server/sync/convergence.test.ts',
    env: full ? { CONVERGENCE_RUNS: '1000' } : {},
  },
  {
    name: 'csv_fuzz',
    file: 'test/unit/csv-fuzz.test.ts',
    env: full ? { CSV_FUZZ_RUNS: '1000000' } : {},
  },
  // The browser soaks read SOAK themselves (test/soak/soak-support.ts).
  { name: 'import_atomic', browser: true, file: 'test/soak/import-atomic.soak.spec.ts', env: {} },
  { name: 'browser_sigkill', browser: true, file: 'test/soak/browser-kill.soak.spec.ts', env: {} },
  { name: 'offline_flapping', browser: true, file: 'test/soak/offline-flapping.soak.spec.ts', env: {} },
];

let built = false;
/** The browser soaks run on the production build: made once, before the first of them. */
function buildOnce() {
  if (built) return true;
  built = true;
  return (
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }).status === 0
  );
}

function run(soak) {
  return new Promise((resolve) => {
    const started = Date.now();
    const command = soak.browser
      ? ['playwright', 'test', '-c', 'playwright.soak.config.ts', soak.file]
      : ['vitest', 'run', soak.file, '--testTimeout', '0'];
    const child = spawn('npx', command, {
      cwd: root,
      env: { ...process.env, ...soak.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const figures = [];
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /\{"figure".*\}/.exec(line);
        if (match) figures.push(match[0]);
      }
    });
    child.on('exit', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      resolve({ name: soak.name, passed: code === 0, seconds, figures });
    });
  });
}

const results = [];
for (const soak of soaks) {
  if (only !== '' && only !== soak.name) continue;
  console.error(`[soak] ${soak.name}: ${soak.file} ${JSON.stringify(soak.env)}`);
  if (soak.browser && !buildOnce()) {
    results.push({ name: soak.name, passed: false, seconds: 0, figures: [] });
    continue;
  }
  results.push(await run(soak));
}
console.log('\n[soak] figures');
for (const r of results) {
  console.log(JSON.stringify({ figure: `${r.name}_result`, passed: r.passed, seconds: r.seconds }));
  for (const f of r.figures) console.log(f);
}
process.exit(results.every((r) => r.passed) ? 0 : 1);
