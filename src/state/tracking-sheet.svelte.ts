/**
 * The tracking screen's state: the tracking sheet out to Excel and back in, and the files the
 * marketplaces take. Owns no data of its own: orders come from `OrdersState` (memory) for lists
 * and ids, and from the repository (fresh) for anything that is written. Never holds a
 * transaction across anything but the one `commit`.
 *
 *   idle -> analysing -> preview -(confirm)-> committing -> done
 *                 ^         |                     |
 *                 +-choose--+        failure -----+--> preview (nothing written)
 *
 * Decisions:
 * - The sheet is small (one row per order to ship), so it is parsed on the main thread; the only
 *   long loop, indexing every order id for `knownOrderIds`, runs in slices (`inSlices`).
 * - Our own sheet is read with the seller's date order (`dateOrderOf`): we wrote its dates. Other
 *   sheets are read as detected, and an ambiguous column waits for the seller's choice.
 * - Rows with errors do not block the others: a row with an error adds nothing, and importing the
 *   corrected sheet again adds only what is missing (the plan skips numbers an order already has).
 * - The plan is made twice: for the preview, and again from freshly read orders and parcels at
 *   confirm time, so a change made in between (another tab, sync) is not overwritten.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the Maps, Sets and Dates here are working
   copies inside one call (plans, lookups, a period); what the page shows is held in $state.raw. */
import {
  amazonShippingConfirmation,
  dateOrderOf,
  ebayTrackingUpload,
  genericShipmentsCsv,
  trackingSheetColumnNames,
  trackingSheetCsv,
} from '../core/export/index.ts';
import { carrierNameOf, normalizeTrackingNumber, type CustomCarrier } from '../core/carriers/index.ts';
import type { Locale } from '../core/i18n/index.ts';
import type { DateOrder } from '../core/import/dates.ts';
import type { OrderId, ParcelId } from '../core/ids.ts';
import type { Order, OrderStatus } from '../core/model/order.ts';
import { EMPTY_FILTER } from '../core/orders/filters.ts';
import { orderIdSpellings } from '../core/orders/order-id-match.ts';
import type { Parcel } from '../core/model/parcel.ts';
import type { Settings } from '../core/settings.ts';
import {
  parseTrackingFile,
  planTrackingImport,
  type ParseTrackingFileOptions,
  type SkipReason,
  type TrackingError,
  type TrackingPlan,
  type TrackingPreview,
  type TrackingUpdate,
} from '../core/tracking-sheet/index.ts';
import { readFileBytes, saveDownload } from '../platform/files.ts';
import type { Repository } from '../storage/repository.ts';
import { nowIso, todayLocal } from '../core/clock.ts';
import { inSlices } from '../platform/scheduling.ts';
import type { OrdersState } from './orders.svelte.ts';

export type TrackingPhase = 'idle' | 'analysing' | 'preview' | 'committing' | 'done';

/** Which orders go into the sheet. */
export type ExportScope = 'unshipped' | 'selected' | 'all';

export type MarketplaceFile = 'amazon' | 'ebay' | 'generic';

/** Statuses of orders that still wait for a tracking number. */
export const UNSHIPPED_STATUSES: readonly OrderStatus[] = ['new', 'preparing', 'ready', 'partially_shipped'];

/** Default period of the marketplace files: shipped in the last 7 days (today included). */
export const MARKETPLACE_DEFAULT_DAYS = 7;

/** Parcels read per page when collecting shipments. */
const PARCEL_PAGE = 5_000;
/** Orders whose parcels are read at once. */
const PARCEL_READ_BATCH = 200;

export interface TrackingChoices {
  preset?: string;
  dateOrder?: DateOrder;
  mapping?: Record<string, string>;
}

/** What one sheet number will do, as the preview lists it. */
export interface TrackingPreviewRow {
  row: number;
  /** As written in the sheet. */
  sheetOrderId: string;
  orderId?: OrderId;
  buyer?: string;
  trackingNumber: string;
  carrierName?: string;
  trackingUrl?: string;
  shippedAt?: string;
  effect: 'added' | 'unchanged' | SkipReason;
  /** Status before and after, for an order that moves. */
  from?: OrderStatus;
  to?: OrderStatus;
}

