/**
 * The seller's shop connections, per device token: list, connect (the credentials go to the
 * channel once, then are sealed; they never come back), disconnect, "Fetch now", and "send again"
 * for a confirmation. Orders and confirmation steps reach devices by pull, not through here.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { Database } from '../db/database.ts';
import { requireDevice, type AuthEnv } from '../accounts/auth.ts';
import type { RateLimits } from '../accounts/rate-limit.ts';
import { readBody } from '../sync/http.ts';
import {
  CONSENT_CALLBACK_PATH,
  CONSENT_RETURN_PATH,
  connectionSettingsSchema,
  consentReturnQuery,
  type ConsentResult,
} from '../../src/core/channels/api.ts';
import type { ChannelService } from './service.ts';
import { shopifyDomain } from './shopify.ts';
import { wooCommerceStore } from './woocommerce.ts';

const connectSchema = v.object({
  channel: v.pipe(v.string(), v.maxLength(40)),
  shop: v.pipe(v.string(), v.maxLength(300)),
  credentials: v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(2000))),
});

const authorizeSchema = v.object({
  shop: v.optional(v.pipe(v.string(), v.maxLength(300)), ''),
  app: v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(2000))),
});

/** Where a channel sends the seller's browser back after consent. */
export const CALLBACK_PATH = CONSENT_CALLBACK_PATH;

type Status = 400 | 404 | 409 | 422 | 502 | 503;

function apiError(c: Context, status: Status, error: string, message?: string) {
  return c.json(message === undefined ? { error } : { error, message }, status);
}

/** The shop as the channel names it, from what the seller typed; '' when it cannot be one. */
function shopOf(channel: string, typed: string): string {
  if (channel === 'shopify') return shopifyDomain(typed) ?? '';
  if (channel === 'woocommerce') return wooCommerceStore(typed) ?? '';
  // Marketplaces name the seller's shop themselves once connected (`validate`).
  return typed.trim() || channel;
}

export function channelRoutes(
  db: Database,
  limits: RateLimits,
  service: ChannelService | undefined,
  /** PUBLIC_URL: the origin channels redirect back to; unset, the request's own. */
  publicUrl?: string,
): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const callbackUrl = (c: Context) =>
    `${(publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, '')}${CALLBACK_PATH}`;

  // The browser comes back here from the channel's consent page, with no device token: the
  // sealed `state` says who asked. Registered before the device-only routes below.
  // The app's Settings screen reads `?shops=` (`consentReturnOf`), says what happened, and
  // drops the query.
  app.get('/channels/oauth/callback', async (c) => {
    const back = (result: ConsentResult, shop?: string) =>
      c.redirect(`${CONSENT_RETURN_PATH}?${consentReturnQuery(result, shop)}`, 303);
    if (!service) return back('off');
    const result = await service.finishAuthorization(c.req.query(), callbackUrl(c));
    if (result.ok) return back('connected', result.connection.shop);
    return back(result.code === 'unknown_channel' ? 'invalid' : result.code);
  });

  app.use('/channels', requireDevice(db, limits.device));
  app.use('/channels/*', async (c, next) =>
    c.req.path.endsWith('/channels/oauth/callback') ? next() : requireDevice(db, limits.device)(c, next),
  );
  app.use('/channel-confirmations/*', requireDevice(db, limits.device));

  app.get('/channels', async (c) => {
    if (!service) return c.json({ enabled: false, channels: [], connections: [] });
    const connections = await service.list(c.get('device').sellerId);
    return c.json({ enabled: true, channels: service.channels, connections });
  });

  app.post('/channels', async (c) => {
    if (!service) return apiError(c, 503, 'channels_off', 'SECRETS_KEY is not set on this server');
    const body = await readBody(c, connectSchema);
    if (!body.ok) return body.response;
    const { channel, shop, credentials } = body.value;
    const result = await service.connect(
      c.get('device').sellerId,
      channel,
      shopOf(channel, shop),
      credentials,
    );
    if (result.ok) return c.json({ connection: result.connection }, 201);
    const status = { invalid: 400, unknown_channel: 400, auth: 422, unavailable: 503, exists: 409 } as const;
    return apiError(c, status[result.code], result.code);
  });

  app.post('/channels/:channel/authorize', async (c) => {
    if (!service) return apiError(c, 503, 'channels_off', 'SECRETS_KEY is not set on this server');
    const body = await readBody(c, authorizeSchema);
    if (!body.ok) return body.response;
    const channel = c.req.param('channel');
    const url = service.authorize(
      c.get('device').sellerId,
      channel,
      shopOf(channel, body.value.shop),
      body.value.app,
      callbackUrl(c),
    );
    return url === null ? apiError(c, 400, 'invalid') : c.json({ url });
  });

  app.patch('/channels/:id', async (c) => {
    if (!service) return apiError(c, 404, 'not_found');
    const body = await readBody(c, connectionSettingsSchema);
    if (!body.ok) return body.response;
    const connection = await service.setConfirmWhen(
      c.get('device').sellerId,
      c.req.param('id'),
      body.value.confirmWhen,
    );
    return connection ? c.json({ connection }) : apiError(c, 404, 'not_found');
  });

  app.delete('/channels/:id', async (c) => {
    if (!service) return apiError(c, 404, 'not_found');
    const removed = await service.remove(c.get('device').sellerId, c.req.param('id'));
    return removed ? c.json({ ok: true }) : apiError(c, 404, 'not_found');
  });

  app.post('/channels/:id/fetch', async (c) => {
    if (!service) return apiError(c, 404, 'not_found');
    const result = await service.fetchNow(c.get('device').sellerId, c.req.param('id'));
    if (result.ok) return c.json({ fetched: result.fetched });
    if (result.code === 'not_found') return apiError(c, 404, 'not_found');
    if (result.code === 'busy') return apiError(c, 409, 'busy', 'This shop is being fetched right now');
    return apiError(c, 502, 'fetch_failed', result.message ?? '');
  });

  app.post('/channel-confirmations/:id/retry', async (c) => {
    if (!service) return apiError(c, 404, 'not_found');
    const ok = await service.sendAgain(c.get('device').sellerId, c.req.param('id'));
    return ok ? c.json({ ok: true }) : apiError(c, 409, 'not_applicable');
  });

  return app;
}
