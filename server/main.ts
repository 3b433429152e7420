/**
 * Server entry: opens the database (PGlite under DATA_DIR unless DATABASE_URL is set), applies
 * migrations, serves the API and the built app, and shuts down gracefully on SIGTERM/SIGINT
 * (stops accepting, finishes requests in flight, closes the database).
 */
import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { prepareSetup } from './accounts/signup.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { createNotificationService, readNotificationConfig } from './notifications/index.ts';
import { outcomeLogger, syncNotifier } from './notifications/sync-bridge.ts';
import {
  createTrackingService,
  readTrackingSettings,
  trackingProvidersOf,
} from './carrier-tracking/index.ts';
import { createMaintenance } from './maintenance.ts';
import { channelSetupFrom, createChannelService } from './channels/index.ts';
import { createCompactionService, readRetentionConfig } from './sync/compaction.ts';

const config = readConfig();
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
// Read every setting before opening anything: a wrong variable stops the start with its name.
const notificationConfig = readNotificationConfig(process.env, config.dataDir);
const trackingSettings = readTrackingSettings(process.env);
const channelSetup = channelSetupFrom(process.env);
const retention = readRetentionConfig(process.env);
const db = await openDatabase(config);
const compaction = createCompactionService({ db, config: retention });
const channels = channelSetup ? createChannelService({ db, ...channelSetup }) : undefined;
const notifications = createNotificationService({
  db,
  config: notificationConfig,
  // A sent "shipped" message confirms the order to shops set to confirm when the buyer is told.
  onOutcome: outcomeLogger(db, channels?.notified),
});
const notifier = syncNotifier(notifications);
const tracking = trackingSettings
  ? createTrackingService({
      db,
      // Rate-limited providers spend one call budget in the database, shared by every process.
      providers: trackingProvidersOf(trackingSettings, { db }),
      // Orders it delivers get their review reminder, linking to this server's pages.
      onDelivered: (tx, sellerId, events) =>
        notifier.delivered(tx, sellerId, events, config.publicUrl ?? `http://localhost:${config.port}`),
    })
  : undefined;
const app = createApp({
  db,
  distDir: config.distDir,
  version: pkg.version,
  notifications,
  ...(tracking !== undefined && { tracking }),
  ...(channels !== undefined && { channels }),
  ...(config.publicUrl !== undefined && { publicUrl: config.publicUrl }),
  trustProxyHops: config.trustProxyHops,
  allowedHosts: config.allowedHosts,
  signup: config.signup,
});
// An empty server: the first shop needs this code (the install lock, see accounts/signup.ts).
const setupCode = await prepareSetup(db, config.setupCode);
notifications.start();
tracking?.start();
// Deletes expired rate-limit buckets and pairing codes (one process per interval does it).
const maintenance = createMaintenance({ db });
maintenance.start();
channels?.start();
compaction.start();

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Trackpack is running at http://${shownHost}:${info.port}/`);
  console.log(
    `Database: ${db.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
  if (setupCode !== undefined) {
    const origin = config.publicUrl ?? `http://${shownHost}:${info.port}`;
    console.log(
      `No shop yet. Create the first one at ${origin}/settings?setup=${encodeURIComponent(setupCode)}` +
        (config.setupCode === undefined ? ' (this code works once; a restart prints a new one)' : ''),
    );
  }
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then stopping.`);
  server.close(() => {
    // The sender finishes the message in flight and records it before the database closes.
    void Promise.allSettled([
      notifications.stop(),
      tracking?.stop(),
      maintenance.stop(),
      channels?.stop(),
      compaction.stop(),
    ])
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
  // Idle keep-alive connections would hold close() open forever.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
