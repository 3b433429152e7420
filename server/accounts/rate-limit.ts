/**
 * Rate limits as token buckets kept IN THE DATABASE, not in process memory: several server
 * processes behind a load balancer share one PostgreSQL, and an in-process bucket would give each
 * process its own allowance (and forget it on restart). The cost is one small UPDATE per request;
 * for a device it is the same statement that authenticates it (see auth.ts).
 *
 * A bucket holds up to `burst` tokens and refills at `perSecond`; a request takes one. A refused
 * request still takes one (down to `-burst`), so hammering postpones the next success.
 */
import type { Queryable } from '../db/database.ts';

export interface RateLimit {
  burst: number;
  perSecond: number;
}

export interface RateLimits {
  /** Requests of one device (push, pull, device management). */
  device: RateLimit;
  /** Account creation and pairing claims from one client address. */
  anonymousPerClient: RateLimit;
  /** The same, all clients together: bounds a distributed guess of pairing codes. */
  anonymousGlobal: RateLimit;
  /** The buyer's tracking page (`/t/`), per client address: a buyer reloads, a walker is slowed. */
  buyerPagePerClient: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  device: { burst: 120, perSecond: 10 },
  anonymousPerClient: { burst: 10, perSecond: 0.1 },
  anonymousGlobal: { burst: 100, perSecond: 5 },
  buyerPagePerClient: { burst: 30, perSecond: 0.5 },
};

/** The refill expression shared by both bucket tables: `$b` burst, `$r` per second. */
export function refillSql(tokens: string, at: string, burst: string, rate: string): string {
  return `GREATEST(-${burst}, LEAST(${burst}, COALESCE(${tokens} + EXTRACT(EPOCH FROM (clock_timestamp() - ${at})) * ${rate}, ${burst})) - 1)`;
}

/** Takes a token from the bucket `key`; the seconds to wait when there was none, else 0. */
export async function takeToken(db: Queryable, key: string, limit: RateLimit): Promise<number> {
  const [row] = await db.query<{ tokens: number }>(
    `INSERT INTO rate_buckets (key, tokens, updated_at) VALUES ($1, $2::float8 - 1, clock_timestamp())
     ON CONFLICT (key) DO UPDATE SET
       tokens = ${refillSql('rate_buckets.tokens', 'rate_buckets.updated_at', '$2::float8', '$3::float8')},
       updated_at = clock_timestamp()
     RETURNING tokens`,
    [key, limit.burst, limit.perSecond],
  );
  return waitSeconds(row?.tokens ?? 0, limit);
}

export function waitSeconds(tokensAfter: number, limit: RateLimit): number {
  if (tokensAfter >= 0) return 0;
  return Math.max(1, Math.ceil(-tokensAfter / limit.perSecond));
}
