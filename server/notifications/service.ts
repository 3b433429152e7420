/**
 * The notification service: `enqueue` renders a message for one buyer and queues it; the sender
 * loop claims due messages one at a time, sends them and records the outcome.
 *
 *   enqueue ──> queued ──runOnce()──> claim (lease) ──> send ──> record
 *                  ^                                               |
 *                  └──── known not sent: backoff, attempts left ───┘
 *
 *   start(): runOnce() now, then again `intervalMs` after each run ends (never two at a time);
 *            enqueue() wakes it early. stop(): no new claims, the send in flight finishes.
 *
 * It owns the `notifications` table and nothing else; routes and the sync push call `enqueue`.
 * It never holds a database transaction across a send.
 */
import { randomUUID } from 'node:crypto';
import type { CustomCarrier } from '../../src/core/carriers/index.ts';
import type { Locale } from '../../src/core/i18n/locales.ts';
import {
  buildNotificationContext,
  notificationLocale,
  renderEmail,
  renderSms,
  smsCountriesFor,
  smsCountryAllowed,
  templateFor,
  toE164,
  type NotificationChannel,
  type NotificationKind,
  type NotificationTemplate,
  type TemplateOverrides,
} from '../../src/core/notifications/index.ts';
import type { Order } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { NotificationConfig } from './config.ts';
import { fileEmailTransport, fileSmsTransport } from './file-transport.ts';
import { cleanAddress } from './mail-message.ts';
import {
  claimNext,
  markFinal,
  markRetryStatus,
  markSent,
  recoverExpired,
  type NotificationRow,
  type NotificationStatus,
} from './queue.ts';
import { smsGatewayTransport } from './sms-gateway.ts';
import { smtpTransport } from './smtp-transport.ts';
import {
  combinedWindow,
  expectedDeliveries,
  usesExpectedDelivery,
} from '../carrier-tracking/expected-delivery.ts';
import { describeError, type SendResult, type Transports } from './transport.ts';

/** Why a held message was cancelled (shown in the order's history). */
export const CANCELLED_REASON = 'undone';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Sends per run at most, so that `stop()` and other work get a turn during a long backlog. */
const MAX_SENDS_PER_RUN = 50;

export interface EnqueueRequest {
  /**
   * The notification id (a UUID), chosen by the device that asked, so a repeated request (a
   * resent mutation) queues nothing new. Generated when absent.
   */
  id?: string;
  sellerId: string;
  order: Pick<Order, 'id' | 'externalId' | 'orderedAt' | 'buyer' | 'address'>;
  parcels?: readonly Pick<Parcel, 'trackingNumber' | 'carrierId' | 'trackingUrl'>[];
  kind: NotificationKind;
  channel: NotificationChannel;
  /** `country`: of the shop's own address; texts go only there unless SMS_COUNTRIES says otherwise. */
  shop: { name?: string; senderName?: string; replyTo?: string; country?: string };
  /** The seller's language choice for this order; else from the delivery country. */
  locale?: Locale | null;
  /** This exact text; else the seller's own for this kind and language, else the default. */
  template?: NotificationTemplate;
  /** The seller's rewritten messages (settings `notifications.templates`). */
  templates?: TemplateOverrides;
  /**
   * The status change that made a rule send this (an event id). Such a message waits
   * `autoGraceMs` and is cancelled by `cancelCaused` when that change is undone first.
   */
  cause?: string;
  links?: { trackingPage?: string; confirm?: string; review?: string };
  customCarriers?: readonly CustomCarrier[];
  /** Not before this time (a review reminder a week after delivery). */
  notBefore?: Date;
}

export type EnqueueResult =
  | { ok: true; id: string; created: boolean }
  | {
      ok: false;
      reason: 'invalid_id' | 'no_recipient' | 'empty_message' | 'id_taken' | 'sms_country_not_allowed';
    };

/** A queued notification as routes show it. */
export interface NotificationRecord {
  id: string;
  sellerId: string;
  orderId: string;
  kind: string;
  channel: NotificationChannel;
  locale: string;
  recipient: string;
  subject: string;
  text: string;
  status: NotificationStatus;
  attempts: number;
  dueAt: string;
  waitReason: string | null;
  sentAt: string | null;
  providerMessageId: string | null;
  lastError: string | null;
}

