/**
 * The HTTP application: API routes and the built app. Built by a function so that tests create
 * it against their own database and folder.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from './db/database.ts';
import { accountRoutes } from './accounts/routes.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './accounts/rate-limit.ts';
import { CLOSED_SIGNUP, type SignupPolicy } from './accounts/signup.ts';
import { securityHeaders } from './security.ts';
import { mountStatic } from './static.ts';
import { clientAddresses, requestLog, type LogLine } from './sync/http.ts';
import { syncRoutes } from './sync/routes.ts';
import { buyerPageRoutes } from './buyer/routes.ts';
import type { NotificationService } from './notifications/service.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { syncNotifier } from './notifications/sync-bridge.ts';
import { trackingRoutes, type TrackingService } from './tracking/index.ts';

export interface AppDeps {
  db: Database;
  distDir: string;
  version: string;
  /** Where the one-line JSON request log goes; `console.log` by default. */
  log?: LogLine;
  rateLimits?: Partial<RateLimits>;
  /** Buyer messages: `notify.request` in pushes, the seller's notification routes. */
  notifications?: NotificationService;
  /** Delivery statuses from a tracking provider (TRACKING_PROVIDER); absent: off. */
  tracking?: TrackingService;
  /** PUBLIC_URL: where buyers' links point; unset, the origin of the seller's push. */
  publicUrl?: string;
  /** TRUST_PROXY_HOPS: reverse proxies whose `X-Forwarded-For` entries are believed. */
  trustProxyHops?: number;
  /** Who may create shops after the first (SIGNUP); closed by default. */
  signup?: SignupPolicy;
}

/** Largest request body the API accepts; a push of a large import is sent in batches below this. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function createApp({
  db,
  distDir,
  version,
  log = console.log,
  rateLimits,
  notifications,
  tracking,
  publicUrl,
  trustProxyHops = 0,
  signup = CLOSED_SIGNUP,
}: AppDeps): Hono {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...rateLimits };
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', clientAddresses(trustProxyHops));
  app.use('/api/*', requestLog(log));
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/api/health', async (c) => {
    const [row] = await db.query<{ ok: number }>('SELECT 1 AS ok');
    return c.json({ status: row?.ok === 1 ? 'ok' : 'degraded', database: db.kind, version });
  });

  app.route('/api', accountRoutes(db, limits, signup));
  const notifier = notifications === undefined ? undefined : syncNotifier(notifications);
  app.route(
    '/api',
    syncRoutes(db, limits, {
      ...(notifier !== undefined && { notifier }),
      ...(tracking !== undefined && { tracking }),
      ...(publicUrl !== undefined && { publicUrl }),
    }),
  );
  if (notifications) app.route('/api', notificationRoutes(db, limits, notifications));
  if (tracking) app.route('/api', trackingRoutes(tracking));

  app.all('/api/*', (c) => c.json({ error: 'not_found' }, 404));
  // Before the app's files: `/t/...` is never the installable app (the service worker skips it too).
  app.route('/t', buyerPageRoutes(db, limits.buyerPagePerClient, notifier && { notifier, publicUrl }));
  mountStatic(app, distDir);
  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    console.error(
      JSON.stringify({ level: 'error', msg: 'request failed', path: c.req.path, error: String(error) }),
    );
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}
