/**
 * Device authentication: `Authorization: Bearer <token>`. The token's SHA-256 finds the device
 * (revoked devices are never found); the same UPDATE refills and takes from the device's rate
 * bucket and notes when it was last seen, so authentication costs one statement. Every handler
 * behind this works with `c.get('device')` and scopes every query by its `sellerId`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import { refillSql, waitSeconds, type RateLimit } from './rate-limit.ts';
import { sha256Hex } from './tokens.ts';

export interface AuthedDevice {
  id: string;
  sellerId: string;
}

export type AuthEnv = { Variables: { device: AuthedDevice } };

export function apiError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 429,
  error: string,
  message?: string,
) {
  return c.json(message === undefined ? { error } : { error, message }, status);
}

export function requireDevice(db: Database, limit: RateLimit): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header);
    if (!match?.[1]) return apiError(c, 401, 'unauthorized');
    const [row] = await db.query<{ id: string; seller_id: string; rate_tokens: number }>(
      `UPDATE devices SET
         rate_tokens = ${refillSql('rate_tokens', 'rate_at', '$2::float8', '$3::float8')},
         rate_at = clock_timestamp(),
         last_seen_at = clock_timestamp()
       WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING id, seller_id, rate_tokens`,
      [sha256Hex(match[1]), limit.burst, limit.perSecond],
    );
    if (!row) return apiError(c, 401, 'unauthorized');
    const wait = waitSeconds(row.rate_tokens, limit);
    c.set('device', { id: row.id, sellerId: row.seller_id });
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return apiError(c, 429, 'rate_limited');
    }
    await next();
  };
}
