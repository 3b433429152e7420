/**
 * The series of the orders chart: per day of the last `CHART_DAYS`, how many parcels (or orders
 * marked shipped without one) left, and how many orders needed attention that day.
 *
 * Past attention is reconstructed, not stored: an order's status on a past day comes from its
 * `status_changed` events when given, else is inferred (an order shipped, closed or on hold now
 * got there on the day it was last updated; before its ship day it was unshipped). Only the
 * rules that depend on the day are replayed - not shipped N days after ordering, a parcel not
 * delivered N days after shipping (its current delivery status is taken as it was), on hold.
 * Today's point uses the live "needs attention" answer (`flaggedToday`), so it matches the count.
 *
 * `late` counts, per day, the parcels still on their way that were late that day: past the first
 * late day the seller's history gives (`lateFrom`), else past the fixed "not delivered" limit.
 */
import type { OrderEvent } from '../model/events.ts';
import type { OrderId } from '../ids.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { isDomestic } from '../workflow/attention.ts';
import type { AttentionConfig } from './attention-settings.ts';
import { addDays, localDay } from './date-range.ts';

/** Days the chart shows, today included. */
export const CHART_DAYS = 30;

export interface ChartPoint {
  /** `yyyy-mm-dd` */
  day: string;
  shipped: number;
  attention: number;
  /** Parcels on their way that were late that day. */
  late: number;
}

export interface ChartInput {
  orders: Iterable<Order>;
  parcelsOf: (id: OrderId) => readonly Parcel[];
  /** `status_changed` events where known (others are ignored), any order. */
  events?: readonly OrderEvent[];
  /** The seller's day. */
  today: string;
  config: AttentionConfig;
  /** Whether an order needs attention now (the list's answer), for today's point. */
  flaggedToday: (id: OrderId) => boolean;
  /** The first late day of a parcel by its learned window (`yyyy-mm-dd`); absent: the fixed limit. */
  lateFrom?: (order: Order, parcel: Parcel) => string | undefined;
  days?: number;
}

const SHIPPED: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'returned'];
const CLOSED: readonly OrderStatus[] = ['delivered', 'wont_ship', 'returned'];
const NOT_SHIPPED: readonly OrderStatus[] = ['new', 'preparing', 'ready', 'partially_shipped'];
const PARCEL_DONE = new Set(['delivered', 'returned']);

/** The day of an ISO timestamp in the seller's time zone; a bare day stays as it is. */
function dayOf(at: string): string {
  return at.length === 10 ? at : localDay(new Date(at));
}

/** Days since 1970-01-01 of a `yyyy-mm-dd` (no regular expression: this runs 100,000 times). */
function dayNumber(day: string): number {
  return Math.round(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / 86_400_000);
}

/** Status changes of one order, oldest first, as (day, from, to). */
type Change = { day: string; from: OrderStatus | undefined; to: OrderStatus };

function changesByOrder(events: readonly OrderEvent[]): Map<OrderId, Change[]> {
  const byOrder = new Map<OrderId, Change[]>();
  const sorted = events
    .filter((e) => e.kind === 'status_changed' && e.orderId !== null && e.to !== undefined)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const e of sorted) {
    const shippedOn = e.data?.['shippedOn'];
    const day = e.to === 'shipped' && typeof shippedOn === 'string' ? shippedOn : dayOf(e.at);
    const list = byOrder.get(e.orderId as OrderId) ?? [];
    list.push({ day, from: e.from, to: e.to as OrderStatus });
    byOrder.set(e.orderId as OrderId, list);
  }
  return byOrder;
}

/** The order's status at the end of `day`. */
function statusOn(order: Order, changes: readonly Change[] | undefined, day: string): OrderStatus {
  if (!changes?.length) return order.status;
  let status: OrderStatus | undefined;
  for (const change of changes) {
    if (change.day > day) return status ?? change.from ?? order.status;
    status = change.to;
  }
  return order.status;
}

