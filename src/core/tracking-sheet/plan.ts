/**
 * What a tracking import will write, decided before anything is written: which order gets which
 * new parcel, which numbers the order already has, the status each order moves to, and the
 * history events and outbox mutations to commit with them in one transaction. Importing the same
 * sheet twice plans nothing the second time.
 *
 * Decisions:
 * - A sheet row names an order by the marketplace's id (`#1042`, `114-…`); it is matched to
 *   `order.externalId` (or to the full `order.id`), with or without a leading `#`, since Excel
 *   users often drop it. An id that fits orders of two sources is skipped as ambiguous, not
 *   guessed.
 * - A number the order already has (compared normalised) is `unchanged`, even when the sheet has
 *   a carrier or date the stored parcel lacks: a re-import must not overwrite what the seller
 *   corrected by hand. Editing a parcel is the parcel form's job.
 * - New parcels start as `unknown` delivery status: no tracking service has been asked yet.
 * - The status follows the parcels as everywhere else (`followParcels`, one allowed step
 *   of the status machine at a time), and only for orders that got a new parcel. On-hold, won't-
 *   ship and returned orders keep their status and are listed in `statusKept`, so the seller sees
 *   that the parcel was added but the order was not moved.
 * - Events and mutations carry the device time `now`, not the sheet's shipping date: `at` orders
 *   conflicting writes, and the sheet's date is already on the parcel (`shippedAt`).
 */
import type { OrderEvent } from '../model/events.ts';
import type { OrderTransitionArgs } from '../protocol/mutations.ts';
import { randomId, type EventId, type OrderId, type ParcelId } from '../ids.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { PendingMutation } from '../model/outbox.ts';
import type { Parcel } from '../model/parcel.ts';
import { normalizeTrackingNumber } from '../carriers/index.ts';
import { orderIdSpellings } from '../orders/order-id-match.ts';
import { followParcels } from '../workflow/follow-parcels.ts';
import type { Refusal } from '../workflow/status-machine.ts';
import type { TrackingUpdate } from './parse.ts';

export const PARCEL_UPSERT_MUTATION = 'parcel.upsert';
export const ORDER_TRANSITION_MUTATION = 'order.transition';

/** Arguments of `parcel.upsert` (see `src/core/protocol/mutations.ts`). */
export interface ParcelUpsertMutationArgs {
  parcel: Parcel;
  eventId: EventId;
  at: string;
}

/** Arguments of `order.transition`: the protocol's own type, so the two cannot drift apart. */
export type OrderTransitionMutationArgs = OrderTransitionArgs;

export type SkipReason = 'unknown_order' | 'ambiguous_order';

export interface OrderTrackingResult {
  orderId: OrderId;
  /** New parcels for this order, in sheet order. */
  added: Parcel[];
  /** Stored parcels the sheet named again. */
  unchanged: Parcel[];
  from: OrderStatus;
  /** The status after the import (equal to `from` when it does not change). */
  to: OrderStatus;
  /** Why the status could not follow the parcels, when the machine refused a step. */
  refused?: Refusal;
}

export interface TrackingPlan {
  /** One per order the sheet names that exists, in first-appearance order. */
  results: OrderTrackingResult[];
  /** Orders whose status changes, as they will be stored. */
  orders: Order[];
  /** New parcels to store. */
  parcels: Parcel[];
  events: OrderEvent[];
  mutations: PendingMutation[];
  skipped: { update: TrackingUpdate; reason: SkipReason }[];
  /** Orders that got parcels but keep a status the seller decided (on hold, won't ship, returned). */
  statusKept: OrderId[];
  counts: { added: number; unchanged: number; shipped: number; skipped: number };
}

export interface PlanTrackingOptions {
  /** Device clock, ISO 8601. */
  now: string;
  /** Id source for new parcels and events; random when absent (tests pass a counter). */
  newId?: () => string;
}

const KEPT_BY_SELLER: readonly OrderStatus[] = ['on_hold', 'wont_ship', 'returned'];

function orderLookup(orders: readonly Order[]): (sheetId: string) => Order[] {
  const byKey = new Map<string, Order[]>();
  const add = (key: string, order: Order): void => {
    const list = byKey.get(key) ?? [];
    if (!list.includes(order)) list.push(order);
    byKey.set(key, list);
  };
  for (const order of orders) {
    add(order.id, order);
    add(order.externalId, order);
  }
  return (sheetId) => {
    const [exact, alternative] = orderIdSpellings(sheetId);
    return byKey.get(exact) ?? byKey.get(alternative) ?? [];
  };
}

