/**
 * "I received my parcel": the buyer's POST marks the order's parcels delivered, logs a
 * `confirmed_by_buyer` event, and lets the status machine move the order on (to `delivered` when
 * every parcel is), all in one transaction under the seller's lock, so the seller's devices get it
 * by pull like any other change. Once confirmed, the token remembers it: a second POST changes
 * nothing.
 */
import { randomUUID } from 'node:crypto';
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { EventId } from '../../src/core/ids.ts';
import type { OrderStatus } from '../../src/core/model/order.ts';
import type { StoredParcel } from '../../src/core/protocol/index.ts';
import type { DeliveredHook } from '../notifications/sync-bridge.ts';
import type { Database } from '../db/database.ts';
import { followParcels } from '../../src/core/workflow/follow-parcels.ts';
import {
  liveParcels,
  lockSellerFor,
  readOrderWithParcels,
  storedAfterFollow,
  writeServerChanges,
} from '../sync/server-writes.ts';
import type { OrderToken } from './tokens.ts';

const SHIPPED: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered'];

/** Whether the buyer may confirm: something has left the building. */
export function canConfirm(status: OrderStatus, parcelCount: number): boolean {
  return parcelCount > 0 || SHIPPED.includes(status);
}

export type ConfirmResult = 'confirmed' | 'already' | 'not_eligible' | 'unknown';

/** `onDelivered`: queues the review reminder when this delivered the order (see sync-bridge). */
export async function confirmReceived(
  db: Database,
  token: OrderToken,
  onDelivered?: DeliveredHook,
): Promise<ConfirmResult> {
  return db.transaction(async (tx) => {
    await lockSellerFor(db, tx, token.sellerId);
    const found = await readOrderWithParcels(tx, token.sellerId, token.orderId);
    if (!found) return 'unknown';
    if (!canConfirm(found.order.order.status, found.parcels.length)) return 'not_eligible';
    const marked = await tx.query<{ token: string }>(
      'UPDATE order_tokens SET confirmed_at = now() WHERE token = $1 AND confirmed_at IS NULL RETURNING token',
      [token.token],
    );
    if (marked.length === 0) return 'already';

    const at = new Date().toISOString();
    const eventId = randomUUID() as EventId;
    // Server time stamps the change: a device's later edit (by its clock) still wins, as usual.
    const stamp = { t: Date.parse(at), id: `buyer:${eventId}` };
    const parcels: StoredParcel[] = found.parcels.map((p) =>
      p.parcel && p.parcel.deliveryStatus !== 'delivered'
        ? { ...p, parcel: { ...p.parcel, deliveryStatus: 'delivered', updatedAt: at }, stamp }
        : p,
    );
    const changedParcels = parcels.filter((p, i) => p !== found.parcels[i]);
    const followed = followParcels(found.order.order, liveParcels(parcels), {
      at,
      receivedByBuyer: true,
      newEventId: () => randomUUID() as EventId,
    });
    const order = storedAfterFollow(found.order, followed, at, 'buyer');
    const confirmed: OrderEvent = {
      id: eventId,
      orderId: found.order.order.id,
      kind: 'confirmed_by_buyer',
      at,
      data: { parcels: parcels.length },
    };
    const reminders = (await onDelivered?.(tx, token.sellerId, followed.events)) ?? [];
    await writeServerChanges(tx, token.sellerId, {
      orders: order === found.order ? [] : [order],
      parcels: changedParcels,
      events: [confirmed, ...followed.events, ...reminders],
    });
    return 'confirmed';
  });
}
