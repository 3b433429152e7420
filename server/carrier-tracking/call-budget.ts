/**
 * The call budget of a rate-limited tracking API: at most `perDay` calls a UTC day, and calls at
 * least `intervalMs` apart. A caller reserves each call before making it and waits the time the
 * reservation answers; a reservation that would wait longer than one interval, or one past the
 * day's calls, is refused and the work stays due for a later run.
 *
 * `databaseCallBudget` keeps the budget in `tracking_call_budgets`, one row per provider, and
 * reserves with a single UPDATE (row-locked on PostgreSQL): every process on one database spends
 * the same budget. `memoryCallBudget` is one process's, for tests of an adapter alone.
 */
import type { Queryable } from '../db/database.ts';

export type Reservation = { ok: true; waitMs: number } | { ok: false; reason: string };

export interface CallBudget {
  /** Reserves the next call: start it after `waitMs`, or not at all when refused. */
  reserve(): Promise<Reservation>;
  /** No call starts before `ms` from now (the API said "too many requests"). */
  pauseFor(ms: number): Promise<void>;
}

export interface CallLimits {
  intervalMs: number;
  perDay: number;
}

export const DAILY_BUDGET_SPENT = 'daily call budget spent';
export const RATE_LIMITED = 'rate limited';

const MS_PER_DAY = 86_400_000;

export function memoryCallBudget(limits: CallLimits, now: () => number = () => Date.now()): CallBudget {
  let nextAt = 0;
  let day = -1;
  let calls = 0;
  return {
    reserve() {
      const at = now();
      const today = Math.floor(at / MS_PER_DAY);
      if (today !== day) {
        day = today;
        calls = 0;
      }
      if (calls >= limits.perDay) return Promise.resolve({ ok: false, reason: DAILY_BUDGET_SPENT });
      const slot = Math.max(nextAt, at);
      if (slot - at > limits.intervalMs) return Promise.resolve({ ok: false, reason: RATE_LIMITED });
      calls += 1;
      nextAt = slot + limits.intervalMs;
      return Promise.resolve({ ok: true, waitMs: slot - at });
    },
    pauseFor(ms) {
      nextAt = Math.max(nextAt, now() + ms);
      return Promise.resolve();
    },
  };
}

const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

export function databaseCallBudget(db: Queryable, provider: string, limits: CallLimits): CallBudget {
  const ensureRow = () =>
    db.query(
      `INSERT INTO tracking_call_budgets (provider, day) VALUES ($1, ${TODAY}) ON CONFLICT (provider) DO NOTHING`,
      [provider],
    );
  return {
    async reserve() {
      await ensureRow();
      // One statement: the day's count and the next slot move together, or not at all.
      const [row] = await db.query<{ wait_ms: number }>(
        `UPDATE tracking_call_budgets
            SET calls = CASE WHEN day = ${TODAY} THEN calls + 1 ELSE 1 END,
                day = ${TODAY},
                next_at = greatest(next_at, now()) + $2 * interval '1 millisecond'
          WHERE provider = $1
            AND (day <> ${TODAY} OR calls < $3)
            AND greatest(next_at, now()) <= now() + $2 * interval '1 millisecond'
          RETURNING greatest(0, extract(epoch FROM (next_at - now())) * 1000 - $2)::float8 AS wait_ms`,
        [provider, limits.intervalMs, limits.perDay],
      );
      if (row !== undefined) return { ok: true, waitMs: Math.round(Number(row.wait_ms)) };
      const [state] = await db.query<{ spent: boolean }>(
        `SELECT (day = ${TODAY} AND calls >= $2) AS spent FROM tracking_call_budgets WHERE provider = $1`,
        [provider, limits.perDay],
      );
      return { ok: false, reason: state?.spent ? DAILY_BUDGET_SPENT : RATE_LIMITED };
    },
    async pauseFor(ms) {
      await ensureRow();
      await db.query(
        `UPDATE tracking_call_budgets SET next_at = greatest(next_at, now() + $2 * interval '1 millisecond')
          WHERE provider = $1`,
        [provider, ms],
      );
    },
  };
}
