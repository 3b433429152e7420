/**
 * Rebase: what a device shows for an order, parcel or the settings when the server's version of
 * it arrives while the device still has mutations for it on their way.
 *
 * The device keeps the server's version (the base) and shows the base with its pending mutations
 * applied on top, by the same `applyMutation` the server uses. Once no pending mutation touches
 * the entity any more, the device shows the base alone: the server has had the mutations by then
 * (applied, refused, or acknowledged as a duplicate of one it applied before), and its version is
 * the truth. Keeping the base is what makes a lost push response harmless: the retry is
 * acknowledged as a duplicate without a new change-log row, so the server's version pulled in
 * between is the only copy of another device's edit that this device will ever get.
 *
 * The device has no field stamps (those stay on the server), so on top of the base every pending
 * mutation wins its fields: the seller sees their own change until the server has decided.
 * Status changes are re-validated by the status machine against the base, exactly as the server
 * will do; one the machine refuses from there changes nothing here either.
 */
import type { EventId, OrderId, ParcelId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { OutboxEntry } from '../model/outbox.ts';
import type { Parcel } from '../model/parcel.ts';
import type { Settings } from '../settings.ts';
import { expandImportMutation, isStoredImportMutation } from '../import/plan.ts';
import { applyMutation, targetsOf, type ServerView, type Stamp, type StoredOrder } from './apply.ts';
import { parseMutation } from './mutations.ts';

/** The server's versions of the entities to rebase; a parcel `null` was removed on the server. */
export interface RebaseBase {
  orders: ReadonlyMap<OrderId, Order>;
  parcels: ReadonlyMap<ParcelId, Parcel | null>;
  /** Present when the settings are to be rebased. */
  settings?: Settings;
}

/**
 * The device's current rows that a pending mutation may need besides the base ones (and, for a
 * stored import, the device's own rows of the imported orders: it sends their fields).
 */
export interface RebaseLocal {
  orders: ReadonlyMap<OrderId, Order>;
  parcels: ReadonlyMap<ParcelId, Parcel>;
  /** History events a pending undo refers to. */
  events: ReadonlyMap<EventId, OrderEvent>;
}

export interface Rebased {
  orders: Map<OrderId, Order>;
  parcels: Map<ParcelId, Parcel | null>;
  settings?: Settings;
}

/** Weaker than any real write: on top of the base, a pending mutation always wins its fields. */
const BASE_STAMP: Stamp = { t: Number.NEGATIVE_INFINITY, id: '' };

/**
 * The base with `pending` (outbox entries, oldest first; an import may be in its stored form)
 * applied on top. Returns the rebased version of exactly the entities in `base`.
 */
export function rebase(base: RebaseBase, pending: readonly OutboxEntry[], local: RebaseLocal): Rebased {
  const orders = new Map<OrderId, StoredOrder>();
  for (const [id, order] of base.orders) orders.set(id, { order, clock: {} });
  const parcels = new Map<ParcelId, Parcel | null>(base.parcels);
  let settings = base.settings;

  for (const entry of pending) {
    const args = isStoredImportMutation(entry.name, entry.args)
      ? expandImportMutation(
          entry.args,
          // The device sends the imported fields of its own rows, so those are what it imports.
          entry.args.orderIds.map((id) => local.orders.get(id) ?? orders.get(id)?.order),
        )
      : entry.args;
    const parsed = parseMutation(entry.name, args);
    if (!parsed.ok) continue;
    const targets = targetsOf(parsed.mutation);
    const touchesBase =
      targets.orders.some((id) => base.orders.has(id)) ||
      targets.parcels.some((id) => base.parcels.has(id)) ||
      (targets.settings && settings !== undefined);
    if (!touchesBase) continue;

    const view: ServerView = {
      orders: new Map(
        targets.orders.flatMap((id) => {
          const stored = orders.get(id);
          if (stored) return [[id, stored] as const];
          const order = local.orders.get(id);
          return order ? [[id, { order, clock: {} }] as const] : [];
        }),
      ),
      parcels: new Map(
        targets.parcels.flatMap((id) => {
          const parcel = parcels.has(id) ? (parcels.get(id) ?? null) : (local.parcels.get(id) ?? null);
          if (!parcel) return [];
          return [[id, { id, orderId: parcel.orderId, parcel, stamp: BASE_STAMP }] as const];
        }),
      ),
      events: new Map(
        targets.events.flatMap((id) => {
          const event = local.events.get(id);
          return event ? [[id, event] as const] : [];
        }),
      ),
      settings: settings !== undefined ? { settings, stamp: BASE_STAMP } : undefined,
    };
    const result = applyMutation(view, parsed.mutation, {
      createdAt: entry.createdAt,
      origin: `local:${entry.mutationId}`,
    });
    if (!result.ok) continue;
    for (const stored of result.orders) orders.set(stored.order.id, { order: stored.order, clock: {} });
    for (const stored of result.parcels) parcels.set(stored.id, stored.parcel);
    if (result.settings && settings !== undefined) settings = result.settings.settings;
  }

  const rebased: Rebased = {
    orders: new Map(
      [...base.orders.keys()].flatMap((id) => {
        const stored = orders.get(id);
        return stored ? [[id, stored.order] as const] : [];
      }),
    ),
    parcels: new Map([...base.parcels.keys()].map((id) => [id, parcels.get(id) ?? null] as const)),
  };
  if (settings !== undefined) rebased.settings = settings;
  return rebased;
}

/** The local rows `rebase` may read for `base`, and the pending entries that touch it. */
export interface RebaseNeeds {
  entries: OutboxEntry[];
  orders: OrderId[];
  parcels: ParcelId[];
  events: EventId[];
}

/**
 * Which pending entries touch an entity of `base`, and which local rows they read, so that a
 * store loads only those (an outbox may hold a 100,000-order import).
 */
export function rebaseNeeds(base: RebaseBase, pending: readonly OutboxEntry[]): RebaseNeeds {
  const needs = {
    entries: [] as OutboxEntry[],
    orders: new Set<OrderId>(),
    parcels: new Set<ParcelId>(),
    events: new Set<EventId>(),
  };
  for (const entry of pending) {
    let orders: readonly OrderId[];
    let parcels: readonly ParcelId[] = [];
    let events: readonly EventId[] = [];
    let settings = false;
    if (isStoredImportMutation(entry.name, entry.args)) {
      orders = entry.args.orderIds;
    } else {
      const parsed = parseMutation(entry.name, entry.args);
      if (!parsed.ok) continue;
      const targets = targetsOf(parsed.mutation);
      ({ orders, parcels, events, settings } = targets);
    }
    const touches =
      orders.some((id) => base.orders.has(id)) ||
      parcels.some((id) => base.parcels.has(id)) ||
      (settings && base.settings !== undefined);
    if (!touches) continue;
    needs.entries.push(entry);
    const imported = isStoredImportMutation(entry.name, entry.args);
    for (const id of orders) if (imported || !base.orders.has(id)) needs.orders.add(id);
    for (const id of parcels) if (!base.parcels.has(id)) needs.parcels.add(id);
    for (const id of events) needs.events.add(id);
  }
  return {
    entries: needs.entries,
    orders: [...needs.orders],
    parcels: [...needs.parcels],
    events: [...needs.events],
  };
}
