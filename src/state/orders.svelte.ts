/**
 * The orders the seller works on: loads them into the order cache (`order-cache.ts`: every order
 * with a search index and a per-order summary of parcels and "needs attention"), answers the
 * list's queries, and commits the writes (`OrderWrites`: status changes one at a time or in bulk,
 * undo, parcels, notes; each a pure command from `src/core/commands`) in one transaction each,
 * applying them to memory. The selection (`SelectionState`) and the
 * toast with Undo (`UndoToastState`) are their own classes. Components never touch storage; they
 * call these methods.
 *
 * Loading 100,000 orders:
 *   ordersPage(1,000) ──► map + summaries (slices of SLICE_BUDGET_MS) ──► search fields ──► workers
 *        ▲                                          │                                      │
 *        └────────────── next page ◄────────────────┘        flat copies of the index ◄────┘
 * The list shows after the first page, a smaller one (FIRST_ORDER_PAGE_SIZE), before anything goes
 * to the search workers. Reading pages is asynchronous IndexedDB work; the CPU work
 * between pages (summaries) is cut into slices that leave the main thread at least every
 * SLICE_BUDGET_MS, so typing and scrolling stay responsive while the rest loads. The search index,
 * about half of that work, is built in the search workers (`OrderSearch`); the page queries flat
 * copies of it, which cross as a few strings and typed arrays, without a round trip per keystroke.
 *
 * Keeping up to date: every write (`OrderWrites`) updates memory directly. Changes made elsewhere (an import,
 * another tab, sync) raise the repository's `dataVersion`; `load()` compares it and, when it
 * moved, pages through again and re-indexes only the orders whose `updatedAt` or parcels changed.
 */
import type { AttentionReason } from '../core/workflow/attention.ts';
import type { ExpectedDelivery } from '../core/delivery-estimate/index.ts';
import { nowIso, systemClock, todayLocal, type Clock } from '../core/clock.ts';
import type { ParcelDraft } from '../core/commands/parcel.ts';
import type { OrderId, ParcelId } from '../core/ids.ts';
import type { Order, OrderStatus } from '../core/model/order.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { OrderFilter } from '../core/orders/filters.ts';
import { viewOfRows, type ListView, type OrderSummary } from '../core/orders/list-view.ts';
import type { OrderDraft } from '../core/orders/manual-order.ts';
import { chartSeries, type ChartPoint } from '../core/orders/chart-series.ts';
import { attentionConfigOf, sameAttentionConfig } from '../core/orders/attention-settings.ts';
import { pending, yieldToBrowser, type Pending } from '../platform/scheduling.ts';
import type { SearchBuilder } from '../platform/search-worker.ts';
import type { Change, Repository } from '../storage/repository.ts';
import { OrderCache } from './order-cache.ts';
import { OrderDetailState } from './order-detail.svelte.ts';
import { PackingState } from './order-packing.svelte.ts';
import { OrderWrites, type BulkRequest, type BulkStep } from './order-writes.svelte.ts';
import { SelectionState } from './selection.svelte.ts';
import { UndoToastState, type Toast } from './undo-toast.svelte.ts';

export { ORDER_PAGE_SIZE } from './order-cache.ts';
export { UNDO_WINDOW_MS, type Toast, type ToastKind } from './undo-toast.svelte.ts';
export type { BulkRequest, BulkStep } from './order-writes.svelte.ts';
export type { ParcelDraft } from '../core/commands/parcel.ts';

/** Statuses of the orders packing mode goes through. */
const PACKABLE: readonly OrderStatus[] = ['new', 'preparing', 'ready'];

/**
 * Rows per IndexedDB write step when committing from the page (`CommitOptions.sliceSize`). Each
 * step's structured clone runs on the main thread; measured at 10,000 orders (scripts/bench-orders.mjs)
 * one 10,000-row step blocked it for 300-440 ms.
 */
export const MAIN_THREAD_COMMIT_SLICE = 500;
/** Orders per step of the chart's computation; the steps' sums are the series. */
const CHART_SLICE = 500;

export interface OrdersOptions {
  /** The device clock; tests fix it. */
  clock?: Clock;
  /** Told as a bulk change passes each step; the benchmarks mark them, the app does not listen. */
  onMeasure?: (step: BulkStep) => void;
  /** Builds the search index: the search worker on the page, in-process by default. */
  searchBuilder?: SearchBuilder;
}

