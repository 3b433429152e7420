/**
 * The writes the orders screens make: a bulk status change and its undo, a parcel saved or
 * removed, a hand-typed order or edit, notes, "track again". Each runs a pure command
 * (`src/core/commands`) on the orders as stored and hands its change to `commit`, which writes it
 * in one transaction and applies it to memory (`OrdersState`, which knows whether memory is
 * current). While a bulk change runs, `busy` says so.
 */
import { nowIso, type Clock } from '../core/clock.ts';
import type { CommandChange } from '../core/commands/change.ts';
import { saveNotes, saveOrder, statusChange } from '../core/commands/order.ts';
import { removeParcel, retrackParcels, saveParcel, type ParcelDraft } from '../core/commands/parcel.ts';
import { orderIdOf, type OrderId, type ParcelId } from '../core/ids.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { Order, OrderStatus } from '../core/model/order.ts';
import type { PendingMutation } from '../core/model/outbox.ts';
import { emptyDraft, nextManualId, type DraftProblem, type OrderDraft } from '../core/orders/manual-order.ts';
import {
  planBulkTransition,
  planBulkUndo,
  type Applied,
  type BulkPlan,
  type RefusalCode,
} from '../core/workflow/status-machine.ts';
import { pending, SLICE_BUDGET_MS, yieldToBrowser, type Pending } from '../platform/scheduling.ts';
import type { Change, Repository } from '../storage/repository.ts';
import type { OrderCache } from './order-cache.ts';
import type { Toast, UndoToastState } from './undo-toast.svelte.ts';

/** Orders undone per planning step (each step looks its orders up among all of them). */
const BULK_PLAN_SLICE = 1_000;
/**
 * Orders planned per step of a bulk change; the thread is given back once steps have taken
 * `SLICE_BUDGET_MS`. (Steps of 1,000 were 120-170 ms tasks at 4x CPU throttling.)
 */
const BULK_PLAN_STEP = 100;

export interface BulkRequest {
  to: OrderStatus;
  reason?: string;
  /** For `shipped`: the day the parcels left, `yyyy-mm-dd`, when not today. */
  shippedOn?: string;
}

/** Steps of a bulk status change, for measurements (`OrderWritesDeps.measure`). */
export type BulkStep = 'start' | 'read' | 'planned' | 'committed' | 'applied';

export interface OrderWritesDeps {
  repo: Repository;
  cache: OrderCache;
  clock: Clock;
  toasts: UndoToastState;
  /** Told as a bulk change passes each step. */
  measure: (step: BulkStep) => void;
  /** The seller's day, for a new draft. */
  today: () => string;
  /** These orders as stored (from memory when it is current). */
  current: (ids: readonly OrderId[]) => Promise<Order[]>;
  /** Writes a change in one transaction, then `apply` brings memory up to date. */
  commit: (change: Change, apply: () => void | Promise<void>) => Promise<void>;
}

/** A change put together from the changes of the steps of a bulk plan, in order. */
function growingChange(): {
  change: Change & { events: OrderEvent[] };
  append: (part: CommandChange) => void;
} {
  const orders: Order[] = [];
  const events: OrderEvent[] = [];
  const mutations: PendingMutation[] = [];
  return {
    change: { orders, events, mutations },
    append(part) {
      for (const order of part.orders ?? []) orders.push(order);
      for (const event of part.events) events.push(event);
      for (const mutation of part.mutations) mutations.push(mutation);
    },
  };
}

export class OrderWrites {
  readonly #deps: OrderWritesDeps;
  #busy = $state.raw<{ to: OrderStatus; count: number } | null>(null);
  /** Settles when the bulk change under way is over. */
  #busyDone: Pending | null = null;

  constructor(deps: OrderWritesDeps) {
    this.#deps = deps;
  }

  /** The bulk change under way, if any. */
  get busy(): { to: OrderStatus; count: number } | null {
    return this.#busy;
  }

