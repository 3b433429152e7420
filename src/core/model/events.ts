/**
 * The order history. Every change to an order appends one event, in the same transaction as the
 * change itself and its outbox entry. Events are immutable; they sync to the backend and back.
 */
import type { EventId, OrderId } from '../ids.ts';
import type { OrderStatus } from './order.ts';

export type OrderEventKind =
  | 'created'
  | 'imported'
  | 'edited'
  | 'status_changed'
  | 'note_changed'
  | 'parcel_added'
  | 'parcel_changed'
  | 'parcel_removed'
  // Buyer notifications (written by the server, reach devices by pull): asked for, then sent or not.
  | 'notification_requested'
  | 'notification_sent'
  | 'notification_failed'
  // The buyer pressed "I received my parcel" on the tracking page.
  | 'confirmed_by_buyer'
  // A shipping confirmation to a connected shop (server-written): pending, sent, accepted, refused.
  | 'marketplace_confirmation';

export interface OrderEvent {
  id: EventId;
  /** The order this event belongs to; `null` for an event about a batch (an import). */
  orderId: OrderId | null;
  kind: OrderEventKind;
  /** Device clock, ISO 8601. */
  at: string;
  from?: OrderStatus;
  to?: OrderStatus;
  reason?: string;
  /** Small structured details: file name and counts of an import, changed field names, ... */
  data?: Record<string, string | number | boolean | null>;
}
