/**
 * Housekeeping on a schedule: deletes what is kept only for a while, so tables do not grow for
 * ever and client addresses are not kept longer than a rate limit needs them.
 *
 *   every MAINTENANCE_INTERVAL_MS, in each process:
 *     claim the run (one UPDATE on `maintenance_runs`) --lost--> nothing (another process has it)
 *        |won
 *        v
 *     each sweep: one DELETE of the rows older than its retention
 *
 * The claim moves `next_run_at` forward only when it is due, in one statement, so with several
 * processes on one PostgreSQL one of them runs each interval and the others skip it. Deleting is
 * idempotent besides, so a run cut short is simply done again next time. Time comes from the
 * injected clock (tests move it); the rows' own times are the database's.
 */
import type { Database, Queryable } from './db/database.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './accounts/rate-limit.ts';

export const MAINTENANCE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * A rate-limit bucket untouched this long is full again (the slowest default bucket refills from
 * empty in 200 s), so deleting it changes no answer; its key is a client address (or /64).
 */
export const RATE_BUCKET_RETENTION_MS = 60 * 60 * 1000;

/** Whether a bucket of `limit` is certain to be full again after `RATE_BUCKET_RETENTION_MS`. */
export function bucketsRefillWithinRetention(limits: RateLimits = DEFAULT_RATE_LIMITS): boolean {
  return Object.values(limits).every(
    (limit) => ((2 * limit.burst) / limit.perSecond) * 1000 <= RATE_BUCKET_RETENTION_MS,
  );
}

/** One kind of row that expires: `sql` deletes what is older than `$1` (now minus `retentionMs`). */
export interface Sweep {
  name: string;
  retentionMs: number;
  sql: string;
}

export const SWEEPS: readonly Sweep[] = [
  {
    name: 'rate_buckets',
    retentionMs: RATE_BUCKET_RETENTION_MS,
    sql: 'DELETE FROM rate_buckets WHERE updated_at < $1',
  },
  {
    // Used or expired codes open nothing; they live 10 minutes at most.
    name: 'pairing_codes',
    retentionMs: 0,
    sql: 'DELETE FROM pairing_codes WHERE expires_at < $1 OR used_at IS NOT NULL',
  },
];

export type SweepCounts = Record<string, number>;

/** Runs every sweep once, now; answers how many rows each deleted. */
export async function sweep(
  db: Queryable,
  now: Date,
  sweeps: readonly Sweep[] = SWEEPS,
): Promise<SweepCounts> {
  const counts: SweepCounts = {};
  for (const s of sweeps) {
    const rows = await db.query<{ n: number }>(
      `WITH gone AS (${s.sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [new Date(now.getTime() - s.retentionMs)],
    );
    counts[s.name] = rows[0]?.n ?? 0;
  }
  return counts;
}

/** Takes the job's run for this interval; false when another process took it (or it is not due). */
export async function claimRun(db: Queryable, job: string, now: Date, intervalMs: number): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO maintenance_runs (job, next_run_at) VALUES ($1, $3)
     ON CONFLICT (job) DO UPDATE SET next_run_at = EXCLUDED.next_run_at
       WHERE maintenance_runs.next_run_at <= $2
     RETURNING job`,
    [job, now, new Date(now.getTime() + intervalMs)],
  );
  return rows.length > 0;
}

export interface MaintenanceDeps {
  db: Database;
  clock?: () => Date;
  intervalMs?: number;
  /** One JSON line per run that deleted something, or failed; `console.log` by default. */
  log?: (line: string) => void;
}

export interface Maintenance {
  /** One tick: claims the run and sweeps; `null` when another process had the run. */
  runOnce(): Promise<SweepCounts | null>;
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

const JOB = 'sweep';

export function createMaintenance({
  db,
  clock = () => new Date(),
  intervalMs = MAINTENANCE_INTERVAL_MS,
  log = (line) => console.log(line),
}: MaintenanceDeps): Maintenance {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function runOnce(): Promise<SweepCounts | null> {
    const now = clock();
    if (!(await claimRun(db, JOB, now, intervalMs))) return null;
    const counts = await sweep(db, now);
    if (Object.values(counts).some((n) => n > 0)) {
      log(JSON.stringify({ at: now.toISOString(), component: 'maintenance', event: 'swept', ...counts }));
    }
    return counts;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) =>
          log(
            JSON.stringify({
              at: clock().toISOString(),
              component: 'maintenance',
              event: 'failed',
              error: error instanceof Error ? error.name : typeof error,
            }),
          ),
        )
        .finally(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  }

  return {
    runOnce,
    start: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
