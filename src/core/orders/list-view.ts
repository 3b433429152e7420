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
import { ORDER_SOURCES, type OrderId } from '../ids.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../model/order.ts';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../model/parcel.ts';
import { inRange, rangeOf } from './date-range.ts';
import type { OrderFilter, SortKey } from './filters.ts';

/** What the list needs to know about an order's parcels and attention. */
export interface OrderSummary {
  deliveryStatuses: readonly DeliveryStatus[];
  carriers: readonly string[];
  trackingNumbers: readonly string[];
  /** Number of "needs attention" reasons; 0 when none. */
  attention: number;
  /** A parcel is late: not delivered within its learned window or the fixed limit. */
  late?: boolean;
  /**
   * The order's slot in the search index, when the holder knows it: the list's columns then match
   * search hits to rows without a lookup by id for each of 100,000 rows (see `slotsIn`).
   */
  slot?: number;
}

export const EMPTY_SUMMARY: OrderSummary = {
  deliveryStatuses: [],
  carriers: [],
  trackingNumbers: [],
  attention: 0,
};

export interface ListView {
  /** The orders shown, in list order; the rows' own array when every row is shown (do not change it). */
  ids: readonly OrderId[];
  /** Per status, orders passing every filter but the status filter. */
  counts: Record<OrderStatus, number>;
  /** Orders passing every filter but status and attention, that need attention. */
  attention: number;
  /** Orders passing every filter but status (the "All" link). */
  total: number;
  /** Orders that pass every other filter but lie outside the date range. */
  hiddenByRange: number;
}

/**
 * The orders in list order as columns, built once per data version and sort: what every filter
 * reads, packed so that a keystroke scans small typed arrays instead of looking up 100,000
 * orders and their summaries in maps (that lookup alone was about 15 ms per keystroke).
 */
export interface ListRows {
  ids: readonly OrderId[];
  /** `orderedAt`, `yyyy-mm-dd` (compares as text). */
  days: readonly string[];
  /** `days` as the number yyyymmdd, -1 where the text is not a plain `yyyy-mm-dd` (`dayKey`). */
  dayKeys: Int32Array;
  /** Index in `ORDER_STATUSES`. */
  status: Uint8Array;
  /** Index in `ORDER_SOURCES`. */
  source: Uint8Array;
  /** 1 when the order needs attention. */
  flagged: Uint8Array;
  /** 1 when a parcel of the order is late. */
  late: Uint8Array;
  /** 1 when the order's shop refused its shipping confirmation. */
  refused: Uint8Array;
  /** Bit `i` set when a parcel has delivery status `DELIVERY_STATUSES[i]`. */
  delivery: Uint16Array;
  /** The parcels' carrier ids (the shared empty array for most orders). */
  carriers: readonly (readonly string[])[];
  /** Row of an id, made on first use (a search needs it, browsing does not). */
  rowOf(): ReadonlyMap<string, number>;
  /** Each row's slot in a search index (-1 when not indexed), made on first use per index state. */
  slotsIn(slotOf: ReadonlyMap<string, number>, slotCount: number): Int32Array;
  /**
   * The other way round: the row of each index slot (-1 when none). Finding the rows of changed
   * orders this way needs no map of 100,000 ids (whose building and collection, after a bulk
   * change, was one long task).
   */
  rowsBySlot(slotOf: ReadonlyMap<string, number>, slotCount: number): Int32Array;
}

/** A search's answer as the search index gives it: a bit per index slot. */
export interface SearchMatches {
  bits: Uint8Array;
  /** The index's slot per id; its slots are never reused, so `slotCount` tells its state. */
  slotOf: ReadonlyMap<string, number>;
  slotCount: number;
}

/**
 * A `yyyy-mm-dd` day as the number yyyymmdd, which orders as the text does; -1 for anything else.
 * The date filter compares 100,000 days per click, and comparing numbers instead of strings took
 * that pass from about 30 ms to about 1 ms in Node.
 */
export function dayKey(day: string): number {
  if (day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return -1;
  let key = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = day.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    key = key * 10 + digit;
  }
  return key;
}

const STATUS_CODE = new Map<string, number>(ORDER_STATUSES.map((s, i) => [s, i]));
const SOURCE_CODE = new Map<string, number>(ORDER_SOURCES.map((s, i) => [s, i]));
const DELIVERY_BIT = new Map<string, number>(DELIVERY_STATUSES.map((s, i) => [s, 1 << i]));

