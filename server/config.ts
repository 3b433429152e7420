/**
 * Server configuration, from the environment only. Every variable is listed in README's
 * configuration table; a new one goes there too.
 */
import path from 'node:path';
import { setupCodeFromEnv, type SignupPolicy } from './accounts/signup.ts';

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
  /**
   * Reverse proxies in front of this server that append to `X-Forwarded-For` (TRUST_PROXY_HOPS).
   * 0: the socket's address is the client's. Per-address rate limits (the buyer's page, new
   * accounts) need the real client behind a proxy, and a forged header must not choose it.
   */
  trustProxyHops: number;
  /**
   * Host names this server answers to when PUBLIC_URL is unset (ALLOWED_HOSTS): links to the
   * buyer's page are then built from the request's host, so a request naming any other host
   * (host-header injection, DNS rebinding) is refused.
   */
  allowedHosts: string[];
  /** SETUP_CODE: the first shop's one-time code; unset, a random one is printed at start-up. */
  setupCode: string | undefined;
  /** SIGNUP=open ("hosted mode") and NOTIFY_NEW_SHOP_MAX_PER_DAY: who may create more shops. */
  signup: SignupPolicy;
}

/** ALLOWED_HOSTS when unset: this machine only. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Daily messages of a shop made by open sign-up, until the operator raises them. */
export const NEW_SHOP_MAX_PER_DAY = 50;

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
    trustProxyHops: hopsOf(env['TRUST_PROXY_HOPS']),
    allowedHosts: allowedHostsOf(env['ALLOWED_HOSTS']),
    setupCode: setupCodeFromEnv(env['SETUP_CODE']),
    signup: {
      open: signupOpen(env['SIGNUP']),
      newShopDailyCap: newShopCap(env['NOTIFY_NEW_SHOP_MAX_PER_DAY']),
    },
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

/** `a.example, 192.168.1.5, ::1` -> host names as a URL spells them (lower case, IPv6 in brackets). */
export function allowedHostsOf(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_ALLOWED_HOSTS];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const bracketed = entry.includes(':') && !entry.startsWith('[') ? `[${entry}]` : entry;
      let hostname: string | undefined;
      try {
        const url = new URL(`http://${bracketed}/`);
        if (url.port === '' && url.username === '' && url.pathname === '/') hostname = url.hostname;
      } catch {
        hostname = undefined;
      }
      if (hostname === undefined) {
        throw new Error(`ALLOWED_HOSTS must list host names without ports, not "${entry}"`);
      }
      return hostname;
    });
}

function hopsOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUST_PROXY_HOPS must be a whole number from 0 to 10, not "${raw}"`);
  }
  return hops;
}

function signupOpen(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'closed') return false;
  if (raw === 'open') return true;
  throw new Error(`SIGNUP must be "open" or "closed", not "${raw}"`);
}

function newShopCap(raw: string | undefined): number {
  if (raw === undefined || raw === '') return NEW_SHOP_MAX_PER_DAY;
  const cap = Number(raw);
  if (!Number.isInteger(cap) || cap < 0) {
    throw new Error(`NOTIFY_NEW_SHOP_MAX_PER_DAY must be a whole number of 0 or more, not "${raw}"`);
  }
  return cap;
}