export interface TrackingResult {
  added: number;
  unchanged: number;
  shipped: number;
  partiallyShipped: number;
  skipped: number;
  statusKept: number;
}

export interface Shipments {
  from: string;
  to: string;
  orders: Order[];
  parcelsByOrder: Map<OrderId, Parcel[]>;
  counts: Record<MarketplaceFile, number>;
}

export interface TrackingDeps {
  repo: Repository;
  orders: OrdersState;
  settings: () => Settings;
  locale: () => Locale;
  /** Where files go; the browser's download by default (tests pass a collector). */
  download?: (bytes: Uint8Array, fileName: string, type: string) => void;
  /** Called after a committed import (the app asks the browser to keep its data). */
  onImported?: () => void;
}

export class TrackingSheetState {
  readonly #deps: TrackingDeps;
  readonly #download: NonNullable<TrackingDeps['download']>;
  #phase = $state<TrackingPhase>('idle');
  #preview = $state.raw<TrackingPreview | undefined>(undefined);
  #plan = $state.raw<TrackingPlan | undefined>(undefined);
  #rows = $state.raw<readonly TrackingPreviewRow[]>([]);
  #choices = $state.raw<TrackingChoices>({});
  #result = $state.raw<TrackingResult | undefined>(undefined);
  #error = $state<string | undefined>(undefined);
  #shipments = $state.raw<Shipments | undefined>(undefined);
  #file: { bytes: Uint8Array; name: string } | undefined;
  #fileName = $state<string | undefined>(undefined);

  constructor(deps: TrackingDeps) {
    this.#deps = deps;
    this.#download = deps.download ?? saveDownload;
  }

  get phase(): TrackingPhase {
    return this.#phase;
  }
  get preview(): TrackingPreview | undefined {
    return this.#preview;
  }
  get plan(): TrackingPlan | undefined {
    return this.#plan;
  }
  /** One per tracking number in the sheet, in sheet order. */
  get rows(): readonly TrackingPreviewRow[] {
    return this.#rows;
  }
  get errors(): readonly TrackingError[] {
    return this.#preview?.errors ?? [];
  }
  /** Rows (not errors) that cannot be used. */
  get errorRows(): number {
    return new Set(this.errors.map((e) => e.row)).size;
  }
  get choices(): TrackingChoices {
    return this.#choices;
  }
  get result(): TrackingResult | undefined {
    return this.#result;
  }
  get error(): string | undefined {
    return this.#error;
  }
  get fileName(): string | undefined {
    return this.#fileName;
  }
  get shipments(): Shipments | undefined {
    return this.#shipments;
  }
  get canCommit(): boolean {
    return this.#phase === 'preview' && this.#plan !== undefined;
  }

  // ---- export --------------------------------------------------------------------------------

  /** The orders a sheet for `scope` holds, oldest first. */
  idsFor(scope: ExportScope, selected: readonly OrderId[] = []): readonly OrderId[] {
    if (scope === 'selected') return selected.filter((id) => this.#deps.orders.order(id) !== undefined);
    const statuses = scope === 'unshipped' ? UNSHIPPED_STATUSES : [];
    return this.#deps.orders.viewFor({ ...EMPTY_FILTER, range: 'all', statuses, sort: 'date_asc' }).ids;
  }

  /** The tracking sheet's text for these orders, in the seller's Excel dialect. */
  async sheetText(ids: readonly OrderId[]): Promise<string> {
    const orders = ids.flatMap((id) => {
      const order = this.#deps.orders.order(id);
      return order ? [order] : [];
    });
    const locale = this.#deps.locale();
    return trackingSheetCsv(orders, await this.#parcelsOf(orders.map((o) => o.id)), {
      locale,
      dateFormat: this.#deps.settings().dateFormat,
      columnNames: trackingSheetColumnNames(locale),
      customCarriers: this.#deps.settings().carriers.custom,
    });
  }

