/**
 * A server of our own for tests that change what is deployed: the real server on a copy of
 * `dist/` and a fresh data directory, on its own port. `deploy()` changes a file the way a new
 * release would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compressFile } from '../../../scripts/vite-compress.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface PrivateServer {
  url: string;
  distDir: string;
  /** Rewrites a file of the served build (path relative to dist). */
  deploy(file: string, change: (text: string) => string): Promise<void>;
  stop(): Promise<void>;
}

/** `env` adds to or overrides the server's environment (SETUP_CODE, SIGNUP, ...). */
export async function startPrivateServer(
  port: number,
  env: Record<string, string> = {},
): Promise<PrivateServer> {
  const work = mkdtempSync(path.join(tmpdir(), 'trackpack-private-'));
  const distDir = path.join(work, 'dist');
  cpSync(path.join(ROOT, 'dist'), distDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DIST_DIR: distDir,
      DATA_DIR: path.join(work, 'data'),
      ...env,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('private server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    distDir,
    async deploy(file, change) {
      const target = path.join(distDir, file);
      writeFileSync(target, change(readFileSync(target, 'utf8')));
      // The server sends the build's compressed copies to browsers: they change with the file.
      if (existsSync(`${target}.br`)) await compressFile(target);
    },
    async stop() {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(work, { recursive: true, force: true });
    },
  };
}
