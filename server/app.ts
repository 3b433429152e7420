/**
 * The HTTP application: API routes and the built app. Built by a function so that tests create
 * it against their own database and folder.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from './db/database.ts';
import { accountRoutes } from './accounts/routes.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './accounts/rate-limit.ts';
import { allowedHostsOnly, securityHeaders } from './security.ts';
import { DEFAULT_ALLOWED_HOSTS } from './config.ts';
import { CLOSED_SIGNUP, type SignupPolicy } from './accounts/signup.ts';
import { mountStatic } from './static.ts';
import { clientAddresses, errorLogLine, requestLog, type LogLine } from './sync/http.ts';
import { syncRoutes } from './sync/routes.ts';
import { buyerPageRoutes } from './buyer/routes.ts';
import type { NotificationService } from './notifications/service.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { syncNotifier } from './notifications/sync-bridge.ts';
import { trackingRoutes, type TrackingService } from './carrier-tracking/index.ts';
import { channelRoutes, type ChannelService } from './channels/index.ts';

export interface AppDeps {
  db: Database;
  distDir: string;
  version: string;
  /** Where the one-line JSON request log goes; `console.log` by default. */
  log?: LogLine;
  /** Where a request that threw is logged (no body, no message, token redacted); `console.error`. */
  errorLog?: LogLine;
  rateLimits?: Partial<RateLimits>;
  /** Buyer messages: `notify.request` in pushes, the seller's notification routes. */
  notifications?: NotificationService;
  /** Delivery statuses from tracking providers (TRACKING_PROVIDERS); absent: off. */
  tracking?: TrackingService;
  /** Shop connections (SECRETS_KEY); absent: the routes say they are off. */
  channels?: ChannelService;
  /** PUBLIC_URL: where buyers' links point; unset, the origin of the seller's push. */
  publicUrl?: string;
  /** TRUST_PROXY_HOPS: reverse proxies whose `X-Forwarded-For` entries are believed. */
  trustProxyHops?: number;
  /** ALLOWED_HOSTS: without `publicUrl`, requests naming another host are refused. */
  allowedHosts?: readonly string[];
  /** Who may create shops after the first (SIGNUP); closed by default. */
  signup?: SignupPolicy;
}

/** Largest request body the API accepts; a push of a large import is sent in batches below this. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Largest body of the buyer page's form (`POST /t/:token`), which carries the token only. */
export const BUYER_FORM_MAX_BYTES = 8 * 1024;

export function createApp({
  db,
  distDir,
  version,
  log = console.log,
  errorLog = console.error,
  rateLimits,
  notifications,
  tracking,
  channels,
  publicUrl,
  trustProxyHops = 0,
  allowedHosts = DEFAULT_ALLOWED_HOSTS,
  signup = CLOSED_SIGNUP,
}: AppDeps): Hono {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...rateLimits };
  const app = new Hono();
  app.use('*', securityHeaders());
  // Without PUBLIC_URL, buyers' links come from the request's origin: only listed hosts.
  if (publicUrl === undefined) app.use('*', allowedHostsOnly(allowedHosts));
  app.use('*', clientAddresses(trustProxyHops));
  app.use('/api/*', requestLog(log));
  app.use('/t/*', requestLog(log));
  // Every request body is limited, whatever route reads it, before anything else reads it.
  app.use(
    '/t/*',
    bodyLimit({ maxSize: BUYER_FORM_MAX_BYTES, onError: (c) => c.text('Payload Too Large', 413) }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: 'payload_too_large', message: `The limit is ${MAX_BODY_BYTES} bytes` }, 413),
    }),
  );
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
      ...(channels !== undefined && { channels }),
      ...(publicUrl !== undefined && { publicUrl }),
    }),
  );
  app.route('/api', channelRoutes(db, limits, channels, publicUrl));
  if (notifications) app.route('/api', notificationRoutes(db, limits, notifications));
  if (tracking) app.route('/api', trackingRoutes(tracking));

  app.all('/api/*', (c) => c.json({ error: 'not_found' }, 404));
  // Before the app's files: `/t/...` is never the installable app (the service worker skips it too).
  app.route('/t', buyerPageRoutes(db, limits.buyerPagePerClient, notifier && { notifier, publicUrl }));
  mountStatic(app, distDir);
  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    errorLog(errorLogLine(c.req.method, c.req.path, error));
    return c.json({ error: 'internal' }, 500);
  });
  return app;
}
