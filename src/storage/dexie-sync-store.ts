/**
 * The sync loop's storage (the `SyncStore` of src/sync/store.ts), on the same IndexedDB as the
 * repository. Every method is one short transaction; none is held across the network.
 *
 * A pulled order, parcel or the settings that a pending outbox entry still changes is kept as the
 * server's version (a row in `bases`), and the device shows it with the pending mutations applied
 * on top (`rebase` in src/core/protocol). Once no pending mutation touches it, a pull settles it:
 * the device shows the server's version. See `rebaseOnPull`.
 */
import type { OutboxEntry } from '../core/model/outbox.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { EventId, OrderId, ParcelId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { Settings } from '../core/settings.ts';
import {
  INITIAL_CURSOR,
  pendingTargets,
  rebase,
  rebaseNeeds,
  type PendingTargets,
  type PulledChanges,
  type RebaseBase,
  type Rejection,
} from '../core/protocol/index.ts';
import { BATCH_ORDER_KEY, type EventRow, type RejectionRow, type TrackpackDb } from './db.ts';
import { acknowledgeUpTo, pendingByIds, type DexieRepository } from './dexie-repository.ts';
import { expandRow } from './outbox-runs.ts';

export const CURSOR_KEY = 'syncCursor';
const SETTINGS_KEY = 'settings';
const DATA_VERSION = 'dataVersion';

function toRow(event: OrderEvent): EventRow {
  const { orderId, ...rest } = event;
  return { ...rest, orderKey: orderId ?? BATCH_ORDER_KEY };
}

function fromRow(row: EventRow): OrderEvent {
  const { orderKey, ...rest } = row;
  return { ...rest, orderId: orderKey === BATCH_ORDER_KEY ? null : (orderKey as OrderId) };
}

/** Keys of `bases` rows: `o:<order id>`, `p:<parcel id>` (value `null`: removed), `settings`. */
const orderBase = (id: string) => `o:${id}`;
const parcelBase = (id: string) => `p:${id}`;
const SETTINGS_BASE = 'settings';

function isPending(pending: PendingTargets, key: string): boolean {
  if (key === SETTINGS_BASE) return pending.settings;
  const id = key.slice(2);
  return key.startsWith('o:') ? pending.orders.has(id as OrderId) : pending.parcels.has(id as ParcelId);
}

/**
 * Part of `applyPulled` and `applySnapshotPage`, in its transaction: keeps the pulled versions of entities with pending
 * mutations as bases, settles the bases no pending mutation touches any more (the device shows
 * the server's version), and shows the rest rebased. Returns whether it wrote anything visible.
 */
