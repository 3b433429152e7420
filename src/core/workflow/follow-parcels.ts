/**
 * How an order's status follows its parcels: the one rule the device (a parcel saved or removed,
 * a tracking sheet imported) and the server (a tracking provider's update, a buyer's "I received
 * it") both apply. Pure: takes the order and its parcels and returns the order with the
 * `status_changed` events that got it there, each one an allowed step of the status machine.
 *
 *   new | preparing | ready ──(any parcel)──► shipped ──(every parcel delivered)──► delivered
 *                                               │  ▲                                  │
 *                                               │  └──(a parcel still on its way)─────┘
 *                                               └──(every parcel returned)──► returned
 */
import { randomId, type EventId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { transition, type Refusal } from './status-machine.ts';

/** Statuses the seller decided by hand; parcels never override them. */
const DECIDED_BY_SELLER: readonly OrderStatus[] = ['on_hold', 'wont_ship', 'returned'];
const UNSHIPPED: readonly OrderStatus[] = ['new', 'preparing', 'ready'];

/**
 * Steps one following can take: an unshipped order whose parcels are all delivered goes
 * `shipped`, then `delivered`. No longer path exists (the table test walks every combination).
 */
export const FOLLOW_MAX_STEPS = 2;

/**
 * The next status an order should take given its parcels; equal to `order.status` when the
 * parcels say nothing new. Every answer is one allowed step of the status machine.
 *
 * "Some lines have parcels": parcels are not tied to order lines (one box often holds every line,
 * and a line's quantity may be split over boxes), so parcel counts cannot tell a partial shipment
 * from a complete one. `partially_shipped` is therefore only ever set by the seller (the UI asks
 * "is everything in this parcel?"); here it is kept as it is, and not promoted to `delivered`
 * even when all its parcels are delivered, because lines are still waiting.
 *
 * Rules, for this order's parcels:
 * - the seller's side states (`on_hold`, `wont_ship`, `returned`) and `partially_shipped` are kept;
 * - no parcels: unchanged (removing the last parcel does not un-ship an order by itself), except
 *   that a `shipped` order the buyer says they received becomes `delivered` (`receivedByBuyer`:
 *   the seller shipped without a tracked parcel, and the buyer's word is the only news);
 * - `new`, `preparing`, `ready` with a parcel: `shipped`;
 * - every parcel `delivered`: `delivered`;
 * - every parcel `returned`: `returned`;
 * - otherwise a parcel is still on its way: `shipped` (also back from `delivered` when a new
 *   undelivered parcel is added).
 */
export function orderStatusFromParcels(
  order: Pick<Order, 'id' | 'status'>,
  parcels: readonly Pick<Parcel, 'orderId' | 'deliveryStatus'>[],
  receivedByBuyer = false,
): OrderStatus {
  const own = parcels.filter((parcel) => parcel.orderId === order.id);
  if (DECIDED_BY_SELLER.includes(order.status) || order.status === 'partially_shipped') return order.status;
  if (own.length === 0) return receivedByBuyer && order.status === 'shipped' ? 'delivered' : order.status;
  if (UNSHIPPED.includes(order.status)) return 'shipped';
  if (own.every((parcel) => parcel.deliveryStatus === 'delivered')) return 'delivered';
  if (own.every((parcel) => parcel.deliveryStatus === 'returned')) return 'returned';
  return 'shipped';
}

export interface FollowOptions {
  /** When the change happens, ISO 8601; becomes each event's `at` and the order's `updatedAt`. */
  at: string;
  /** Id source for the status events; random when absent. */
  newEventId?: () => EventId;
  /** The buyer confirmed receipt (see `orderStatusFromParcels`). */
  receivedByBuyer?: boolean;
}

export interface FollowResult {
  /** The order after following; the same object when nothing changed. */
  order: Order;
  /** One `status_changed` event per step, oldest first. */
  events: OrderEvent[];
  /** Set when the status machine refused a step the parcels called for. */
  refused?: Refusal;
}

/**
 * Moves an order's status along its parcels (`orderStatusFromParcels`), one allowed step at a
 * time through the status machine, so each step is an ordinary `status_changed` event.
 */
export function followParcels(
  order: Order,
  parcels: readonly Pick<Parcel, 'orderId' | 'deliveryStatus'>[],
  { at, newEventId = () => randomId() as EventId, receivedByBuyer = false }: FollowOptions,
): FollowResult {
  let current = order;
  const events: OrderEvent[] = [];
  for (let step = 0; step < FOLLOW_MAX_STEPS; step++) {
    const target = orderStatusFromParcels(current, parcels, receivedByBuyer);
    if (target === current.status) break;
    const result = transition(current, target, { at, eventId: newEventId() });
    if (!result.ok) return { order: current, events, refused: result };
    current = result.order;
    events.push(result.event);
  }
  return { order: current, events };
}