  /** Downloads the sheet; resolves to the number of orders in it. */
  async exportSheet(scope: ExportScope, selected: readonly OrderId[] = []): Promise<number> {
    const ids = this.idsFor(scope, selected);
    const text = await this.sheetText(ids);
    this.#download(new TextEncoder().encode(text), `tracking-${todayLocal()}.csv`, 'text/csv;charset=utf-8');
    return ids.length;
  }

  // ---- marketplace files ---------------------------------------------------------------------

  /** The default period of the marketplace files, `yyyy-mm-dd`. */
  defaultPeriod(): { from: string; to: string } {
    const to = todayLocal();
    const start = new Date(`${to}T12:00:00`);
    start.setDate(start.getDate() - (MARKETPLACE_DEFAULT_DAYS - 1));
    const from = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
    return { from, to };
  }

  /**
   * Collects the parcels shipped between `from` and `to` (days, inclusive) with their orders. A
   * parcel without a shipping date counts on the day it was last changed.
   */
  async loadShipments(from: string, to: string): Promise<Shipments> {
    const { repo } = this.#deps;
    const parcelsByOrder = new Map<OrderId, Parcel[]>();
    let after: ParcelId | null = null;
    for (;;) {
      const page = await repo.parcelsPage(after, PARCEL_PAGE);
      for (const parcel of page) {
        const day = parcel.shippedAt ?? parcel.updatedAt.slice(0, 10);
        if (parcel.trackingNumber.trim() === '' || day < from || day > to) continue;
        const list = parcelsByOrder.get(parcel.orderId);
        if (list) list.push(parcel);
        else parcelsByOrder.set(parcel.orderId, [parcel]);
      }
      if (page.length < PARCEL_PAGE) break;
      after = page[page.length - 1]?.id ?? null;
    }
    const stored = await repo.getOrders([...parcelsByOrder.keys()]);
    const orders = stored
      .filter((o): o is Order => o !== undefined)
      .sort((a, b) => (a.orderedAt < b.orderedAt ? -1 : a.orderedAt > b.orderedAt ? 1 : 0));
    const count = (keep: (o: Order) => boolean): number =>
      orders.filter(keep).reduce((n, o) => n + (parcelsByOrder.get(o.id)?.length ?? 0), 0);
    const shipments: Shipments = {
      from,
      to,
      orders,
      parcelsByOrder,
      counts: {
        amazon: count((o) => o.source === 'amazon'),
        ebay: count((o) => o.source === 'ebay'),
        generic: count(() => true),
      },
    };
    this.#shipments = shipments;
    return shipments;
  }