export class OrdersState {
  readonly #repo: Repository;
  readonly #clock: Clock;
  readonly #writes: OrderWrites;
  readonly #cache: OrderCache;
  readonly #selection = new SelectionState();
  readonly #toasts = new UndoToastState();
  /** The reactive signal that something in `#cache` changed. */
  #version = $state(0);
  #knownDataVersion = -1;
  #loaded = $state(false);
  #loading = $state(false);
  /** Settles when loading (including indexing) is over. */
  #loadingDone: Pending | null = null;
  #reloadWanted = false;
  #ownWrites = 0;
  #today = $state('');
  #chart: { version: number; today: string; points: Promise<ChartPoint[]> } | null = null;

  constructor(
    repo: Repository,
    { clock = systemClock, onMeasure = () => undefined, searchBuilder }: OrdersOptions = {},
  ) {
    this.#repo = repo;
    this.#cache = new OrderCache({
      ...(searchBuilder ? { searchBuilder } : {}),
      onSearchChange: () => this.#version++,
    });
    this.#clock = clock;
    this.#writes = new OrderWrites({
      repo,
      cache: this.#cache,
      clock,
      toasts: this.#toasts,
      measure: onMeasure,
      today: () => this.#today,
      current: (ids) => this.#current(ids),
      commit: (change, apply) => this.#commit(change, apply),
    });
    this.#today = todayLocal(clock);
  }

  get count(): number {
    void this.#version;
    return this.#cache.orders.size;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** True while pages are still being read or indexed; search results may be incomplete. */
  get loading(): boolean {
    return this.#loading;
  }
  get today(): string {
    return this.#today;
  }
  get selection(): ReadonlySet<OrderId> {
    return this.#selection.ids;
  }
  get toast(): Toast | null {
    return this.#toasts.current;
  }
  get busy(): { to: OrderStatus; count: number } | null {
    return this.#writes.busy;
  }
  /** Changes whenever any order, parcel or summary changes. */
  get version(): number {
    return this.#version;
  }

  order(id: OrderId): Order | undefined {
    void this.#version;
    return this.#cache.orders.get(id);
  }

  summaryOf(id: OrderId): OrderSummary {
    void this.#version;
    return this.#cache.summaryOf(id);
  }

  /** The window a shipped parcel of this order usually arrives in, learned from the seller's parcels. */
  expectedDelivery(id: OrderId, parcel: Parcel): ExpectedDelivery | null {
    void this.#version;
    const order = this.#cache.orders.get(id);
    return order === undefined ? null : this.#cache.expectedDelivery(order, parcel);
  }

  attentionOf(id: OrderId): readonly AttentionReason[] {
    void this.#version;
    return this.#cache.attentionOf(id);
  }

  /** Carrier ids used by any parcel, for the carrier filter. */
  carriers(): string[] {
    void this.#version;
    return this.#cache.carriers();
  }

  /**
   * The list for a filter. Call it from a `$derived`: it depends on the data version, and the
   * store caches the sort and the search, so typing re-runs only the cheap filter pass.
   */
  viewFor(filter: OrderFilter): ListView {
    const version = this.#version;
    const q = filter.q.trim();
    return viewOfRows({
      rows: this.#cache.rows(filter.sort, version),
      filter,
      today: this.#today,
      searchHits: q === '' ? null : this.#cache.search(q, version),
    });
  }

  /**
   * Shipments and orders needing attention per day of the last 30 (`chartSeries`), for the data
   * as it is now. Computed in steps of `CHART_SLICE` orders with the thread given back between
   * them, and kept until something changes.
   */
  chartPoints(): Promise<ChartPoint[]> {
    const version = this.#version;
    const today = this.#today;
    if (this.#chart && this.#chart.version === version && this.#chart.today === today)
      return this.#chart.points;
    const store = this.#cache;
    const points = (async () => {
      const orders = [...store.orders.values()];
      let sum: ChartPoint[] = [];
      for (let start = 0; start === 0 || start < orders.length; start += CHART_SLICE) {
        const part = chartSeries({
          orders: orders.slice(start, start + CHART_SLICE),
          parcelsOf: (id) => store.parcels.get(id) ?? [],
          today,
          config: store.attention,
          flaggedToday: (id) => store.summaryOf(id).attention > 0,
          lateFrom: (order, parcel) => store.expectedDelivery(order, parcel)?.lateFrom,
        });
        sum = sum.length
          ? sum.map((p, i) => ({
              ...p,
              shipped: p.shipped + (part[i]?.shipped ?? 0),
              attention: p.attention + (part[i]?.attention ?? 0),
              late: p.late + (part[i]?.late ?? 0),
            }))
          : part;
        await yieldToBrowser();
        // A bulk change is under way: leave it the main thread.
        await this.#writes.whenIdle();
      }
      return sum;
    })();
    this.#chart = { version, today, points };
    return points;
  }

  /** Orders still to be packed (new, preparing, ready), oldest first: the packing queue. */
  packingQueue(): OrderId[] {
    const version = this.#version;
    return this.#cache
      .sorted('date_asc', version)
      .filter((order) => PACKABLE.includes(order.status))
      .map((order) => order.id);
  }

  /** Packing mode over these orders; call `restore()` once. */
  packing(): PackingState {
    return new PackingState(this.#repo, this);
  }

  /** The detail of one order; call `start()` on it while it is shown. */
  detail(id: OrderId): OrderDetailState {
    return new OrderDetailState(this.#repo, id);
  }

  // ---- loading -------------------------------------------------------------------------------

  /**
   * Defers reading the orders again after a change elsewhere until the returned release is
   * called, then reads once, after the next frame. An import holds it while it commits: the seller
   * sees "Import finished" first, and the reload of up to 100,000 orders (in slices, but with the
   * garbage collection that much new data brings) does not compete with showing it.
   */
  holdReloads(): () => void {
    this.#ownWrites++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#ownWrites--;
      const reload = () => void this.load();
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(reload, 0));
      else setTimeout(reload, 0);
    };
  }

  /**
   * Reads the orders when they are not loaded or were changed elsewhere since. Resolves once the
   * first page is in memory; the rest continues in the background (`loading`).
   */
  async load(): Promise<void> {
    if (this.#ownWrites > 0) return;
    if (this.#loading) {
      this.#reloadWanted = true;
      return;
    }
    this.#setLoading(true);
    const [dataVersion, settings] = await Promise.all([this.#repo.dataVersion(), this.#repo.getSettings()]);
    // A new day or new thresholds change which orders need attention, not the orders.
    // So does a rule counted in hours coming due ("not confirmed 24 h after shipping").
    const today = todayLocal(this.#clock);
    const now = nowIso(this.#clock);
    const attention = attentionConfigOf(settings.workflow);
    const attentionChanged =
      today !== this.#cache.today ||
      Date.parse(now) >= this.#cache.nextAttentionChange ||
      !sameAttentionConfig(attention, this.#cache.attention);
    this.#today = this.#cache.today = today;
    this.#cache.now = now;
    this.#cache.attention = attention;
    if (this.#loaded && attentionChanged) {
      await this.#cache.learnDeliveryTimes();
      await this.#cache.recomputeAttention();
      this.#version++;
    }
    if (this.#loaded && dataVersion === this.#knownDataVersion) {
      this.#loadFinished();
      return;
    }
    let firstPage!: () => void;
    const firstPageIn = new Promise<void>((resolve) => (firstPage = resolve));
    void this.#cache
      .scan(this.#repo, () => {
        this.#loaded = true;
        this.#version++;
        firstPage();
      })
      .then(async () => {
        this.#knownDataVersion = dataVersion;
        // Delivered parcels teach the windows; a changed late limit changes who is late.
        if (await this.#cache.learnDeliveryTimes()) await this.#cache.recomputeAttention();
      })
      .finally(() => {
        this.#loaded = true;
        this.#version++;
        firstPage();
        this.#loadFinished();
      });
    await firstPageIn;
  }

  #setLoading(loading: boolean): void {
    this.#loading = loading;
    if (loading) this.#loadingDone ??= pending();
    else {
      const done = this.#loadingDone;
      this.#loadingDone = null;
      done?.end();
    }
  }

  /** Ends a read, or starts the one asked for meanwhile (then `settled()` waits for that too). */
  #loadFinished(): void {
    if (this.#reloadWanted) {
      this.#reloadWanted = false;
      this.#loading = false;
      void this.load();
    } else this.#setLoading(false);
  }

  /**
   * Reads again when the seller's day has changed since the last read (the tab was left open
   * over midnight), so that "ordered 7 days ago" and the date filters count from the new day.
   * Also when an order's attention comes due within the day (a shop confirmation 24 h old).
   * The orders screen calls this on a timer and when the tab becomes visible.
   */
  refreshDay(): void {
    const now = this.#clock();
    if (todayLocal(() => now) !== this.#today || now.getTime() >= this.#cache.nextAttentionChange)
      void this.load();
  }

  /** Resolves when loading (including indexing) has finished; for tests and measurements. */
  settled(): Promise<void> {
    return this.#loadingDone?.promise ?? Promise.resolve();
  }

  // ---- selection (SelectionState) ----------------------------------------------------------

  /**
   * Selects or clears one row. With `range`, everything between the last clicked row and this one
   * (in `visible`, the list as shown) takes this row's new state, as shift-click does in a mail app.
   */
  select(visible: readonly OrderId[], index: number, selected: boolean, range = false): void {
    this.#selection.select(visible, index, selected, range);
  }

  selectAll(ids: readonly OrderId[]): void {
    this.#selection.selectAll(ids);
  }

  clearSelection(): void {
    this.#selection.clear();
  }

  /** Statuses that at least one of `ids` may be set to, for the "Set status" menu. */
  reachableStatuses(ids: Iterable<OrderId>): OrderStatus[] {
    void this.#version;
    return this.#cache.reachableStatuses(ids);
  }

  // ---- writes: core commands (src/core/commands), committed in one transaction each ------------

  /**
   * The orders as stored. Memory has them when nothing was written elsewhere since it was read
   * (the data version says so), which saves reading 10,000 orders back before a bulk change.
   */
  async #current(ids: readonly OrderId[]): Promise<Order[]> {
    if (!this.#loading && (await this.#repo.dataVersion()) === this.#knownDataVersion) {
      return ids.flatMap((id) => {
        const order = this.#cache.orders.get(id);
        return order ? [order] : [];
      });
    }
    const stored = await this.#repo.getOrders(ids);
    return stored.filter((o): o is Order => o !== undefined);
  }

  /**
   * Commits a command's change and applies it to memory without reading everything again. Our
   * own write's change notification is ignored (`#ownWrites`) until memory has it.
   */
  async #commit(change: Change, apply: () => void | Promise<void>): Promise<void> {
    const before = await this.#repo.dataVersion();
    this.#ownWrites++;
    try {
      await this.#repo.commit(change, { sliceSize: MAIN_THREAD_COMMIT_SLICE });
      await apply();
    } finally {
      this.#ownWrites--;
    }
    this.#version++;
    // If nobody else wrote in between, memory is as current as the store; otherwise read again.
    const after = await this.#repo.dataVersion();
    if (before === this.#knownDataVersion && after === before + 1) this.#knownDataVersion = after;
    else void this.load();
  }

  /**
   * The same status change for many orders, in one commit, with a toast of the outcome and Undo
   * (`OrderWrites.bulkTransition`).
   */
  bulkTransition(ids: readonly OrderId[], request: BulkRequest): Promise<Toast> {
    return this.#writes.bulkTransition(ids, request);
  }

  /** Undoes the change behind a toast; orders changed again since are left alone. */
  undo(toast: Toast): Promise<Toast> {
    return this.#writes.undo(toast);
  }

  dismissToast(): void {
    this.#toasts.dismiss();
  }

  /** Saves a parcel (new or edited) and moves the order's status along as the parcels say. */
  saveParcel(orderId: OrderId, draft: ParcelDraft): Promise<void> {
    return this.#writes.saveParcel(orderId, draft);
  }

  removeParcel(orderId: OrderId, parcelId: ParcelId): Promise<void> {
    return this.#writes.removeParcel(orderId, parcelId);
  }

  /** A blank draft for a new hand-typed order with the next free number. */
  newDraft(): OrderDraft {
    return this.#writes.newDraft();
  }

  /** Saves a hand-typed order (`existingId` absent) or a hand edit (`OrderWrites.saveOrder`). */
  saveOrder(draft: OrderDraft, existingId?: OrderId): ReturnType<OrderWrites['saveOrder']> {
    return this.#writes.saveOrder(draft, existingId);
  }

  /** Asks the server's tracking service again about these parcels; answers how many. */
  retrack(parcels: readonly { orderId: OrderId; parcelId: ParcelId }[]): Promise<number> {
    return this.#writes.retrack(parcels);
  }

  /** Every shipped, undelivered parcel of these orders, for "Track again" on a selection. */
  parcelsToRetrack(ids: Iterable<OrderId>): { orderId: OrderId; parcelId: ParcelId }[] {
    const out: { orderId: OrderId; parcelId: ParcelId }[] = [];
    for (const orderId of ids) {
      for (const parcel of this.#cache.parcels.get(orderId) ?? []) {
        if (parcel.deliveryStatus !== 'delivered' && parcel.deliveryStatus !== 'returned')
          out.push({ orderId, parcelId: parcel.id });
      }
    }
    return out;
  }

  saveNotes(orderId: OrderId, notes: string): Promise<void> {
    return this.#writes.saveNotes(orderId, notes);
  }
}
