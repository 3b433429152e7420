/**
 * `/t/<token>`: the buyer's tracking page. GET and HEAD only ever read (mail scanners open every
 * link in a message, some with HEAD, some running the page); the one state change is the POST
 * of the page's own form, answered with a 303 back to the page. Every response is kept out of
 * search engines and caches and sends no referrer (the token is in the URL). Requests are rate
 * limited per client address in the database, like account creation, so the token space cannot be
 * walked quickly from one address.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { notificationLocale } from '../../src/core/notifications/index.ts';
import type { Settings } from '../../src/core/settings.ts';
import type { Database } from '../db/database.ts';
import { takeToken, type RateLimit } from '../accounts/rate-limit.ts';
import { clientAddress } from '../sync/http.ts';
import { readOrderWithParcels } from '../sync/server-writes.ts';
import { canConfirm, confirmReceived } from './confirm.ts';
import type { DeliveredHook, SyncNotifier } from '../notifications/sync-bridge.ts';
import { renderBuyerPage, renderNeutralPage } from './page.ts';
import { findOrderToken, type OrderToken } from './tokens.ts';
import { expectedDeliveries, reportedParcels } from '../carrier-tracking/expected-delivery.ts';

const CSS = readFileSync(new URL('./buyer.css', import.meta.url), 'utf8');

/** Headers of every `/t/` response (Referrer-Policy is set by `securityHeaders` for `/t/`). */
function privateHeaders(c: Context): void {
  c.header('X-Robots-Tag', 'noindex, nofollow');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
}

/**
 * A cross-site POST is refused: the form is ours, on our origin. Browsers send `Sec-Fetch-Site`,
 * which decides; `Origin` is the fallback for older ones, except `null`, which is what a browser
 * sends for our own form under `Referrer-Policy: no-referrer`. A client that sends neither (curl)
 * still has to know the token.
 */
function crossSite(c: Context): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('Origin');
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== (c.req.header('Host') ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}

async function pageFor(db: Database, found: OrderToken, askConfirm: boolean): Promise<string | null> {
  const data = await readOrderWithParcels(db, found.sellerId, found.orderId);
  if (!data) return null;
  const [shop] = await db.query<{ shop_name: string; settings: Settings | null }>(
    `SELECT s.shop_name, (SELECT data FROM sync_settings WHERE seller_id = s.id) AS settings
       FROM sellers s WHERE s.id = $1`,
    [found.sellerId],
  );
  const order = data.order.order;
  const parcels = data.parcels.flatMap((p) => (p.parcel ? [p.parcel] : []));
  const [expected, trackedByProvider] = await Promise.all([
    expectedDeliveries(db, found.sellerId, order, parcels),
    reportedParcels(db, found.sellerId, parcels),
  ]);
  return renderBuyerPage({
    expected,
    trackedByProvider,
    locale: notificationLocale(order.address.country),
    token: found.token,
    shopName: shop?.settings?.shop.shopName || shop?.shop_name || '',
    order,
    parcels,
    canConfirm: canConfirm(order.status, parcels.length),
    confirmed: found.confirmedAt !== null,
    askConfirm,
  });
}

/**
 * `delivered`: the notifier's review-reminder hook (sync-bridge), told this server's public URL
 * (PUBLIC_URL, else the request's origin) for the links in the reminder.
 */
export function buyerPageRoutes(
  db: Database,
  limit: RateLimit,
  delivered?: { notifier: SyncNotifier; publicUrl: string | undefined },
): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    privateHeaders(c);
  });

  app.get('/assets/buyer.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(CSS);
  });

  app.use('/:token', async (c, next) => {
    const wait = await takeToken(db, `buyer-page:${await clientAddress(c)}`, limit);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(renderNeutralPage('buyer.tooMany'), 429);
    }
    await next();
  });

  const notFound = (c: Context) => c.html(renderNeutralPage('buyer.notFound'), 404);

  // Hono answers HEAD with this handler, without the body: reading only.
  app.get('/:token', async (c) => {
    const found = await findOrderToken(db, c.req.param('token'));
    if (!found) return notFound(c);
    const html = await pageFor(db, found, c.req.query('confirm') !== undefined);
    return html === null ? notFound(c) : c.html(html);
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const found = await findOrderToken(db, token);
    if (!found) return notFound(c);
    if (crossSite(c)) return c.text('Forbidden', 403);
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    // The page's own form sends its token back; a POST without it did not come from the page.
    if (form['token'] !== token) return c.text('Bad request', 400);
    const publicUrl = delivered?.publicUrl ?? new URL(c.req.url).origin;
    const onDelivered: DeliveredHook | undefined =
      delivered && ((tx, sellerId, events) => delivered.notifier.delivered(tx, sellerId, events, publicUrl));
    await confirmReceived(db, found, onDelivered);
    return c.redirect(`/t/${token}`, 303);
  });

  // Anything else under `/t/` (`/t/` itself, deeper paths) is nobody's page, never the app.
  app.all('*', notFound);

  return app;
}
