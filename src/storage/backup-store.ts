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
/** Rows requested at once in a restore: each slice's structured clones are one task. */
const RESTORE_SLICE = 2_000;
/** Slices requested and not yet written: the database never waits for the page. */
const SLICES_IN_FLIGHT = 2;

export type BackupData = Pick<Backup, 'settings' | 'orders' | 'parcels' | 'events' | 'outbox'>;

function fromRow({ orderKey, ...rest }: EventRow): OrderEvent {
  return { ...rest, orderId: orderKey === BATCH_ORDER_KEY ? null : (orderKey as OrderId) };
}

function toRow({ orderId, ...rest }: OrderEvent): EventRow {
  return { ...rest, orderKey: orderId ?? BATCH_ORDER_KEY };
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
    // The first key of each, not a count: counting 100,000 orders walks all of them.
    const [order, entry] = await Promise.all([
      db.orders.limit(1).primaryKeys(),
      db.outbox.limit(1).primaryKeys(),
    ]);
    return order.length > 0 || entry.length > 0;
  }

  /**
   * Replaces orders, parcels, events, settings and the outbox with the backup's, in ONE
   * transaction. The backup's outbox keeps its order but is numbered on from this device's
   * mutation ids (the server knows this device by its own id and refuses gaps); pending entries
   * on this device are replaced, so numbering starts where they started. The pull cursor is reset
   * so a paired device fetches the server's state again; refusals already shown are dropped.
   *
   * Written with IndexedDB itself rather than through Dexie: 100,000 rows are one request each,
   * and Dexie's promise and middleware layers per call cost more than the database's own work.
   * Orders, parcels and events are put over what the device holds, and only the rows the backup
   * lacks are deleted: restoring a device's own backup then overwrites rows in place instead of
   * deleting all of them first (ids are unique within a backup, `parseBackup` checks it). It is
   * still one transaction, so a failure anywhere (quota, a bad key, a closed tab) aborts all of it.
   */
  async restore(backup: BackupData): Promise<void> {
    const db = this.#repo.db;
    if (!db.isOpen()) await db.open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction(RESTORE_STORES, 'readwrite', { durability: 'relaxed' });
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new DOMException('The restore was aborted.', 'AbortError'));
      const store = (name: (typeof RESTORE_STORES)[number]) => tx.objectStore(name);
      const firstPending = store('outbox').openCursor();
      const next = store('meta').get(NEXT_MUTATION_ID);
      const version = store('meta').get(DATA_VERSION);
      const held = {
        orders: store('orders').getAllKeys(),
        parcels: store('parcels').getAllKeys(),
        events: store('events').getAllKeys(),
      };
      held.events.onsuccess = () => {
        const cursor = firstPending.result;
        const start =
          (cursor?.value as OutboxEntry | undefined)?.mutationId ??
          (typeof next.result?.value === 'number' ? (next.result.value as number) : 1);
        const dataVersion = typeof version.result?.value === 'number' ? (version.result.value as number) : 0;
        for (const name of ['outbox', 'settings', 'bases', 'rejections'] as const) store(name).clear();
        dropMissing(store('orders'), held.orders.result, backup.orders);
        dropMissing(store('parcels'), held.parcels.result, backup.parcels);
        dropMissing(store('events'), held.events.result, backup.events);
        const writes: Write[] = [
          { store: store('orders'), rows: backup.orders, row: (order) => order },
          { store: store('parcels'), rows: backup.parcels, row: (parcel) => parcel },
          { store: store('events'), rows: backup.events, row: (event) => toRow(event as OrderEvent) },
          {
            store: store('outbox'),
            rows: backup.outbox,
            row: (entry, i) => ({ ...(entry as OutboxEntry), mutationId: start + i }),
          },
        ];
        putAll(writes, () => {
          if (backup.settings) store('settings').put({ key: SETTINGS_KEY, value: backup.settings });
          store('meta').put({ key: NEXT_MUTATION_ID, value: start + backup.outbox.length });
          store('meta').put({ key: DATA_VERSION, value: dataVersion + 1 });
          store('meta').delete(CURSOR_KEY);
        });
      };
    }).catch((error: unknown) => {
      throw this.#repo.reportQuota(error);
    });
    this.#repo.announceChange();
  }
}

const RESTORE_STORES = [
  'orders',
  'parcels',
  'events',
  'outbox',
  'settings',
  'meta',
  'bases',
  'rejections',
] as const;

interface Write {
  store: IDBObjectStore;
  rows: readonly unknown[];
  row: (item: unknown, index: number) => unknown;
}

/**
 * Deletes the rows held whose ids are not among `rows`' ids: one by one when they are few, with
 * one `clear` when most would go (a backup of another shop), as a request per row costs more.
 */
function dropMissing(store: IDBObjectStore, held: IDBValidKey[], rows: readonly { id: string }[]): void {
  if (held.length === 0) return;
  const kept = new Set<IDBValidKey>(rows.map((row) => row.id));
  const missing = held.filter((key) => !kept.has(key));
  if (missing.length * 2 > held.length) store.clear();
  else for (const key of missing) store.delete(key);
}

/**
 * Puts every row, then calls `finish`, all inside the one transaction. The rows are requested a
 * slice at a time, the next slice when the one before the last has been written: the database
 * always has the next slice queued while the page clones one, and the page's thread is given back
 * between slices (a request may only be made while the transaction is active, that is from within
 * the success callback of an earlier request). A failed request aborts the transaction.
 */
function putAll(writes: readonly Write[], finish: () => void): void {
  let w = 0;
  let i = 0;
  let inFlight = 0;
  const pump = () => {
    while (inFlight < SLICES_IN_FLIGHT) {
      while (w < writes.length && i >= (writes[w] as Write).rows.length) {
        w++;
        i = 0;
      }
      const write = writes[w];
      if (!write) {
        if (inFlight === 0) finish();
        return;
      }
      const end = Math.min(i + RESTORE_SLICE, write.rows.length);
      let last: IDBRequest | undefined;
      for (; i < end; i++) last = write.store.put(write.row(write.rows[i], i));
      inFlight++;
      (last as IDBRequest).onsuccess = () => {
        inFlight--;
        pump();
      };
    }
  };
  pump();
}
