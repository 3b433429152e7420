/**
 * The orders the seller works on: an in-memory copy of every order with a search index and a
 * per-order summary of parcels and "needs attention", plus every write the list makes (status
 * changes one at a time or in bulk, undo, parcels, notes). Components never touch storage; they
 * call these methods.
 *
 * Loading 100,000 orders:
 *   ordersPage(1,000) ──► map + summaries ──► search index (idle slices of SLICE_BUDGET_MS)
 *        ▲                                          │
 *        └────────────── next page ◄────────────────┘     the list shows after the first page
 * Reading pages is asynchronous IndexedDB work; the CPU work between pages (summaries, index) is
 * cut into slices that leave the main thread at least every SLICE_BUDGET_MS, so typing and
 * scrolling stay responsive while the rest loads. (A worker could build the index, but the index
 * would then have to be posted back - structured-cloning 100k postings costs about as much as
 * building them - or queried across the boundary on every keystroke.)
 *
 * Keeping up to date: every write here updates memory directly. Changes made elsewhere (an import,
 * another tab, sync) raise the repository's `dataVersion`; `load()` compares it and, when it
 * moved, pages through again and re-indexes only the orders whose `updatedAt` or parcels changed.
 */
import {
  planBulkTransition,
  planBulkUndo,
  transition,
  type Applied,
  type BulkPlan,
  type RefusalCode,
} from '../core/workflow/status-machine.ts';
import type { AttentionReason } from '../core/workflow/attention.ts';
import { followParcels } from '../core/workflow/follow-parcels.ts';
import type { ExpectedDelivery } from '../core/delivery-estimate/index.ts';
import type { OrderEvent } from '../core/model/events.ts';
import { orderIdOf, randomId, type EventId, type OrderId, type ParcelId } from '../core/ids.ts';
import type { Order, OrderStatus } from '../core/model/order.ts';
import type { PendingMutation } from '../core/model/outbox.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { OrderFilter } from '../core/orders/filters.ts';
import { viewOfRows, type ListView, type OrderSummary } from '../core/orders/list-view.ts';
import { checkAddress } from '../core/address/check-address.ts';
import {
  changedFields,
  emptyDraft,
  nextManualId,
  orderFromDraft,
  validateDraft,
  type DraftProblem,
  type OrderDraft,
} from '../core/orders/manual-order.ts';
import { importedFieldsOf } from '../core/import/plan.ts';
import { attentionConfigOf, sameAttentionConfig } from '../core/orders/attention-settings.ts';
import { chartSeries, type ChartPoint } from '../core/orders/chart-series.ts';
import { mutation, type OrderEditArgs } from '../core/protocol/mutations.ts';
import type { Change, Repository } from '../storage/repository.ts';
import { OrderDetailState } from './order-detail.svelte.ts';
import { PackingState } from './order-packing.svelte.ts';
import {
  nowIso,
  OrderStore,
  setOf,
  todayLocal,
  transitionMutation,
  withRange,
  yieldToBrowser,
} from './order-store.ts';

export { ORDER_PAGE_SIZE, SLICE_BUDGET_MS, type TransitionArgs } from './order-store.ts';

/** Statuses of the orders packing mode goes through. */
const PACKABLE: readonly OrderStatus[] = ['new', 'preparing', 'ready'];

/** Orders planned between yields in a bulk change. */
const BULK_PLAN_SLICE = 1_000;
/**
 * Rows per IndexedDB write step when committing from the page (`CommitOptions.sliceSize`). Each
 * step's structured clone runs on the main thread; measured at 10,000 orders (scripts/bench-orders.mjs)
 * one 10,000-row step blocked it for 300-440 ms.
 */
export const MAIN_THREAD_COMMIT_SLICE = 500;
/** Orders per step of the chart's computation; the steps' sums are the series. */
const CHART_SLICE = 500;
/** How long a bulk change can be undone from its toast, in milliseconds. */
export const UNDO_WINDOW_MS = 20_000;

