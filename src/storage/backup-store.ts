/**
 * Backup and restore on the device's IndexedDB: reads everything a backup holds in one read
 * transaction, and replaces it from a backup in one write transaction, so a restore that fails
 * (quota, a closed tab) leaves the device exactly as it was. The file format is
 * src/core/backup/format.ts; compression and the download are the platform's.
 */
import type { OrderEvent } from '../core/model/events.ts';
import type { OrderId } from '../core/ids.ts';
import type { OutboxEntry } from '../core/model/outbox.ts';
import type { Settings } from '../core/settings.ts';
import type { Backup } from '../core/backup/format.ts';
import { BATCH_ORDER_KEY, type EventRow } from './db.ts';
import { DATA_VERSION, NEXT_MUTATION_ID, type DexieRepository } from './dexie-repository.ts';
import { CURSOR_KEY } from './dexie-sync-store.ts';
import { expandRow } from './outbox-runs.ts';

const SETTINGS_KEY = 'settings';
/** Rows per bulkAdd in a restore: keeps each structured clone short. */
const RESTORE_SLICE = 10_000;

export type BackupData = Pick<Backup, 'settings' | 'orders' | 'parcels' | 'events' | 'outbox'>;

function fromRow({ orderKey, ...rest }: EventRow): OrderEvent {
  return { ...rest, orderId: orderKey === BATCH_ORDER_KEY ? null : (orderKey as OrderId) };
}

function toRow({ orderId, ...rest }: OrderEvent): EventRow {
  return { ...rest, orderKey: orderId ?? BATCH_ORDER_KEY };
}

function slices<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += RESTORE_SLICE) parts.push(items.slice(i, i + RESTORE_SLICE));
  return parts;
}

export class DexieBackupStore {
  readonly #repo: DexieRepository;

  constructor(repo: DexieRepository) {
    this.#repo = repo;
  }

  /** Everything a backup holds, as of one moment; rows in key order, the outbox one per mutation. */
  async read(): Promise<BackupData> {
    const db = this.#repo.db;
    return db.transaction('r', [db.orders, db.parcels, db.events, db.outbox, db.settings], async () => {
      const [orders, parcels, events, outbox, settings] = await Promise.all([
        db.orders.toArray(),
        db.parcels.toArray(),
        db.events.toArray(),
        db.outbox.toArray(),
        db.settings.get(SETTINGS_KEY),
      ]);
      return {
        settings: (settings?.value as Settings | undefined) ?? null,
        orders,
        parcels,
        events: events.map(fromRow),
        outbox: outbox.flatMap(expandRow),
      };
    });
  }

  /** Whether the device holds anything a restore would replace. */
  async hasData(): Promise<boolean> {
    const db = this.#repo.db;
    const [orders, outbox] = await Promise.all([db.orders.count(), db.outbox.count()]);
    return orders > 0 || outbox > 0;
  }

  /**
   * Replaces orders, parcels, events, settings and the outbox with the backup's, in ONE
   * transaction. The backup's outbox keeps its order but is numbered on from this device's
   * mutation ids (the server knows this device by its own id and refuses gaps); pending entries
   * on this device are replaced, so numbering starts where they started. The pull cursor is reset
   * so a paired device fetches the server's state again; refusals already shown are dropped.
   */
  async restore(
    backup: Pick<Backup, 'settings' | 'orders' | 'parcels' | 'events' | 'outbox'>,
  ): Promise<void> {
    const db = this.#repo.db;
    await db
      .transaction(
        'rw',
        [db.orders, db.parcels, db.events, db.outbox, db.settings, db.meta, db.bases, db.rejections],
        async () => {
          const firstPending = await db.outbox.orderBy(':id').first();
          const next = await db.meta.get(NEXT_MUTATION_ID);
          const start = firstPending?.mutationId ?? (typeof next?.value === 'number' ? next.value : 1);
          await Promise.all([
            db.orders.clear(),
            db.parcels.clear(),
            db.events.clear(),
            db.outbox.clear(),
            db.settings.clear(),
            db.bases.clear(),
            db.rejections.clear(),
          ]);
          const outbox: OutboxEntry[] = backup.outbox.map((entry, i) => ({
            ...entry,
            mutationId: start + i,
          }));
          // Every slice is requested at once: IndexedDB queues them in the transaction, and the
          // database process writes one while the page clones the next, instead of waiting for
          // each slice's round trip.
          await Promise.all([
            ...slices(backup.orders).map((part) => db.orders.bulkAdd(part)),
            ...slices(backup.parcels).map((part) => db.parcels.bulkAdd(part)),
            ...slices(backup.events).map((part) => db.events.bulkAdd(part.map(toRow))),
            ...slices(outbox).map((part) => db.outbox.bulkAdd(part)),
          ]);
          if (backup.settings) await db.settings.put({ key: SETTINGS_KEY, value: backup.settings });
          const version = await db.meta.get(DATA_VERSION);
          await db.meta.bulkPut([
            { key: NEXT_MUTATION_ID, value: start + outbox.length },
            { key: DATA_VERSION, value: (typeof version?.value === 'number' ? version.value : 0) + 1 },
          ]);
          await db.meta.delete(CURSOR_KEY);
        },
      )
      .catch((error: unknown) => {
        throw this.#repo.reportQuota(error);
      });
    this.#repo.announceChange();
  }
}
