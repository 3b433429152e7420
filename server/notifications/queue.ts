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
  /** The whole server's e-mails per hour (all shops together); absent: no such cap. */
  maxEmailPerHour?: number;
  /** The whole server's text messages per hour (all shops together); absent: no such cap. */
  maxSmsPerHour?: number;
  leaseMs: number;
}

/** An arbitrary constant naming the claim lock (the migration lock is 727_001). */
const CLAIM_LOCK_KEY = 727_002;
/** Due rows looked at per claim; capped ones among them are pushed back, the first allowed is taken. */
const CLAIM_SCAN_ROWS = 25;
/** Scans per claim at most: each one that claims nothing has set a capped backlog aside. */
const CLAIM_MAX_SCANS = 20;
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
  channel: 'email' | 'sms';
  /** The shop's own daily cap (a shop made by open sign-up); null: none. */
  daily_message_cap: number | null;
}

/** Which queued rows one cap holds back: they all wait for it together. */
type CapScope = 'seller_id' | 'recipient' | 'channel';

interface CapHit {
  until: Date;
  reason: string;
  scope: CapScope;
  value: string;
}

/**
 * When `cap` claims within `windowMs` already exist, the time the oldest of the last `cap` leaves
 * the window: the earliest moment another one is allowed. Null when allowed now. A cap of 0
 * allows nothing: asked again a window later.
 */
async function capReachedUntil(
  tx: Queryable,
  scope: CapScope,
  value: string,
  cap: number,
  windowMs: number,
): Promise<Date | null> {
  if (cap <= 0) {
    const [row] = await tx.query<{ until: Date }>(`SELECT now() + $1 * interval '1 millisecond' AS until`, [
      windowMs,
    ]);
    return new Date(row?.until ?? Date.now() + windowMs);
  }
  const [boundary] = await tx.query<{ claimed_at: Date }>(
    `SELECT claimed_at FROM notifications
      WHERE ${scope} = $1 AND ${COUNTED} AND claimed_at > now() - $2 * interval '1 millisecond'
      ORDER BY claimed_at DESC OFFSET $3 LIMIT 1`,
    [value, windowMs, cap - 1],
  );
  return boundary === undefined ? null : new Date(new Date(boundary.claimed_at).getTime() + windowMs);
}

/** The cap that holds the candidate back longest, or null when none does. */
async function capWait(tx: Queryable, candidate: Candidate, limits: QueueLimits): Promise<CapHit | null> {
  const checks: { scope: CapScope; value: string; cap: number; windowMs: number; reason: string }[] = [
    {
      scope: 'recipient',
      value: candidate.recipient,
      cap: limits.maxPerRecipientPerDay,
      windowMs: DAY_MS,
      reason: `recipient limit: ${limits.maxPerRecipientPerDay} per day`,
    },
    {
      scope: 'seller_id',
      value: candidate.seller_id,
      cap: limits.maxPerSellerPerHour,
      windowMs: HOUR_MS,
      reason: `seller limit: ${limits.maxPerSellerPerHour} per hour`,
    },
  ];
  if (candidate.daily_message_cap !== null) {
    checks.push({
      scope: 'seller_id',
      value: candidate.seller_id,
      cap: candidate.daily_message_cap,
      windowMs: DAY_MS,
      reason: `new shop limit: ${candidate.daily_message_cap} per day, until the server's operator raises it`,
    });
  }
  const serverCap = candidate.channel === 'email' ? limits.maxEmailPerHour : limits.maxSmsPerHour;
  if (serverCap !== undefined) {
    checks.push({
      scope: 'channel',
      value: candidate.channel,
      cap: serverCap,
      windowMs: HOUR_MS,
      reason: `server limit: ${serverCap} ${candidate.channel === 'email' ? 'e-mails' : 'text messages'} per hour for all shops`,
    });
  }
  let latest: CapHit | null = null;
  for (const check of checks) {
    const until = await capReachedUntil(tx, check.scope, check.value, check.cap, check.windowMs);
    if (until !== null && (latest === null || until > latest.until)) {
      latest = { until, reason: check.reason, scope: check.scope, value: check.value };
    }
  }
  return latest;
}