export type ToastKind = 'bulk' | 'undone' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** Target status of a bulk change. */
  to?: OrderStatus;
  done: number;
  count: number;
  refusedByCode: Partial<Record<RefusalCode, number>>;
  /** The events the change appended, for undo; absent once undone or for undo results. */
  undoEvents?: readonly OrderEvent[];
  message?: string;
}

export interface BulkRequest {
  to: OrderStatus;
  reason?: string;
  /** For `shipped`: the day the parcels left, `yyyy-mm-dd`, when not today. */
  shippedOn?: string;
}

/** A parcel as the detail form edits it. */
export interface ParcelDraft {
  id?: ParcelId;
  trackingNumber: string;
  carrierId?: string;
  trackingUrl?: string;
  shippedAt?: string;
  deliveryStatus: Parcel['deliveryStatus'];
}

export class OrdersState {
  readonly #repo: Repository;
  readonly #store = new OrderStore();
  /** The reactive signal that something in `#store` changed. */
  #version = $state(0);
  #knownDataVersion = -1;
  #loaded = $state(false);
  #loading = $state(false);
  #reloadWanted = false;
  #ownWrites = 0;
  #today = $state(todayLocal());
  #selection = $state.raw<ReadonlySet<OrderId>>(setOf());
  #anchor: number | null = null;
  #toast = $state.raw<Toast | null>(null);
  #toastTimer: ReturnType<typeof setTimeout> | undefined;
  #toastSeq = 0;
  #busy = $state.raw<{ to: OrderStatus; count: number } | null>(null);
  /** Milliseconds the last full read took, for measurements. */
  lastLoadMs = 0;
  #chart: { version: number; today: string; points: Promise<ChartPoint[]> } | null = null;

  constructor(repo: Repository) {
    this.#repo = repo;
  }

  get count(): number {
    void this.#version;
    return this.#store.orders.size;
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
    return this.#selection;
  }
  get toast(): Toast | null {
    return this.#toast;
  }
  get busy(): { to: OrderStatus; count: number } | null {
    return this.#busy;
  }
  /** Changes whenever any order, parcel or summary changes. */
  get version(): number {
    return this.#version;
  }

  order(id: OrderId): Order | undefined {
    void this.#version;
    return this.#store.orders.get(id);
  }

  summaryOf(id: OrderId): OrderSummary {
    void this.#version;
    return this.#store.summaryOf(id);
  }

  /** The window a shipped parcel of this order usually arrives in, learned from the seller's parcels. */
  expectedDelivery(id: OrderId, parcel: Parcel): ExpectedDelivery | null {
    void this.#version;
    const order = this.#store.orders.get(id);
    return order === undefined ? null : this.#store.expectedDelivery(order, parcel);
  }

  attentionOf(id: OrderId): readonly AttentionReason[] {
    void this.#version;
    return this.#store.attentionOf(id);
  }

  /** Carrier ids used by any parcel, for the carrier filter. */
  carriers(): string[] {
    void this.#version;
    return this.#store.carriers();
  }

