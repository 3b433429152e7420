/**
 * The notification queue in SQL: claim with a lease, record the outcome, find abandoned claims,
 * keep to the sending caps. The same statements run on PGlite and PostgreSQL.
 *
 * At most once: a row is sent only by the worker that claimed it (status `sending`, its name in
 * `lease_owner`), and the claim commits before anything is sent. A worker that dies mid-send
 * leaves the row `sending`; once its lease has run out, `recoverExpired` moves it to
 * `needs_review`, never back to `queued`: nobody knows whether the buyer got it.
 *
 * Claims take `FOR UPDATE SKIP LOCKED`, so concurrent workers on PostgreSQL never wait for or
 * double-claim a row. On PostgreSQL they also take one short advisory lock for the claim itself,
 * so the cap counts can't be raced past (two workers each seeing 199 of 200); sending happens
 * after that transaction, so the lock is held for milliseconds. PGlite has one connection, where
 * both are no-ops in effect.
 */
import type { Database, Queryable } from '../db/database.ts';

export const NOTIFICATION_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'needs_review',
  'cancelled',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One row of `notifications` as the database returns it. */
export interface NotificationRow {
  id: string;
  seller_id: string;
  order_id: string;
  kind: string;
  channel: 'email' | 'sms';
  locale: string;
  recipient: string;
  recipient_name: string;
  sender_name: string;
  reply_to: string | null;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: NotificationStatus;
  attempts: number;
  max_attempts: number;
  due_at: Date;
  wait_reason: string | null;
  claimed_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
  sent_at: Date | null;
  provider_message_id: string | null;
  last_error: string | null;
  /** The status change that caused an automatic message (undoing it cancels the message). */
  cause_event_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface QueueLimits {
  maxPerSellerPerHour: number;
  maxPerRecipientPerDay: number;
  leaseMs: number;
}

/** An arbitrary constant naming the claim lock (the migration lock is 727_001). */
const CLAIM_LOCK_KEY = 727_002;
/** Due rows looked at per claim; capped ones among them are pushed back, the first allowed is taken. */
const CLAIM_SCAN_ROWS = 25;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows that count towards the caps: anything that did or may have gone out. */
const COUNTED = `status IN ('sending', 'sent', 'needs_review')`;

export const LEASE_EXPIRED_REASON =
  'The sender stopped while sending (its lease ran out without a result), so this message may or may not have reached the buyer.';

interface Candidate {
  id: string;
  seller_id: string;
  recipient: string;
}

/**
 * When `cap` claims within `windowMs` already exist, the time the oldest of the last `cap` leaves
 * the window: the earliest moment another one is allowed. Null when allowed now.
 */
async function capReachedUntil(
  tx: Queryable,
  column: 'seller_id' | 'recipient',
  value: string,
  cap: number,
  windowMs: number,
): Promise<Date | null> {
  const rows = await tx.query<{ claimed_at: Date }>(
    `SELECT claimed_at FROM notifications
      WHERE ${column} = $1 AND ${COUNTED} AND claimed_at > now() - $2 * interval '1 millisecond'
      ORDER BY claimed_at DESC LIMIT $3`,
    [value, windowMs, cap],
  );
  const boundary = rows[cap - 1];
  return boundary === undefined ? null : new Date(new Date(boundary.claimed_at).getTime() + windowMs);
}

async function capWait(
  tx: Queryable,
  candidate: Candidate,
  limits: QueueLimits,
): Promise<{ until: Date; reason: string } | null> {
  const seller = await capReachedUntil(
    tx,
    'seller_id',
    candidate.seller_id,
    limits.maxPerSellerPerHour,
    HOUR_MS,
  );
  const recipient = await capReachedUntil(
    tx,
    'recipient',
    candidate.recipient,
    limits.maxPerRecipientPerDay,
    DAY_MS,
  );
  if (seller === null && recipient === null) return null;
  if (recipient !== null && (seller === null || recipient > seller)) {
    return { until: recipient, reason: `recipient limit: ${limits.maxPerRecipientPerDay} per day` };
  }
  return { until: seller ?? new Date(), reason: `seller limit: ${limits.maxPerSellerPerHour} per hour` };
}

/** Takes the next due row that the caps allow, leased to `owner`; capped rows are pushed back. */
export async function claimNext(
  db: Database,
  owner: string,
  limits: QueueLimits,
): Promise<NotificationRow | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
    const candidates = await tx.query<Candidate>(
      `SELECT id, seller_id, recipient FROM notifications
        WHERE status = 'queued' AND due_at <= now()
        ORDER BY due_at, created_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [CLAIM_SCAN_ROWS],
    );
    for (const candidate of candidates) {
      const wait = await capWait(tx, candidate, limits);
      if (wait !== null) {
        // Waits, not dropped: due again when the cap allows it.
        await tx.query(
          `UPDATE notifications SET due_at = $2, wait_reason = $3, updated_at = now() WHERE id = $1`,
          [candidate.id, wait.until, wait.reason],
        );
        continue;
      }
      const [row] = await tx.query<NotificationRow>(
        `UPDATE notifications
            SET status = 'sending', attempts = attempts + 1, claimed_at = now(), lease_owner = $2,
                lease_until = now() + $3 * interval '1 millisecond', wait_reason = NULL, updated_at = now()
          WHERE id = $1
          RETURNING *`,
        [candidate.id, owner, limits.leaseMs],
      );
      return row ?? null;
    }
    return null;
  });
}

/**
 * Rows whose worker's lease ran out without a recorded result: to `needs_review`. `lease_owner`
 * stays, so a worker that was only slow can still record what really happened.
 */
export async function recoverExpired(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE notifications
        SET status = 'needs_review', last_error = $1, lease_until = NULL, updated_at = now()
      WHERE status = 'sending' AND lease_until < now()
      RETURNING id`,
    [LEASE_EXPIRED_REASON],
  );
  return rows.map((r) => r.id);
}