async function rebaseOnPull(
  db: TrackpackDb,
  changes: PulledChanges,
  pending: PendingTargets,
  entries: readonly OutboxEntry[],
): Promise<boolean> {
  const pulled = [
    ...changes.orders
      .filter((o) => pending.orders.has(o.id))
      .map((o) => ({ key: orderBase(o.id), value: o })),
    ...changes.parcels
      .filter((p) => pending.parcels.has(p.id))
      .map((p) => ({ key: parcelBase(p.id), value: p })),
    ...changes.removedParcels
      .filter((id) => pending.parcels.has(id))
      .map((id) => ({ key: parcelBase(id), value: null })),
    ...(changes.settings && pending.settings ? [{ key: SETTINGS_BASE, value: changes.settings }] : []),
  ];
  if (pulled.length) await db.bases.bulkPut(pulled);
  const rows = await db.bases.toArray();
  if (rows.length === 0) return false;
  // A base no pending mutation touches whose entity this page brings again is superseded: the
  // page's version, already written, is newer than the base kept from an earlier pull.
  const superseded = new Set([
    ...changes.orders.map((o) => orderBase(o.id)),
    ...changes.parcels.map((p) => parcelBase(p.id)),
    ...changes.removedParcels.map(parcelBase),
    ...(changes.settings ? [SETTINGS_BASE] : []),
  ]);

  const base = { orders: new Map<OrderId, Order>(), parcels: new Map<ParcelId, Parcel | null>() };
  let baseSettings: Settings | undefined;
  const settled: string[] = [];
  const settledOrders: Order[] = [];
  const settledParcels: Parcel[] = [];
  const settledRemovals: ParcelId[] = [];
  for (const row of rows) {
    if (superseded.has(row.key) && !isPending(pending, row.key)) {
      settled.push(row.key);
    } else if (row.key === SETTINGS_BASE) {
      if (pending.settings) baseSettings = row.value as Settings;
      else {
        await db.settings.put({ key: SETTINGS_KEY, value: row.value });
        settled.push(row.key);
      }
    } else if (row.key.startsWith('o:')) {
      const id = row.key.slice(2) as OrderId;
      if (pending.orders.has(id)) base.orders.set(id, row.value as Order);
      else {
        settledOrders.push(row.value as Order);
        settled.push(row.key);
      }
    } else {
      const id = row.key.slice(2) as ParcelId;
      const parcel = row.value as Parcel | null;
      if (pending.parcels.has(id)) base.parcels.set(id, parcel);
      else {
        if (parcel) settledParcels.push(parcel);
        else settledRemovals.push(id);
        settled.push(row.key);
      }
    }
  }
  if (settledOrders.length) await db.orders.bulkPut(settledOrders);
  if (settledParcels.length) await db.parcels.bulkPut(settledParcels);
  if (settledRemovals.length) await db.parcels.bulkDelete(settledRemovals);
  if (settled.length) await db.bases.bulkDelete(settled);

  const based: RebaseBase = { ...base, ...(baseSettings ? { settings: baseSettings } : {}) };
  const needs = rebaseNeeds(based, entries);
  const [orders, parcels, events] = await Promise.all([
    db.orders.bulkGet(needs.orders),
    db.parcels.bulkGet(needs.parcels),
    db.events.bulkGet(needs.events),
  ]);
  const rebased = rebase(based, needs.entries, {
    orders: new Map(orders.flatMap((o) => (o ? [[o.id, o] as const] : []))),
    parcels: new Map(parcels.flatMap((p) => (p ? [[p.id, p] as const] : []))),
    events: new Map<EventId, OrderEvent>(events.flatMap((e) => (e ? [[e.id, fromRow(e)] as const] : []))),
  });
  if (rebased.orders.size) await db.orders.bulkPut([...rebased.orders.values()]);
  const kept = [...rebased.parcels.values()].filter((p): p is Parcel => p !== null);
  const gone = [...rebased.parcels].flatMap(([id, p]) => (p ? [] : [id]));
  if (kept.length) await db.parcels.bulkPut(kept);
  if (gone.length) await db.parcels.bulkDelete(gone);
  if (rebased.settings) await db.settings.put({ key: SETTINGS_KEY, value: rebased.settings });
  return true;
}

export class DexieSyncStore {
  readonly #repo: DexieRepository;

  constructor(repo: DexieRepository) {
    this.#repo = repo;
  }

  pendingMutations(limit: number): Promise<OutboxEntry[]> {
    return this.#repo.pendingMutations(limit);
  }

  countPending(): Promise<number> {
    return this.#repo.countPending();
  }

  /** When the oldest change still waiting for the server was made (device time); none: undefined. */
  async oldestPendingAt(): Promise<string | undefined> {
    // The index's keys only: no row (a run of up to 1,000 orders) is read.
    const [oldest] = await this.#repo.db.outbox.orderBy('createdAt').limit(1).keys();
    return typeof oldest === 'string' ? oldest : undefined;
  }

  async acknowledge(upTo: number, rejections: readonly Rejection[]): Promise<void> {
    const db = this.#repo.db;
    await db.transaction('rw', [db.outbox, db.rejections], async () => {
      if (rejections.length) {
        const ids = rejections.map((r) => r.id);
        const [entries, known] = await Promise.all([pendingByIds(db, ids), db.rejections.bulkGet(ids)]);
        // A rejection sent again after a lost response is already kept (and its outbox entry gone).
        const rows: RejectionRow[] = rejections.flatMap((r, i) =>
          known[i]
            ? []
            : [
                {
                  ...r,
                  args: entries[i]?.args ?? null,
                  createdAt: entries[i]?.createdAt ?? new Date().toISOString(),
                },
              ],
        );
        if (rows.length) await db.rejections.bulkAdd(rows);
      }
      await acknowledgeUpTo(db, upTo);
    });
    this.#repo.announceChange();
  }

  async getCursor(): Promise<string> {
    const row = await this.#repo.db.meta.get(CURSOR_KEY);
    return typeof row?.value === 'string' ? row.value : INITIAL_CURSOR;
  }