/**
 * @param existingParcelsByOrder the stored parcels of (at least) every order the updates name
 * @param orders the stored orders the updates may name
 */
export function planTrackingImport(
  updates: readonly TrackingUpdate[],
  existingParcelsByOrder: ReadonlyMap<OrderId, readonly Parcel[]>,
  orders: readonly Order[],
  { now, newId = randomId }: PlanTrackingOptions,
): TrackingPlan {
  const find = orderLookup(orders);
  const skipped: TrackingPlan['skipped'] = [];
  const byOrder = new Map<OrderId, { order: Order; result: OrderTrackingResult; numbers: Set<string> }>();
  const parcels: Parcel[] = [];
  const events: OrderEvent[] = [];
  const mutations: PendingMutation[] = [];
  let unchangedCount = 0;

  for (const update of updates) {
    const matches = find(update.orderId);
    const order = matches[0];
    if (!order || matches.length > 1) {
      skipped.push({ update, reason: order ? 'ambiguous_order' : 'unknown_order' });
      continue;
    }
    let entry = byOrder.get(order.id);
    if (!entry) {
      entry = {
        order,
        result: { orderId: order.id, added: [], unchanged: [], from: order.status, to: order.status },
        numbers: new Set(),
      };
      byOrder.set(order.id, entry);
    }
    const number = normalizeTrackingNumber(update.trackingNumber);
    const stored = (existingParcelsByOrder.get(order.id) ?? []).find(
      (p) => normalizeTrackingNumber(p.trackingNumber) === number,
    );
    if (stored) {
      if (!entry.result.unchanged.includes(stored)) {
        entry.result.unchanged.push(stored);
        unchangedCount++;
      }
      continue;
    }
    if (entry.numbers.has(number)) continue;
    entry.numbers.add(number);

    const parcel: Parcel = {
      id: newId() as ParcelId,
      orderId: order.id,
      trackingNumber: update.trackingNumber,
      ...(update.carrierId !== undefined ? { carrierId: update.carrierId } : {}),
      ...(update.trackingUrl !== undefined ? { trackingUrl: update.trackingUrl } : {}),
      ...(update.shippedAt !== undefined ? { shippedAt: update.shippedAt } : {}),
      ...(update.expectedAt !== undefined ? { expectedAt: update.expectedAt } : {}),
      deliveryStatus: 'unknown',
      ...(update.remarks !== undefined ? { remarks: update.remarks } : {}),
      updatedAt: now,
    };
    entry.result.added.push(parcel);
    parcels.push(parcel);
    const event: OrderEvent = {
      id: newId() as EventId,
      orderId: order.id,
      kind: 'parcel_added',
      at: now,
      data: {
        parcelId: parcel.id,
        trackingNumber: parcel.trackingNumber,
        deliveryStatus: parcel.deliveryStatus,
      },
    };
    events.push(event);
    const args: ParcelUpsertMutationArgs = { parcel, eventId: event.id, at: now };
    mutations.push({ name: PARCEL_UPSERT_MUTATION, args });
  }

  const changedOrders: Order[] = [];
  const statusKept: OrderId[] = [];
  let shipped = 0;
  for (const { order, result } of byOrder.values()) {
    if (result.added.length === 0) continue;
    const all = [...(existingParcelsByOrder.get(order.id) ?? []), ...result.added];
    const followed = followParcels(order, all, { at: now, newEventId: () => newId() as EventId });
    if (followed.refused) result.refused = followed.refused;
    const current = followed.order;
    for (const event of followed.events) {
      events.push(event);
      const args: OrderTransitionMutationArgs = {
        orderId: current.id,
        to: event.to as OrderStatus,
        eventId: event.id,
        at: now,
      };
      mutations.push({ name: ORDER_TRANSITION_MUTATION, args });
    }
    result.to = current.status;
    if (current !== order) changedOrders.push(current);
    if (KEPT_BY_SELLER.includes(order.status)) statusKept.push(order.id);
    if (current.status === 'shipped' && order.status !== 'shipped') shipped++;
  }

  return {
    results: [...byOrder.values()].map((e) => e.result),
    orders: changedOrders,
    parcels,
    events,
    mutations,
    skipped,
    statusKept,
    counts: { added: parcels.length, unchanged: unchangedCount, shipped, skipped: skipped.length },
  };
}