  /**
   * The list for a filter. Call it from a `$derived`: it depends on the data version, and the
   * store caches the sort and the search, so typing re-runs only the cheap filter pass.
   */
  viewFor(filter: OrderFilter): ListView {
    const version = this.#version;
    const q = filter.q.trim();
    return viewOfRows({
      rows: this.#store.rows(filter.sort, version),
      filter,
      today: this.#today,
      searchHits: q === '' ? null : this.#store.search(q, version),
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
    const store = this.#store;
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
        while (this.#busy !== null) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return sum;
    })();
    this.#chart = { version, today, points };
    return points;
  }

  /** Orders still to be packed (new, preparing, ready), oldest first: the packing queue. */
  packingQueue(): OrderId[] {
    const version = this.#version;
    return this.#store
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
    this.#loading = true;
    const [dataVersion, settings] = await Promise.all([this.#repo.dataVersion(), this.#repo.getSettings()]);
    // A new day or new thresholds change which orders need attention, not the orders.
    const today = todayLocal();
    const attention = attentionConfigOf(settings.workflow);
    const attentionChanged =
      today !== this.#store.today || !sameAttentionConfig(attention, this.#store.attention);
    this.#today = this.#store.today = today;
    this.#store.attention = attention;
    if (this.#loaded && attentionChanged) {
      await this.#store.learnDeliveryTimes();
      await this.#store.recomputeAttention();
      this.#version++;
    }
    if (this.#loaded && dataVersion === this.#knownDataVersion) {
      this.#loading = false;
      if (this.#reloadWanted) {
        this.#reloadWanted = false;
        void this.load();
      }
      return;
    }
    const started = performance.now();
    let firstPage!: () => void;
    const firstPageIn = new Promise<void>((resolve) => (firstPage = resolve));
    void this.#store
      .scan(this.#repo, () => {
        this.#loaded = true;
        this.#version++;
        firstPage();
      })
      .then(async () => {
        this.#knownDataVersion = dataVersion;
        this.lastLoadMs = Math.round(performance.now() - started);
        // Delivered parcels teach the windows; a changed late limit changes who is late.
        if (await this.#store.learnDeliveryTimes()) await this.#store.recomputeAttention();
      })
      .finally(() => {
        this.#loaded = true;
        this.#loading = false;
        this.#version++;
        firstPage();
        if (this.#reloadWanted) {
          this.#reloadWanted = false;
          void this.load();
        }
      });
    await firstPageIn;
  }

  /**
   * Reads again when the seller's day has changed since the last read (the tab was left open
   * over midnight), so that "ordered 7 days ago" and the date filters count from the new day.
   * The orders screen calls this on a timer and when the tab becomes visible.
   */
  refreshDay(): void {
    if (todayLocal() !== this.#today) void this.load();
  }

  /** Resolves when loading (including indexing) has finished; for tests and measurements. */
  async settled(): Promise<void> {
    while (this.#loading) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  // ---- selection -----------------------------------------------------------------------------

  /**
   * Selects or clears one row. With `range`, everything between the last clicked row and this one
   * (in `visible`, the list as shown) takes this row's new state, as shift-click does in a mail app.
   */
  select(visible: readonly OrderId[], index: number, selected: boolean, range = false): void {
    const anchor = range && this.#anchor !== null ? this.#anchor : index;
    this.#selection = withRange(
      this.#selection,
      visible,
      Math.min(anchor, index),
      Math.max(anchor, index),
      selected,
    );
    this.#anchor = index;
  }

  selectAll(ids: readonly OrderId[]): void {
    this.#selection = setOf(ids);
  }

  clearSelection(): void {
    this.#selection = setOf();
    this.#anchor = null;
  }

  /** Statuses that at least one of `ids` may be set to, for the "Set status" menu. */
  reachableStatuses(ids: Iterable<OrderId>): OrderStatus[] {
    void this.#version;
    return this.#store.reachableStatuses(ids);
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * The orders as stored. Memory has them when nothing was written elsewhere since it was read
   * (the data version says so), which saves reading 10,000 orders back before a bulk change.
   */
  async #current(ids: readonly OrderId[]): Promise<Order[]> {
    if (!this.#loading && (await this.#repo.dataVersion()) === this.#knownDataVersion) {
      return ids.flatMap((id) => {
        const order = this.#store.orders.get(id);
        return order ? [order] : [];
      });
    }
    const stored = await this.#repo.getOrders(ids);
    return stored.filter((o): o is Order => o !== undefined);
  }

  /**
   * Commits a change made here and applies it to memory without reading everything again. Our
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
   * The same status change for many orders, in one commit with an event and an outbox entry per
   * changed order. Planning yields every `BULK_PLAN_SLICE` orders so 10,000 never freeze the page.
   * Shows a toast with the outcome and, when anything changed, Undo.
   */
  async bulkTransition(ids: readonly OrderId[], request: BulkRequest): Promise<Toast> {
    this.#busy = { to: request.to, count: ids.length };
    try {
      // Marks for the 100k benchmark (test/e2e/orders-perf.spec.ts); cheap enough to keep.
      performance.mark('trackpack:bulk:start');
      const at = nowIso();
      const orders = await this.#current(ids);
      performance.mark('trackpack:bulk:read');
      const applied: Applied[] = [];
      const refusedByCode: Partial<Record<RefusalCode, number>> = {};
      for (let start = 0; start < orders.length; start += BULK_PLAN_SLICE) {
        const plan = planBulkTransition(orders.slice(start, start + BULK_PLAN_SLICE), request.to, {
          at,
          ...(request.reason !== undefined ? { reason: request.reason } : {}),
        });
        applied.push(...plan.applied);
        for (const { refusal } of plan.refused)
          refusedByCode[refusal.code] = (refusedByCode[refusal.code] ?? 0) + 1;
        await yieldToBrowser();
      }
      const events = applied.map(({ event }) =>
        request.to === 'shipped' && request.shippedOn
          ? { ...event, data: { ...event.data, shippedOn: request.shippedOn } }
          : event,
      );
      performance.mark('trackpack:bulk:planned');
      if (applied.length > 0) {
        await this.#commit(
          {
            orders: applied.map((a) => a.order),
            events,
            mutations: events.map((event) => transitionMutation(event)),
          },
          () => {
            performance.mark('trackpack:bulk:committed');
            return this.#store.applyOrdersInSlices(applied.map((a) => a.order));
          },
        );
      }
      performance.mark('trackpack:bulk:applied');
      return this.#showToast({
        kind: 'bulk',
        to: request.to,
        done: applied.length,
        count: ids.length,
        refusedByCode,
        ...(applied.length > 0 ? { undoEvents: events } : {}),
      });
    } catch (error) {
      return this.#showToast({
        kind: 'error',
        done: 0,
        count: ids.length,
        refusedByCode: {},
        message: String(error),
      });
    } finally {
      this.#busy = null;
    }
  }

