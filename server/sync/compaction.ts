/**
 * Keeping the server small: a scheduled pass that removes what no device needs any more.
 *
 *  - Superseded change-log rows: a row for an entity that has a later row. Pull serves the
 *    entity's current state for either, so every device that would read the earlier row reads the
 *    later one too. Safe at any age, and needs no horizon.
 *  - Old change-log rows (older than `changeLogDays`): deleted, and the seller's horizon moves to
 *    the highest one deleted, in the same transaction. A device whose cursor is below the horizon
 *    receives a snapshot instead of the log (pull.ts), so it never sees a gap.
 *  - Ledger rows (`sync_mutations`) at or below their device's last applied id and older than
 *    `ledgerDays`. Duplicates are recognised by the device's last id, not by the ledger; a
 *    rejection is sent again for a resent duplicate only while its row is kept.
 *  - The bodies of messages sent more than `messageBodyDays` ago (subject, recipient, status and
 *    times stay, for the order's history).
 *
 * Several processes may share one PostgreSQL: each batch is one short transaction that first
 * takes a transaction-level advisory lock with `pg_try_advisory_xact_lock`; a process that does
 * not get it leaves this pass to the one that has it. Every step is idempotent, so a pass cut by
 * a crash is finished by the next one. "Now" comes from an injected clock.
 */
import type { Database, Queryable } from '../db/database.ts';

/** An arbitrary constant naming the compaction lock (migrations use 727001, sellers 727002). */
const COMPACTION_LOCK_KEY = 727_003;
const DAY_MS = 86_400_000;

export interface RetentionConfig {
  /** SYNC_CHANGE_LOG_RETENTION_DAYS: change-log rows older than this are pruned. */
  changeLogDays: number;
  /** SYNC_LEDGER_RETENTION_DAYS: acknowledged mutation-ledger rows older than this are pruned. */
  ledgerDays: number;
  /** NOTIFY_BODY_RETENTION_DAYS: bodies of messages sent longer ago than this are dropped. */
  messageBodyDays: number;
  /** COMPACTION_INTERVAL_MINUTES: time between passes. */
  intervalMs: number;
  /** Rows per transaction. */
  batchRows: number;
}

export const RETENTION_DEFAULTS: RetentionConfig = {
  changeLogDays: 30,
  ledgerDays: 30,
  messageBodyDays: 90,
  intervalMs: 60 * 60_000,
  batchRows: 5_000,
};

export function readRetentionConfig(env: NodeJS.ProcessEnv): RetentionConfig {
  return {
    changeLogDays: whole(env, 'SYNC_CHANGE_LOG_RETENTION_DAYS', RETENTION_DEFAULTS.changeLogDays),
    ledgerDays: whole(env, 'SYNC_LEDGER_RETENTION_DAYS', RETENTION_DEFAULTS.ledgerDays),
    messageBodyDays: whole(env, 'NOTIFY_BODY_RETENTION_DAYS', RETENTION_DEFAULTS.messageBodyDays),
    intervalMs: whole(env, 'COMPACTION_INTERVAL_MINUTES', RETENTION_DEFAULTS.intervalMs / 60_000) * 60_000,
    batchRows: RETENTION_DEFAULTS.batchRows,
  };
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 36_500) {
    throw new Error(`${name} must be a whole number from 1 to 36500, not "${raw}"`);
  }
  return value;
}

export interface CompactionReport {
  /** False when another process held the lock: this pass did nothing. */
  ran: boolean;
  supersededChanges: number;
  oldChanges: number;
  ledgerRows: number;
  messageBodies: number;
}