export interface RunSummary {
  sent: number;
  retried: number;
  failed: number;
  needsReview: number;
  /** Rows found abandoned by a previous worker and moved to `needs_review`. */
  recovered: number;
}

/**
 * What became of a message, told to `onOutcome` in the same transaction that records it (so the
 * seller's devices hear about exactly the outcomes that were stored). A retry with attempts left
 * is not an outcome.
 */
export interface NotificationOutcome {
  id: string;
  sellerId: string;
  orderId: string;
  kind: string;
  channel: NotificationChannel;
  /** `cancelled`: held, and taken back because its cause was undone before it went out. */
  status: 'sent' | 'failed' | 'needs_review' | 'cancelled';
  at: Date;
  /** Which attempt this was (makes an outcome's id unique across "send again"). */
  attempt: number;
  reason?: string;
}

/** What a seller decides about a message in `needs_review` (or `failed`). */
export type ReviewDecision = 'send_again' | 'mark_sent' | 'cancel';

export interface NotificationService {
  /**
   * Renders and queues one message. With `tx`, the row is written in the caller's transaction
   * (the sync push queues in the transaction of the mutation that asked) and the sender is not
   * woken: call `wake()` after the commit.
   */
  enqueue(request: EnqueueRequest, tx?: Queryable): Promise<EnqueueResult>;
  /** Runs the sender soon (when started): something was queued by a committed transaction. */
  wake(): void;
  /** One pass: recover abandoned claims, then send what is due (up to a batch). */
  runOnce(): Promise<RunSummary>;
  start(): void;
  /** Stops the loop after the send in flight has been recorded. */
  stop(): Promise<void>;
  get(sellerId: string, id: string): Promise<NotificationRecord | null>;
  listForOrder(sellerId: string, orderId: string): Promise<NotificationRecord[]>;
  review(sellerId: string, id: string, decision: ReviewDecision): Promise<boolean>;
  /**
   * Cancels, in `tx`, the messages still waiting whose cause is one of `causes` (undone status
   * changes); answers their outcomes, for the caller to log. One already claimed or sent stays.
   */
  cancelCaused(tx: Queryable, sellerId: string, causes: readonly string[]): Promise<NotificationOutcome[]>;
}

export interface NotificationServiceDeps {
  db: Database;
  config: NotificationConfig;
  /** Defaults from `config`: SMTP / HTTP gateway when configured, files under DATA_DIR otherwise. */
  transports?: Transports;
  /** One JSON line per event; `console.log` by default. */
  log?: (line: string) => void;
  /** The name this process claims rows under. */
  workerId?: string;
  /** Told each stored outcome inside the recording transaction (the sync change log uses it). */
  onOutcome?: (tx: Queryable, outcome: NotificationOutcome) => Promise<void>;
}

export function defaultTransports(config: NotificationConfig): Transports {
  return {
    email: config.smtpUrl
      ? smtpTransport(config.smtpUrl, { timeoutMs: config.sendTimeoutMs })
      : fileEmailTransport(config.dataDir),
    sms: config.smsGatewayUrl
      ? smsGatewayTransport({
          url: config.smsGatewayUrl,
          timeoutMs: config.sendTimeoutMs,
          ...(config.smsGatewayToken !== undefined && { token: config.smsGatewayToken }),
          ...(config.smsFrom !== undefined && { from: config.smsFrom }),
        })
      : fileSmsTransport(config.dataDir, config.smsFrom),
  };
}

/** Delay before attempt `attempts + 1`: base, 2x base, 4x base, ... up to the maximum. */
export function backoffMs(
  attempts: number,
  config: Pick<NotificationConfig, 'backoffBaseMs' | 'backoffMaxMs'>,
): number {
  return Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

function toRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    sellerId: row.seller_id,
    orderId: row.order_id,
    kind: row.kind,
    channel: row.channel,
    locale: row.locale,
    recipient: row.recipient,
    subject: row.subject,
    text: row.body_text,
    status: row.status,
    attempts: row.attempts,
    dueAt: new Date(row.due_at).toISOString(),
    waitReason: row.wait_reason,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at).toISOString(),
    providerMessageId: row.provider_message_id,
    lastError: row.last_error,
  };
}