export function listRows(orders: readonly Order[], summaryOf: (id: OrderId) => OrderSummary): ListRows {
  const n = orders.length;
  const ids: OrderId[] = new Array<OrderId>(n);
  const days: string[] = new Array<string>(n);
  const dayKeys = new Int32Array(n);
  const status = new Uint8Array(n);
  const source = new Uint8Array(n);
  const flagged = new Uint8Array(n);
  const late = new Uint8Array(n);
  const refused = new Uint8Array(n);
  const delivery = new Uint16Array(n);
  const carriers: (readonly string[])[] = new Array<readonly string[]>(n);
  let rowOf: Map<string, number> | undefined;
  let slots: { of: ReadonlyMap<string, number>; count: number; slots: Int32Array } | undefined;
  let bySlot: { of: Int32Array; rows: Int32Array } | undefined;
  // Filled from the summaries while the rows are built; used when every row's summary had a slot.
  // An index never moves an order to another slot, so the column stays true for these rows.
  const known = new Int32Array(n);
  let allKnown = true;
  const slotsIn = (of: ReadonlyMap<string, number>, count: number): Int32Array => {
    if (allKnown) return known;
    if (slots?.of !== of || slots.count !== count) {
      const column = new Int32Array(n);
      for (let i = 0; i < n; i++) column[i] = of.get(ids[i] as OrderId) ?? -1;
      slots = { of, count, slots: column };
    }
    return slots.slots;
  };
  const rowsBySlot = (of: ReadonlyMap<string, number>, count: number): Int32Array => {
    const column = slotsIn(of, count);
    if (bySlot?.of !== column || bySlot.rows.length < count) {
      const byRow = new Int32Array(count).fill(-1);
      for (let i = 0; i < n; i++) {
        const slot = column[i] as number;
        if (slot >= 0 && slot < count) byRow[slot] = i;
      }
      bySlot = { of: column, rows: byRow };
    }
    return bySlot.rows;
  };
  const rows: ListRows = {
    slotsIn,
    rowsBySlot,
    ids,
    days,
    dayKeys,
    status,
    source,
    flagged,
    late,
    refused,
    delivery,
    carriers,
    rowOf: () => (rowOf ??= new Map(ids.map((id, i) => [id, i]))),
  };
  for (let i = 0; i < n; i++) {
    const order = orders[i] as Order;
    ids[i] = order.id;
    const summary = summaryOf(order.id);
    if (summary.slot === undefined) allKnown = false;
    else known[i] = summary.slot;
    patchRow(rows, i, order, summary);
  }
  return rows;
}

/**
 * Fills one row from its order and summary, in place: when the columns are built, and after a
 * change that does not move the row (status, parcels, attention). After marking 10,000 orders
 * shipped, rebuilding the columns of 100,000 orders was one long task; patching is spread over the
 * slices that apply the change.
 */
export function patchRow(rows: ListRows, row: number, order: Order, summary: OrderSummary): void {
  rows.status[row] = STATUS_CODE.get(order.status) ?? 0;
  rows.source[row] = SOURCE_CODE.get(order.source) ?? 0;
  rows.flagged[row] = summary.attention > 0 ? 1 : 0;
  rows.late[row] = summary.late === true ? 1 : 0;
  rows.refused[row] = order.confirmation?.state === 'refused' ? 1 : 0;
  let bits = 0;
  for (const s of summary.deliveryStatuses) bits |= DELIVERY_BIT.get(s) ?? 0;
  rows.delivery[row] = bits;
  (rows.carriers as (readonly string[])[])[row] = summary.carriers;
  (rows.days as string[])[row] = order.orderedAt;
  rows.dayKeys[row] = dayKey(order.orderedAt);
}

function zeroCounts(): Record<OrderStatus, number> {
  return Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
}

/** Set of codes as a bit mask (all ones when the filter is off). */
function maskOf(values: readonly string[], codes: ReadonlyMap<string, number>, bit: boolean): number {
  if (values.length === 0) return -1;
  let mask = 0;
  for (const v of values) {
    const code = codes.get(v);
    if (code !== undefined) mask |= bit ? code : 1 << code;
  }
  return mask;
}

/**
 * Scratch space for the rows a filter shows, kept between calls. Collecting row numbers here and
 * making the id array once at its final length replaced an array grown by `push`: at 100,000 rows
 * that growth (copies of ever larger arrays, and their garbage) was about 6 ms in Node, with
 * collections up to 27 ms, on a pass that otherwise takes about 1.5 ms.
 */
let scratch = new Int32Array(0);

function shownRows(n: number): Int32Array {
  if (scratch.length < n) scratch = new Int32Array(Math.max(n, scratch.length * 2));
  return scratch;
}

function idsOfRows(rowIds: readonly OrderId[], shown: Int32Array, count: number): OrderId[] {
  const ids = new Array<OrderId>(count);
  for (let k = 0; k < count; k++) ids[k] = rowIds[shown[k] as number] as OrderId;
  return ids;
}

