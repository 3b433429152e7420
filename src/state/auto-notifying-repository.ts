/**
 * The repository that tells buyers by itself: every commit passes through
 * `withAutoNotifications`, which adds the `notify.request`s the seller's automatic rules call for
 * to the same change, so they are written in the same transaction.
 */
import type { OrderEvent } from '../core/model/events.ts';
import { randomId, type EventId } from '../core/ids.ts';
import {
  autoNotifications,
  notificationRequest,
  requestedKeys,
  type OrderChange,
  type RequestedKey,
} from '../core/notifications/index.ts';
import type { Order } from '../core/model/order.ts';
import type { PendingMutation } from '../core/model/outbox.ts';
import type { NotificationSettings } from '../core/settings.ts';
import type { Change, Repository } from '../storage/repository.ts';
import { inSlices } from '../platform/scheduling.ts';
import { withCommit } from './with-commit.ts';

/** Histories read at once while checking what was asked already. */
const HISTORY_READS_AT_ONCE = 100;

export const newIds = () => ({ notificationId: randomId(), eventId: randomId() as EventId });

/**
 * `change` with a `notify.request` (and its event) after each status change that the seller's
 * rules say tells the buyer, right after that change's own mutation. Reads the history only of
 * orders that would get a message, to never ask twice for the same kind and channel.
 */
export async function withAutoNotifications(
  repo: Pick<Repository, 'historyOf'>,
  change: Change,
  rules: NotificationSettings,
): Promise<Change> {
  const orders = new Map((change.orders ?? []).map((order) => [order.id, order]));
  const candidates: { event: OrderEvent; order: Order; what: OrderChange }[] = [];
  // In slices: checking the rules for the 10,000 orders of a bulk change is a long task otherwise.
  await inSlices(change.events, (event) => {
    if (event.kind !== 'status_changed' || event.orderId === null) return;
    const order = orders.get(event.orderId);
    if (!order) return;
    const what = { from: event.from, to: event.to, undo: event.data?.['undoes'] !== undefined };
    if (autoNotifications(order, rules, what).length > 0) candidates.push({ event, order, what });
  });
  if (candidates.length === 0) return change;

  // Requests already in this change count as asked too (rare: a caller that asked itself).
  const inChange = change.events.filter((e) => e.kind === 'notification_requested');
  const requests = new Map<EventId, { events: OrderEvent[]; mutations: PendingMutation[] }>();
  for (let start = 0; start < candidates.length; start += HISTORY_READS_AT_ONCE) {
    const slice = candidates.slice(start, start + HISTORY_READS_AT_ONCE);
    const histories = await Promise.all(slice.map(({ order }) => repo.historyOf(order.id)));
    slice.forEach(({ event, order, what }, i) => {
      const own = inChange.filter((e) => e.orderId === order.id);
      const asked: Set<RequestedKey> = requestedKeys([...(histories[i] ?? []), ...own]);
      const made = autoNotifications(order, rules, what, asked).map((message) =>
        notificationRequest(order.id, message, newIds(), event.at, { cause: event.id }),
      );
      if (made.length) {
        requests.set(event.id, { events: made.map((r) => r.event), mutations: made.map((r) => r.mutation) });
      }
    });
  }
  if (requests.size === 0) return change;
  const events = change.events.flatMap((event) => [event, ...(requests.get(event.id)?.events ?? [])]);
  const mutations = change.mutations.flatMap((mutation) => {
    const eventId = (mutation.args as { eventId?: EventId } | null)?.eventId;
    const extra = mutation.name === 'order.transition' && eventId ? requests.get(eventId) : undefined;
    return extra ? [mutation, ...extra.mutations] : [mutation];
  });
  return { ...change, events, mutations };
}

/**
 * The repository as OrdersState uses it: every commit goes through `withAutoNotifications`, so
 * each way an order becomes shipped (one order, bulk, packing, a parcel that ships it) applies
 * the same rule in the same transaction without each of them knowing about notifications.
 */
export function autoNotifying(repo: Repository, rules: () => NotificationSettings): Repository {
  return withCommit(repo, async (change, options) =>
    repo.commit(await withAutoNotifications(repo, change, rules()), options),
  );
}