export function chartSeries(input: ChartInput): ChartPoint[] {
  const count = input.days ?? CHART_DAYS;
  const first = addDays(input.today, -(count - 1));
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  const index = new Map(days.map((day, i) => [day, i]));
  const shipped = new Array<number>(count).fill(0);
  const attention = new Array<number>(count).fill(0);
  const lateCount = new Array<number>(count).fill(0);
  const changes = changesByOrder(input.events ?? []);
  const { thresholds, shopCountry } = input.config;
  const firstNumber = dayNumber(first);
  const at = (day: string): number => dayNumber(day) - firstNumber;
  // Orders changed together (a bulk change) share their timestamp's minute, and every time zone
  // offset is whole minutes: remember the local day per minute instead of parsing each time.
  const dayByMinute = new Map<string, number>();
  const updatedIndex = (iso: string): number => {
    const minute = iso.slice(0, 16);
    let index = dayByMinute.get(minute);
    if (index === undefined) dayByMinute.set(minute, (index = at(dayOf(iso))));
    return index;
  };

  for (const order of input.orders) {
    const parcels = input.parcelsOf(order.id);
    const own = changes.get(order.id);
    // Shipments: each parcel on its day; an order shipped without a dated parcel on its ship day.
    let shipDay: string | undefined;
    for (const parcel of parcels) {
      if (parcel.shippedAt === undefined) continue;
      const i = index.get(parcel.shippedAt);
      if (i !== undefined) shipped[i]!++;
      if (shipDay === undefined || parcel.shippedAt < shipDay) shipDay = parcel.shippedAt;
    }
    if (shipDay === undefined) {
      const event = own?.find((c) => SHIPPED.includes(c.to));
      if (event) shipDay = event.day;
      else if (SHIPPED.includes(order.status)) shipDay = dayOf(order.updatedAt);
      const i = shipDay === undefined ? undefined : index.get(shipDay);
      if (i !== undefined) shipped[i]!++;
    }

    if (input.flaggedToday(order.id)) attention[count - 1]!++;

    // Attention on each past day, in day numbers counted from the chart's first day.
    const ordered = at(order.orderedAt);
    const shipI = shipDay === undefined ? undefined : at(shipDay);
    const settled = CLOSED.includes(order.status) || order.status === 'on_hold';
    const updated = own?.length || !(settled || shipI !== undefined) ? 0 : updatedIndex(order.updatedAt);
    // Closed before the chart starts, and nothing recorded since: never flagged in it.
    if (!own?.length && CLOSED.includes(order.status) && updated <= 0) continue;
    const limit = isDomestic(order.address.country, shopCountry)
      ? thresholds.not_delivered_domestic
      : thresholds.not_delivered_international;
    // Per parcel on its way, the chart index of its first late day.
    const late = parcels.flatMap((p) => {
      if (p.shippedAt === undefined || PARCEL_DONE.has(p.deliveryStatus)) return [];
      const learned = input.lateFrom?.(order, p);
      return [learned !== undefined ? at(learned) : at(p.shippedAt) + limit];
    });
    if (!CLOSED.includes(order.status)) {
      for (const from of late) for (let i = Math.max(0, from); i < count; i++) lateCount[i]!++;
    }
    for (let i = Math.max(0, ordered); i < count - 1; i++) {
      let status: OrderStatus;
      if (own?.length) status = statusOn(order, own, days[i] as string);
      else if (settled && i < updated) status = shipI !== undefined && i >= shipI ? 'shipped' : 'new';
      else if (shipI !== undefined && i < shipI && SHIPPED.includes(order.status)) status = 'new';
      else status = order.status;
      if (status === 'on_hold') attention[i]!++;
      else if (CLOSED.includes(status)) continue;
      else if (NOT_SHIPPED.includes(status) && i - ordered >= thresholds.not_shipped) attention[i]!++;
      else if (late.some((from) => i >= from)) attention[i]!++;
    }
  }
  return days.map((day, i) => ({
    day,
    shipped: shipped[i] ?? 0,
    attention: attention[i] ?? 0,
    late: lateCount[i] ?? 0,
  }));
}
