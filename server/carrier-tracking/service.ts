/**
 * Delivery statuses from tracking providers (off unless TRACKING_PROVIDERS or TRACKING_PROVIDER is
 * set), each parcel followed by the provider of its carrier; per provider:
 *
 *   push (parcel written) --record, in the push's transaction--> registration `pending`
 *   parcel.retrack        --record, in the push's transaction--> registration `retrack`
 *   runOnce(): pending -> provider.register -> `registered` | `rejected`
 *              retrack -> provider.retrack  -> `registered`
 *   webhook (signature checked) -> each update -> parcel status (+ order status) in the change log
 *
 * No transaction is held across a provider call: rows are claimed with a lease, the call is made,
 * the outcome is written (ending the lease). Several processes on one database claim different
 * rows. A registration that fails as a whole stays due and is tried on the next run.
 */
import { randomUUID } from 'node:crypto';
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { EventId } from '../../src/core/ids.ts';
import type { StoredParcel } from '../../src/core/protocol/index.ts';
import type { DeliveredHook } from '../notifications/sync-bridge.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { PushTracking } from '../sync/push.ts';
import {
  liveParcels,
  lockSellerFor,
  readOrderWithParcels,
  storedAfterFollow,
  writeServerChanges,
} from '../sync/server-writes.ts';
import { daysBetween } from '../../src/core/workflow/attention.ts';
import { expireWhenSilent } from '../../src/core/workflow/delivery-status.ts';
import type { RoutedProvider } from './config.ts';
import { followParcels } from '../../src/core/workflow/follow-parcels.ts';
import type { TrackingProviderAdapter, TrackingUpdate } from './provider.ts';

/** Pause between runs of the registration loop. */
export const TRACKING_INTERVAL_MS = 60_000;
/** How long a claimed batch is another process's to skip: far longer than one provider call. */
const CLAIM_LEASE_MS = 5 * 60_000;

