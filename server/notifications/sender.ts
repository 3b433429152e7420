/**
 * The sender loop: claims due messages one at a time under a lease, sends each through its
 * transport, and records the outcome. Every statement is in `queue.ts`; rendering happened before
 * the message was queued. It never holds a database transaction across a send, so several
 * processes on one PostgreSQL may each run one (claims skip rows another holds).
 *
 *   queued ──runOnce()──> claim (lease) ──> send ──> record: sent | failed | needs_review
 *     ^                                               |
 *     └──── known not sent: backoff, attempts left ───┘
 *
 *   start(): runOnce() now, then again `intervalMs` after each run ends (never two at a time);
 *            wake() runs it early. stop(): no new claims, the send in flight finishes.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationChannel } from '../../src/core/notifications/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { NotificationConfig } from './config.ts';
import { fileEmailTransport, fileSmsTransport } from './file-transport.ts';
import {
  claimNext,
  markFinal,
  markRetryStatus,
  markSent,
  recoverExpired,
  type NotificationRow,
} from './queue.ts';
import { smsGatewayTransport } from './sms-gateway.ts';
import { smtpTransport } from './smtp-transport.ts';
import { describeError, type SendResult, type Transports } from './transport.ts';

/** Sends per run at most, so that `stop()` and other work get a turn during a long backlog. */
const MAX_SENDS_PER_RUN = 50;

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

/** Told each stored outcome inside the recording transaction. */
export type OutcomeHook = (tx: Queryable, outcome: NotificationOutcome) => Promise<void>;

/** A structured log event of the notification module. */
export type NotificationLog = (event: string, fields: Record<string, unknown>) => void;

export interface NotificationSender {
  /** One pass: recover abandoned claims, then send what is due (up to a batch). */
  runOnce(): Promise<RunSummary>;
  /** Runs soon (when started): something was queued or queued again. */
  wake(): void;
  start(): void;
  /** Stops the loop after the send in flight has been recorded. */
  stop(): Promise<void>;
}

export interface NotificationSenderDeps {
  db: Database;
  config: NotificationConfig;
  transports: Transports;
  emit: NotificationLog;
  /** The name this process claims rows under. */
  workerId?: string;
  onOutcome?: OutcomeHook;
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

/** The outcome `status` of `row`, for the hook and the change log. */
export function outcomeOf(
  row: NotificationRow,
  status: NotificationOutcome['status'],
  reason?: string,
  at: Date = new Date(),
): NotificationOutcome {
  return {
    id: row.id,
    sellerId: row.seller_id,
    orderId: row.order_id,
    kind: row.kind,
    channel: row.channel,
    status,
    at,
    attempt: row.attempts,
    ...(reason !== undefined && { reason }),
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

export function createNotificationSender(deps: NotificationSenderDeps): NotificationSender {
  const { db, config, transports, emit } = deps;
  if (config.leaseMs <= config.sendTimeoutMs) {
    // A lease shorter than a send would let recovery call a slow send abandoned.
    throw new Error('The notification lease must be longer than the send timeout');
  }
  const workerId = deps.workerId ?? `worker-${randomUUID()}`;

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
    switch (result.outcome) {
      case 'sent':
        await recorded(async (q) =>
          (await markSent(q, row.id, workerId, result.providerId)) ? outcomeOf(row, 'sent') : null,
        );
        summary.sent += 1;
        break;
      case 'retry': {
        const delay = backoffMs(row.attempts, config);
        await recorded(async (q) => {
          const status = await markRetryStatus(q, row.id, workerId, result.reason, delay);
          return status === 'failed' ? outcomeOf(row, 'failed', result.reason) : null;
        });
        if (row.attempts >= row.max_attempts) summary.failed += 1;
        else summary.retried += 1;
        break;
      }
      case 'failed':
        await recorded(async (q) =>
          (await markFinal(q, row.id, workerId, 'failed', result.reason))
            ? outcomeOf(row, 'failed', result.reason)
            : null,
        );
        summary.failed += 1;
        break;
      case 'unknown':
        await recorded(async (q) =>
          (await markFinal(q, row.id, workerId, 'needs_review', result.reason))
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

  return {
    runOnce,
    wake() {
      schedule(0);
    },
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
  };
}