  /** Resolves once no bulk change is under way. */
  async whenIdle(): Promise<void> {
    while (this.#busyDone !== null) await this.#busyDone.promise;
  }

  /** Marks a bulk change as under way until the returned function is called. */
  #beginBusy(busy: { to: OrderStatus; count: number }): () => void {
    this.#busy = busy;
    const done = (this.#busyDone = pending());
    return () => {
      this.#busy = null;
      if (this.#busyDone === done) this.#busyDone = null;
      done.end();
    };
  }

  /**
   * The same status change for many orders, in one commit with an event and an outbox entry per
   * changed order. Planning yields every `SLICE_BUDGET_MS` so 10,000 never freeze the page.
   * Shows a toast with the outcome and, when anything changed, Undo.
   */
  async bulkTransition(ids: readonly OrderId[], request: BulkRequest): Promise<Toast> {
    const endBusy = this.#beginBusy({ to: request.to, count: ids.length });
    try {
      this.#deps.measure('start');
      const at = nowIso(this.#deps.clock);
      const orders = await this.#deps.current(ids);
      this.#deps.measure('read');
      const applied: Applied[] = [];
      // The change is put together step by step with the plan: at 10,000 orders, making all the
      // events and mutations at once was a long task of its own on a phone-class CPU.
      const { change, append } = growingChange();
      const refusedByCode: Partial<Record<RefusalCode, number>> = {};
      let yieldAt = performance.now() + SLICE_BUDGET_MS;
      for (let start = 0; start < orders.length; start += BULK_PLAN_STEP) {
        const plan = planBulkTransition(orders.slice(start, start + BULK_PLAN_STEP), request.to, {
          at,
          ...(request.reason !== undefined ? { reason: request.reason } : {}),
        });
        applied.push(...plan.applied);
        append(statusChange(plan.applied, request.shippedOn).change);
        for (const { refusal } of plan.refused)
          refusedByCode[refusal.code] = (refusedByCode[refusal.code] ?? 0) + 1;
        if (performance.now() >= yieldAt) {
          await yieldToBrowser();
          yieldAt = performance.now() + SLICE_BUDGET_MS;
        }
      }
      const events = change.events;
      this.#deps.measure('planned');
      if (applied.length > 0) {
        await this.#deps.commit(change, () => {
          this.#deps.measure('committed');
          return this.#deps.cache.applyOrdersInSlices(applied.map((a) => a.order));
        });
      }
      this.#deps.measure('applied');
      return this.#deps.toasts.show({
        kind: 'bulk',
        to: request.to,
        done: applied.length,
        count: ids.length,
        refusedByCode,
        ...(applied.length > 0 ? { undoEvents: events } : {}),
      });
    } catch (error) {
      return this.#deps.toasts.show({
        kind: 'error',
        done: 0,
        count: ids.length,
        refusedByCode: {},
        message: String(error),
      });
    } finally {
      endBusy();
    }
  }

  /** Undoes the change behind a toast; orders changed again since are left alone. */
  async undo(toast: Toast): Promise<Toast> {
    const events = toast.undoEvents ?? [];
    this.#deps.toasts.undoTaken(toast);
    const ids = events.flatMap((e) => (e.orderId === null ? [] : [e.orderId]));
    const endBusy = this.#beginBusy({ to: toast.to ?? 'new', count: ids.length });
    try {
      const at = nowIso(this.#deps.clock);
      const orders = await this.#deps.current(ids);
      // In steps, as the change itself was planned: undoing 10,000 orders must not freeze the page.
      // (Each step looks its orders up among all of them: a map of 10,000 takes about a millisecond.)
      const plan: { applied: Applied[]; refused: BulkPlan['refused'] } = { applied: [], refused: [] };
      const { change, append } = growingChange();
      for (let start = 0; start < events.length; start += BULK_PLAN_SLICE) {
        const part = planBulkUndo(orders, events.slice(start, start + BULK_PLAN_SLICE), { at });
        plan.applied.push(...part.applied);
        plan.refused.push(...part.refused);
        append(statusChange(part.applied).change);
        await yieldToBrowser();
      }
      if (plan.applied.length > 0) {
        await this.#deps.commit(change, () =>
          this.#deps.cache.applyOrdersInSlices(plan.applied.map((a) => a.order)),
        );
      }
      const refusedByCode: Partial<Record<RefusalCode, number>> = {};
      for (const { refusal } of plan.refused)
        refusedByCode[refusal.code] = (refusedByCode[refusal.code] ?? 0) + 1;
      return this.#deps.toasts.show({
        kind: 'undone',
        done: plan.applied.length,
        count: ids.length,
        refusedByCode,
      });
    } finally {
      endBusy();
    }
  }

  /** Saves a parcel (new or edited) and moves the order's status along as the parcels say. */
  async saveParcel(orderId: OrderId, draft: ParcelDraft): Promise<void> {
    const at = nowIso(this.#deps.clock);
    const order = await this.#deps.repo.getOrder(orderId);
    if (!order) return;
    const result = saveParcel(order, await this.#deps.repo.parcelsOf(orderId), draft, { at });
    await this.#deps.commit(result.change, () => this.#deps.cache.applyParcels(result.order, result.parcels));
  }

  async removeParcel(orderId: OrderId, parcelId: ParcelId): Promise<void> {
    const at = nowIso(this.#deps.clock);
    const order = await this.#deps.repo.getOrder(orderId);
    if (!order) return;
    const result = removeParcel(order, await this.#deps.repo.parcelsOf(orderId), parcelId, { at });
    if (!result) return;
    await this.#deps.commit(result.change, () => this.#deps.cache.applyParcels(result.order, result.parcels));
  }

  /** A blank draft for a new hand-typed order with the next free number. */
  newDraft(): OrderDraft {
    return emptyDraft(nextManualId(this.#manualIdTaken, this.#deps.cache.manualCount()), this.#deps.today());
  }

  readonly #manualIdTaken = (externalId: string): boolean =>
    this.#deps.cache.orders.has(orderIdOf('manual', externalId));

  /**
   * Saves a hand-typed order (`existingId` absent) or a hand edit. An unshipped order whose
   * address looks wrong is put on hold with `address_problem` in the same commit (`saveOrder`).
   */
  async saveOrder(
    draft: OrderDraft,
    existingId?: OrderId,
  ): Promise<{ ok: false; problems: DraftProblem[] } | { ok: true; id: OrderId; held: boolean }> {
    const existing = existingId ? await this.#deps.repo.getOrder(existingId) : undefined;
    const result = saveOrder(draft, existing, this.#manualIdTaken, { at: nowIso(this.#deps.clock) });
    if (!result.ok) return result;
    const { order, held, change } = result;
    if (change) await this.#deps.commit(change, () => this.#deps.cache.applyOrders([order]));
    return { ok: true, id: order.id, held };
  }

  /**
   * Asks the server's tracking service again about these parcels (one `parcel.retrack` each).
   * Nothing changes on the device; the answer arrives as a status update by pull, or as a
   * rejection when the server has no tracking service. Answers how many were asked about.
   */
  async retrack(parcels: readonly { orderId: OrderId; parcelId: ParcelId }[]): Promise<number> {
    if (parcels.length === 0) return 0;
    await this.#deps.commit(retrackParcels(parcels, { at: nowIso(this.#deps.clock) }), () => undefined);
    return parcels.length;
  }

  async saveNotes(orderId: OrderId, notes: string): Promise<void> {
    const order = await this.#deps.repo.getOrder(orderId);
    if (!order) return;
    const result = saveNotes(order, notes, { at: nowIso(this.#deps.clock) });
    if (result) await this.#deps.commit(result.change, () => this.#deps.cache.applyOrders([result.order]));
  }
}
