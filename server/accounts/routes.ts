/**
 * Accounts and devices:
 *
 *   POST   /api/accounts            { shopName, deviceId, deviceName, setupCode? }
 *                                   -> credentials with the recovery code (first device)
 *   POST   /api/devices/pairing     (device)  -> { code, url, expiresAt }  (the QR encodes `url`)
 *   POST   /api/devices/pair        { code, deviceId, deviceName } -> credentials (second device)
 *   POST   /api/devices/recover     { recoveryCode, deviceId, deviceName }
 *                                   -> credentials with a new recovery code (the old one is spent)
 *   GET    /api/devices             (device)  -> { devices }
 *   POST   /api/devices/:id/revoke  (device) { recoveryCode? } -> { device } (name, last seen)
 *   DELETE /api/devices/:id         (device)  the same without a recovery code; answers 204
 *   POST   /api/recovery-code       (device) { currentCode? } -> { recoveryCode }
 *   GET    /api/security-events     (device)  -> { events }, newest first
 *
 * Who may create a shop is `signup.ts`'s rule. A token or code is returned once and stored as its
 * SHA-256. Pairing codes live 10 minutes, work once; their claims, recoveries and account
 * creations are rate-limited per client address and globally. The recovery code stands above the
 * devices: revoking the last device besides the asking one needs it, and so does replacing it
 * (when one is set), so a stolen device can neither lock the owner out nor take the way back in.
 * Every query is scoped by the authenticated device's seller: another seller's device is "not
 * found", never "forbidden", so ids of other sellers cannot even be probed.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  claimPairingRequestSchema,
  createAccountRequestSchema,
  recoverRequestSchema,
  renewRecoveryRequestSchema,
  revokeRequestSchema,
  type DeviceCredentials,
  type DeviceInfo,
  type PairingCodeResponse,
  type RevokeResponse,
} from '../../src/core/protocol/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { clientAddress, readBody } from '../sync/http.ts';
import { apiError, requireDevice, type AuthEnv } from './auth.ts';
import { takeToken, type RateLimits } from './rate-limit.ts';
import { logSecurityEvent, readSecurityLog } from './security-log.ts';
import { CLOSED_SIGNUP, decideSignup, shopsExist, spendSetupCode, type SignupPolicy } from './signup.ts';
import {
  longCodeHash,
  newDeviceToken,
  newLongCode,
  newPairingCode,
  normalizePairingCode,
  PAIRING_CODE_TTL_MS,
  sha256Hex,
} from './tokens.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class DeviceTaken extends Error {}
/** A refusal decided inside a transaction: it rolls back, the route answers `status`. */
class Refused extends Error {
  constructor(
    readonly status: 403 | 404,
    readonly code: string,
  ) {
    super(code);
  }
}

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

async function deviceName(tx: Queryable, id: string): Promise<string> {
  const [row] = await tx.query<{ name: string }>('SELECT name FROM devices WHERE id = $1', [id]);
  return row?.name ?? '';
}

