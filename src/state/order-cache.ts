/**
 * The plain (non-reactive) half of the orders state: every order in memory, its parcels, a
 * summary per order for the list (delivery statuses, carriers, tracking numbers, attention), the
 * search (`OrderSearch`, whose index is built in the search worker), and the paged load that fills
 * them. No runes here on purpose: 100,000 reactive
 * entries would cost memory and time; `OrdersState` owns one reactive version number that says
 * "something in the store changed".
 */
import {
  attentionChangesAt,
  attentionReasons,
  isLateReason,
  type AttentionOptions,
  type AttentionReason,
} from '../core/workflow/attention.ts';
import {
  createDeliveryLearner,
  deliverySampleOf,
  EMPTY_DELIVERY_MODEL,
  expectedDelivery,
  sameLateLimits,
  shipmentKeyOf,
  type DeliveryModel,
  type ExpectedDelivery,
} from '../core/delivery-estimate/index.ts';
import { reachableStatuses } from '../core/workflow/status-machine.ts';
import { isTrackingValid } from '../core/carriers/tracking-valid.ts';
import { nowIso, todayLocal } from '../core/clock.ts';
import type { OrderId, ParcelId } from '../core/ids.ts';
import type { Order, OrderStatus } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import { localDay } from '../core/orders/date-range.ts';
import type { SortKey } from '../core/orders/filters.ts';
import { attentionConfigOf, type AttentionConfig } from '../core/orders/attention-settings.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import {
  compareOrders,
  EMPTY_SUMMARY,
  listRows,
  patchRow,
  searchFieldsOf,
  type ListRows,
  type SearchMatches,
  type OrderSummary,
} from '../core/orders/list-view.ts';
import { inSlices, yieldToBrowser } from '../platform/scheduling.ts';
import { inProcessSearchBuilder, type SearchBuilder } from '../platform/search-worker.ts';
import type { Repository } from '../storage/repository.ts';
import { OrderSearch } from './order-search.ts';

/**
 * Orders read per repository call while loading. IndexedDB hands a page to the main thread in one
 * task (its deserialisation cannot be cut up): 2,000 orders made tasks of about 50 ms.
 */
export const ORDER_PAGE_SIZE = 1_000;
/**
 * Orders in the first page: a screenful many times over, and read, summarised and shown in about
 * a quarter of the time of a whole page. The first rows wait for nothing else.
 */
export const FIRST_ORDER_PAGE_SIZE = 250;
export const PARCEL_PAGE_SIZE = 5_000;
/** Least time between refreshes of the list while pages are still arriving, in milliseconds. */
export const LOAD_REFRESH_MS = 300;
/**
 * While pages arrive, the list refreshes once the orders in memory have grown by this factor
 * since it last did, and only while the orders stored are at least this factor more again. A
 * refresh sorts and builds the list's columns over every order read so far, so refreshing on a
 * timer alone made loading quadratic: at 100,000 orders and 4x CPU throttling, 42 s of a 99 s
 * load. Growing by 4 (1,000, 4,000, 16,000, then all), they cost at most 1.34 full builds
 * together; refreshing at 64,000 as well made it 1.85 (0.7 s of a 4x load), doubling 2.3,
 * growing by 1.5 three.
 */
export const LOAD_REFRESH_GROWTH = 4;

/** One empty list for every order without parcels (most new orders): 100,000 fewer allocations. */
const NONE: readonly never[] = Object.freeze([]);

function parcelKey(parcels: readonly Parcel[] | undefined): string {
  return (parcels ?? []).map((p) => `${p.id}|${p.updatedAt}`).join(',');
}

/** One sort's order: ids, and the orders themselves while no order was replaced since. */
interface SortEntry {
  removals: number;
  version: number;
  ids: OrderId[];
  /** The orders of `ids`, as they were when `replaced` (`OrderCache.#replaced`) was current. */
  orders: Order[];
  replaced: number;
}

