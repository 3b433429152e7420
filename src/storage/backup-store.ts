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
import { writeInSteps, type StoreWrite } from './write-steps.ts';
import { sameData } from '../core/backup/same-data.ts';

const SETTINGS_KEY = 'settings';
/**
 * How long the page clones rows for the database before giving its thread back. The restore is
 * the seller's only task while it runs, so its steps are longer than a commit's: 100,000 new
 * orders took 8.0 s in 100 ms steps, 12.4 s in 40 ms steps (the same machine, minutes apart), and
 * the page still paints between steps.
 */
const RESTORE_STEP_MS = 100;
/** Held rows read at once to compare with a backup's: bounds the memory and each task. */
const COMPARE_SLICE = 2_000;

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
   * Chromium's IndexedDB charges per request, not per byte, and a put over a row it holds costs
   * about 1.6 times a put of a new key (so does a put after `clear` in the same transaction). So
   * the rows the device holds are read first, in slices, and compared with the backup's: a row
   * that is already equal is not written again, a row the backup lacks is deleted, and only new or
   * changed rows are put. Restoring a device's own recent backup then writes little. When most
   * held rows would go (another shop's data), one `clear` replaces the deletes. It is still one
   * transaction, so a failure anywhere (quota, a bad key, a closed tab) aborts all of it.
   */
  async restore(backup: BackupData): Promise<void> {
    const db = this.#repo.db;
    if (!db.isOpen()) await db.open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction(RESTORE_STORES, 'readwrite', { durability: 'relaxed' });
      tx.oncomplete = () => resolve();
      let failure: unknown;
      tx.onabort = () =>
        reject(tx.error ?? failure ?? new DOMException('The restore was aborted.', 'AbortError'));
      const store = (name: (typeof RESTORE_STORES)[number]) => tx.objectStore(name);
      const firstPending = store('outbox').openCursor();
      const next = store('meta').get(NEXT_MUTATION_ID);
      const version = store('meta').get(DATA_VERSION);
      const replaced: Replace[] = [
        { store: store('orders'), rows: backup.orders },
        { store: store('parcels'), rows: backup.parcels },
        { store: store('events'), rows: backup.events.map(toRow) },
      ];
      planAll(replaced, (puts) => {
        const cursor = firstPending.result;
        const start =
          (cursor?.value as OutboxEntry | undefined)?.mutationId ??
          (typeof next.result?.value === 'number' ? (next.result.value as number) : 1);
        const dataVersion = typeof version.result?.value === 'number' ? (version.result.value as number) : 0;
        for (const name of ['outbox', 'settings', 'bases', 'rejections'] as const) store(name).clear();
        const outbox = backup.outbox.map((entry, i) => ({ ...entry, mutationId: start + i }));
        const writes: StoreWrite[] = [
          ...puts,
          { store: store('outbox'), method: 'put', items: outbox },
          {
            store: store('settings'),
            method: 'put',
            items: backup.settings ? [{ key: SETTINGS_KEY, value: backup.settings }] : [],
          },
          {
            store: store('meta'),
            method: 'put',
            items: [
              { key: NEXT_MUTATION_ID, value: start + backup.outbox.length },
              { key: DATA_VERSION, value: dataVersion + 1 },
            ],
          },
          { store: store('meta'), method: 'delete', items: [CURSOR_KEY] },
        ];
        // A failed write aborts the transaction, and `onabort` above answers with its error.
        writeInSteps(writes, { stepBudgetMs: RESTORE_STEP_MS }).catch((error: unknown) => (failure = error));
      });
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

/** A store whose rows become `rows` (as stored, keyed by `id`; ids unique, `parseBackup` checks). */
interface Replace {
  store: IDBObjectStore;
  rows: readonly { id: string }[];
}

/**
 * Reads the rows each store holds, a slice at a time in key order, and compares them with the
 * rows it should hold: deletes the held rows that are not among them (or clears the store when
 * most would go, as a request per row costs more than one `clear`), then calls `done` with the
 * rows still to be put, those the store does not already hold equal. Each slice is requested from
 * the success callback of the one before, so the transaction stays active throughout.
 */
function planAll(replaced: readonly Replace[], done: (puts: StoreWrite[]) => void): void {
  const puts: StoreWrite[] = [];
  let r = 0;
  const planNext = () => {
    const replace = replaced[r++];
    if (!replace) {
      done(puts);
      return;
    }
    const { store, rows } = replace;
    const wanted = new Map<string, number>();
    rows.forEach((row, i) => wanted.set(row.id, i));
    const alreadyHeld = new Uint8Array(rows.length);
    const missing: IDBValidKey[] = [];
    let held = 0;
    const readFrom = (after: IDBValidKey | null) => {
      const request = store.getAll(
        after === null ? null : IDBKeyRange.lowerBound(after, true),
        COMPARE_SLICE,
      );
      request.onsuccess = () => {
        const slice = request.result as { id: string }[];
        for (const row of slice) {
          held++;
          const i = wanted.get(row.id);
          if (i === undefined) missing.push(row.id);
          else if (sameData(row, rows[i])) alreadyHeld[i] = 1;
        }
        const last = slice.at(-1);
        if (slice.length === COMPARE_SLICE && last) {
          readFrom(last.id);
          return;
        }
        if (missing.length * 2 > held) {
          store.clear();
          puts.push({ store, method: 'put', items: rows });
        } else {
          for (const key of missing) store.delete(key);
          puts.push({ store, method: 'put', items: rows.filter((_, i) => alreadyHeld[i] === 0) });
        }
        planNext();
      };
    };
    readFrom(null);
  };
  planNext();
}
