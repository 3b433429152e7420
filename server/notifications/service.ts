/**
 * The notification service: the wiring of one process's notifications. `enqueue` has the core
 * render a message (`renderNotificationMessage`) and queues it; the sender loop (`sender.ts`)
 * sends what is due; the seller's review decisions and the undo of automatic messages change
 * queued rows. Every statement is in `queue.ts`.
 *
 * It owns the `notifications` table and nothing else; routes and the sync push call `enqueue`.
 */
import { randomUUID } from 'node:crypto';
import {
  notificationTemplateOf,
  renderNotificationMessage,
  type NotificationMessageRefusal,
  type NotificationMessageRequest,
} from '../../src/core/notifications/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { NotificationConfig } from './config.ts';
import {
  cancelBySeller,
  cancelQueuedByCause,
  findNotification,
  insertNotification,
  markReviewedSent,
  notificationsOfOrder,
  requeueForSendAgain,
  type NotificationRow,
  type NotificationStatus,
} from './queue.ts';
import {
  combinedWindow,
  expectedDeliveries,
  usesExpectedDelivery,
} from '../carrier-tracking/expected-delivery.ts';
import {
  createNotificationSender,
  defaultTransports,
  outcomeOf,
  type NotificationOutcome,
  type OutcomeHook,
  type RunSummary,
} from './sender.ts';
import type { Transports } from './transport.ts';

export { backoffMs, defaultTransports, type NotificationOutcome, type RunSummary } from './sender.ts';

/** Why a held message was cancelled (shown in the order's history). */
export const CANCELLED_REASON = 'undone';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EnqueueRequest extends NotificationMessageRequest {
  /**
   * The notification id (a UUID), chosen by the device that asked, so a repeated request (a
   * resent mutation) queues nothing new. Generated when absent.
   */
  id?: string;
  sellerId: string;
  /**
   * The status change that made a rule send this (an event id). Such a message waits
   * `autoGraceMs` and is cancelled by `cancelCaused` when that change is undone first.
   */
  cause?: string;
  /** Not before this time (a review reminder a week after delivery). */
  notBefore?: Date;
}

export type EnqueueResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; reason: 'invalid_id' | 'id_taken' | NotificationMessageRefusal };

/** A queued notification as routes show it. */
export interface NotificationRecord {
  id: string;
  sellerId: string;
  orderId: string;
  kind: string;
  channel: 'email' | 'sms';
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
  onOutcome?: OutcomeHook;
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

export function createNotificationService(deps: NotificationServiceDeps): NotificationService {
  const { db, config } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));
  const emit = (event: string, fields: Record<string, unknown>) =>
    log(JSON.stringify({ at: new Date().toISOString(), component: 'notifications', event, ...fields }));
  const sender = createNotificationSender({
    db,
    config,
    transports: deps.transports ?? defaultTransports(config),
    emit,
    ...(deps.workerId !== undefined && { workerId: deps.workerId }),
    ...(deps.onOutcome !== undefined && { onOutcome: deps.onOutcome }),
  });

  async function enqueue(request: EnqueueRequest, tx?: Queryable): Promise<EnqueueResult> {
    const q: Queryable = tx ?? db;
    const id = request.id ?? randomUUID();
    if (!UUID.test(id) || !UUID.test(request.sellerId)) return { ok: false, reason: 'invalid_id' };
    // Learning the delivery window costs a query: only for texts that say it.
    const expectedDelivery = usesExpectedDelivery(notificationTemplateOf(request).template)
      ? combinedWindow(
          (await expectedDeliveries(q, request.sellerId, request.order, request.parcels ?? [])).values(),
        )
      : null;
    const rendered = renderNotificationMessage(request, {
      expectedDelivery,
      ...(config.smsCountries !== undefined && { smsCountries: config.smsCountries }),
    });
    if (!rendered.ok) return rendered;
    const { message } = rendered;
    const inserted = await insertNotification(q, {
      id,
      sellerId: request.sellerId,
      orderId: request.order.id,
      kind: request.kind,
      channel: message.channel,
      locale: message.locale,
      recipient: message.recipient,
      recipientName: message.recipientName,
      senderName: message.senderName,
      replyTo: message.replyTo,
      subject: message.subject,
      text: message.text,
      html: message.html,
      maxAttempts: config.maxAttempts,
      notBefore: request.notBefore ?? null,
      holdMs: request.cause === undefined ? 0 : config.autoGraceMs,
      causeEventId: request.cause ?? null,
    });
    if (!inserted.created) {
      if (inserted.sellerId !== request.sellerId) return { ok: false, reason: 'id_taken' };
      return { ok: true, id, created: false };
    }
    emit('queued', { id, kind: request.kind, channel: request.channel });
    if (tx === undefined) sender.wake();
    return { ok: true, id, created: true };
  }

  async function review(sellerId: string, id: string, decision: ReviewDecision): Promise<boolean> {
    if (!UUID.test(id) || !UUID.test(sellerId)) return false;
    switch (decision) {
      case 'send_again': {
        const requeued = await requeueForSendAgain(db, sellerId, id, config.maxAttempts);
        if (requeued) sender.wake();
        return requeued;
      }
      case 'cancel':
        return cancelBySeller(db, sellerId, id);
      case 'mark_sent': {
        const hook = deps.onOutcome;
        if (hook === undefined) return (await markReviewedSent(db, sellerId, id)) !== null;
        return db.transaction(async (tx) => {
          const row = await markReviewedSent(tx, sellerId, id);
          if (row === null) return false;
          await hook(tx, outcomeOf(row, 'sent', undefined, new Date(row.sent_at ?? Date.now())));
          return true;
        });
      }
    }
  }

  async function cancelCaused(
    tx: Queryable,
    sellerId: string,
    causes: readonly string[],
  ): Promise<NotificationOutcome[]> {
    if (causes.length === 0 || !UUID.test(sellerId)) return [];
    const rows = await cancelQueuedByCause(tx, sellerId, causes, CANCELLED_REASON);
    for (const row of rows) emit('cancelled', { id: row.id, cause: row.cause_event_id });
    return rows.map((row) => outcomeOf(row, 'cancelled', CANCELLED_REASON));
  }

  return {
    enqueue,
    cancelCaused,
    review,
    wake: () => sender.wake(),
    runOnce: () => sender.runOnce(),
    start: () => sender.start(),
    stop: () => sender.stop(),
    async get(sellerId, id) {
      if (!UUID.test(id) || !UUID.test(sellerId)) return null;
      const row = await findNotification(db, sellerId, id);
      return row === null ? null : toRecord(row);
    },
    async listForOrder(sellerId, orderId) {
      if (!UUID.test(sellerId)) return [];
      return (await notificationsOfOrder(db, sellerId, orderId)).map(toRecord);
    },
  };
}