  /** Undoes the change behind a toast; orders changed again since are left alone. */
  async undo(toast: Toast): Promise<Toast> {
    const events = toast.undoEvents ?? [];
    if (this.#toast?.id === toast.id) this.#toast = { ...toast, undoEvents: [] };
    const ids = events.flatMap((e) => (e.orderId === null ? [] : [e.orderId]));
    this.#busy = { to: toast.to ?? 'new', count: ids.length };
    try {
      const at = nowIso();
      const orders = await this.#current(ids);
      // In steps, as the change itself was planned: undoing 10,000 orders must not freeze the page.
      // (Each step looks its orders up among all of them: a map of 10,000 takes about a millisecond.)
      const plan: { applied: Applied[]; refused: BulkPlan['refused'] } = { applied: [], refused: [] };
      for (let start = 0; start < events.length; start += BULK_PLAN_SLICE) {
        const part = planBulkUndo(orders, events.slice(start, start + BULK_PLAN_SLICE), { at });
        plan.applied.push(...part.applied);
        plan.refused.push(...part.refused);
        await yieldToBrowser();
      }
      if (plan.applied.length > 0) {
        await this.#commit(
          {
            orders: plan.applied.map((a) => a.order),
            events: plan.applied.map((a) => a.event),
            mutations: plan.applied.map((a) => transitionMutation(a.event)),
          },
          () => this.#store.applyOrdersInSlices(plan.applied.map((a) => a.order)),
        );
      }
      const refusedByCode: Partial<Record<RefusalCode, number>> = {};
      for (const { refusal } of plan.refused)
        refusedByCode[refusal.code] = (refusedByCode[refusal.code] ?? 0) + 1;
      return this.#showToast({ kind: 'undone', done: plan.applied.length, count: ids.length, refusedByCode });
    } finally {
      this.#busy = null;
    }
  }

