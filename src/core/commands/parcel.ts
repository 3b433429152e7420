/**
 * Adding, editing and removing a parcel by hand: the parcel, its history event, its outbox entry,
 * and the order's status moved along as the parcels now say (`followParcels`), as one change.
 */
import { randomId, type EventId, type OrderId, type ParcelId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { mutation } from '../protocol/mutations.ts';
import { followParcels } from '../workflow/follow-parcels.ts';
import { transitionMutation, type CommandContext, type CommandChange } from './change.ts';

/** A parcel as the detail form edits it. */
export interface ParcelDraft {
  id?: ParcelId;
  trackingNumber: string;
  carrierId?: string;
  trackingUrl?: string;
  shippedAt?: string;
  deliveryStatus: Parcel['deliveryStatus'];
}

/** A parcel command's change, with the order and its parcels as they are after it. */
export interface ParcelCommandResult {
  change: CommandChange;
  order: Order;
  parcels: Parcel[];
}

/**
 * Saves a new parcel (`draft.id` absent or unknown) or an edit of one of `parcels`. An edit keeps
 * what the form does not show: the carrier's expected day and remarks.
 */
export function saveParcel(
  order: Order,
  parcels: readonly Parcel[],
  draft: ParcelDraft,
  { at, newId = randomId }: CommandContext,
): ParcelCommandResult {
  const previous = draft.id !== undefined ? parcels.find((p) => p.id === draft.id) : undefined;
  const parcel: Parcel = {
    id: previous?.id ?? (newId() as ParcelId),
    orderId: order.id,
    trackingNumber: draft.trackingNumber.trim(),
    ...(draft.carrierId ? { carrierId: draft.carrierId } : {}),
    ...(draft.trackingUrl ? { trackingUrl: draft.trackingUrl } : {}),
    ...(draft.shippedAt ? { shippedAt: draft.shippedAt } : {}),
    ...(previous?.expectedAt ? { expectedAt: previous.expectedAt } : {}),
    deliveryStatus: draft.deliveryStatus,
    ...(previous?.remarks ? { remarks: previous.remarks } : {}),
    updatedAt: at,
  };
  const next = previous ? parcels.map((p) => (p.id === parcel.id ? parcel : p)) : [...parcels, parcel];
  const event: OrderEvent = {
    id: newId() as EventId,
    orderId: order.id,
    kind: previous ? 'parcel_changed' : 'parcel_added',
    at,
    data: {
      parcelId: parcel.id,
      trackingNumber: parcel.trackingNumber,
      deliveryStatus: parcel.deliveryStatus,
    },
  };
  const follow = followParcels(order, next, { at, newEventId: () => newId() as EventId });
  return {
    change: {
      orders: follow.order !== order ? [follow.order] : [],
      parcels: [parcel],
      events: [event, ...follow.events],
      mutations: [
        mutation('parcel.upsert', { parcel, eventId: event.id, at }),
        ...follow.events.map(transitionMutation),
      ],
    },
    order: follow.order,
    parcels: next,
  };
}

/** Removes one of `parcels`; `null` when the order has no such parcel. */
export function removeParcel(
  order: Order,
  parcels: readonly Parcel[],
  parcelId: ParcelId,
  { at, newId = randomId }: CommandContext,
): ParcelCommandResult | null {
  const removed = parcels.find((p) => p.id === parcelId);
  if (!removed) return null;
  const next = parcels.filter((p) => p.id !== parcelId);
  const event: OrderEvent = {
    id: newId() as EventId,
    orderId: order.id,
    kind: 'parcel_removed',
    at,
    data: { parcelId, trackingNumber: removed.trackingNumber },
  };
  const follow = followParcels(order, next, { at, newEventId: () => newId() as EventId });
  return {
    change: {
      orders: follow.order !== order ? [follow.order] : [],
      removeParcels: [parcelId],
      events: [event, ...follow.events],
      mutations: [
        mutation('parcel.remove', { orderId: order.id, parcelId, eventId: event.id, at }),
        ...follow.events.map(transitionMutation),
      ],
    },
    order: follow.order,
    parcels: next,
  };
}

/** "Track again": one `parcel.retrack` per parcel; nothing changes on the device. */
export function retrackParcels(
  parcels: readonly { orderId: OrderId; parcelId: ParcelId }[],
  { at, newId = randomId }: CommandContext,
): CommandChange {
  return {
    events: [],
    mutations: parcels.map(({ orderId, parcelId }) =>
      mutation('parcel.retrack', { orderId, parcelId, eventId: newId() as EventId, at }),
    ),
  };
}
