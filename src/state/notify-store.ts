/**
 * The plain (non-reactive) half of telling buyers: the automatic rule applied to a commit, the
 * repository wrapper that applies it to every commit, and the search for shipped orders nobody
 * told yet, grouped by carrier. `NotifyState` (notify.svelte.ts) holds the reactive screen state.
 */
import type { OrderEvent } from '../core/model/events.ts';
import { randomId, type EventId, type OrderId, type ParcelId } from '../core/ids.ts';
import {
  autoNotifications,
  notificationRequest,
  refusalFor,
  requestedKeys,
  type OrderChange,
  type NotifyRefusal,
  type RequestedKey,
} from '../core/notifications/index.ts';
import type { Order } from '../core/model/order.ts';
import type { PendingMutation } from '../core/model/outbox.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { NotificationSettings } from '../core/settings.ts';
import type { Change, Repository } from '../storage/repository.ts';

/** Histories read at once while finding the orders nobody told yet. */
const HISTORY_READS_AT_ONCE = 100;
/** Orders and parcels read per repository call. */
const PAGE_SIZE = 2_000;

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
  for (const event of change.events) {
    if (event.kind !== 'status_changed' || event.orderId === null) continue;
    const order = orders.get(event.orderId);
    if (!order) continue;
    const what = { from: event.from, to: event.to, undo: event.data?.['undoes'] !== undefined };
    if (autoNotifications(order, rules, what).length > 0) candidates.push({ event, order, what });
  }
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
  const commit: Repository['commit'] = async (change, options) =>
    repo.commit(await withAutoNotifications(repo, change, rules()), options);
  return new Proxy(repo, {
    get(target, property) {
      if (property === 'commit') return commit;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** An order on the "Tell buyers" screen. */
export interface NotifyCandidate {
  order: Order;
  parcels: readonly Parcel[];
  /** Why it cannot be told by e-mail; `null` when it can. */
  refusal: NotifyRefusal | null;
}

/** Shipped orders that nobody told yet, sharing a carrier. */
export interface CarrierGroup {
  /** `''` for orders without a parcel or a known carrier. */
  carrierId: string;
  carrierName: string;
  ready: NotifyCandidate[];
  excluded: NotifyCandidate[];
}

/** The carrier an order is grouped under: its first parcel's, else none. */
function carrierOf(parcels: readonly Parcel[]): string {
  return parcels.find((p) => p.carrierId)?.carrierId ?? '';
}

/** Groups by carrier, carriers by name, the group without a carrier last. */
export function groupByCarrier(
  candidates: readonly NotifyCandidate[],
  nameOf: (carrierId: string) => string,
): CarrierGroup[] {
  const groups = new Map<string, CarrierGroup>();
  for (const candidate of candidates) {
    const carrierId = carrierOf(candidate.parcels);
    let group = groups.get(carrierId);
    if (!group) {
      group = { carrierId, carrierName: nameOf(carrierId), ready: [], excluded: [] };
      groups.set(carrierId, group);
    }
    (candidate.refusal === null ? group.ready : group.excluded).push(candidate);
  }
  return [...groups.values()].sort((a, b) =>
    a.carrierId === '' ? 1 : b.carrierId === '' ? -1 : a.carrierName.localeCompare(b.carrierName),
  );
}

/**
 * Shipped orders not in `notified` whose history asks for no "shipped" message, with their
 * parcels and why each cannot be e-mailed. Adds the ones it finds notified to `notified`, so a
 * later search reads only the histories of the orders still waiting.
 */
/** The orders known to have been told "shipped"; it only grows (events are never removed). */
export const notifiedIndex = (): Set<OrderId> => new Set();

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