export class OrderCache {
  readonly orders = new Map<OrderId, Order>();
  parcels = new Map<OrderId, Parcel[]>();
  readonly #summaries = new Map<OrderId, OrderSummary>();
  readonly #attention = new Map<OrderId, AttentionReason[]>();
  readonly #search: OrderSearch;
  /** Each order's slot in the search index: given on first sight, kept for the page's life. */
  readonly #slotOf = new Map<OrderId, number>();
  #slotCount = 0;
  /** Bumped when orders are removed (then the sorts are rebuilt from scratch). */
  #removals = 0;
  /** The attention options last made, and what they were made from (`#attentionOptions`). */
  #madeOptions:
    | {
        today: string;
        now: string;
        attention: AttentionConfig;
        deliveryModel: DeliveryModel;
        options: AttentionOptions;
      }
    | undefined;
  /** Orders added since the sorted lists were last brought up to date. */
  #added: OrderId[] = [];
  /** Ids in sort order, per sort key, with the removal count and data version they reflect. */
  readonly #sortCache = new Map<SortKey, SortEntry>();
  /** Bumped when an order in memory is replaced by a newer copy (`SortEntry.orders` then goes stale). */
  #replaced = 0;
  #sortedOrders: { key: SortKey; version: number; orders: Order[] } | null = null;
  #searchCache: { q: string; stamp: number; searchStamp: number; hits: SearchMatches } | null = null;
  /**
   * The list's columns for one sort. Kept across data versions while every change since was
   * patched into them (`put`); anything that adds, removes or moves rows drops them.
   */
  #rowsCache: { key: SortKey; removals: number; rows: ListRows } | null = null;
  today: string = todayLocal();
  /** The moment attention is worked out for, ISO 8601: the rules counted in hours use it. */
  now: string = nowIso();
  /**
   * The earliest moment, in ms, at which an order's attention changes by the clock alone within
   * the day (`attentionChangesAt`); `Infinity` when none is due. Passing it means: work it out again.
   */
  nextAttentionChange = Infinity;
  /** The seller's thresholds and shop country (`Settings.workflow`). */
  attention: AttentionConfig = attentionConfigOf(DEFAULT_SETTINGS.workflow);
  /** Delivery times learned from the delivered parcels in memory (`learnDeliveryTimes`). */
  deliveryModel: DeliveryModel = EMPTY_DELIVERY_MODEL;

  /**
   * `searchBuilder` builds the search index (the search worker on the page, in-process by
   * default); `onSearchChange` is told when a new copy of it has arrived.
   */
  constructor({
    searchBuilder = inProcessSearchBuilder(),
    onSearchChange = () => undefined,
  }: { searchBuilder?: SearchBuilder; onSearchChange?: () => void } = {}) {
    this.#search = new OrderSearch(searchBuilder);
    this.#search.onChange = onSearchChange;
    searchBuilder.onReset = () => this.#reindexAll();
  }

