#!/usr/bin/env node
/**
 * The scale-path test: two server processes against one PostgreSQL (test/sync). Uses
 * TRACKPACK_TEST_DATABASE_URL when set; otherwise starts a throw-away PostgreSQL cluster from
 * Debian's `postgresql` package (initdb + pg_ctl on a free port, in a temp folder, removed
 * afterwards). Without PostgreSQL it says what to install and skips, so `npm test` still works
 * on a machine without it; CI installs it.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const vitest = ['vitest', 'run', '--config', 'test/sync/vitest.config.ts'];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status}`);
}

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(base, v, 'bin')).find((bin) => existsSync(path.join(bin, 'initdb')));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

if (process.env.TRACKPACK_TEST_DATABASE_URL) {
  run('npx', vitest);
  process.exit(0);
}

const bin = postgresBin();
if (!bin) {
  console.log('Scale-path test skipped: no PostgreSQL here (Debian: apt-get install postgresql).');
  process.exit(0);
}

// initdb refuses to run as root: run the cluster as the package's `postgres` user then.
const asRoot = process.getuid?.() === 0;
const pg = (tool, args) =>
  asRoot
    ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args])
    : run(path.join(bin, tool), args);
const dir = mkdtempSync(path.join(tmpdir(), 'trackpack-pg-'));
if (asRoot) {
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  chownSync(dir, Number(id.stdout), Number(gid.stdout));
}
const data = path.join(dir, 'data');
const port = await freePort();
let started = false;
try {
  pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  pg('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -h 127.0.0.1 -F`,
    'start',
  ]);
  started = true;
  run('npx', vitest, {
    env: { ...process.env, TRACKPACK_TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` },
  });
} finally {
  if (started) pg('pg_ctl', ['-D', data, '-m', 'fast', 'stop']);
  rmSync(dir, { recursive: true, force: true });
}