/** The rows a search matched, in list order. */
function hitRows(rows: ListRows, hits: ReadonlySet<string> | SearchMatches): Int32Array {
  if ('bits' in hits) {
    const { bits, slotOf, slotCount } = hits;
    const slots = rows.slotsIn(slotOf, slotCount);
    const found = new Int32Array(slots.length);
    let n = 0;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      if (slot >= 0 && bits[slot] === 1) found[n++] = i;
    }
    return found.subarray(0, n);
  }
  const rowOf = rows.rowOf();
  const found = new Int32Array(hits.size);
  let n = 0;
  for (const id of hits) {
    const row = rowOf.get(id);
    if (row !== undefined) found[n++] = row;
  }
  return found.subarray(0, n).sort();
}

export interface RowsViewInput {
  rows: ListRows;
  filter: OrderFilter;
  today: string;
  /** Ids (or index slots) matching the search text; `null` when there is no search text. */
  searchHits: ReadonlySet<string> | SearchMatches | null;
}

/** The list for a filter, over columns made earlier with `listRows`. */
export function viewOfRows({ rows, filter, today, searchHits }: RowsViewInput): ListView {
  const range = rangeOf(filter.range, today, {
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
  });
  const statuses = maskOf(filter.statuses, STATUS_CODE, false);
  const sources = maskOf(filter.sources, SOURCE_CODE, false);
  const delivery = maskOf(filter.delivery, DELIVERY_BIT, true);
  const carriers = filter.carriers.length ? new Set(filter.carriers) : null;
  const counts = new Int32Array(ORDER_STATUSES.length);
  let attention = 0;
  let total = 0;
  let hiddenByRange = 0;
  // A search looks through all dates; otherwise the range bounds the days.
  const rangeApplies =
    searchHits === null && (range.from !== null || (filter.range === 'custom' && range.to !== null));
  // The bounds as `dayKey`s; a row whose day is not a plain day is compared as text (`inRange`).
  const fromKey = range.from === null ? 0 : dayKey(range.from);
  const toKey = filter.range === 'custom' && range.to !== null ? dayKey(range.to) : 99_999_999;
  const keysApply = fromKey !== -1 && toKey !== -1;
  const wantFlagged = filter.attention;
  const wantLate = filter.late;
  const wantRefused = filter.refused;
  const only = searchHits === null ? null : hitRows(rows, searchHits);
  const n = only === null ? rows.ids.length : only.length;
  const shown = shownRows(n);
  let count = 0;
  const {
    ids: rowIds,
    days,
    dayKeys,
    status,
    source,
    flagged,
    late,
    refused,
    delivery: parcelBits,
    carriers: carriersOf,
  } = rows;
  for (let k = 0; k < n; k++) {
    const i = only === null ? k : (only[k] as number);
    if (((1 << (source[i] as number)) & sources) === 0) continue;
    if (delivery !== -1 && ((parcelBits[i] as number) & delivery) === 0) continue;
    if (carriers !== null && !(carriersOf[i] as readonly string[]).some((c) => carriers.has(c))) continue;
    if (wantLate && late[i] !== 1) continue;
    if (wantRefused && refused[i] !== 1) continue;
    const isFlagged = flagged[i] === 1;
    const code = status[i] as number;
    const statusOk = ((1 << code) & statuses) !== 0;
    if (rangeApplies) {
      const key = dayKeys[i] as number;
      const inside =
        keysApply && key !== -1
          ? key >= fromKey && key <= toKey
          : inRange(days[i] as string, range, filter.range);
      if (!inside) {
        if ((!wantFlagged || isFlagged) && statusOk) hiddenByRange++;
        continue;
      }
    }
    if (isFlagged) attention++;
    if (wantFlagged && !isFlagged) continue;
    counts[code] = (counts[code] as number) + 1;
    total++;
    if (!statusOk) continue;
    shown[count++] = i;
  }
  const ids = count === rowIds.length ? rowIds : idsOfRows(rowIds, shown, count);
  const byStatus = zeroCounts();
  ORDER_STATUSES.forEach((s, i) => (byStatus[s] = counts[i] as number));
  return { ids, counts: byStatus, attention, total, hiddenByRange };
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
 * "Late first" puts orders with a late parcel on top and needs to know which are (`isLate`).
 */
export function compareOrders(
  sort: SortKey,
  isLate: (id: OrderId) => boolean = () => false,
): (a: Order, b: Order) => number {
  switch (sort) {
    case 'date_desc':
      return byDateDesc;
    case 'date_asc':
      return (a, b) => -byDateDesc(a, b);
    case 'status':
      return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || byDateDesc(a, b);
    case 'buyer':
      return (a, b) => collator.compare(a.buyer.name, b.buyer.name) || byDateDesc(a, b);
    case 'late':
      return (a, b) => Number(isLate(b.id)) - Number(isLate(a.id)) || byDateDesc(a, b);
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
