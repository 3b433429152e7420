/**
 * Server entry: opens the database (PGlite under DATA_DIR unless DATABASE_URL is set), applies
 * migrations, serves the API and the built app, and shuts down gracefully on SIGTERM/SIGINT
 * (stops accepting, finishes requests in flight, closes the database).
 */
import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';

const config = readConfig();
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const db = await openDatabase(config);
const app = createApp({ db, distDir: config.distDir, version: pkg.version });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Trackpack is running at http://${shownHost}:${info.port}/`);
  console.log(
    `Database: ${db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then stopping.`);
  server.close(() => {
    void db.close().finally(() => process.exit(0));
  });
  // Idle keep-alive connections would hold close() open forever.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
