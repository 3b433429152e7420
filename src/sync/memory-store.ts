/**
 * An in-memory `SyncStore` with just enough of a local database (orders, parcels, events,
 * settings, outbox with gap-free ids) to stand in for a device in tests: `commit` is the
 * repository's one-transaction write, in miniature.
 */
import type { OrderEvent } from '../core/model/events.ts';
import type { EventId, OrderId, ParcelId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import type { OutboxEntry, PendingMutation } from '../core/model/outbox.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { Settings } from '../core/settings.ts';
import {
  INITIAL_CURSOR,
  pendingTargets,
  rebase,
  type PendingTargets,
  type PulledChanges,
  type Rejection,
} from '../core/protocol/index.ts';
import type { RecordedRejection, SyncStore } from './store.ts';

export interface LocalChange {
  orders?: readonly Order[];
  parcels?: readonly Parcel[];
  removeParcels?: readonly ParcelId[];
  events?: readonly OrderEvent[];
  settings?: Settings;
  mutations: readonly PendingMutation[];
}

const clone = <T>(value: T): T => structuredClone(value);

export class MemorySyncStore implements SyncStore {
  readonly orders = new Map<OrderId, Order>();
  readonly parcels = new Map<ParcelId, Parcel>();
  readonly events = new Map<EventId, OrderEvent>();
  settings: Settings | null = null;
  /** How many snapshot pages were written (tests tell a snapshot from a change-log replay). */
  snapshotPages = 0;
  readonly rejections = new Map<number, RecordedRejection>();
  /** The server's versions of entities with pending mutations (see `rebase` in core). */
  readonly #base = {
    orders: new Map<OrderId, Order>(),
    parcels: new Map<ParcelId, Parcel | null>(),
    settings: undefined as Settings | undefined,
  };
  #outbox: OutboxEntry[] = [];
  #nextId: number;
  #cursor = INITIAL_CURSOR;
  /** The device clock for `createdAt`. */
  readonly #now: () => string;

  constructor(options: { firstMutationId?: number; now?: () => string } = {}) {
    this.#nextId = options.firstMutationId ?? 1;
    this.#now = options.now ?? (() => new Date().toISOString());
  }

  /** Writes a local change and its outbox entries at once, as the repository does. */
  commit(change: LocalChange): OutboxEntry[] {
    for (const order of change.orders ?? []) this.orders.set(order.id, clone(order));
    for (const parcel of change.parcels ?? []) this.parcels.set(parcel.id, clone(parcel));
    for (const id of change.removeParcels ?? []) this.parcels.delete(id);
    for (const event of change.events ?? []) this.events.set(event.id, clone(event));
    if (change.settings) this.settings = clone(change.settings);
    const entries = change.mutations.map((m) => ({
      mutationId: this.#nextId++,
      name: m.name,
      args: clone(m.args),
      createdAt: this.#now(),
    }));
    this.#outbox.push(...entries);
    return entries;
  }

  get outbox(): readonly OutboxEntry[] {
    return this.#outbox;
  }

  async pendingMutations(limit: number): Promise<OutboxEntry[]> {
    return clone(this.#outbox.slice(0, limit));
  }

  async countPending(): Promise<number> {
    return this.#outbox.length;
  }

  async acknowledge(upTo: number, rejections: readonly Rejection[]): Promise<void> {
    for (const rejection of rejections) {
      const entry = this.#outbox.find((e) => e.mutationId === rejection.id);
      if (!entry || this.rejections.has(rejection.id)) continue;
      this.rejections.set(rejection.id, {
        ...clone(rejection),
        args: clone(entry.args),
        createdAt: entry.createdAt,
      });
    }
    this.#outbox = this.#outbox.filter((e) => e.mutationId > upTo);
  }

  async getCursor(): Promise<string> {
    return this.#cursor;
  }

  async applyPulled(changes: PulledChanges, cursor: string): Promise<void> {
    const pending = pendingTargets(this.#outbox);
    const base = this.#base;
    for (const order of changes.orders) {
      if (pending.orders.has(order.id)) base.orders.set(order.id, clone(order));
      else {
        // The pulled version is newer than a base kept from an earlier pull: it wins.
        this.orders.set(order.id, clone(order));
        base.orders.delete(order.id);
      }
    }
    for (const parcel of changes.parcels) {
      if (pending.parcels.has(parcel.id)) base.parcels.set(parcel.id, clone(parcel));
      else {
        this.parcels.set(parcel.id, clone(parcel));
        base.parcels.delete(parcel.id);
      }
    }
    for (const id of changes.removedParcels) {
      if (pending.parcels.has(id)) base.parcels.set(id, null);
      else {
        this.parcels.delete(id);
        base.parcels.delete(id);
      }
    }
    for (const event of changes.events)
      if (!this.events.has(event.id)) this.events.set(event.id, clone(event));
    if (changes.settings) {
      if (pending.settings) base.settings = clone(changes.settings);
      else {
        this.settings = clone(changes.settings);
        base.settings = undefined;
      }
    }
    this.#settleAndRebase(pending);
    this.#cursor = cursor;
  }

  /**
   * Entities no pending mutation touches any more show the server's version; the others show it
   * with their pending mutations on top.
   */
  #settleAndRebase(pending: PendingTargets): void {
    const base = this.#base;
    for (const [id, order] of base.orders) {
      if (pending.orders.has(id)) continue;
      this.orders.set(id, order);
      base.orders.delete(id);
    }
    for (const [id, parcel] of base.parcels) {
      if (pending.parcels.has(id)) continue;
      if (parcel) this.parcels.set(id, parcel);
      else this.parcels.delete(id);
      base.parcels.delete(id);
    }
    if (base.settings && !pending.settings) {
      this.settings = base.settings;
      base.settings = undefined;
    }
    const rebased = rebase(
      {
        orders: base.orders,
        parcels: base.parcels,
        ...(base.settings ? { settings: base.settings } : {}),
      },
      this.#outbox,
      { orders: this.orders, parcels: this.parcels, events: this.events },
    );
    for (const [id, order] of rebased.orders) this.orders.set(id, clone(order));
    for (const [id, parcel] of rebased.parcels) {
      if (parcel) this.parcels.set(id, clone(parcel));
      else this.parcels.delete(id);
    }
    if (rebased.settings) this.settings = clone(rebased.settings);
  }

  /** Snapshot pages: the same rules as a change-log page (state is written whole, then rebased). */
  async applySnapshotPage(changes: PulledChanges, cursor: string): Promise<void> {
    this.snapshotPages++;
    await this.applyPulled(changes, cursor);
  }
}