/** Only the claiming worker may record, and only while the seller hasn't decided otherwise. */
const MINE = `id = $1 AND lease_owner = $2 AND status IN ('sending', 'needs_review')`;

export async function markSent(
  db: Queryable,
  id: string,
  owner: string,
  providerId: string,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE notifications
        SET status = 'sent', sent_at = now(), provider_message_id = $3, last_error = NULL,
            lease_until = NULL, updated_at = now()
      WHERE ${MINE} RETURNING id`,
    [id, owner, providerId],
  );
  return rows.length > 0;
}

/** Known not sent: back to the queue after `delayMs`, or `failed` when out of attempts. */
export async function markRetry(
  db: Queryable,
  id: string,
  owner: string,
  reason: string,
  delayMs: number,
): Promise<boolean> {
  return (await markRetryStatus(db, id, owner, reason, delayMs)) !== null;
}

/** As `markRetry`, answering the status the row went to (`queued` or `failed`), null if not ours. */
export async function markRetryStatus(
  db: Queryable,
  id: string,
  owner: string,
  reason: string,
  delayMs: number,
): Promise<'queued' | 'failed' | null> {
  const [row] = await db.query<{ status: 'queued' | 'failed' }>(
    `UPDATE notifications
        SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
            due_at = now() + $4 * interval '1 millisecond', last_error = $3,
            claimed_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = now()
      WHERE ${MINE} RETURNING status`,
    [id, owner, reason, delayMs],
  );
  return row?.status ?? null;
}

export async function markFinal(
  db: Queryable,
  id: string,
  owner: string,
  status: 'failed' | 'needs_review',
  reason: string,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE notifications
        SET status = $3, last_error = $4, lease_until = NULL, updated_at = now()
      WHERE ${MINE} RETURNING id`,
    [id, owner, status, reason],
  );
  return rows.length > 0;
}