  /** Sends every order's search fields again, to a builder that lost them. */
  #reindexAll(): void {
    for (const [id, order] of this.orders) {
      const slot = this.#slotOf.get(id);
      if (slot !== undefined)
        this.#search.index(slot, searchFieldsOf(order, this.summaryOf(id).trackingNumbers), false);
    }
    void this.#search.refresh();
  }

  /**
   * Learns the delivery windows again from every delivered parcel in memory, in slices. Answers
   * whether a late limit changed, that is whether attention must be worked out again.
   */
  async learnDeliveryTimes(): Promise<boolean> {
    const learner = createDeliveryLearner();
    const shopCountry = this.attention.shopCountry;
    const dayOf = (iso: string) => localDay(new Date(iso));
    await inSlices([...this.parcels.entries()], ([orderId, parcels]) => {
      const order = this.orders.get(orderId);
      if (order === undefined) return;
      for (const parcel of parcels) {
        const sample = deliverySampleOf(order, parcel, shopCountry, dayOf);
        if (sample) learner.add(sample);
      }
    });
    const model = learner.model();
    const changed = !sameLateLimits(model, this.deliveryModel);
    this.deliveryModel = model;
    return changed;
  }

  /** The usual delivery window of a parcel of this order; `null` without a ship day. */
  expectedDelivery(order: Order, parcel: Parcel): ExpectedDelivery | null {
    if (parcel.shippedAt === undefined) return null;
    return expectedDelivery(this.deliveryModel, {
      ...shipmentKeyOf(order, parcel, this.attention.shopCountry),
      shippedAt: parcel.shippedAt,
    });
  }

  summaryOf(id: OrderId): OrderSummary {
    return this.#summaries.get(id) ?? EMPTY_SUMMARY;
  }

  attentionOf(id: OrderId): readonly AttentionReason[] {
    return this.#attention.get(id) ?? [];
  }

  manualCount(): number {
    let count = 0;
    for (const order of this.orders.values()) if (order.source === 'manual') count++;
    return count;
  }

  carriers(): string[] {
    const ids = new Set<string>();
    for (const list of this.parcels.values()) for (const p of list) if (p.carrierId) ids.add(p.carrierId);
    return [...ids].sort();
  }

  /** Index slots matching the search text; cached per data version (`stamp`). */
  search(q: string, stamp: number): SearchMatches {
    const cached = this.#searchCache;
    const slotCount = this.#slotCount;
    const searchStamp = this.#search.stamp;
    if (
      cached &&
      cached.q === q &&
      cached.stamp === stamp &&
      cached.searchStamp === searchStamp &&
      cached.hits.slotCount === slotCount
    )
      return cached.hits;
    const hits = { bits: this.#search.match(q, slotCount), slotOf: this.#slotOf, slotCount };
    this.#searchCache = { q, stamp, searchStamp, hits };
    return hits;
  }

  /**
   * Orders in the order of `sort`, for data version `version`. Status changes do not move rows
   * in the date and buyer sorts, and orders added while loading are sorted on their own and
   * merged in (linear), so a page arriving never re-sorts 100,000 orders.
   */
  sorted(sort: SortKey, version: number): Order[] {
    const cachedOrders = this.#sortedOrders;
    if (cachedOrders && cachedOrders.key === sort && cachedOrders.version === version)
      return cachedOrders.orders;
    if (this.#added.length) {
      const added = this.#added;
      this.#added = [];
      for (const [key, entry] of this.#sortCache) {
        if (entry.removals === this.#removals) this.#merge(entry, added, this.#compare(key));
      }
    }
    const compare = this.#compare(sort);
    let entry = this.#sortCache.get(sort);
    const movesWithData = sort === 'status' || sort === 'late';
    if (!entry || entry.removals !== this.#removals || (movesWithData && entry.version !== version)) {
      const orders = [...this.orders.values()].sort(compare);
      entry = {
        removals: this.#removals,
        version,
        ids: orders.map((o) => o.id),
        orders,
        replaced: this.#replaced,
      };
      this.#sortCache.set(sort, entry);
    }
    const orders = this.#ordersOf(entry);
    this.#sortedOrders = { key: sort, version, orders };
    return orders;
  }

  /**
   * The entry's orders as memory has them now: kept while no order was replaced, else looked up
   * again by id (while 100,000 orders are read, none is, which spares as many look-ups).
   */
  #ordersOf(entry: SortEntry): Order[] {
    if (entry.replaced !== this.#replaced) {
      const orders: Order[] = [];
      for (const id of entry.ids) {
        const order = this.orders.get(id);
        if (order) orders.push(order);
      }
      entry.orders = orders;
      entry.replaced = this.#replaced;
    }
    return entry.orders;
  }

  #compare(sort: SortKey): (a: Order, b: Order) => number {
    return compareOrders(sort, (id) => this.summaryOf(id).late === true);
  }

  /**
   * `sorted` as the columns the list filters over (`listRows`). Orders `scan` reads join them when
   * it next reports progress, not at every query in between: a copy of the search index arriving
   * while pages are read changes which rows match, not which rows there are.
   */
  rows(sort: SortKey, version: number): ListRows {
    const cached = this.#rowsCache;
    if (cached && cached.key === sort && cached.removals === this.#removals) return cached.rows;
    const orders = this.sorted(sort, version);
    const rows = listRows(orders, (id) => this.summaryOf(id));
    this.#rowsCache = { key: sort, removals: this.#removals, rows };
    return rows;
  }

  /**
   * Keeps the cached columns true after `put` changed an order in place, or drops them. An order
   * new to memory drops them, unless `scan` read it (`listed` false): it then drops them itself.
   */
  #patchRows(
    before: Order | undefined,
    order: Order,
    summary: OrderSummary,
    lateChanged: boolean,
    listed: boolean,
  ): void {
    const cached = this.#rowsCache;
    if (!cached || (before === undefined && !listed)) return;
    const slot = before === undefined ? undefined : summary.slot;
    const found =
      slot === undefined ? -1 : (cached.rows.rowsBySlot(this.#slotOf, this.#slotCount)[slot] ?? -1);
    const row = found === -1 ? undefined : found;
    if (
      row === undefined ||
      (cached.key === 'status' && before?.status !== order.status) ||
      (cached.key === 'late' && lateChanged)
    ) {
      this.#rowsCache = null;
      return;
    }
    patchRow(cached.rows, row, order, summary);
  }

  /** Merges the orders of `added` into the entry's sort (linear, after sorting `added`). */
  #merge(entry: SortEntry, added: readonly OrderId[], compare: (a: Order, b: Order) => number): void {
    const incoming = added
      .map((id) => this.orders.get(id))
      .filter((o): o is Order => o !== undefined)
      .sort(compare);
    const sorted = this.#ordersOf(entry);
    const ids: OrderId[] = [];
    const orders: Order[] = [];
    let i = 0;
    let j = 0;
    while (i < sorted.length || j < incoming.length) {
      const a = sorted[i];
      const b = incoming[j];
      let next: Order;
      if (b === undefined || (a !== undefined && compare(a, b) <= 0)) {
        next = a as Order;
        i++;
      } else {
        next = b;
        j++;
      }
      ids.push(next.id);
      orders.push(next);
    }
    entry.ids = ids;
    entry.orders = orders;
  }

  /**
   * Keeps an order and its parcels in memory with its summary, and re-indexes it when what it is
   * found by changed (a status change does not). `read` says the order comes from `scan`: a new
   * one is then found once the search index's next copy arrives instead of at once.
   */
  put(order: Order, parcels: readonly Parcel[], read = false): void {
    const before = this.orders.get(order.id);
    if (before !== undefined && before !== order) this.#replaced++;
    const trackingNumbers = parcels.length === 0 ? NONE : parcels.map((p) => p.trackingNumber);
    const fields = searchFieldsOf(order, trackingNumbers);
    let reindex = before === undefined;
    if (before === undefined) this.#added.push(order.id);
    else {
      // A new day or buyer name moves the row: rebuild the sorts (rare: an edit, a re-import).
      if (before.orderedAt !== order.orderedAt || before.buyer.name !== order.buyer.name) this.#removals++;
      const old = searchFieldsOf(before, this.summaryOf(order.id).trackingNumbers);
      reindex = old.length !== fields.length || old.some((field, i) => field !== fields[i]);
    }
    this.orders.set(order.id, order);
    let slot = this.#slotOf.get(order.id);
    if (slot === undefined) {
      slot = this.#slotCount++;
      this.#slotOf.set(order.id, slot);
    }
    // An order changed here is found by its new text at once; a new order read by `scan`, when
    // the index's next copy arrives (and a changed one at once, so its old text stops matching).
    if (reindex) this.#search.index(slot, fields, !read || before !== undefined);
    const reasons = this.#reasons(order, parcels, before === undefined);
    const summary: OrderSummary = {
      deliveryStatuses: parcels.length === 0 ? NONE : [...new Set(parcels.map((p) => p.deliveryStatus))],
      carriers:
        parcels.length === 0
          ? NONE
          : [...new Set(parcels.flatMap((p) => (p.carrierId ? [p.carrierId] : [])))],
      trackingNumbers,
      attention: reasons.length,
      late: reasons.some(isLateReason),
      slot,
    };
    // An order new to memory has no summary (`forget` drops it with the order).
    const wasLate = before !== undefined && this.#summaries.get(order.id)?.late === true;
    this.#summaries.set(order.id, summary);
    this.#patchRows(before, order, summary, wasLate !== summary.late, !read);
  }

  /**
   * The options of `attentionReasons` for the current day, moment and settings: made once while
   * they stay the same, not once per order (reading 100,000 orders asks 100,000 times).
   */
  #attentionOptions(): AttentionOptions {
    const made = this.#madeOptions;
    if (
      made?.today === this.today &&
      made.now === this.now &&
      made.attention === this.attention &&
      made.deliveryModel === this.deliveryModel
    )
      return made.options;
    const options: AttentionOptions = {
      today: this.today,
      now: this.now,
      thresholds: this.attention.thresholds,
      ...(this.attention.shopCountry !== undefined ? { shopCountry: this.attention.shopCountry } : {}),
      isTrackingValid,
      deliveryModel: this.deliveryModel,
    };
    this.#madeOptions = {
      today: this.today,
      now: this.now,
      attention: this.attention,
      deliveryModel: this.deliveryModel,
      options,
    };
    return options;
  }

  /** Works out and keeps why `order` needs attention under the current day and settings. */
  #reasons(order: Order, parcels: readonly Parcel[], isNew = false): AttentionReason[] {
    const reasons = attentionReasons(order, parcels, this.#attentionOptions());
    if (reasons.length) this.#attention.set(order.id, reasons);
    // An order new to memory has no reasons kept (`forget` drops them with the order).
    else if (!isNew) this.#attention.delete(order.id);
    const changesAt = attentionChangesAt(order, this.now);
    if (changesAt !== null)
      this.nextAttentionChange = Math.min(this.nextAttentionChange, Date.parse(changesAt));
    return reasons;
  }

  /**
   * Works attention out again for every order, after the day or the seller's settings changed;
   * in slices, so 100,000 orders never block input. Nothing else about an order changes.
   */
  async recomputeAttention(): Promise<void> {
    this.#rowsCache = null;
    this.nextAttentionChange = Infinity;
    await inSlices([...this.orders.values()], (order) => {
      // An order removed or replaced meanwhile was already worked out by `put`/`forget`.
      if (this.orders.get(order.id) !== order) return;
      const reasons = this.#reasons(order, this.parcels.get(order.id) ?? []);
      const summary = this.#summaries.get(order.id);
      const late = reasons.some(isLateReason);
      if (summary && (summary.attention !== reasons.length || summary.late !== late))
        this.#summaries.set(order.id, { ...summary, attention: reasons.length, late });
    });
    this.#rowsCache = null;
  }

  /** Orders written here, with their parcels as memory has them. */
  applyOrders(orders: readonly Order[]): void {
    for (const order of orders) this.put(order, this.parcels.get(order.id) ?? []);
  }

  /** As `applyOrders`, for thousands of orders: in slices of `SLICE_BUDGET_MS` (`src/platform/scheduling.ts`). */
  applyOrdersInSlices(orders: readonly Order[]): Promise<void> {
    return inSlices(orders, (order) => this.put(order, this.parcels.get(order.id) ?? []));
  }

  applyParcels(order: Order, parcels: Parcel[]): void {
    if (parcels.length) this.parcels.set(order.id, parcels);
    else this.parcels.delete(order.id);
    this.put(order, parcels);
  }

  forget(id: OrderId): void {
    this.orders.delete(id);
    this.#summaries.delete(id);
    this.#attention.delete(id);
    this.#removals++;
    // The index keeps the entry (and the order its slot); the list only shows ids that are still orders.
  }

  /** Statuses that at least one of `ids` may be set to, for the "Set status" menu. */
  reachableStatuses(ids: Iterable<OrderId>): OrderStatus[] {
    const orders: Order[] = [];
    for (const id of ids) {
      const order = this.orders.get(id);
      if (order) orders.push(order);
    }
    return reachableStatuses(orders);
  }

  /**
   * Pages through the repository and brings memory up to date: new and changed orders are
   * summarised and indexed, orders no longer stored are dropped. `onProgress` runs after the
   * first page, then whenever the orders in memory have grown by `LOAD_REFRESH_GROWTH` (at most
   * every `LOAD_REFRESH_MS` by `now`, a millisecond clock). Resolves once the search finds every
   * order read.
   */
  async scan(
    repo: Repository,
    onProgress: () => void,
    now: () => number = () => performance.now(),
  ): Promise<void> {
    const parcels = new Map<OrderId, Parcel[]>();
    let afterParcel: ParcelId | null = null;
    for (;;) {
      const page = await repo.parcelsPage(afterParcel, PARCEL_PAGE_SIZE);
      for (const parcel of page) {
        const list = parcels.get(parcel.orderId);
        if (list) list.push(parcel);
        else parcels.set(parcel.orderId, [parcel]);
      }
      if (page.length < PARCEL_PAGE_SIZE) break;
      afterParcel = (page.at(-1) as Parcel).id;
    }
    const previousParcels = this.parcels;
    this.parcels = parcels;

    // The orders read, to drop those no longer stored; none can be when memory held none.
    const seen = this.orders.size === 0 ? null : new Set<OrderId>();
    let lastProgress = -Infinity;
    let shownCount = -1;
    let limit = FIRST_ORDER_PAGE_SIZE;
    let nextPage = repo.ordersPage(null, limit);
    // IndexedDB counts 100,000 orders in about three times the time it takes to read the first
    // page: the first page is shown without waiting for the count, which only later refreshes need.
    const counted = repo.countOrders();
    counted.catch(() => undefined);
    let stored: number | undefined;
    let copyAsked = false;
    /** The list takes in the orders read so far. */
    const show = () => {
      this.#rowsCache = null;
      onProgress();
      lastProgress = now();
      shownCount = this.orders.size;
    };
    for (;;) {
      const page = await nextPage;
      const full = page.length === limit;
      const askNext = () => {
        limit = ORDER_PAGE_SIZE;
        nextPage = repo.ordersPage((page.at(-1) as Order).id, limit);
      };
      // Ask for the next page before working through this one: IndexedDB reads it meanwhile,
      // instead of the main thread waiting for it after every page. Not the second: taking it
      // out of IndexedDB would cost the main thread time before the first rows are shown.
      if (full && shownCount !== -1) askNext();
      // The page arrived in a task that has already spent its time taking the rows out of
      // IndexedDB (about 25 ms for 1,000 orders on a 4x slower CPU): the work on them starts in
      // a task of its own.
      await yieldToBrowser();
      await inSlices(page, (order) => {
        seen?.add(order.id);
        const before = this.orders.get(order.id);
        const own = parcels.get(order.id) ?? [];
        if (
          before === undefined ||
          before.updatedAt !== order.updatedAt ||
          parcelKey(previousParcels.get(order.id)) !== parcelKey(own)
        ) {
          this.put(order, own, true);
        }
      });
      // The first page is shown before anything goes to the search workers: starting them and
      // sending them the page cost a 4x slower CPU about 40 ms that the first rows need not wait
      // for. The next page takes it along, and asks for the first copy of the index.
      if (shownCount === -1) {
        show();
        if (!full) break;
        askNext();
        continue;
      }
      this.#search.flush();
      // Not when the orders still to read would grow the list by more than the same factor
      // again: the refresh once every order is read comes soon enough.
      stored ??= await counted;
      const grown =
        this.orders.size >= shownCount * LOAD_REFRESH_GROWTH &&
        this.orders.size * LOAD_REFRESH_GROWTH <= stored;
      if (grown && now() - lastProgress > LOAD_REFRESH_MS) {
        // A copy of the search index with every order read so far follows the list.
        void this.#search.refresh();
        show();
      } else if (!copyAsked) void this.#search.refresh();
      copyAsked = true;
      if (!full) break;
    }
    if (seen) for (const id of [...this.orders.keys()]) if (!seen.has(id)) this.forget(id);
    // The worker makes the last copy of the search index while the page lays out the list of
    // every order read (for 100,000 orders on a 4x slower CPU, each takes about half a second),
    // rather than one after the other.
    const copied = this.#search.refresh();
    if (this.orders.size !== shownCount) show();
    await copied;
  }
}
