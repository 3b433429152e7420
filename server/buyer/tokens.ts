/**
 * The buyer's tracking-page token: 256 random bits per order, made the first time a message about
 * the order is queued, the same for every later message. It is the only key to the page, so it is
 * never derived from anything (order ids are guessable) and never logged.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';

const TOKEN_BYTES = 32;
/** base64url of 32 bytes: 43 characters. Anything else is not a token and never reaches SQL. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** The order's token, created when it has none (inside the caller's transaction). */
export async function ensureOrderToken(tx: Queryable, sellerId: string, orderId: string): Promise<string> {
  const [row] = await tx.query<{ token: string }>(
    `WITH fresh AS (
       INSERT INTO order_tokens (token, seller_id, order_id) VALUES ($1, $2, $3)
       ON CONFLICT (seller_id, order_id) DO NOTHING RETURNING token)
     SELECT token FROM fresh
     UNION ALL SELECT token FROM order_tokens WHERE seller_id = $2 AND order_id = $3
     LIMIT 1`,
    [randomBytes(TOKEN_BYTES).toString('base64url'), sellerId, orderId],
  );
  if (!row) throw new Error('order token was not created');
  return row.token;
}

export interface OrderToken {
  token: string;
  sellerId: string;
  orderId: string;
  confirmedAt: Date | null;
}

export async function findOrderToken(db: Queryable, token: string): Promise<OrderToken | null> {
  if (!isTokenShaped(token)) return null;
  const [row] = await db.query<{ seller_id: string; order_id: string; confirmed_at: Date | null }>(
    'SELECT seller_id, order_id, confirmed_at FROM order_tokens WHERE token = $1',
    [token],
  );
  return row
    ? { token, sellerId: row.seller_id, orderId: row.order_id, confirmedAt: row.confirmed_at }
    : null;
}

/** The links a message carries: the page, and the page asking "did it arrive?" (GET shows, POST confirms). */
export function buyerLinks(publicUrl: string, token: string): { trackingPage: string; confirm: string } {
  const base = publicUrl.replace(/\/+$/, '');
  return { trackingPage: `${base}/t/${token}`, confirm: `${base}/t/${token}?confirm=1` };
}
