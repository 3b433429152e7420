/**
 * The storage boundary. The rest of the app talks to this interface; `DexieRepository` keeps the
 * data in IndexedDB and `MemoryRepository` keeps it in memory for tests. Both pass the same
 * contract tests (`repository.contract.ts`).
 *
 * The one rule: a change to orders or parcels, its history events and its outbox mutations are
 * written in ONE transaction by `commit`. Either all of it is there afterwards, or none of it.
 */
import type { DeviceId, OrderId, ParcelId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { OutboxEntry, PendingMutation } from '../core/model/outbox.ts';
import type { Settings } from '../core/settings.ts';

export interface Change {
  /** Orders to write whole (insert or replace). */
  orders?: readonly Order[];
  parcels?: readonly Parcel[];
  removeParcels?: readonly ParcelId[];
  /** History events to append. An event id that already exists aborts the whole change. */
  events: readonly OrderEvent[];
  /** What to tell the backend; each gets the device's next mutation id. */
  mutations: readonly PendingMutation[];
}

export type ChangeListener = () => void;

export interface CommitOptions {
  /** Aborting rolls the whole change back, as if it was never started. */
  signal?: AbortSignal;
  /** Called as orders are written: (orders written, orders in the change). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Most rows written per step (orders, events and outbox entries alike), and how often
   * `onProgress` is called. Between steps the thread is free for input and rendering. All steps
   * are still one transaction. Implementations that write in one step ignore it.
   */
  sliceSize?: number;
  /**
   * Longest stretch of writing before a step ends, in milliseconds: each row's structured clone
   * runs on the calling thread, so on the page keep it short (the default is); in a worker a
   * longer one is faster and still lets a cancel in between steps.
   */
  stepBudgetMs?: number;
  /**
   * Told how long each step of writing ran on the calling thread, in milliseconds. Implementations
   * that write in one step may not call it.
   */
  onStep?: (ms: number) => void;
}

export interface Repository {
  getOrder(id: OrderId): Promise<Order | undefined>;
  /** In the order of `ids`; `undefined` where there is none. */
  getOrders(ids: readonly OrderId[]): Promise<(Order | undefined)[]>;
  allOrders(): Promise<Order[]>;
  countOrders(): Promise<number>;
  /**
   * Up to `limit` orders with ids after `afterId` (all from the start when `null`), in id order.
   * Reading 100,000 orders in one call is a long task; the list pages through with this instead.
   */
  ordersPage(afterId: OrderId | null, limit: number): Promise<Order[]>;
  /** Up to `limit` parcels with ids after `afterId`, in id order (as `ordersPage`). */
  parcelsPage(afterId: ParcelId | null, limit: number): Promise<Parcel[]>;
  /**
   * A number that grows with every commit that writes or removes orders or parcels, in any tab.
   * The in-memory list compares it to decide whether it has to read the orders again.
   */
  dataVersion(): Promise<number>;
  parcelsOf(orderId: OrderId): Promise<Parcel[]>;
  /** The order's history, oldest first. */
  historyOf(orderId: OrderId): Promise<OrderEvent[]>;
  /** Events not tied to one order (imports), newest first. */
  batchEvents(limit: number): Promise<OrderEvent[]>;

  /** Writes the change, its events and its outbox entries atomically. */
  commit(change: Change, options?: CommitOptions): Promise<void>;

  /**
   * Outbox entries in mutation id order, oldest first, in their wire form (an import mutation,
   * stored as order ids, comes back with the orders' imported fields).
   */
  pendingMutations(limit: number): Promise<OutboxEntry[]>;
  countPending(): Promise<number>;
  /** Removes every outbox entry with `mutationId <= upTo` (the server has them). */
  acknowledge(upTo: number): Promise<void>;

  getSettings(): Promise<Settings>;
  /** Saves settings and records a `settings.update` mutation in the same transaction. */
  saveSettings(settings: Settings): Promise<void>;

  /** Device-local preferences that never sync (a remembered column mapping, a scroll place). */
  getLocal<T>(key: string): Promise<T | undefined>;
  setLocal(key: string, value: unknown): Promise<void>;

  /** This device's id, created on first use and kept. */
  deviceId(): Promise<DeviceId>;

  /** Called after every successful commit or settings save, from this tab or another one. */
  subscribe(listener: ChangeListener): () => void;
  close(): void;
}

export const SETTINGS_MUTATION = 'settings.update';
