/**
 * The IndexedDB repository. Every write goes through one Dexie transaction that covers the data,
 * its events and the outbox; an exception anywhere inside aborts all of it (we never catch inside
 * the transaction, since catching a Dexie error there commits what succeeded).
 */
import Dexie from 'dexie';
import type { DeviceId, OrderId, ParcelId } from '../core/ids.ts';
import { randomId } from '../core/ids.ts';
import { nowIso, systemClock, type Clock } from '../core/clock.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { OutboxEntry, PendingMutation } from '../core/model/outbox.ts';
import { withDefaults, type Settings } from '../core/settings.ts';
import { expandImportMutation, isStoredImportMutation } from '../core/import/plan.ts';
import { BATCH_ORDER_KEY, openDb, type EventRow, type TrackpackDb } from './db.ts';
import { expandRow, lengthOf, toRows, trimRow } from './outbox-runs.ts';
import { writeInSteps, type StoreWrite } from './write-steps.ts';
import {
  SETTINGS_MUTATION,
  type Change,
  type ChangeListener,
  type CommitOptions,
  type Repository,
} from './repository.ts';

export const NEXT_MUTATION_ID = 'nextMutationId';
/** Grows with every commit that touches orders or parcels (see `Repository.dataVersion`). */
export const DATA_VERSION = 'dataVersion';
const DEVICE_ID = 'deviceId';
const SETTINGS_KEY = 'settings';
const CHANNEL_NAME = 'trackpack-changes';
/**
 * Most rows per write step inside one commit, and orders between two progress reports, unless the
 * caller says otherwise (`CommitOptions.sliceSize`). How long a step may take is the time budget's
 * business (`WRITE_STEP_BUDGET_MS`).
 */
export const COMMIT_SLICE = 10_000;
/**
 * Longest stretch of write requests made at once inside a commit, unless the caller says
 * otherwise (`CommitOptions.stepBudgetMs`). Each request clones its row on the calling thread: on
 * the page a step must stay well under the 50 ms of a long task on a 4x slower CPU.
 */
export const WRITE_STEP_BUDGET_MS = 8;
/** The stores a commit writes. */
const COMMIT_STORES = ['orders', 'parcels', 'events', 'outbox', 'meta'] as const;

/** The number a `meta` row holds, or `fallback`. */
function numberIn(row: unknown, fallback: number): number {
  const value = (row as { value?: unknown } | undefined)?.value;
  return typeof value === 'number' ? value : fallback;
}

/** `onProgress` as a `StoreWrite`'s, when there is one. */
function progress(onProgress: CommitOptions['onProgress']): Pick<StoreWrite, 'onProgress'> {
  return onProgress ? { onProgress } : {};
}

/** The first `limit` pending mutations, runs expanded. Call inside a transaction over `outbox`. */
export async function readPending(db: TrackpackDb, limit: number): Promise<OutboxEntry[]> {
  const rows: OutboxEntry[] = [];
  let covered = 0;
  // Row by row until enough: a run row stands for up to RUN_MAX mutations, so a fixed number of
  // rows could read thousands more than asked for.
  await db.outbox
    .orderBy(':id')
    .until(() => covered >= limit)
    .each((row) => {
      rows.push(row);
      covered += lengthOf(row);
    });
  return rows.flatMap(expandRow).slice(0, limit);
}

/**
 * Pending mutations: the rows cover one gap-free range of ids ending before the next id to be given
 * (see `outbox-runs.ts`), so the first row's key and that counter say how many, and no row is read.
 * Reading the first and last rows themselves cost 50 ms on a 4x slower CPU after an import (each a
 * run of 1,000 orders), on every change notification.
 */
export async function countPending(db: TrackpackDb): Promise<number> {
  return db.transaction('r', db.outbox, db.meta, async () => {
    const [first] = await db.outbox.orderBy(':id').limit(1).primaryKeys();
    if (first === undefined) return 0;
    return numberIn(await db.meta.get(NEXT_MUTATION_ID), first) - first;
  });
}

