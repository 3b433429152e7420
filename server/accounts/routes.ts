/**
 * Accounts and devices:
 *
 *   POST   /api/accounts          { shopName, deviceId, deviceName } -> credentials (first device)
 *   POST   /api/devices/pairing   (device)  -> { code, url, expiresAt }  (the QR encodes `url`)
 *   POST   /api/devices/pair      { code, deviceId, deviceName } -> credentials (second device)
 *   GET    /api/devices           (device)  -> { devices }
 *   DELETE /api/devices/:id       (device)  revokes a device of the same seller
 *
 * A token is returned once and stored as its SHA-256. Pairing codes live 10 minutes, work once,
 * and their claims are rate-limited per client address and globally. Every query is scoped by
 * the authenticated device's seller: another seller's device is "not found", never "forbidden",
 * so ids of other sellers cannot even be probed.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  claimPairingRequestSchema,
  createAccountRequestSchema,
  type DeviceCredentials,
  type DeviceInfo,
  type PairingCodeResponse,
} from '../../src/core/protocol/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { clientAddress, readBody } from '../sync/http.ts';
import { apiError, requireDevice, type AuthEnv } from './auth.ts';
import { takeToken, type RateLimits } from './rate-limit.ts';
import {
  newDeviceToken,
  newPairingCode,
  normalizePairingCode,
  PAIRING_CODE_TTL_MS,
  sha256Hex,
} from './tokens.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class DeviceTaken extends Error {}

/** Takes a token from the caller's and the global anonymous bucket; a 429 response if empty. */
async function limitAnonymous(c: Context, db: Database, limits: RateLimits, action: string) {
  const address = await clientAddress(c);
  const wait = Math.max(
    await takeToken(db, `${action}:client:${address}`, limits.anonymousPerClient),
    await takeToken(db, `${action}:all`, limits.anonymousGlobal),
  );
  if (wait === 0) return undefined;
  c.header('Retry-After', String(wait));
  return apiError(c, 429, 'rate_limited');
}

/**
 * Registers `deviceId` under `sellerId` with a new token. A device id that already belongs to
 * this seller (a revoked phone that was found again) gets a fresh token and keeps its mutation
 * history; one that belongs to another seller is refused.
 */
async function enrolDevice(tx: Queryable, sellerId: string, deviceId: string, name: string): Promise<string> {
  const token = newDeviceToken();
  const [row] = await tx.query<{ seller_id: string }>(
    `INSERT INTO devices (id, seller_id, name, token_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, name = EXCLUDED.name, revoked_at = NULL
       WHERE devices.seller_id = EXCLUDED.seller_id
     RETURNING seller_id`,
    [deviceId, sellerId, name, sha256Hex(token)],
  );
  if (!row) throw new DeviceTaken();
  return token;
}

export function accountRoutes(db: Database, limits: RateLimits): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const authed = requireDevice(db, limits.device);

  app.post('/accounts', async (c) => {
    const limited = await limitAnonymous(c, db, limits, 'accounts');
    if (limited) return limited;
    const body = await readBody(c, createAccountRequestSchema);
    if (!body.ok) return body.response;
    const { shopName, deviceId, deviceName } = body.value;
    const sellerId = randomUUID();
    try {
      const token = await db.transaction(async (tx) => {
        const [taken] = await tx.query('SELECT 1 FROM devices WHERE id = $1', [deviceId]);
        if (taken) throw new DeviceTaken();
        await tx.query('INSERT INTO sellers (id, shop_name) VALUES ($1, $2)', [sellerId, shopName]);
        return enrolDevice(tx, sellerId, deviceId, deviceName);
      });
      return c.json({ sellerId, deviceId, token, shopName } satisfies DeviceCredentials, 201);
    } catch (error) {
      if (error instanceof DeviceTaken) return apiError(c, 409, 'device_taken');
      throw error;
    }
  });

  app.post('/devices/pairing', authed, async (c) => {
    const device = c.get('device');
    const code = newPairingCode();
    const [row] = await db.query<{ expires_at: Date | string }>(
      `INSERT INTO pairing_codes (code_hash, seller_id, created_by, expires_at)
       VALUES ($1, $2, $3, clock_timestamp() + $4::float8 * interval '1 millisecond')
       RETURNING expires_at`,
      [sha256Hex(normalizePairingCode(code)), device.sellerId, device.id, PAIRING_CODE_TTL_MS],
    );
    const expiresAt = new Date(row?.expires_at ?? Date.now()).toISOString();
    return c.json(
      { code, url: `/pair?code=${encodeURIComponent(code)}`, expiresAt } satisfies PairingCodeResponse,
      201,
    );
  });

  app.post('/devices/pair', async (c) => {
    const limited = await limitAnonymous(c, db, limits, 'pair');
    if (limited) return limited;
    const body = await readBody(c, claimPairingRequestSchema);
    if (!body.ok) return body.response;
    const { code, deviceId, deviceName } = body.value;
    try {
      const result = await db.transaction(async (tx) => {
        const [claimed] = await tx.query<{ seller_id: string; shop_name: string }>(
          `UPDATE pairing_codes p SET used_at = clock_timestamp()
           FROM sellers s
           WHERE p.code_hash = $1 AND p.used_at IS NULL AND p.expires_at > clock_timestamp()
             AND s.id = p.seller_id
           RETURNING p.seller_id, s.shop_name`,
          [sha256Hex(normalizePairingCode(code))],
        );
        if (!claimed) return undefined;
        // A refused device rolls the claim back: the code stays usable for the right device.
        const token = await enrolDevice(tx, claimed.seller_id, deviceId, deviceName);
        return { sellerId: claimed.seller_id, deviceId, token, shopName: claimed.shop_name };
      });
      if (!result) return apiError(c, 404, 'pairing_code_invalid');
      return c.json(result satisfies DeviceCredentials, 201);
    } catch (error) {
      if (error instanceof DeviceTaken) return apiError(c, 409, 'device_taken');
      throw error;
    }
  });

  app.get('/devices', authed, async (c) => {
    const device = c.get('device');
    const rows = await db.query<{
      id: string;
      name: string;
      created_at: Date | string;
      last_seen_at: Date | string | null;
      revoked_at: Date | string | null;
    }>(
      `SELECT id, name, created_at, last_seen_at, revoked_at FROM devices
       WHERE seller_id = $1 ORDER BY created_at, id`,
      [device.sellerId],
    );
    const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
    const devices: DeviceInfo[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at).toISOString(),
      lastSeenAt: iso(r.last_seen_at),
      revokedAt: iso(r.revoked_at),
      current: r.id === device.id,
    }));
    return c.json({ devices });
  });

  app.delete('/devices/:id', authed, async (c) => {
    const device = c.get('device');
    const id = c.req.param('id');
    if (!UUID.test(id)) return apiError(c, 404, 'not_found');
    const [row] = await db.query(
      `UPDATE devices SET revoked_at = COALESCE(revoked_at, clock_timestamp())
       WHERE id = $1 AND seller_id = $2 RETURNING id`,
      [id, device.sellerId],
    );
    if (!row) return apiError(c, 404, 'not_found');
    return c.body(null, 204);
  });

  return app;
}
