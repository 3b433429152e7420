/**
 * Server configuration, from the environment only. Every variable is listed in README's
 * configuration table; a new one goes there too.
 */
import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where PGlite keeps its files (and, later, outgoing mail in development). */
  dataDir: string;
  /** PostgreSQL connection string; when absent, the embedded PGlite is used. */
  databaseUrl: string | undefined;
  /** The built app. */
  distDir: string;
  /**
   * The origin buyers reach this server at (`https://track.example.com`), for the links in their
   * messages. Unset: the origin the seller's device used for the push that asked.
   */
  publicUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not "${env['PORT']}"`);
  }
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    dataDir: path.resolve(env['DATA_DIR'] ?? './data'),
    databaseUrl: env['DATABASE_URL'] || undefined,
    distDir: path.resolve(env['DIST_DIR'] ?? './dist'),
    publicUrl: publicUrlOf(env['PUBLIC_URL']),
  };
}

function publicUrlOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, not "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}