  /** The text of a marketplace file for the shipments loaded last. */
  marketplaceText(kind: MarketplaceFile, shipments: Shipments): string {
    const { orders, parcelsByOrder } = shipments;
    const customCarriers = this.#deps.settings().carriers.custom;
    switch (kind) {
      case 'amazon':
        return amazonShippingConfirmation(orders, parcelsByOrder, {
          defaultShipDate: todayLocal(),
          customCarriers,
        });
      case 'ebay':
        return ebayTrackingUpload(orders, parcelsByOrder, { customCarriers });
      case 'generic':
        return genericShipmentsCsv(orders, parcelsByOrder, { locale: this.#deps.locale(), customCarriers });
    }
  }

  /** Downloads one marketplace file for the period; resolves to the number of parcels in it. */
  async downloadMarketplace(kind: MarketplaceFile, from: string, to: string): Promise<number> {
    const shipments =
      this.#shipments?.from === from && this.#shipments.to === to
        ? this.#shipments
        : await this.loadShipments(from, to);
    const text = this.marketplaceText(kind, shipments);
    const bytes = new TextEncoder().encode(text);
    const period = `${from}_${to}`;
    if (kind === 'amazon') {
      // Amazon's flat files are tab-delimited text.
      this.#download(bytes, `amazon-shipping-confirmation_${period}.txt`, 'text/tab-separated-values');
    } else {
      this.#download(bytes, `${kind}-shipments_${period}.csv`, 'text/csv;charset=utf-8');
    }
    return shipments.counts[kind];
  }

  // ---- import --------------------------------------------------------------------------------

  async chooseFile(file: File): Promise<void> {
    await this.#load(await readFileBytes(file), file.name);
  }

  async pasteText(text: string, name: string): Promise<void> {
    await this.#load(new TextEncoder().encode(text), name);
  }

  /** Changes the layout, the date order or a column, and reads the sheet again. */
  async choose(patch: TrackingChoices): Promise<void> {
    this.#choices = { ...this.#choices, ...patch };
    await this.#analyse();
  }

  /** Writes the new parcels, the status changes, their events and outbox entries in one commit. */
  async commit(): Promise<void> {
    const preview = this.#preview;
    if (!this.canCommit || !preview) return;
    this.#phase = 'committing';
    this.#error = undefined;
    try {
      // Planned again from what is stored now: the preview may be minutes old.
      const plan = await this.#planFor(preview.updates);
      if (plan.parcels.length > 0 || plan.orders.length > 0) {
        await this.#deps.repo.commit({
          orders: plan.orders,
          parcels: plan.parcels,
          events: plan.events,
          mutations: plan.mutations,
        });
      }
      this.#plan = plan;
      this.#result = resultOf(plan);
      this.#phase = 'done';
      this.#deps.onImported?.();
      await this.#deps.orders.load();
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error);
      this.#phase = 'preview';
    }
  }

  reset(): void {
    this.#file = undefined;
    this.#fileName = undefined;
    this.#preview = undefined;
    this.#plan = undefined;
    this.#rows = [];
    this.#choices = {};
    this.#result = undefined;
    this.#error = undefined;
    this.#phase = 'idle';
  }

  async #load(bytes: Uint8Array, name: string): Promise<void> {
    this.#file = { bytes, name };
    this.#fileName = name;
    this.#choices = {};
    this.#result = undefined;
    await this.#analyse();
  }

  async #analyse(): Promise<void> {
    const file = this.#file;
    if (!file) return;
    this.#phase = 'analysing';
    this.#error = undefined;
    try {
      await this.#deps.orders.settled();
      const known = await this.#knownIds();
      const locale = this.#deps.locale();
      const ownOrder = dateOrderOf(this.#deps.settings().dateFormat, locale);
      const carriers = this.#deps.settings().carriers;
      const options: ParseTrackingFileOptions = {
        lang: locale,
        carriers,
        localeDateOrder: ownOrder === 'MDY' ? 'MDY' : 'DMY',
        knownOrderIds: (id) => orderIdSpellings(id).some((spelling) => known.has(spelling)),
        ...this.#choices,
      };
      let preview = parseTrackingFile(file.bytes, options);
      // Our own sheet: we wrote its dates, in the seller's format.
      if (this.#choices.dateOrder === undefined && preview.detected.preset === 'trackpack') {
        preview = parseTrackingFile(file.bytes, { ...options, dateOrder: ownOrder });
      }
      const plan = await this.#planFor(preview.updates);
      this.#preview = preview;
      this.#plan = plan;
      this.#rows = rowsOf(preview.updates, plan, (id) => this.#deps.orders.order(id), carriers.custom);
      this.#phase = 'preview';
    } catch (error) {
      this.#preview = undefined;
      this.#plan = undefined;
      this.#rows = [];
      this.#error = error instanceof Error ? error.message : String(error);
      this.#phase = 'idle';
    }
  }

  /** Every order id and marketplace id in memory, built in slices (100,000 orders is a long loop). */
  async #knownIds(): Promise<Set<string>> {
    const known = new Set<string>();
    const ids = this.idsFor('all');
    await inSlices(ids, (id) => {
      known.add(id);
      const order = this.#deps.orders.order(id);
      if (order) known.add(order.externalId);
    });
    return known;
  }

  /** The plan for these updates against the orders and parcels stored now. */
  async #planFor(updates: readonly TrackingUpdate[]): Promise<TrackingPlan> {
    const wanted = new Set(updates.flatMap((u) => orderIdSpellings(u.orderId)));
    const candidates: OrderId[] = [];
    await inSlices(this.idsFor('all'), (id) => {
      const order = this.#deps.orders.order(id);
      if (wanted.has(id) || (order && wanted.has(order.externalId))) candidates.push(id);
    });
    const stored = await this.#deps.repo.getOrders(candidates);
    const orders = stored.filter((o): o is Order => o !== undefined);
    const parcels = await this.#parcelsOf(orders.map((o) => o.id));
    return planTrackingImport(updates, parcels, orders, { now: nowIso() });
  }

  async #parcelsOf(ids: readonly OrderId[]): Promise<Map<OrderId, Parcel[]>> {
    const out = new Map<OrderId, Parcel[]>();
    for (let i = 0; i < ids.length; i += PARCEL_READ_BATCH) {
      const batch = ids.slice(i, i + PARCEL_READ_BATCH);
      const lists = await Promise.all(batch.map((id) => this.#deps.repo.parcelsOf(id)));
      batch.forEach((id, j) => {
        const list = lists[j] ?? [];
        if (list.length > 0) out.set(id, list);
      });
    }
    return out;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function resultOf(plan: TrackingPlan): TrackingResult {
  return {
    added: plan.counts.added,
    unchanged: plan.counts.unchanged,
    shipped: plan.counts.shipped,
    partiallyShipped: plan.results.filter((r) => r.to === 'partially_shipped' && r.from !== r.to).length,
    skipped: plan.counts.skipped,
    statusKept: plan.statusKept.length,
  };
}

/** The preview's rows: each sheet number with what the plan does with it. */
function rowsOf(
  updates: readonly TrackingUpdate[],
  plan: TrackingPlan,
  orderOf: (id: OrderId) => Order | undefined,
  custom: readonly CustomCarrier[],
): TrackingPreviewRow[] {
  const skipped = new Map(plan.skipped.map((s) => [s.update, s.reason] as const));
  const byNumber = new Map<string, { orderId: OrderId; effect: 'added' | 'unchanged' }>();
  const results = new Map(plan.results.map((r) => [r.orderId, r] as const));
  for (const result of plan.results) {
    for (const p of result.added)
      byNumber.set(`${result.orderId}\u0000${normalizeTrackingNumber(p.trackingNumber)}`, {
        orderId: result.orderId,
        effect: 'added',
      });
    for (const p of result.unchanged)
      byNumber.set(`${result.orderId}\u0000${normalizeTrackingNumber(p.trackingNumber)}`, {
        orderId: result.orderId,
        effect: 'unchanged',
      });
  }
  // Sheet id -> order id, from the plan's own matching.
  const orderIdOfSheet = new Map<string, OrderId>();
  for (const result of plan.results) {
    const order = orderOf(result.orderId);
    if (order) {
      for (const spelling of orderIdSpellings(order.externalId)) orderIdOfSheet.set(spelling, result.orderId);
    }
    orderIdOfSheet.set(result.orderId, result.orderId);
  }
  return updates.map((update) => {
    const row: TrackingPreviewRow = {
      row: update.row,
      sheetOrderId: update.orderId,
      trackingNumber: update.trackingNumber,
      effect: skipped.get(update) ?? 'unknown_order',
    };
    if (update.carrierId !== undefined) row.carrierName = carrierNameOf(update.carrierId, custom);
    if (update.trackingUrl !== undefined) row.trackingUrl = update.trackingUrl;
    if (update.shippedAt !== undefined) row.shippedAt = update.shippedAt;
    const orderId = orderIdOfSheet.get(update.orderId);
    if (orderId === undefined || skipped.has(update)) return row;
    const hit = byNumber.get(`${orderId}\u0000${normalizeTrackingNumber(update.trackingNumber)}`);
    row.orderId = orderId;
    const buyer = orderOf(orderId)?.buyer.name;
    if (buyer !== undefined) row.buyer = buyer;
    row.effect = hit?.effect ?? 'unchanged';
    const result = results.get(orderId);
    if (result && result.from !== result.to) {
      row.from = result.from;
      row.to = result.to;
    }
    return row;
  });
}