function withTimeout(promise: Promise<SendResult>, ms: number): Promise<SendResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ outcome: 'unknown', reason: `No answer within ${ms} ms; it may have gone out.` }),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createNotificationService(deps: NotificationServiceDeps): NotificationService {
  const { db, config } = deps;
  if (config.leaseMs <= config.sendTimeoutMs) {
    // A lease shorter than a send would let recovery call a slow send abandoned.
    throw new Error('The notification lease must be longer than the send timeout');
  }
  const transports = deps.transports ?? defaultTransports(config);
  const log = deps.log ?? ((line: string) => console.log(line));
  const workerId = deps.workerId ?? `worker-${randomUUID()}`;
  const emit = (event: string, fields: Record<string, unknown>) =>
    log(JSON.stringify({ at: new Date().toISOString(), component: 'notifications', event, ...fields }));

  let running: Promise<RunSummary> | null = null;
  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  async function send(row: NotificationRow): Promise<SendResult> {
    try {
      if (row.channel === 'email') {
        return await transports.email.send({
          id: row.id,
          from: { name: row.sender_name, address: config.mailFrom },
          to: { name: row.recipient_name, address: row.recipient },
          ...(row.reply_to !== null && { replyTo: row.reply_to }),
          subject: row.subject,
          text: row.body_text,
          ...(row.body_html !== null && { html: row.body_html }),
        });
      }
      return await transports.sms.send({ id: row.id, to: row.recipient, body: row.body_text });
    } catch (error) {
      // A transport is meant to answer, not throw; if one does, we can't say what went out.
      return { outcome: 'unknown', reason: describeError(error) };
    }
  }

  function outcomeOf(
    row: NotificationRow,
    status: NotificationOutcome['status'],
    reason?: string,
  ): NotificationOutcome {
    return {
      id: row.id,
      sellerId: row.seller_id,
      orderId: row.order_id,
      kind: row.kind,
      channel: row.channel,
      status,
      at: new Date(),
      attempt: row.attempts,
      ...(reason !== undefined && { reason }),
    };
  }

  /** Records in one transaction with the outcome hook, or alone when there is none. */
  async function recorded(write: (q: Queryable) => Promise<NotificationOutcome | null>): Promise<void> {
    const hook = deps.onOutcome;
    if (hook === undefined) {
      await write(db);
      return;
    }
    await db.transaction(async (tx) => {
      const outcome = await write(tx);
      if (outcome !== null) await hook(tx, outcome);
    });
  }

  async function record(row: NotificationRow, result: SendResult, summary: RunSummary): Promise<void> {
    const owner = workerId;
    switch (result.outcome) {
      case 'sent':
        await recorded(async (q) =>
          (await markSent(q, row.id, owner, result.providerId)) ? outcomeOf(row, 'sent') : null,
        );
        summary.sent += 1;
        break;
      case 'retry': {
        const delay = backoffMs(row.attempts, config);
        await recorded(async (q) => {
          const status = await markRetryStatus(q, row.id, owner, result.reason, delay);
          return status === 'failed' ? outcomeOf(row, 'failed', result.reason) : null;
        });
        if (row.attempts >= row.max_attempts) summary.failed += 1;
        else summary.retried += 1;
        break;
      }
      case 'failed':
        await recorded(async (q) =>
          (await markFinal(q, row.id, owner, 'failed', result.reason))
            ? outcomeOf(row, 'failed', result.reason)
            : null,
        );
        summary.failed += 1;
        break;
      case 'unknown':
        await recorded(async (q) =>
          (await markFinal(q, row.id, owner, 'needs_review', result.reason))
            ? outcomeOf(row, 'needs_review', result.reason)
            : null,
        );
        summary.needsReview += 1;
        break;
    }
    emit('send', {
      id: row.id,
      channel: row.channel,
      attempt: row.attempts,
      outcome: result.outcome,
      ...('reason' in result && { reason: result.reason }),
    });
  }

  async function pass(): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, retried: 0, failed: 0, needsReview: 0, recovered: 0 };
    const recovered = await recoverExpired(db);
    summary.recovered = recovered.length;
    for (const id of recovered) emit('needs_review', { id, reason: 'lease expired' });
    for (let i = 0; i < MAX_SENDS_PER_RUN && !stopping; i += 1) {
      const row = await claimNext(db, workerId, config);
      if (row === null) break;
      const result = await withTimeout(send(row), config.sendTimeoutMs);
      try {
        await record(row, result, summary);
      } catch (error) {
        // The row stays `sending`; when its lease runs out it goes to review, never out again.
        emit('record_failed', { id: row.id, outcome: result.outcome, error: describeError(error) });
      }
    }
    return summary;
  }

  function runOnce(): Promise<RunSummary> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number): void {
    if (!started || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      runOnce()
        .catch((error: unknown) => emit('run_failed', { error: describeError(error) }))
        .finally(() => schedule(config.intervalMs));
    }, delayMs);
  }

  async function enqueue(request: EnqueueRequest, tx?: Queryable): Promise<EnqueueResult> {
    const q: Queryable = tx ?? db;
    const id = request.id ?? randomUUID();
    if (!UUID.test(id) || !UUID.test(request.sellerId)) return { ok: false, reason: 'invalid_id' };
    const locale = notificationLocale(request.order.address.country, request.locale);
    const template = request.template ?? templateFor(request.kind, locale, request.templates);
    const window = usesExpectedDelivery(template)
      ? combinedWindow(
          (await expectedDeliveries(q, request.sellerId, request.order, request.parcels ?? [])).values(),
        )
      : null;
    const context = buildNotificationContext(request.order, request.parcels ?? [], {
      locale,
      shop: {
        ...(request.shop.name !== undefined && { name: request.shop.name }),
        ...(request.shop.replyTo !== undefined && { replyTo: request.shop.replyTo }),
      },
      ...(request.links?.trackingPage !== undefined && { trackingPage: request.links.trackingPage }),
      ...(request.links?.confirm !== undefined && { confirmLink: request.links.confirm }),
      ...(request.links?.review !== undefined && { reviewLink: request.links.review }),
      ...(request.customCarriers !== undefined && { customCarriers: request.customCarriers }),
      ...(window !== null && { expectedDelivery: window }),
    });

    let recipient: string | null;
    let subject = '';
    let text: string;
    let html: string | null = null;
    if (request.channel === 'email') {
      recipient = cleanAddress(request.order.buyer.email);
      const email = renderEmail(template, context);
      subject = email.subject;
      text = email.text;
      html = email.html;
    } else {
      recipient = toE164(request.order.buyer.phone, request.order.address.country);
      text = renderSms(template, context).text;
    }
    if (recipient === null) return { ok: false, reason: 'no_recipient' };
    if (
      request.channel === 'sms' &&
      !smsCountryAllowed(recipient, smsCountriesFor(config.smsCountries, request.shop.country))
    )
      return { ok: false, reason: 'sms_country_not_allowed' };
    if (text.trim() === '') return { ok: false, reason: 'empty_message' };

    const inserted = await q.query<{ id: string }>(
      `INSERT INTO notifications (id, seller_id, order_id, kind, channel, locale, recipient, recipient_name,
                                  sender_name, reply_to, subject, body_text, body_html, max_attempts, due_at,
                                  cause_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
               greatest(coalesce($15, now()), now() + $16 * interval '1 millisecond'), $17)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        id,
        request.sellerId,
        request.order.id,
        request.kind,
        request.channel,
        locale,
        // Caps count per recipient: one spelling per address.
        request.channel === 'email' ? recipient.toLowerCase() : recipient,
        request.order.buyer.name,
        request.shop.senderName || request.shop.name || '',
        cleanAddress(request.shop.replyTo),
        subject,
        text,
        html,
        config.maxAttempts,
        request.notBefore ?? null,
        request.cause === undefined ? 0 : config.autoGraceMs,
        request.cause ?? null,
      ],
    );
    if (inserted.length === 0) {
      const [existing] = await q.query<{ seller_id: string }>(
        'SELECT seller_id FROM notifications WHERE id = $1',
        [id],
      );
      if (existing?.seller_id !== request.sellerId) return { ok: false, reason: 'id_taken' };
      return { ok: true, id, created: false };
    }
    emit('queued', { id, kind: request.kind, channel: request.channel });
    if (tx === undefined) schedule(0);
    return { ok: true, id, created: true };
  }

  async function review(sellerId: string, id: string, decision: ReviewDecision): Promise<boolean> {
    const sql = {
      // Same id, so the same Message-ID: a client that got the first copy shows one message.
      send_again: `UPDATE notifications
                      SET status = 'queued', due_at = now(), max_attempts = attempts + $3, claimed_at = NULL,
                          lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
                    WHERE id = $1 AND seller_id = $2 AND status IN ('needs_review', 'failed') RETURNING id`,
      mark_sent: `UPDATE notifications
                     SET status = 'sent', sent_at = coalesce(claimed_at, now()), lease_owner = NULL, updated_at = now()
                   WHERE id = $1 AND seller_id = $2 AND status = 'needs_review' RETURNING id`,
      cancel: `UPDATE notifications
                  SET status = 'cancelled', lease_owner = NULL, lease_until = NULL, updated_at = now()
                WHERE id = $1 AND seller_id = $2 AND status IN ('queued', 'needs_review', 'failed') RETURNING id`,
    }[decision];
    const params = decision === 'send_again' ? [id, sellerId, config.maxAttempts] : [id, sellerId];
    const hook = deps.onOutcome;
    const rows =
      decision === 'mark_sent' && hook !== undefined
        ? await db.transaction(async (tx) => {
            const marked = await tx.query<NotificationRow>(
              sql.replace('RETURNING id', 'RETURNING *'),
              params,
            );
            const [row] = marked;
            if (row !== undefined)
              await hook(tx, { ...outcomeOf(row, 'sent'), at: new Date(row.sent_at ?? Date.now()) });
            return marked;
          })
        : await db.query<{ id: string }>(sql, params);
    if (rows.length > 0 && decision === 'send_again') schedule(0);
    return rows.length > 0;
  }

  async function cancelCaused(
    tx: Queryable,
    sellerId: string,
    causes: readonly string[],
  ): Promise<NotificationOutcome[]> {
    if (causes.length === 0 || !UUID.test(sellerId)) return [];
    const rows = await tx.query<NotificationRow>(
      `UPDATE notifications SET status = 'cancelled', last_error = $3, updated_at = now()
        WHERE seller_id = $1 AND cause_event_id = ANY($2::text[]) AND status = 'queued'
        RETURNING *`,
      [sellerId, causes, CANCELLED_REASON],
    );
    for (const row of rows) emit('cancelled', { id: row.id, cause: row.cause_event_id });
    return rows.map((row) => outcomeOf(row, 'cancelled', CANCELLED_REASON));
  }

  return {
    enqueue,
    cancelCaused,
    wake() {
      schedule(0);
    },
    runOnce,
    start() {
      if (started) return;
      started = true;
      stopping = false;
      schedule(0);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      started = false;
      transports.email.close?.();
    },
    async get(sellerId, id) {
      if (!UUID.test(id) || !UUID.test(sellerId)) return null;
      const [row] = await db.query<NotificationRow>(
        'SELECT * FROM notifications WHERE id = $1 AND seller_id = $2',
        [id, sellerId],
      );
      return row === undefined ? null : toRecord(row);
    },
    async listForOrder(sellerId, orderId) {
      if (!UUID.test(sellerId)) return [];
      const rows = await db.query<NotificationRow>(
        'SELECT * FROM notifications WHERE seller_id = $1 AND order_id = $2 ORDER BY created_at',
        [sellerId, orderId],
      );
      return rows.map(toRecord);
    },
    review,
  };
}