  dismissToast(): void {
    clearTimeout(this.#toastTimer);
    this.#toast = null;
  }

  #showToast(toast: Omit<Toast, 'id'>): Toast {
    clearTimeout(this.#toastTimer);
    const shown: Toast = { ...toast, id: ++this.#toastSeq };
    this.#toast = shown;
    this.#toastTimer = setTimeout(() => {
      if (this.#toast?.id === shown.id) this.#toast = null;
    }, UNDO_WINDOW_MS);
    return shown;
  }

  /** Saves a parcel (new or edited) and moves the order's status along as the parcels say. */
  async saveParcel(orderId: OrderId, draft: ParcelDraft): Promise<void> {
    const at = nowIso();
    const order = await this.#repo.getOrder(orderId);
    if (!order) return;
    const existing = await this.#repo.parcelsOf(orderId);
    const previous = draft.id !== undefined ? existing.find((p) => p.id === draft.id) : undefined;
    const parcel: Parcel = {
      id: previous?.id ?? (randomId() as ParcelId),
      orderId,
      trackingNumber: draft.trackingNumber.trim(),
      ...(draft.carrierId ? { carrierId: draft.carrierId } : {}),
      ...(draft.trackingUrl ? { trackingUrl: draft.trackingUrl } : {}),
      ...(draft.shippedAt ? { shippedAt: draft.shippedAt } : {}),
      ...(previous?.expectedAt ? { expectedAt: previous.expectedAt } : {}),
      deliveryStatus: draft.deliveryStatus,
      ...(previous?.remarks ? { remarks: previous.remarks } : {}),
      updatedAt: at,
    };
    const parcels = previous ? existing.map((p) => (p.id === parcel.id ? parcel : p)) : [...existing, parcel];
    const event: OrderEvent = {
      id: randomId() as EventId,
      orderId,
      kind: previous ? 'parcel_changed' : 'parcel_added',
      at,
      data: {
        parcelId: parcel.id,
        trackingNumber: parcel.trackingNumber,
        deliveryStatus: parcel.deliveryStatus,
      },
    };
    const follow = followParcels(order, parcels, { at });
    await this.#commit(
      {
        orders: follow.order !== order ? [follow.order] : [],
        parcels: [parcel],
        events: [event, ...follow.events],
        mutations: [
          mutation('parcel.upsert', { parcel, eventId: event.id, at }),
          ...follow.events.map(transitionMutation),
        ],
      },
      () => this.#store.applyParcels(follow.order, parcels),
    );
  }

