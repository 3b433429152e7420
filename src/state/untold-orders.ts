/**
 * Finding the shipped orders nobody told yet: pages through the repository and reads their
 * histories, for the "Tell buyers" screen (`NotifyState`).
 */
import type { OrderId, ParcelId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { NotifyCandidate } from '../core/notifications/carrier-groups.ts';
import { refusalFor, requestedKeys } from '../core/notifications/index.ts';
import type { NotificationSettings } from '../core/settings.ts';
import type { Repository } from '../storage/repository.ts';

/** Histories read at once while finding the orders nobody told yet. */
const HISTORY_READS_AT_ONCE = 100;
/** Orders and parcels read per repository call. */
const PAGE_SIZE = 2_000;

/** The orders known to have been told "shipped"; it only grows (events are never removed). */
export const notifiedIndex = (): Set<OrderId> => new Set();

/**
 * Shipped orders not in `notified` whose history asks for no "shipped" message, with their
 * parcels and why each cannot be e-mailed. Adds the ones it finds notified to `notified`, so a
 * later search reads only the histories of the orders still waiting.
 */
export async function findUntold(
  repo: Repository,
  notified: Set<OrderId>,
  rules: NotificationSettings,
): Promise<NotifyCandidate[]> {
  const shipped: Order[] = [];
  for (let after: OrderId | null = null; ;) {
    const page = await repo.ordersPage(after, PAGE_SIZE);
    for (const order of page) if (order.status === 'shipped' && !notified.has(order.id)) shipped.push(order);
    if (page.length < PAGE_SIZE) break;
    after = (page.at(-1) as Order).id;
  }
  const waiting = new Set(shipped.map((o) => o.id));
  const parcels = new Map<OrderId, Parcel[]>();
  for (let after: ParcelId | null = null; ;) {
    const page = await repo.parcelsPage(after, PAGE_SIZE);
    for (const parcel of page) {
      if (waiting.has(parcel.orderId))
        parcels.set(parcel.orderId, [...(parcels.get(parcel.orderId) ?? []), parcel]);
    }
    if (page.length < PAGE_SIZE) break;
    after = (page.at(-1) as Parcel).id;
  }
  for (let start = 0; start < shipped.length; start += HISTORY_READS_AT_ONCE) {
    const slice = shipped.slice(start, start + HISTORY_READS_AT_ONCE);
    const histories = await Promise.all(slice.map((order) => repo.historyOf(order.id)));
    slice.forEach((order, i) => {
      const keys = requestedKeys(histories[i] ?? []);
      if (keys.has('shipped:email') || keys.has('shipped:sms')) notified.add(order.id);
    });
  }
  return shipped
    .filter((order) => !notified.has(order.id))
    .map((order) => ({
      order,
      parcels: [...(parcels.get(order.id) ?? [])].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1)),
      refusal: refusalFor(order, 'email', rules),
    }));
}
