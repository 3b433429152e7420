/**
 * `/api/push` and `/api/pull`: authenticated by device token; the body names the protocol
 * version (refused unless it is ours) and the device (refused unless it is the token's device).
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import {
  PROTOCOL_VERSION,
  pullRequestSchema,
  pushRequestSchema,
  versionedSchema,
} from '../../src/core/protocol/index.ts';
import type { Database } from '../db/database.ts';
import { apiError, requireDevice, type AuthEnv } from '../accounts/auth.ts';
import type { RateLimits } from '../accounts/rate-limit.ts';
import { readBody } from './http.ts';
import { processPullJson } from './pull.ts';
import { processPush, reusedIdWithin, type PushHooks } from './push.ts';

/** Reads the body twice over: the version alone first, so another version gets a clear answer. */
async function readVersioned<S extends v.GenericSchema>(c: Context<AuthEnv>, schema: S) {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return { ok: false as const, response: apiError(c, 400, 'invalid_request', 'body is not JSON') };
  }
  const version = v.safeParse(versionedSchema, json);
  if (!version.success || version.output.protocolVersion !== PROTOCOL_VERSION) {
    return {
      ok: false as const,
      response: c.json(
        { error: 'unsupported_protocol', message: `This server speaks protocol ${PROTOCOL_VERSION}` },
        400,
      ),
    };
  }
  return readBody(c, schema);
}

export interface SyncRouteOptions {
  notifier?: PushHooks['notifier'];
  tracking?: PushHooks['tracking'];
  channels?: PushHooks['channels'];
  /** PUBLIC_URL; unset: the origin of the push request. */
  publicUrl?: string;
}

export function syncRoutes(db: Database, limits: RateLimits, options: SyncRouteOptions = {}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('/push', requireDevice(db, limits.device));
  app.use('/pull', requireDevice(db, limits.device));

  app.post('/push', async (c) => {
    const body = await readVersioned(c, pushRequestSchema);
    if (!body.ok) return body.response;
    const device = c.get('device');
    if (body.value.deviceId !== device.id) return apiError(c, 403, 'device_mismatch');
    const reused = reusedIdWithin(body.value.mutations);
    if (reused !== undefined) {
      return apiError(
        c,
        400,
        'invalid_request',
        `mutation ${reused} is in the request twice, with different content`,
      );
    }
    const hooks: PushHooks = {
      publicUrl: options.publicUrl ?? new URL(c.req.url).origin,
      ...(options.notifier !== undefined && { notifier: options.notifier }),
      ...(options.tracking !== undefined && { tracking: options.tracking }),
      ...(options.channels !== undefined && { channels: options.channels }),
    };
    return c.json(await processPush(db, device, body.value, hooks));
  });

  app.post('/pull', async (c) => {
    const body = await readVersioned(c, pullRequestSchema);
    if (!body.ok) return body.response;
    const device = c.get('device');
    if (body.value.deviceId !== device.id) return apiError(c, 403, 'device_mismatch');
    const json = await processPullJson(db, device.sellerId, body.value.cursor);
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  return app;
}