export function accountRoutes(
  db: Database,
  limits: RateLimits,
  signup: SignupPolicy = CLOSED_SIGNUP,
): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const authed = requireDevice(db, limits.device);

  app.post('/accounts', async (c) => {
    const limited = await limitAnonymous(c, db, limits, 'accounts');
    if (limited) return limited;
    const body = await readBody(c, createAccountRequestSchema);
    if (!body.ok) return body.response;
    const { shopName, deviceId, deviceName, setupCode } = body.value;
    const sellerId = randomUUID();
    const recoveryCode = newLongCode();
    try {
      const token = await db.transaction(async (tx) => {
        const exist = await shopsExist(tx);
        // Spending the code takes its row lock: of two creations racing with it, one wins.
        const codeMatches = !exist && setupCode !== undefined && (await spendSetupCode(tx, setupCode));
        const decision = decideSignup(
          { shopsExist: exist, codeGiven: setupCode !== undefined && setupCode.trim() !== '', codeMatches },
          signup,
        );
        if (!decision.allow) throw new Refused(decision.status, decision.error);
        const [taken] = await tx.query('SELECT 1 FROM devices WHERE id = $1', [deviceId]);
        if (taken) throw new DeviceTaken();
        await tx.query(
          `INSERT INTO sellers (id, shop_name, recovery_hash, recovery_set_at, daily_message_cap)
           VALUES ($1, $2, $3, clock_timestamp(), $4)`,
          [sellerId, shopName, longCodeHash(recoveryCode), decision.dailyCap],
        );
        const issued = await enrolDevice(tx, sellerId, deviceId, deviceName);
        await logSecurityEvent(tx, sellerId, {
          kind: 'shop_created',
          actor: { id: deviceId, name: deviceName },
        });
        return issued;
      });
      return c.json({ sellerId, deviceId, token, shopName, recoveryCode } satisfies DeviceCredentials, 201);
    } catch (error) {
      if (error instanceof DeviceTaken) return apiError(c, 409, 'device_taken');
      if (error instanceof Refused) return apiError(c, error.status, error.code);
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
        const [claimed] = await tx.query<{
          seller_id: string;
          shop_name: string;
          created_by: string;
          creator_name: string | null;
        }>(
          `UPDATE pairing_codes p SET used_at = clock_timestamp()
           FROM sellers s
           WHERE p.code_hash = $1 AND p.used_at IS NULL AND p.expires_at > clock_timestamp()
             AND s.id = p.seller_id
           RETURNING p.seller_id, s.shop_name, p.created_by,
                     (SELECT name FROM devices WHERE id = p.created_by) AS creator_name`,
          [sha256Hex(normalizePairingCode(code))],
        );
        if (!claimed) return undefined;
        // A refused device rolls the claim back: the code stays usable for the right device.
        const token = await enrolDevice(tx, claimed.seller_id, deviceId, deviceName);
        await logSecurityEvent(tx, claimed.seller_id, {
          kind: 'device_paired',
          actor: { id: claimed.created_by, name: claimed.creator_name ?? '' },
          subject: { id: deviceId, name: deviceName },
        });
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

  /** Revokes device `id` of the asking device's seller; see the header for the recovery rule. */
  async function revoke(
    c: Context<AuthEnv>,
    id: string,
    recoveryCode: string | undefined,
    answer: 'device' | 'empty',
  ) {
    const device = c.get('device');
    if (!UUID.test(id)) return apiError(c, 404, 'not_found');
    try {
      const revoked = await db.transaction(async (tx) => {
        // The seller's row lock serialises revocations: two devices revoking each other at once
        // cannot both pass the "another device stays" check.
        const [seller] = await tx.query<{ recovery_hash: string | null }>(
          'SELECT recovery_hash FROM sellers WHERE id = $1 FOR UPDATE',
          [device.sellerId],
        );
        const [target] = await tx.query<{
          id: string;
          name: string;
          last_seen_at: Date | string | null;
          revoked_at: Date | string | null;
        }>('SELECT id, name, last_seen_at, revoked_at FROM devices WHERE id = $1 AND seller_id = $2', [
          id,
          device.sellerId,
        ]);
        if (!target) throw new Refused(404, 'not_found');
        const shown = {
          id: target.id,
          name: target.name,
          lastSeenAt: target.last_seen_at === null ? null : new Date(target.last_seen_at).toISOString(),
        };
        if (target.revoked_at !== null) return shown;
        if (target.id !== device.id) {
          const [left] = await tx.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM devices
              WHERE seller_id = $1 AND revoked_at IS NULL AND id <> $2 AND id <> $3`,
            [device.sellerId, device.id, target.id],
          );
          if ((left?.n ?? 0) === 0) {
            if (recoveryCode === undefined || recoveryCode.trim() === '')
              throw new Refused(403, 'recovery_code_required');
            if (seller?.recovery_hash !== longCodeHash(recoveryCode))
              throw new Refused(403, 'recovery_code_invalid');
          }
        }
        await tx.query('UPDATE devices SET revoked_at = clock_timestamp() WHERE id = $1', [target.id]);
        await logSecurityEvent(tx, device.sellerId, {
          kind: 'device_revoked',
          actor: { id: device.id, name: await deviceName(tx, device.id) },
          subject: { id: target.id, name: target.name, lastSeenAt: target.last_seen_at },
        });
        return shown;
      });
      if (answer === 'empty') return c.body(null, 204);
      return c.json({ device: revoked } satisfies RevokeResponse);
    } catch (error) {
      if (error instanceof Refused) return apiError(c, error.status, error.code);
      throw error;
    }
  }

  app.delete('/devices/:id', authed, (c) => revoke(c, c.req.param('id'), undefined, 'empty'));

  app.post('/devices/:id/revoke', authed, async (c) => {
    const body = await readBody(c, revokeRequestSchema);
    if (!body.ok) return body.response;
    return revoke(c, c.req.param('id'), body.value.recoveryCode, 'device');
  });

  app.post('/devices/recover', async (c) => {
    const limited = await limitAnonymous(c, db, limits, 'recover');
    if (limited) return limited;
    const body = await readBody(c, recoverRequestSchema);
    if (!body.ok) return body.response;
    const { recoveryCode, deviceId, deviceName: name } = body.value;
    const next = newLongCode();
    try {
      const result = await db.transaction(async (tx) => {
        // The code is spent: the one that worked is replaced by a new one, shown once.
        const [seller] = await tx.query<{ id: string; shop_name: string }>(
          `UPDATE sellers SET recovery_hash = $2, recovery_set_at = clock_timestamp()
            WHERE recovery_hash = $1 RETURNING id, shop_name`,
          [longCodeHash(recoveryCode), longCodeHash(next)],
        );
        if (!seller) return undefined;
        const token = await enrolDevice(tx, seller.id, deviceId, name);
        await logSecurityEvent(tx, seller.id, { kind: 'recovery_used', subject: { id: deviceId, name } });
        return { sellerId: seller.id, deviceId, token, shopName: seller.shop_name, recoveryCode: next };
      });
      if (!result) return apiError(c, 404, 'recovery_code_invalid');
      return c.json(result satisfies DeviceCredentials, 201);
    } catch (error) {
      if (error instanceof DeviceTaken) return apiError(c, 409, 'device_taken');
      throw error;
    }
  });

  app.post('/recovery-code', authed, async (c) => {
    const device = c.get('device');
    const body = await readBody(c, renewRecoveryRequestSchema);
    if (!body.ok) return body.response;
    const { currentCode } = body.value;
    const next = newLongCode();
    try {
      await db.transaction(async (tx) => {
        const [seller] = await tx.query<{ recovery_hash: string | null }>(
          'SELECT recovery_hash FROM sellers WHERE id = $1 FOR UPDATE',
          [device.sellerId],
        );
        if (seller?.recovery_hash != null) {
          if (currentCode === undefined || currentCode.trim() === '')
            throw new Refused(403, 'recovery_code_required');
          if (seller.recovery_hash !== longCodeHash(currentCode))
            throw new Refused(403, 'recovery_code_invalid');
        }
        await tx.query(
          'UPDATE sellers SET recovery_hash = $2, recovery_set_at = clock_timestamp() WHERE id = $1',
          [device.sellerId, longCodeHash(next)],
        );
        await logSecurityEvent(tx, device.sellerId, {
          kind: 'recovery_renewed',
          actor: { id: device.id, name: await deviceName(tx, device.id) },
        });
      });
      return c.json({ recoveryCode: next }, 201);
    } catch (error) {
      if (error instanceof Refused) return apiError(c, error.status, error.code);
      throw error;
    }
  });

  app.get('/security-events', authed, async (c) => {
    const device = c.get('device');
    return c.json({ events: await readSecurityLog(db, device.sellerId) });
  });

  return app;
}