export interface TrackingService extends PushTracking {
  /** The providers in use, each with its own webhook (when it has one). */
  readonly providers: readonly TrackingProviderAdapter[];
  /** Registers and re-tracks what is due; one batch of each, per provider. */
  runOnce(): Promise<{ registered: number; retracked: number; rejected: number; failed: number }>;
  /** Applies the updates of `provider`'s verified webhook call; answers how many parcels changed. */
  applyUpdates(provider: string, updates: readonly TrackingUpdate[]): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

type RunResult = Awaited<ReturnType<TrackingService['runOnce']>>;

interface DueRow {
  id: string;
  tracking_number: string;
  state: 'pending' | 'retrack';
}

/** The parcels an adapter follows when nothing routes them: its own carriers, else every one. */
function ownCarriers(provider: TrackingProviderAdapter): (carrierId: string | undefined) => boolean {
  return (carrierId) =>
    provider.carriers === undefined || (carrierId !== undefined && provider.carriers.includes(carrierId));
}

export function createTrackingService(
  deps: {
    db: Database;
    log?: (line: string) => void;
    intervalMs?: number;
    /** Queues the review reminder of an order an update delivered (see sync-bridge). */
    onDelivered?: DeliveredHook;
  } & (
    | { provider: TrackingProviderAdapter }
    /** Several providers, each for its carriers (`config.ts`): a parcel goes to one of them. */
    | { providers: readonly RoutedProvider[] }
  ),
): TrackingService {
  const { db } = deps;
  const routed: readonly RoutedProvider[] =
    'providers' in deps ? deps.providers : [{ adapter: deps.provider, follows: ownCarriers(deps.provider) }];
  const log = deps.log ?? ((line: string) => console.log(line));
  const emit = (event: string, fields: Record<string, unknown>) =>
    log(JSON.stringify({ at: new Date().toISOString(), component: 'tracking', event, ...fields }));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RunResult> | null = null;
  let started = false;

  /**
   * Claims one batch of due rows for `CLAIM_LEASE_MS`: another process skips them until the
   * outcome is written (which ends the lease) or the lease runs out (this one died).
   */
  async function due(provider: TrackingProviderAdapter, state: 'pending' | 'retrack'): Promise<DueRow[]> {
    return db.query<DueRow>(
      `UPDATE tracking_registrations SET lease_until = now() + $4 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM tracking_registrations
                      WHERE provider = $1 AND state = $2 AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY updated_at LIMIT $3
                      FOR UPDATE SKIP LOCKED)
        RETURNING id, tracking_number, state`,
      [provider.name, state, provider.batchSize, CLAIM_LEASE_MS],
    );
  }

  async function settle(
    provider: TrackingProviderAdapter,
    rows: DueRow[],
    call: Awaited<ReturnType<TrackingProviderAdapter['register']>>,
  ) {
    const counts = { ok: 0, rejected: 0, failed: 0 };
    if (!call.ok) {
      emit('provider_failed', { provider: provider.name, reason: call.reason, numbers: rows.length });
      counts.failed = rows.length;
      await db.query(
        `UPDATE tracking_registrations SET last_error = $2, lease_until = NULL, updated_at = now()
          WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id), call.reason],
      );
      return counts;
    }
    // An asked-not-called-back provider answers with the statuses; apply them like a webhook's.
    if (call.answer.updates?.length) await applyUpdates(provider.name, call.answer.updates);
    const rejected = new Map(call.answer.rejected.map((r) => [r.number, r]));
    for (const row of rows) {
      const refusal = rejected.get(row.tracking_number);
      const ok = refusal === undefined || refusal.alreadyKnown;
      if (ok) counts.ok++;
      else counts.rejected++;
      await db.query(
        `UPDATE tracking_registrations SET state = $2, last_error = $3, lease_until = NULL, updated_at = now()
          WHERE id = $1 AND state = $4`,
        [row.id, ok ? 'registered' : 'rejected', ok ? null : (refusal?.reason ?? null), row.state],
      );
    }
    return counts;
  }

  /**
   * A provider that never calls back is asked again about parcels still on their way once their
   * last answer is `pollEveryMs` old: they become due for a re-track. One statement, so several
   * processes doing it at once mark the same rows once.
   */
  async function markStale(provider: TrackingProviderAdapter): Promise<void> {
    if (provider.pollEveryMs === undefined) return;
    await db.query(
      `UPDATE tracking_registrations SET state = 'retrack'
        WHERE provider = $1 AND state = 'registered'
          AND updated_at < now() - make_interval(secs => $2)
          AND coalesce(split_part(last_status, '/', 1), '') <> 'delivered'`,
      [provider.name, provider.pollEveryMs / 1000],
    );
  }

  async function passOf(provider: TrackingProviderAdapter): Promise<RunResult> {
    await markStale(provider);
    const none = { ok: 0, rejected: 0, failed: 0 };
    const pending = await due(provider, 'pending');
    const registered =
      pending.length > 0
        ? await settle(
            provider,
            pending,
            await provider.register(pending.map((r) => ({ number: r.tracking_number, tag: r.id }))),
          )
        : none;
    const retrack = await due(provider, 'retrack');
    const retracked =
      retrack.length > 0
        ? await settle(
            provider,
            retrack,
            await provider.retrack(retrack.map((r) => ({ number: r.tracking_number }))),
          )
        : none;
    return {
      registered: registered.ok,
      retracked: retracked.ok,
      rejected: registered.rejected + retracked.rejected,
      failed: registered.failed + retracked.failed,
    };
  }

  async function pass(): Promise<RunResult> {
    const total: RunResult = { registered: 0, retracked: 0, rejected: 0, failed: 0 };
    for (const { adapter } of routed) {
      const one = await passOf(adapter);
      total.registered += one.registered;
      total.retracked += one.retracked;
      total.rejected += one.rejected;
      total.failed += one.failed;
    }
    return total;
  }

  function runOnce(): Promise<RunResult> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number): void {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => emit('run_failed', { error: String(error) }))
        .finally(() => schedule(deps.intervalMs ?? TRACKING_INTERVAL_MS));
    }, delayMs);
  }

  async function record(
    tx: Queryable,
    sellerId: string,
    parcels: readonly StoredParcel[],
    retrack: readonly StoredParcel[],
  ): Promise<void> {
    for (const { adapter, follows } of routed) {
      const rows = parcels.flatMap((p) =>
        p.parcel && p.parcel.trackingNumber.trim() !== '' && follows(p.parcel.carrierId)
          ? [{ id: randomUUID(), parcelId: p.id, orderId: p.orderId, number: p.parcel.trackingNumber.trim() }]
          : [],
      );
      if (rows.length > 0) {
        // A changed number is registered again; an unchanged one keeps its state.
        await tx.query(
          `INSERT INTO tracking_registrations (id, seller_id, parcel_id, order_id, provider, tracking_number)
           SELECT (x->>'id')::uuid, $1, x->>'parcelId', x->>'orderId', $2, x->>'number'
             FROM jsonb_array_elements($3::jsonb) AS x
           ON CONFLICT (seller_id, parcel_id, provider) DO UPDATE SET
             tracking_number = EXCLUDED.tracking_number,
             state = CASE WHEN tracking_registrations.tracking_number = EXCLUDED.tracking_number
                          THEN tracking_registrations.state ELSE 'pending' END,
             updated_at = now()`,
          [sellerId, adapter.name, JSON.stringify(rows)],
        );
      }
    }
    if (retrack.length > 0) {
      await tx.query(
        `UPDATE tracking_registrations SET state = 'retrack', updated_at = now()
          WHERE seller_id = $1 AND provider = ANY($2::text[]) AND parcel_id = ANY($3::text[])
            AND state IN ('registered', 'rejected')`,
        [sellerId, routed.map((r) => r.adapter.name), retrack.map((p) => p.id)],
      );
    }
  }

  async function applyOne(provider: string, update: TrackingUpdate): Promise<number> {
    const owners = await db.query<{ seller_id: string; parcel_id: string; order_id: string }>(
      `SELECT seller_id, parcel_id, order_id FROM tracking_registrations WHERE provider = $1 AND tracking_number = $2`,
      [provider, update.number],
    );
    let changed = 0;
    for (const owner of owners) {
      const done = await db.transaction(async (tx) => {
        await lockSellerFor(db, tx, owner.seller_id);
        await tx.query(
          `UPDATE tracking_registrations SET last_status = $3, updated_at = now()
            WHERE seller_id = $1 AND parcel_id = $2`,
          [
            owner.seller_id,
            owner.parcel_id,
            [update.providerStatus, update.providerSubStatus].filter(Boolean).join('/'),
          ],
        );
        const found = await readOrderWithParcels(tx, owner.seller_id, owner.order_id);
        const stored = found?.parcels.find((p) => p.id === owner.parcel_id);
        if (!found || !stored?.parcel) return false;
        const parcel = stored.parcel;
        const expectedAt = update.expectedAt ?? parcel.expectedAt;
        const at = new Date().toISOString();
        const shippedDays =
          parcel.shippedAt === undefined ? null : daysBetween(parcel.shippedAt, at.slice(0, 10));
        const status = expireWhenSilent(update.status, shippedDays);
        if (parcel.deliveryStatus === status && expectedAt === parcel.expectedAt) return false;
        const eventId = randomUUID() as EventId;
        const next: StoredParcel = {
          ...stored,
          parcel: {
            ...parcel,
            deliveryStatus: status,
            ...(expectedAt !== undefined ? { expectedAt } : {}),
            updatedAt: at,
          },
          stamp: { t: Date.parse(at), id: `${provider}:${eventId}` },
        };
        const parcels = found.parcels.map((p) => (p.id === next.id ? next : p));
        const followed = followParcels(found.order.order, liveParcels(parcels), {
          at,
          newEventId: () => randomUUID() as EventId,
        });
        const order = storedAfterFollow(found.order, followed, at, provider);
        const event: OrderEvent = {
          id: eventId,
          orderId: found.order.order.id,
          kind: 'parcel_changed',
          at,
          data: {
            trackingNumber: parcel.trackingNumber,
            deliveryStatus: status,
            source: provider,
          },
        };
        const reminders = (await deps.onDelivered?.(tx, owner.seller_id, followed.events)) ?? [];
        await writeServerChanges(tx, owner.seller_id, {
          orders: order === found.order ? [] : [order],
          parcels: [next],
          events: [event, ...followed.events, ...reminders],
        });
        return true;
      });
      if (done) changed++;
    }
    return changed;
  }

  async function applyUpdates(provider: string, updates: readonly TrackingUpdate[]): Promise<number> {
    let changed = 0;
    for (const update of updates) changed += await applyOne(provider, update);
    return changed;
  }

  return {
    providers: routed.map((r) => r.adapter),
    record,
    wake: () => schedule(0),
    runOnce,
    applyUpdates,
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
