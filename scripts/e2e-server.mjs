#!/usr/bin/env node
/**
 * The server for end-to-end tests: the real server on a throw-away data directory. The directory
 * is announced in `<tmp>/trackpack-e2e-<port>.datadir` so that specs can read what the server
 * wrote there (the e-mails under `mail/`). Many specs make shops, so it runs in hosted mode
 * (SIGNUP=open); the first shop still needs the setup code, which the page model types in
 * (`E2E_SETUP_CODE` in test/e2e/support/setup-code.ts, the same value).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'trackpack-e2e-'));
const port = process.env.PORT ?? '8080';
const setupCode = 'E2E-SETUP-CODE-0123456789';
const announce = path.join(tmpdir(), `trackpack-e2e-${port}.datadir`);
writeFileSync(announce, dataDir);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SETUP_CODE: setupCode,
    SIGNUP: 'open',
    // Every spec's shop after the first is a hosted-mode shop; the hostile-input spec alone sends
    // 72 e-mails, more than a new shop's default day allows.
    NOTIFY_NEW_SHOP_MAX_PER_DAY: '1000',
  },
});
const stop = (signal) => server.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(announce, { force: true });
  process.exit(code ?? 0);
});