/** Removes every mutation up to `upTo`, keeping the rest of a run that goes beyond it. */
export async function acknowledgeUpTo(db: TrackpackDb, upTo: number): Promise<void> {
  const straddling = await db.outbox.where(':id').belowOrEqual(upTo).last();
  await db.outbox.where(':id').belowOrEqual(upTo).delete();
  const rest = straddling ? trimRow(straddling, upTo) : null;
  if (rest) await db.outbox.add(rest);
}

/** The pending entries with these mutation ids (inside runs too). */
export async function pendingByIds(
  db: TrackpackDb,
  ids: readonly number[],
): Promise<(OutboxEntry | undefined)[]> {
  return Promise.all(
    ids.map(async (id) => {
      const row = await db.outbox.where(':id').belowOrEqual(id).last();
      return row ? expandRow(row).find((entry) => entry.mutationId === id) : undefined;
    }),
  );
}

function toRow(event: OrderEvent): EventRow {
  const { orderId, ...rest } = event;
  return { ...rest, orderKey: orderId ?? BATCH_ORDER_KEY };
}

function fromRow(row: EventRow): OrderEvent {
  const { orderKey, ...rest } = row;
  return { ...rest, orderId: orderKey === BATCH_ORDER_KEY ? null : (orderKey as OrderId) };
}

/**
 * Trouble with the database itself, as opposed to a refused change:
 * - `quota`: the browser refused a write for lack of space (the transaction was rolled back whole);
 * - `versionchange`: another tab opened a newer schema; this tab closed its connection and must be
 *   reloaded before it can read or write again;
 * - `blocked`: this tab's schema upgrade waits for an older tab to close.
 */
export type StorageProblem = 'quota' | 'versionchange' | 'blocked';

