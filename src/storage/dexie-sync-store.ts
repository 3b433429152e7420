/**
 * The sync loop's storage (the `SyncStore` of src/sync/store.ts), on the same IndexedDB as the
 * repository. Every method is one short transaction; none is held across the network.
 *
 * Pulled changes never overwrite an order, parcel or the settings that a pending outbox entry
 * still changes: the local change wins until the server has it (it then logs the entity again,
 * and the next pull brings the server's resolution).
 */
import type { OutboxEntry } from '../core/outbox.ts';
import type { OrderEvent } from '../core/events.ts';
import {
  INITIAL_CURSOR,
  pendingTargets,
  type PulledChanges,
  type Rejection,
} from '../core/protocol/index.ts';
import { BATCH_ORDER_KEY, type EventRow, type RejectionRow } from './db.ts';
import { acknowledgeUpTo, pendingByIds, type DexieRepository } from './dexie-repository.ts';
import { expandRow } from './outbox-runs.ts';

const CURSOR_KEY = 'syncCursor';
const SETTINGS_KEY = 'settings';
const DATA_VERSION = 'dataVersion';

function toRow(event: OrderEvent): EventRow {
  const { orderId, ...rest } = event;
  return { ...rest, orderKey: orderId ?? BATCH_ORDER_KEY };
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
      [db.orders, db.parcels, db.events, db.settings, db.outbox, db.meta],
      async () => {
        const pending = pendingTargets((await db.outbox.toArray()).flatMap(expandRow));
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
        if (orders.length || parcels.length || removed.length) {
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
   * so putting one again stores the same record.
   */
  async applySnapshotPage(changes: PulledChanges, cursor: string): Promise<void> {
    const db = this.#repo.db;
    let touched = false;
    await db.transaction(
      'rw',
      [db.orders, db.parcels, db.events, db.settings, db.outbox, db.meta],
      async () => {
        const outbox = await db.outbox.toArray();
        const pending = pendingTargets(outbox.flatMap(expandRow));
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
        touched = orders.length + parcels.length + removed.length + changes.events.length > 0;
        if (orders.length || parcels.length || removed.length) {
          const version = await db.meta.get(DATA_VERSION);
          await db.meta.put({
            key: DATA_VERSION,
            value: (typeof version?.value === 'number' ? version.value : 0) + 1,
          });
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
