/**
 * What a write command returns: the records to store, the history it appends and the outbox
 * entries that tell the backend, all to be written in ONE transaction by whoever applies it (the
 * repository's `commit` takes this shape). Commands are pure: they take the current data, the
 * arguments, the time and an id source, and never read or write storage themselves.
 */
import type { EventId, OrderId, ParcelId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { PendingMutation } from '../model/outbox.ts';
import type { Parcel } from '../model/parcel.ts';
import type { OrderTransitionArgs } from '../protocol/mutations.ts';

export interface CommandChange {
  /** Orders to write whole. */
  orders?: readonly Order[];
  parcels?: readonly Parcel[];
  removeParcels?: readonly ParcelId[];
  /** History to append. */
  events: readonly OrderEvent[];
  /** Outbox entries, in the order the backend must apply them. */
  mutations: readonly PendingMutation[];
}

/** When a command runs and where its new ids come from (random unless a test fixes them). */
export interface CommandContext {
  /** ISO 8601; becomes `at` of every event and mutation and `updatedAt` of what changed. */
  at: string;
  newId?: () => string;
}

/** The outbox entry of a `status_changed` event; `undoes` and `shippedOn` come from its `data`. */
export function transitionMutation(event: OrderEvent): PendingMutation {
  const undoes = event.data?.['undoes'];
  const shippedOn = event.data?.['shippedOn'];
  const args: OrderTransitionArgs = {
    orderId: event.orderId as OrderId,
    to: event.to as OrderStatus,
    ...(event.reason !== undefined ? { reason: event.reason } : {}),
    eventId: event.id,
    at: event.at,
    ...(typeof undoes === 'string' ? { undoes: undoes as EventId } : {}),
    ...(typeof shippedOn === 'string' ? { shippedOn } : {}),
  };
  return { name: 'order.transition', args };
}
