/**
 * For tests and the benchmark: the real app on a fresh PGlite in a temp folder, and helpers to
 * call it in-process (`app.fetch`) as a device would.
 */
import { cp, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { createApp } from '../app.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import type { RateLimits } from '../accounts/rate-limit.ts';
import { prepareSetup, type SignupPolicy } from '../accounts/signup.ts';
import type { DeviceCredentials } from '../../src/core/protocol/index.ts';
import { NOTIFICATION_DEFAULTS, type NotificationConfig } from '../notifications/config.ts';
import { createNotificationService, type NotificationService } from '../notifications/service.ts';
import { outcomeLogger } from '../notifications/sync-bridge.ts';
import { createTrackingService, type TrackingService } from '../carrier-tracking/service.ts';
import type { RoutedProvider } from '../carrier-tracking/config.ts';
import type { TrackingProviderAdapter } from '../carrier-tracking/provider.ts';
import type { ChannelService } from '../channels/service.ts';

export interface TestServer {
  app: Hono;
  db: Database;
  dir: string;
  /** Present when asked for with `notifications` (never started: tests call `runOnce`). */
  notifications?: NotificationService;
  tracking?: TrackingService;
  /** Present when asked for with `channels` (never started: tests run it). */
  channels?: ChannelService;
  /** A `fetch` that goes straight into the app. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Stops what runs and closes the database; `keep` leaves the data folder for a restart. */
  close(keep?: boolean): Promise<void>;
}

export const GENEROUS_LIMITS: RateLimits = {
  device: { burst: 1e9, perSecond: 1e9 },
  anonymousPerClient: { burst: 1e9, perSecond: 1e9 },
  anonymousGlobal: { burst: 1e9, perSecond: 1e9 },
  buyerPagePerClient: { burst: 1e9, perSecond: 1e9 },
};

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'migrations');

/** The SETUP_CODE test servers start with; `createSeller` sends it. */
export const TEST_SETUP_CODE = 'TEST-SETUP-CODE-0123456789';
/**
 * Test servers run in hosted mode by default: many tests make several shops on one server. Shops
 * after the first get this daily message cap, far above what those tests send.
 */
export const TEST_SIGNUP: SignupPolicy = { open: true, newShopDailyCap: 1000 };

/**
 * A migrated PGlite data folder to copy: creating one takes seconds (initdb), copying a closed one
 * a fraction of that. Keyed by the migrations' content, built once per machine.
 */
export async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
    hash.update(file).update(await readFile(path.join(MIGRATIONS_DIR, file)));
  }
  const template = path.join(tmpdir(), `trackpack-pglite-${hash.digest('hex').slice(0, 16)}`);
  if (await stat(template).catch(() => undefined)) return template;
  const building = await mkdtemp(path.join(tmpdir(), 'trackpack-pglite-build-'));
  const db = await openDatabase({ databaseUrl: undefined, dataDir: building });
  await db.close();
  // Another worker may have won the race; either copy is fine.
  await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  return template;
}

/** A fresh data folder (DATA_DIR) with a migrated PGlite database in it. */
export async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trackpack-sync-'));
  await cp(await pgliteTemplate(), dir, { recursive: true });
  return dir;
}

export async function startTestServer(
  options: {
    rateLimits?: Partial<RateLimits>;
    log?: (line: string) => void;
    /** Wire the notification service with this config (SMTP URL etc.); files under `dir` else. */
    notifications?: Partial<NotificationConfig>;
    trackingProvider?: TrackingProviderAdapter;
    /** Several providers, each for its carriers, made on the server's database; instead of `trackingProvider`. */
    trackingProviders?: (db: Database) => readonly RoutedProvider[];
    /** Makes the shop-connection service on the server's database. */
    channels?: (db: Database) => ChannelService;
    /** An existing data folder (a restart); a fresh one by default. */
    dir?: string;
    publicUrl?: string;
    trustProxyHops?: number;
    /** Default: the host of `fetch` below. */
    allowedHosts?: string[];
    errorLog?: (line: string) => void;
    /** SETUP_CODE; `TEST_SETUP_CODE` by default. */
    setupCode?: string;
    /** SIGNUP and the new-shop cap; `TEST_SIGNUP` (open) by default. */
    signup?: SignupPolicy;
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? (await freshDataDir());
  const db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  await prepareSetup(db, options.setupCode ?? TEST_SETUP_CODE);
  const channels = options.channels?.(db);
  const notifications = options.notifications
    ? createNotificationService({
        db,
        config: {
          ...NOTIFICATION_DEFAULTS,
          dataDir: dir,
          mailFrom: 'notify@trackpack.test',
          leaseMs: 10_000,
          sendTimeoutMs: 5_000,
          ...options.notifications,
        },
        log: () => undefined,
        onOutcome: outcomeLogger(db, channels?.notified),
      })
    : undefined;
  const tracking = options.trackingProviders
    ? createTrackingService({ db, providers: options.trackingProviders(db), log: () => undefined })
    : options.trackingProvider
      ? createTrackingService({ db, provider: options.trackingProvider, log: () => undefined })
      : undefined;
  const app = createApp({
    db,
    distDir: path.join(dir, 'no-dist'),
    version: 'test',
    log: options.log ?? (() => undefined),
    rateLimits: options.rateLimits ?? GENEROUS_LIMITS,
    ...(notifications !== undefined && { notifications }),
    ...(tracking !== undefined && { tracking }),
    ...(channels !== undefined && { channels }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
    ...(options.trustProxyHops !== undefined && { trustProxyHops: options.trustProxyHops }),
    allowedHosts: options.allowedHosts ?? ['trackpack.test'],
    ...(options.errorLog !== undefined && { errorLog: options.errorLog }),
    signup: options.signup ?? TEST_SIGNUP,
  });
  return {
    app,
    db,
    dir,
    ...(notifications !== undefined && { notifications }),
    ...(tracking !== undefined && { tracking }),
    ...(channels !== undefined && { channels }),
    fetch: async (url, init) => app.fetch(new Request(new URL(url, 'http://trackpack.test'), init)),
    async close(keep = false) {
      await notifications?.stop();
      await tracking?.stop();
      await channels?.stop();
      await db.close();
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export async function postJson(
  fetch: FetchLike,
  url: string,
  body: unknown,
  token?: string,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** A new seller with its first device (the server's setup code spends on the first one). */
export async function createSeller(
  fetch: FetchLike,
  shopName = 'Test shop',
  setupCode = TEST_SETUP_CODE,
): Promise<DeviceCredentials> {
  const res = await postJson(fetch, '/api/accounts', {
    shopName,
    deviceId: randomUUID(),
    deviceName: 'first',
    setupCode,
  });
  if (res.status !== 201) throw new Error(`account: ${res.status} ${await res.text()}`);
  return (await res.json()) as DeviceCredentials;
}

/** A second device of the seller that `first` belongs to, joined by pairing code. */
export async function pairDevice(
  fetch: FetchLike,
  first: DeviceCredentials,
  name = 'second',
): Promise<DeviceCredentials> {
  const codeRes = await postJson(fetch, '/api/devices/pairing', {}, first.token);
  if (codeRes.status !== 201) throw new Error(`pairing: ${codeRes.status} ${await codeRes.text()}`);
  const { code } = (await codeRes.json()) as { code: string };
  const res = await postJson(fetch, '/api/devices/pair', { code, deviceId: randomUUID(), deviceName: name });
  if (res.status !== 201) throw new Error(`pair: ${res.status} ${await res.text()}`);
  return (await res.json()) as DeviceCredentials;
}