  async removeParcel(orderId: OrderId, parcelId: ParcelId): Promise<void> {
    const at = nowIso();
    const order = await this.#repo.getOrder(orderId);
    if (!order) return;
    const existing = await this.#repo.parcelsOf(orderId);
    const removed = existing.find((p) => p.id === parcelId);
    if (!removed) return;
    const parcels = existing.filter((p) => p.id !== parcelId);
    const event: OrderEvent = {
      id: randomId() as EventId,
      orderId,
      kind: 'parcel_removed',
      at,
      data: { parcelId, trackingNumber: removed.trackingNumber },
    };
    const follow = followParcels(order, parcels, { at });
    await this.#commit(
      {
        orders: follow.order !== order ? [follow.order] : [],
        removeParcels: [parcelId],
        events: [event, ...follow.events],
        mutations: [
          mutation('parcel.remove', { orderId, parcelId, eventId: event.id, at }),
          ...follow.events.map(transitionMutation),
        ],
      },
      () => this.#store.applyParcels(follow.order, parcels),
    );
  }

  /** A blank draft for a new hand-typed order with the next free number. */
  newDraft(): OrderDraft {
    const taken = (externalId: string) => this.#store.orders.has(orderIdOf('manual', externalId));
    return emptyDraft(nextManualId(taken, this.#store.manualCount()), this.#today);
  }

  /**
   * Saves a hand-typed order (`existingId` absent) or a hand edit. An unshipped order whose
   * address looks wrong (`checkAddress`) is put on hold with `address_problem`, in the same
   * commit, so it cannot be shipped to a bad address by accident.
   */
  async saveOrder(
    draft: OrderDraft,
    existingId?: OrderId,
  ): Promise<{ ok: false; problems: DraftProblem[] } | { ok: true; id: OrderId; held: boolean }> {
    const existing = existingId ? await this.#repo.getOrder(existingId) : undefined;
    const problems = validateDraft(draft, (externalId) =>
      existing ? false : this.#store.orders.has(orderIdOf('manual', externalId)),
    );
    if (problems.length) return { ok: false, problems };
    const at = nowIso();
    let order = orderFromDraft(draft, at, existing);
    const fields = existing ? changedFields(existing, order) : [];
    if (existing && fields.length === 0) return { ok: true, id: order.id, held: false };
    const event: OrderEvent = existing
      ? {
          id: randomId() as EventId,
          orderId: order.id,
          kind: 'edited',
          at,
          data: { fields: fields.join(',') },
        }
      : { id: randomId() as EventId, orderId: order.id, kind: 'created', at };
    const events: OrderEvent[] = [event];
    const mutations: PendingMutation[] = [
      existing
        ? mutation('order.edit', {
            orderId: order.id,
            fields: editedFields(order, fields),
            eventId: event.id,
            at,
          })
        : mutation('order.create', {
            order: importedFieldsOf(order),
            ...(order.notes !== '' ? { notes: order.notes } : {}),
            eventId: event.id,
            at,
          }),
    ];
    let held = false;
    const addressChanged = !existing || fields.includes('address');
    if (addressChanged && checkAddress(order.address).length > 0) {
      const hold = transition(order, 'on_hold', { at, reason: 'address_problem' });
      if (hold.ok) {
        order = hold.order;
        events.push(hold.event);
        mutations.push(transitionMutation(hold.event));
        held = true;
      }
    }
    await this.#commit({ orders: [order], events, mutations }, () => this.#store.applyOrders([order]));
    return { ok: true, id: order.id, held };
  }

  /**
   * Asks the server's tracking service again about these parcels (one `parcel.retrack` each).
   * Nothing changes on the device; the answer arrives as a status update by pull, or as a
   * rejection when the server has no tracking service. Answers how many were asked about.
   */
  async retrack(parcels: readonly { orderId: OrderId; parcelId: ParcelId }[]): Promise<number> {
    if (parcels.length === 0) return 0;
    const at = nowIso();
    await this.#commit(
      {
        events: [],
        mutations: parcels.map(({ orderId, parcelId }) =>
          mutation('parcel.retrack', { orderId, parcelId, eventId: randomId() as EventId, at }),
        ),
      },
      () => undefined,
    );
    return parcels.length;
  }

  /** Every shipped, undelivered parcel of these orders, for "Track again" on a selection. */
  parcelsToRetrack(ids: Iterable<OrderId>): { orderId: OrderId; parcelId: ParcelId }[] {
    const out: { orderId: OrderId; parcelId: ParcelId }[] = [];
    for (const orderId of ids) {
      for (const parcel of this.#store.parcels.get(orderId) ?? []) {
        if (parcel.deliveryStatus !== 'delivered' && parcel.deliveryStatus !== 'returned')
          out.push({ orderId, parcelId: parcel.id });
      }
    }
    return out;
  }

  async saveNotes(orderId: OrderId, notes: string): Promise<void> {
    const order = await this.#repo.getOrder(orderId);
    if (!order || order.notes === notes) return;
    const at = nowIso();
    const next: Order = { ...order, notes, updatedAt: at };
    const event: OrderEvent = { id: randomId() as EventId, orderId, kind: 'note_changed', at };
    await this.#commit(
      {
        orders: [next],
        events: [event],
        mutations: [mutation('order.note', { orderId, notes, eventId: event.id, at })],
      },
      () => this.#store.applyOrders([next]),
    );
  }
}

/** The hand-editable fields of `order` that changed, as `order.edit` carries them. */
function editedFields(order: Order, changed: readonly string[]): OrderEditArgs['fields'] {
  return {
    ...(changed.includes('orderedAt') ? { orderedAt: order.orderedAt } : {}),
    ...(changed.includes('buyer') ? { buyer: order.buyer } : {}),
    ...(changed.includes('address') ? { address: order.address } : {}),
    ...(changed.includes('lines') ? { lines: order.lines } : {}),
  };
}
