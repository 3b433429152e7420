/**
 * The orders list as the seller sees it: which orders pass the filter, in which order, and how
 * many there are per status. Pure; the state layer keeps the orders and a per-order summary of
 * parcels and attention, and calls this when either or the filter changes.
 *
 * Counts per status are counted over the orders that pass every filter except the status filter,
 * so each status link says how many orders clicking it would show.
 *
 * A search looks through all dates: the date range (by default the last 30 days) is a way to
 * browse, and a seller who types an order number from last spring must find it. Orders the range
 * hides are counted (`hiddenByRange`) so the screen can offer "show all dates".
 */
import type { OrderId } from '../ids.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../order.ts';
import type { DeliveryStatus } from '../parcel.ts';
import { inRange, rangeOf } from './date-range.ts';
import type { OrderFilter, SortKey } from './filters.ts';

/** What the list needs to know about an order's parcels and attention. */
export interface OrderSummary {
  deliveryStatuses: readonly DeliveryStatus[];
  carriers: readonly string[];
  trackingNumbers: readonly string[];
  /** Number of "needs attention" reasons; 0 when none. */
  attention: number;
}

export const EMPTY_SUMMARY: OrderSummary = {
  deliveryStatuses: [],
  carriers: [],
  trackingNumbers: [],
  attention: 0,
};

export interface ListView {
  ids: OrderId[];
  /** Per status, orders passing every filter but the status filter. */
  counts: Record<OrderStatus, number>;
  /** Orders passing every filter but status and attention, that need attention. */
  attention: number;
  /** Orders passing every filter but status (the "All" link). */
  total: number;
  /** Orders that pass every other filter but lie outside the date range. */
  hiddenByRange: number;
}

export interface ListViewInput {
  /** The orders, already in the order of `filter.sort` (see `compareOrders`). */
  orders: readonly Order[];
  summaryOf: (id: OrderId) => OrderSummary;
  filter: OrderFilter;
  /** The seller's calendar day. */
  today: string;
  /** Ids matching the search text, or `null` when there is no search text. */
  searchHits: ReadonlySet<string> | null;
}

function zeroCounts(): Record<OrderStatus, number> {
  return Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
}

export function buildListView({ orders, summaryOf, filter, today, searchHits }: ListViewInput): ListView {
  const range = rangeOf(filter.range, today, {
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
  });
  const statuses = filter.statuses.length ? new Set(filter.statuses) : null;
  const delivery = filter.delivery.length ? new Set(filter.delivery) : null;
  const carriers = filter.carriers.length ? new Set(filter.carriers) : null;
  const sources = filter.sources.length ? new Set(filter.sources) : null;
  const counts = zeroCounts();
  const ids: OrderId[] = [];
  let attention = 0;
  let total = 0;
  let hiddenByRange = 0;
  const rangeApplies = searchHits === null;
  for (const order of orders) {
    if (searchHits !== null && !searchHits.has(order.id)) continue;
    if (sources !== null && !sources.has(order.source)) continue;
    const summary = summaryOf(order.id);
    if (delivery !== null && !summary.deliveryStatuses.some((s) => delivery.has(s))) continue;
    if (carriers !== null && !summary.carriers.some((c) => carriers.has(c))) continue;
    const flagged = summary.attention > 0;
    if (rangeApplies && !inRange(order.orderedAt, range, filter.range)) {
      if ((!filter.attention || flagged) && (statuses === null || statuses.has(order.status)))
        hiddenByRange++;
      continue;
    }
    if (flagged) attention++;
    if (filter.attention && !flagged) continue;
    counts[order.status]++;
    total++;
    if (statuses !== null && !statuses.has(order.status)) continue;
    ids.push(order.id);
  }
  return { ids, counts, attention, total, hiddenByRange };
}

/** Where each status sorts in "by status": the order a seller works through them. */
const STATUS_RANK: Readonly<Record<OrderStatus, number>> = Object.fromEntries(
  ORDER_STATUSES.map((status, i) => [status, i]),
) as Record<OrderStatus, number>;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Newest first, then by id so that equal days keep a stable order. */
function byDateDesc(a: Order, b: Order): number {
  if (a.orderedAt !== b.orderedAt) return a.orderedAt < b.orderedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Comparator for a sort key. Ties fall back to newest first, so a sort never shuffles equal rows
 * between renders. Buyer names compare with the user's collation, ignoring case and accents.
 */
export function compareOrders(sort: SortKey): (a: Order, b: Order) => number {
  switch (sort) {
    case 'date_desc':
      return byDateDesc;
    case 'date_asc':
      return (a, b) => -byDateDesc(a, b);
    case 'status':
      return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || byDateDesc(a, b);
    case 'buyer':
      return (a, b) => collator.compare(a.buyer.name, b.buyer.name) || byDateDesc(a, b);
  }
}

/** The text fields an order is found by in the search index. */
export function searchFieldsOf(order: Order, trackingNumbers: readonly string[]): string[] {
  const fields = [order.externalId, order.buyer.name, order.address.city, order.address.zip];
  if (order.buyer.email) fields.push(order.buyer.email);
  if (order.address.name) fields.push(order.address.name);
  for (const line of order.lines) if (line.sku) fields.push(line.sku);
  fields.push(...trackingNumbers);
  return fields;
}
