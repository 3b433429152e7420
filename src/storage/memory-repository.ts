/**
 * An in-memory repository with the same contract as the IndexedDB one, for tests of the layers
 * above storage. `commit` validates the whole change before applying any of it, so a failed
 * change leaves nothing behind, exactly as an aborted IndexedDB transaction does.
 */
import type { DeviceId, OrderId, ParcelId } from '../core/ids.ts';
import { randomId } from '../core/ids.ts';
import { nowIso, systemClock, type Clock } from '../core/clock.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { EventId } from '../core/ids.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { OutboxEntry } from '../core/model/outbox.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { expandImportMutation, isStoredImportMutation } from '../core/import/plan.ts';
import {
  SETTINGS_MUTATION,
  type Change,
  type ChangeListener,
  type CommitOptions,
  type Repository,
} from './repository.ts';

/** Deep copy, so that callers can never mutate what the repository holds (as with IndexedDB). */
const copy = <T>(value: T): T => structuredClone(value);

/** Values of a map with keys after `afterId`, in key order, copied. */
function pageOf<K extends string, V>(map: ReadonlyMap<K, V>, afterId: K | null, limit: number): V[] {
  const keys = [...map.keys()].filter((key) => afterId === null || key > afterId).sort();
  return keys.slice(0, limit).map((key) => copy(map.get(key) as V));
}

export class MemoryRepository implements Repository {
  readonly #orders = new Map<OrderId, Order>();
  readonly #parcels = new Map<ParcelId, Parcel>();
  readonly #events = new Map<EventId, OrderEvent>();
  readonly #outbox: OutboxEntry[] = [];
  readonly #listeners = new Set<ChangeListener>();
  #nextMutationId = 1;
  #settings: Settings = copy(DEFAULT_SETTINGS);
  #deviceId: DeviceId | undefined;
  readonly #local = new Map<string, unknown>();
  #dataVersion = 0;
  readonly #clock: Clock;

  /** `clock` dates the outbox entries (when each change was queued for sync). */
  constructor({ clock = systemClock }: { clock?: Clock } = {}) {
    this.#clock = clock;
  }

  async getOrder(id: OrderId): Promise<Order | undefined> {
    return copy(this.#orders.get(id));
  }

  async getOrders(ids: readonly OrderId[]): Promise<(Order | undefined)[]> {
    return ids.map((id) => copy(this.#orders.get(id)));
  }

  async allOrders(): Promise<Order[]> {
    return [...this.#orders.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
  }

  async countOrders(): Promise<number> {
    return this.#orders.size;
  }

  async ordersPage(afterId: OrderId | null, limit: number): Promise<Order[]> {
    return pageOf(this.#orders, afterId, limit);
  }

  async parcelsPage(afterId: ParcelId | null, limit: number): Promise<Parcel[]> {
    return pageOf(this.#parcels, afterId, limit);
  }

  async dataVersion(): Promise<number> {
    return this.#dataVersion;
  }

  async parcelsOf(orderId: OrderId): Promise<Parcel[]> {
    return [...this.#parcels.values()].filter((p) => p.orderId === orderId).map(copy);
  }

  async historyOf(orderId: OrderId): Promise<OrderEvent[]> {
    return [...this.#events.values()]
      .filter((e) => e.orderId === orderId)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map(copy);
  }

  async batchEvents(limit: number): Promise<OrderEvent[]> {
    return [...this.#events.values()]
      .filter((e) => e.orderId === null)
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, limit)
      .map(copy);
  }

  async commit(change: Change, { signal, onProgress }: CommitOptions = {}): Promise<void> {
    signal?.throwIfAborted();
    // Validate everything first: nothing is applied unless all of it can be.
    const seen = new Set<EventId>();
    for (const event of change.events) {
      if (this.#events.has(event.id) || seen.has(event.id)) {
        throw new Error(`Event ${event.id} already exists`);
      }
      seen.add(event.id);
    }
    const staged = {
      orders: (change.orders ?? []).map(copy),
      parcels: (change.parcels ?? []).map(copy),
      events: change.events.map(copy),
      mutations: change.mutations.map(copy),
    };
    // Progress is reported before anything is applied, so a cancel from the callback still
    // leaves nothing behind (as an aborted IndexedDB transaction would).
    onProgress?.(staged.orders.length, staged.orders.length);
    signal?.throwIfAborted();
    for (const order of staged.orders) this.#orders.set(order.id, order);
    for (const parcel of staged.parcels) this.#parcels.set(parcel.id, parcel);
    for (const id of change.removeParcels ?? []) this.#parcels.delete(id);
    for (const event of staged.events) this.#events.set(event.id, event);
    if (staged.orders.length || staged.parcels.length || change.removeParcels?.length) this.#dataVersion++;
    this.#enqueue(staged.mutations);
    this.#notify();
  }

  #enqueue(mutations: readonly { name: string; args: unknown }[]): void {
    const createdAt = nowIso(this.#clock);
    for (const m of mutations) {
      this.#outbox.push({ mutationId: this.#nextMutationId++, name: m.name, args: m.args, createdAt });
    }
  }

  async pendingMutations(limit: number): Promise<OutboxEntry[]> {
    return this.#outbox.slice(0, limit).map((entry) =>
      isStoredImportMutation(entry.name, entry.args)
        ? {
            ...copy(entry),
            args: expandImportMutation(
              entry.args,
              entry.args.orderIds.map((id) => copy(this.#orders.get(id))),
            ),
          }
        : copy(entry),
    );
  }

  async countPending(): Promise<number> {
    return this.#outbox.length;
  }

  async acknowledge(upTo: number): Promise<void> {
    const keep = this.#outbox.filter((e) => e.mutationId > upTo);
    this.#outbox.splice(0, this.#outbox.length, ...keep);
    this.#notify();
  }

  async getSettings(): Promise<Settings> {
    return copy(this.#settings);
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.#settings = copy(settings);
    this.#enqueue([{ name: SETTINGS_MUTATION, args: copy(settings) }]);
    this.#notify();
  }

  async getLocal<T>(key: string): Promise<T | undefined> {
    return copy(this.#local.get(key)) as T | undefined;
  }

  async setLocal(key: string, value: unknown): Promise<void> {
    this.#local.set(key, copy(value));
  }

  async deviceId(): Promise<DeviceId> {
    this.#deviceId ??= randomId() as DeviceId;
    return this.#deviceId;
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