/** One pass; returns what it removed. */
export async function compactOnce(
  db: Database,
  config: RetentionConfig,
  now: Date,
): Promise<CompactionReport> {
  const report: CompactionReport = {
    ran: true,
    supersededChanges: 0,
    oldChanges: 0,
    ledgerRows: 0,
    messageBodies: 0,
  };
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // Superseded rows, walked in windows of `batchRows` sequence numbers up to today's last row.
  const [bounds] = await db.query<{ lo: string | null; hi: string | null }>(
    'SELECT min(seq)::text AS lo, max(seq)::text AS hi FROM sync_changes',
  );
  if (bounds?.lo != null && bounds.hi != null) {
    const hi = BigInt(bounds.hi);
    for (let from = BigInt(bounds.lo) - 1n; from < hi; from += BigInt(config.batchRows)) {
      const n = await locked(db, (tx) =>
        count(
          tx,
          `WITH gone AS (
             DELETE FROM sync_changes c
             WHERE c.seq > $1::bigint AND c.seq <= $2::bigint
               AND EXISTS (SELECT 1 FROM sync_changes d
                           WHERE d.seller_id = c.seller_id AND d.kind = c.kind
                             AND d.entity_id = c.entity_id AND d.seq > c.seq)
             RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
          [from.toString(), (from + BigInt(config.batchRows)).toString()],
        ),
      );
      if (n === null) return { ...report, ran: false };
      report.supersededChanges += n;
    }
  }

  const steps: [keyof Omit<CompactionReport, 'ran' | 'supersededChanges'>, string, Date][] = [
    [
      'oldChanges',
      // The horizon moves in the same statement that deletes: pull reads it after the rows.
      `WITH gone AS (
         DELETE FROM sync_changes WHERE seq IN (
           SELECT seq FROM sync_changes WHERE created_at < $1 ORDER BY seq LIMIT $2)
         RETURNING seller_id, seq),
       moved AS (
         INSERT INTO sync_horizons (seller_id, seq)
         SELECT seller_id, max(seq) FROM gone GROUP BY seller_id
         ON CONFLICT (seller_id) DO UPDATE SET seq = greatest(sync_horizons.seq, EXCLUDED.seq)
         RETURNING 1)
       SELECT (SELECT count(*) FROM gone)::int AS n, (SELECT count(*) FROM moved)::int AS sellers`,
      cutoff(config.changeLogDays),
    ],
    [
      'ledgerRows',
      `WITH gone AS (
         DELETE FROM sync_mutations WHERE (device_id, mutation_id) IN (
           SELECT m.device_id, m.mutation_id FROM sync_mutations m JOIN devices d ON d.id = m.device_id
           WHERE m.created_at < $1 AND m.mutation_id <= d.last_mutation_id LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      cutoff(config.ledgerDays),
    ],
    [
      'messageBodies',
      `WITH gone AS (
         UPDATE notifications SET body_text = '', body_html = NULL, body_pruned_at = $3
         WHERE id IN (
           SELECT id FROM notifications
           WHERE status = 'sent' AND body_pruned_at IS NULL AND sent_at < $1 LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      cutoff(config.messageBodyDays),
    ],
  ];
  for (const [key, sql, before] of steps) {
    for (;;) {
      const params = key === 'messageBodies' ? [before, config.batchRows, now] : [before, config.batchRows];
      const n = await locked(db, (tx) => count(tx, sql, params));
      if (n === null) return { ...report, ran: false };
      report[key] += n;
      if (n < config.batchRows) break;
    }
  }
  return report;
}

async function count(tx: Queryable, sql: string, params: (string | number | Date)[]): Promise<number> {
  const [row] = await tx.query<{ n: number }>(sql, params);
  return row?.n ?? 0;
}

/** `fn` in a transaction that holds the compaction lock; `null` when another process has it. */
async function locked(db: Database, fn: (tx: Queryable) => Promise<number>): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [
      COMPACTION_LOCK_KEY,
    ]);
    return row?.got ? fn(tx) : null;
  });
}

export interface CompactionService {
  /** Plans the first pass after `firstDelayMs`, then one every `intervalMs`. */
  start(firstDelayMs?: number): void;
  /** Waits for a pass in progress; plans no more. */
  stop(): Promise<void>;
  runOnce(): Promise<CompactionReport>;
}

export function createCompactionService(options: {
  db: Database;
  config: RetentionConfig;
  now?: () => Date;
  log?: (line: string) => void;
}): CompactionService {
  const { db, config } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<CompactionReport> | undefined;
  let stopped = true;

  async function runOnce(): Promise<CompactionReport> {
    running = compactOnce(db, config, now());
    try {
      const report = await running;
      const removed = report.supersededChanges + report.oldChanges + report.ledgerRows + report.messageBodies;
      if (removed > 0) {
        log(
          `compaction: ${report.supersededChanges} superseded and ${report.oldChanges} old change-log rows, ` +
            `${report.ledgerRows} ledger rows, ${report.messageBodies} message bodies`,
        );
      }
      return report;
    } finally {
      running = undefined;
    }
  }

  function plan(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce()
        .catch((error: unknown) => log(`compaction failed: ${String(error)}`))
        .finally(() => plan(config.intervalMs));
    }, delayMs);
    timer.unref();
  }

  return {
    start(firstDelayMs = 60_000) {
      if (!stopped) return;
      stopped = false;
      plan(firstDelayMs);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    runOnce,
  };
}