/** Takes the next due row that the caps allow, leased to `owner`; capped rows are pushed back. */
export async function claimNext(
  db: Database,
  owner: string,
  limits: QueueLimits,
): Promise<NotificationRow | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
    // Each scan either claims a row or sets aside every row of at least one cap, so a backlog
    // held by one cap costs one scan, and other shops' messages behind it are still reached.
    for (let scan = 0; scan < CLAIM_MAX_SCANS; scan++) {
      const candidates = await tx.query<Candidate>(
        `SELECT n.id, n.seller_id, n.recipient, n.channel, s.daily_message_cap
           FROM notifications n JOIN sellers s ON s.id = n.seller_id
          WHERE n.status = 'queued' AND n.due_at <= now()
          ORDER BY n.due_at, n.created_at
          LIMIT $1
          FOR UPDATE OF n SKIP LOCKED`,
        [CLAIM_SCAN_ROWS],
      );
      if (candidates.length === 0) return null;
      for (const candidate of candidates) {
        const wait = await capWait(tx, candidate, limits);
        if (wait !== null) {
          // Waits, not dropped: due again when the cap allows it. Every queued row the same cap
          // holds back (the shop's, the recipient's, the channel's) waits with it, in one
          // statement; then scan again, since later candidates may be among them.
          await tx.query(
            `UPDATE notifications SET due_at = $3, wait_reason = $4, updated_at = now()
              WHERE status = 'queued' AND ${wait.scope} = $1 AND (due_at < $3 OR id = $2)`,
            [wait.value, candidate.id, wait.until, wait.reason],
          );
          break;
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

/**
 * Known not sent: back to the queue after `delayMs`, or `failed` when out of attempts. Answers the
 * status the row went to (`queued` or `failed`), null if not ours.
 */
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

/** A rendered message for the queue; `dueAt` is already the earliest moment it may go. */
export interface NewNotification {
  id: string;
  sellerId: string;
  orderId: string;
  kind: string;
  channel: 'email' | 'sms';
  locale: string;
  recipient: string;
  recipientName: string;
  senderName: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  maxAttempts: number;
  /** Not before this time (a review reminder a week after delivery); null: now. */
  notBefore: Date | null;
  /** Held this long after now at least (automatic messages wait for an undo). */
  holdMs: number;
  causeEventId: string | null;
}

/**
 * Queues `row` unless its id exists. Answers whether it was new; when it wasn't, the seller the
 * existing row belongs to (a repeated request of the same seller is not an error).
 */
export async function insertNotification(
  q: Queryable,
  row: NewNotification,
): Promise<{ created: true } | { created: false; sellerId: string | null }> {
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO notifications (id, seller_id, order_id, kind, channel, locale, recipient, recipient_name,
                                sender_name, reply_to, subject, body_text, body_html, max_attempts, due_at,
                                cause_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
             greatest(coalesce($15, now()), now() + $16 * interval '1 millisecond'), $17)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      row.id,
      row.sellerId,
      row.orderId,
      row.kind,
      row.channel,
      row.locale,
      row.recipient,
      row.recipientName,
      row.senderName,
      row.replyTo,
      row.subject,
      row.text,
      row.html,
      row.maxAttempts,
      row.notBefore,
      row.holdMs,
      row.causeEventId,
    ],
  );
  if (inserted.length > 0) return { created: true };
  const [existing] = await q.query<{ seller_id: string }>(
    'SELECT seller_id FROM notifications WHERE id = $1',
    [row.id],
  );
  return { created: false, sellerId: existing?.seller_id ?? null };
}

export async function findNotification(
  q: Queryable,
  sellerId: string,
  id: string,
): Promise<NotificationRow | null> {
  const [row] = await q.query<NotificationRow>(
    'SELECT * FROM notifications WHERE id = $1 AND seller_id = $2',
    [id, sellerId],
  );
  return row ?? null;
}

export async function notificationsOfOrder(
  q: Queryable,
  sellerId: string,
  orderId: string,
): Promise<NotificationRow[]> {
  return q.query<NotificationRow>(
    'SELECT * FROM notifications WHERE seller_id = $1 AND order_id = $2 ORDER BY created_at',
    [sellerId, orderId],
  );
}

/**
 * A failed message, or one waiting for review, queued again with `attempts` more tries. Same id,
 * so the same Message-ID: a client that got the first copy shows one message.
 */
export async function requeueForSendAgain(
  q: Queryable,
  sellerId: string,
  id: string,
  attempts: number,
): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `UPDATE notifications
        SET status = 'queued', due_at = now(), max_attempts = attempts + $3, claimed_at = NULL,
            lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
      WHERE id = $1 AND seller_id = $2 AND status IN ('needs_review', 'failed')
      RETURNING id`,
    [id, sellerId, attempts],
  );
  return rows.length > 0;
}

/** The seller says a message waiting for review did reach the buyer; answers the updated row. */
export async function markReviewedSent(
  q: Queryable,
  sellerId: string,
  id: string,
): Promise<NotificationRow | null> {
  const [row] = await q.query<NotificationRow>(
    `UPDATE notifications
        SET status = 'sent', sent_at = coalesce(claimed_at, now()), lease_owner = NULL, updated_at = now()
      WHERE id = $1 AND seller_id = $2 AND status = 'needs_review'
      RETURNING *`,
    [id, sellerId],
  );
  return row ?? null;
}

/** The seller cancels a message that is waiting, failed, or waiting for review. */
export async function cancelBySeller(q: Queryable, sellerId: string, id: string): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `UPDATE notifications
        SET status = 'cancelled', lease_owner = NULL, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND seller_id = $2 AND status IN ('queued', 'needs_review', 'failed')
      RETURNING id`,
    [id, sellerId],
  );
  return rows.length > 0;
}

/** Cancels the still-queued messages caused by one of `causes`; answers the cancelled rows. */
export async function cancelQueuedByCause(
  q: Queryable,
  sellerId: string,
  causes: readonly string[],
  reason: string,
): Promise<NotificationRow[]> {
  return q.query<NotificationRow>(
    `UPDATE notifications SET status = 'cancelled', last_error = $3, updated_at = now()
      WHERE seller_id = $1 AND cause_event_id = ANY($2::text[]) AND status = 'queued'
      RETURNING *`,
    [sellerId, causes, reason],
  );
}