/** Whether an IndexedDB/Dexie error is the browser refusing a write for lack of space. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}

export class DexieRepository implements Repository {
  readonly #db: TrackpackDb;
  readonly #listeners = new Set<ChangeListener>();
  readonly #problemListeners = new Set<(problem: StorageProblem) => void>();
  readonly #channel: BroadcastChannel | undefined;
  readonly #clock: Clock;

  /** `clock` dates the outbox entries (when each change was queued for sync). */
  constructor(name?: string, { clock = systemClock }: { clock?: Clock } = {}) {
    this.#db = openDb(name);
    this.#clock = clock;
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(`${CHANNEL_NAME}:${this.#db.name}`);
      this.#channel.onmessage = () => this.#notify();
    }
    // A newer tab wants to upgrade the schema: let it (close), and tell this tab's user to reload.
    this.#db.on('versionchange', () => {
      this.#db.close({ disableAutoOpen: true });
      this.#problem('versionchange');
      return false;
    });
    this.#db.on('blocked', () => this.#problem('blocked'));
  }

  /** Listens for `StorageProblem`s; returns the unsubscribe function. */
  onProblem(listener: (problem: StorageProblem) => void): () => void {
    this.#problemListeners.add(listener);
    return () => this.#problemListeners.delete(listener);
  }

  /** Tells the listeners when `error` is a quota error; returns `error` for rethrowing. */
  reportQuota(error: unknown): unknown {
    if (isQuotaError(error)) this.#problem('quota');
    return error;
  }

  #problem(problem: StorageProblem): void {
    for (const listener of this.#problemListeners) listener(problem);
  }

  get db(): TrackpackDb {
    return this.#db;
  }

  getOrder(id: OrderId): Promise<Order | undefined> {
    return this.#db.orders.get(id);
  }

  getOrders(ids: readonly OrderId[]): Promise<(Order | undefined)[]> {
    return this.#db.orders.bulkGet([...ids]);
  }

  allOrders(): Promise<Order[]> {
    return this.#db.orders.toArray();
  }

  countOrders(): Promise<number> {
    return this.#db.orders.count();
  }

  ordersPage(afterId: OrderId | null, limit: number): Promise<Order[]> {
    return this.#page<Order>('orders', afterId, limit);
  }

  parcelsPage(afterId: ParcelId | null, limit: number): Promise<Parcel[]> {
    return this.#page<Parcel>('parcels', afterId, limit);
  }

  /**
   * Up to `limit` rows by primary key after `afterId`, in one plain IndexedDB `getAll`. Opening
   * 100,000 orders reads 100 pages; through Dexie's query layers each page cost about 5 ms of a
   * 4x slower main thread besides the read itself.
   */
  async #page<T>(store: 'orders' | 'parcels', afterId: string | null, limit: number): Promise<T[]> {
    const db = this.#db;
    if (!db.isOpen()) await db.open();
    return new Promise<T[]>((resolve, reject) => {
      const request = db
        .backendDB()
        .transaction(store, 'readonly')
        .objectStore(store)
        .getAll(afterId === null ? null : IDBKeyRange.lowerBound(afterId, true), limit);
      request.onsuccess = () => resolve(request.result as T[]);
      request.onerror = () => reject(request.error ?? new DOMException('The page could not be read.'));
    });
  }

  async dataVersion(): Promise<number> {
    const row = await this.#db.meta.get(DATA_VERSION);
    return typeof row?.value === 'number' ? row.value : 0;
  }

  parcelsOf(orderId: OrderId): Promise<Parcel[]> {
    return this.#db.parcels.where('orderId').equals(orderId).toArray();
  }

  async historyOf(orderId: OrderId): Promise<OrderEvent[]> {
    const rows = await this.#db.events
      .where('[orderKey+at]')
      .between([orderId, Dexie.minKey], [orderId, Dexie.maxKey])
      .toArray();
    return rows.map(fromRow);
  }

  async batchEvents(limit: number): Promise<OrderEvent[]> {
    const rows = await this.#db.events
      .where('[orderKey+at]')
      .between([BATCH_ORDER_KEY, Dexie.minKey], [BATCH_ORDER_KEY, Dexie.maxKey])
      .reverse()
      .limit(limit)
      .toArray();
    return rows.map(fromRow);
  }

  async commit(
    change: Change,
    {
      signal,
      onProgress,
      sliceSize = COMMIT_SLICE,
      stepBudgetMs = WRITE_STEP_BUDGET_MS,
      onStep,
    }: CommitOptions = {},
  ): Promise<void> {
    const db = this.#db;
    signal?.throwIfAborted();
    if (!db.isOpen()) await db.open();
    const slice = Math.max(1, Math.floor(sliceSize));
    // Plain IndexedDB requests in steps (`writeInSteps`): on the page, writing 10,000 orders with
    // their events and outbox rows through Dexie's bulkPut in 500-row calls made tasks of 100-1,000
    // ms on a 4x slower CPU (each call clones its rows in one go, plus Dexie's layers per row).
    await new Promise<void>((resolve, reject) => {
      const tx = db.backendDB().transaction(COMMIT_STORES, 'readwrite', { durability: 'relaxed' });
      let cancelled: unknown;
      let failure: unknown;
      const cancel = () => {
        cancelled = signal?.reason ?? new DOMException('The change was cancelled.', 'AbortError');
        tx.abort();
      };
      signal?.addEventListener('abort', cancel);
      tx.oncomplete = () => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      };
      tx.onabort = () => {
        signal?.removeEventListener('abort', cancel);
        reject(cancelled ?? tx.error ?? failure ?? new DOMException('The change was aborted.', 'AbortError'));
      };
      const store = (name: (typeof COMMIT_STORES)[number]) => tx.objectStore(name);
      const version = store('meta').get(DATA_VERSION);
      const counter = store('meta').get(NEXT_MUTATION_ID);
      // Requests answer in order: once the counter is read, so is the version.
      counter.onsuccess = () => {
        const orders = change.orders ?? [];
        const first = numberIn(counter.result, 1);
        const touchesData = orders.length || change.parcels?.length || change.removeParcels?.length;
        const writes: StoreWrite[] = [
          {
            store: store('orders'),
            method: 'put',
            items: orders,
            progressEvery: slice,
            ...progress(onProgress),
          },
          { store: store('parcels'), method: 'put', items: change.parcels ?? [] },
          { store: store('parcels'), method: 'delete', items: change.removeParcels ?? [] },
          // `add` refuses an existing event id, which aborts the whole transaction.
          {
            store: store('events'),
            method: 'add',
            items: change.events,
            row: (event) => toRow(event as OrderEvent),
          },
          {
            store: store('outbox'),
            method: 'add',
            items: toRows(change.mutations, first, nowIso(this.#clock)),
          },
          {
            store: store('meta'),
            method: 'put',
            items: [
              ...(touchesData ? [{ key: DATA_VERSION, value: numberIn(version.result, 0) + 1 }] : []),
              ...(change.mutations.length
                ? [{ key: NEXT_MUTATION_ID, value: first + change.mutations.length }]
                : []),
            ],
          },
        ];
        // A failed write aborts the transaction, and `onabort` above answers with its error.
        writeInSteps(writes, { stepBudgetMs, stepMax: slice, ...(onStep ? { onStep } : {}) }).catch(
          (error: unknown) => (failure = error),
        );
      };
    }).catch((error: unknown) => {
      throw this.reportQuota(error);
    });
    this.#changed();
  }

  /** Must run inside a transaction that includes `outbox` and `meta`. */
  async #enqueue(mutations: readonly PendingMutation[]): Promise<void> {
    if (mutations.length === 0) return;
    const db = this.#db;
    const counter = await db.meta.get(NEXT_MUTATION_ID);
    const first = typeof counter?.value === 'number' ? counter.value : 1;
    await db.outbox.bulkAdd(toRows(mutations, first, nowIso(this.#clock)));
    await db.meta.put({ key: NEXT_MUTATION_ID, value: first + mutations.length });
  }

  async pendingMutations(limit: number): Promise<OutboxEntry[]> {
    const db = this.#db;
    // One read transaction: the entries and the orders an import mutation refers to.
    return db.transaction('r', [db.outbox, db.orders], async () => {
      const entries = await readPending(db, limit);
      return Promise.all(
        entries.map(async (entry) =>
          isStoredImportMutation(entry.name, entry.args)
            ? {
                ...entry,
                args: expandImportMutation(entry.args, await db.orders.bulkGet(entry.args.orderIds)),
              }
            : entry,
        ),
      );
    });
  }

  countPending(): Promise<number> {
    return countPending(this.#db);
  }

  async acknowledge(upTo: number): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.outbox, () => acknowledgeUpTo(db, upTo));
    this.#changed();
  }

  async getSettings(): Promise<Settings> {
    const row = await this.#db.settings.get(SETTINGS_KEY);
    // Settings saved by an older version lack newer sections: complete them with defaults.
    return withDefaults(row?.value as Partial<Settings> | undefined);
  }

  async saveSettings(settings: Settings): Promise<void> {
    const db = this.#db;
    await db
      .transaction('rw', [db.settings, db.outbox, db.meta], async () => {
        await db.settings.put({ key: SETTINGS_KEY, value: settings });
        await this.#enqueue([{ name: SETTINGS_MUTATION, args: settings }]);
      })
      .catch((error: unknown) => {
        throw this.reportQuota(error);
      });
    this.#changed();
  }

  async getLocal<T>(key: string): Promise<T | undefined> {
    return (await this.#db.meta.get(`local:${key}`))?.value as T | undefined;
  }

  async setLocal(key: string, value: unknown): Promise<void> {
    await this.#db.meta.put({ key: `local:${key}`, value });
  }

  async deviceId(): Promise<DeviceId> {
    const db = this.#db;
    return db.transaction('rw', db.meta, async () => {
      const row = await db.meta.get(DEVICE_ID);
      if (typeof row?.value === 'string') return row.value as DeviceId;
      const id = randomId() as DeviceId;
      await db.meta.put({ key: DEVICE_ID, value: id });
      return id;
    });
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#channel?.close();
    this.#db.close();
  }

  /** For writers that share this database (the sync store): tells this tab and the others. */
  announceChange(): void {
    this.#changed();
  }

  #changed(): void {
    this.#channel?.postMessage('changed');
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