  async applyPulled(changes: PulledChanges, cursor: string): Promise<void> {
    const db = this.#repo.db;
    let touched = false;
    await db.transaction(
      'rw',
      [db.orders, db.parcels, db.events, db.settings, db.outbox, db.meta, db.bases],
      async () => {
        const entries = (await db.outbox.toArray()).flatMap(expandRow);
        const pending = pendingTargets(entries);
        const orders = changes.orders.filter((o) => !pending.orders.has(o.id));
        const parcels = changes.parcels.filter((p) => !pending.parcels.has(p.id));
        const removed = changes.removedParcels.filter((id) => !pending.parcels.has(id));
        if (orders.length) await db.orders.bulkPut(orders);
        if (parcels.length) await db.parcels.bulkPut(parcels);
        if (removed.length) await db.parcels.bulkDelete(removed);
        if (changes.events.length) {
          const known = new Set(
            (await db.events.bulkGet(changes.events.map((e) => e.id))).flatMap((e) => (e ? [e.id] : [])),
          );
          const fresh = changes.events.filter((e) => !known.has(e.id)).map(toRow);
          if (fresh.length) await db.events.bulkAdd(fresh);
          touched ||= fresh.length > 0;
        }
        if (changes.settings && !pending.settings) {
          await db.settings.put({ key: SETTINGS_KEY, value: changes.settings });
          touched = true;
        }
        const rebased = await rebaseOnPull(db, changes, pending, entries);
        if (orders.length || parcels.length || removed.length || rebased) {
          const version = await db.meta.get(DATA_VERSION);
          await db.meta.put({
            key: DATA_VERSION,
            value: (typeof version?.value === 'number' ? version.value : 0) + 1,
          });
          touched = true;
        }
        await db.meta.put({ key: CURSOR_KEY, value: cursor });
      },
    );
    if (touched) this.#repo.announceChange();
  }

  /**
   * One page of a snapshot (see `SyncStore.applySnapshotPage`). Built for a new device that
   * copies a whole shop: bulk writes without reading back what is there; events are write-once,
   * so putting one again stores the same record. Entities a pending outbox entry still changes
   * are rebased on the page's version, as in `applyPulled`.
   */
  async applySnapshotPage(changes: PulledChanges, cursor: string): Promise<void> {
    const db = this.#repo.db;
    let touched = false;
    await db.transaction(
      'rw',
      [db.orders, db.parcels, db.events, db.settings, db.outbox, db.meta, db.bases],
      async () => {
        const outbox = await db.outbox.toArray();
        const entries = outbox.flatMap(expandRow);
        const pending = pendingTargets(entries);
        const keep = <T>(items: readonly T[], pendingHas: (item: T) => boolean): readonly T[] =>
          outbox.length === 0 ? items : items.filter((item) => !pendingHas(item));
        const orders = keep(changes.orders, (o) => pending.orders.has(o.id));
        const parcels = keep(changes.parcels, (p) => pending.parcels.has(p.id));
        const removed = keep(changes.removedParcels, (id) => pending.parcels.has(id));
        if (orders.length) await db.orders.bulkPut([...orders]);
        if (parcels.length) await db.parcels.bulkPut([...parcels]);
        if (removed.length) await db.parcels.bulkDelete([...removed]);
        if (changes.events.length) await db.events.bulkPut(changes.events.map(toRow));
        if (changes.settings && !pending.settings) {
          await db.settings.put({ key: SETTINGS_KEY, value: changes.settings });
        }
        const rebased = await rebaseOnPull(db, changes, pending, entries);
        touched = orders.length + parcels.length + removed.length + changes.events.length > 0;
        if (orders.length || parcels.length || removed.length || rebased) {
          const version = await db.meta.get(DATA_VERSION);
          await db.meta.put({
            key: DATA_VERSION,
            value: (typeof version?.value === 'number' ? version.value : 0) + 1,
          });
          touched = true;
        }
        touched ||= changes.settings !== null;
        await db.meta.put({ key: CURSOR_KEY, value: cursor });
      },
    );
    if (touched) this.#repo.announceChange();
  }

  /** Refused mutations, newest first, for the sync-problems list and the order page. */
  async rejections(): Promise<RejectionRow[]> {
    return (await this.#repo.db.rejections.toArray()).sort((a, b) => b.id - a.id);
  }

  /** The seller has seen a refusal and dismisses it. */
  async dismissRejection(id: number): Promise<void> {
    await this.#repo.db.rejections.delete(id);
    this.#repo.announceChange();
  }

  /** Removes everything sync knows (cursor, refusals); for "leave this account". */
  async resetCursor(): Promise<void> {
    await this.#repo.db.meta.delete(CURSOR_KEY);
  }
}
