/**
 * The order status machine: which status changes a seller may make, the one place that decides
 * it. Pure: takes an order and returns the changed order plus the `status_changed` event to
 * append, or a refusal with a code, a message key and English text. Never touches storage.
 *
 * ```
 *  Main line ("-->" forward, "<--" back one step to undo a mistake):
 *
 *   +-----+     +-----------+     +-------+     +-------------------+     +---------+     +-----------+
 *   | new |<--->| preparing |<--->| ready |<--->| partially_shipped |<--->| shipped |<--->| delivered |
 *   +-----+     +-----------+     +-------+     +-------------------+     +---------+     +-----------+
 *      ^  new <-> ready too; any unshipped        |                    ready <-- |  ^          |
 *      |  status may go straight to partially_    |                   (back)     |  | reship   |
 *      |  shipped or shipped                      v                              v  |          |
 *      |                                    +----------+ <-----------------------+--+----------+
 *      +----------- reship (also to --------| returned |
 *                   preparing, ready)       +----------+
 *
 *  Side states (need a reason):
 *
 *   new | preparing | ready | partially_shipped --hold(reason)--> +---------+ --release--> heldFrom
 *                                                                 | on_hold |   (only there)
 *                                                                 +---------+ <-- reason change
 *                                                                      | give up(reason)
 *   new | preparing | ready --------------- give up(reason) ------+    v
 *                                                                 +-----------+ --reopen--> new
 *                                                                 | wont_ship |
 *                                                                 +-----------+ <-- reason change
 * ```
 *
 * Decisions:
 * - `new`, `preparing` and `ready` are freely interchangeable: nothing has left the building, so
 *   moving between them is harmless, and a seller who skips "preparing" can still go back.
 * - Going back after shipping is allowed one step, to undo a mistake: `shipped -> ready`,
 *   `shipped -> partially_shipped` (some lines were not in the box after all),
 *   `partially_shipped -> ready`, `delivered -> shipped` (the carrier said delivered, the buyer
 *   says not). Undo of a recorded change does not go through this table: see `undoOf`.
 * - `on_hold` keeps the status it was held from in `order.heldFrom`; releasing returns exactly
 *   there (an order held while `ready` is not silently sent back to `new`). A held order without
 *   `heldFrom` (older data) releases to `new`. Once shipped, an order cannot be held: the parcel
 *   is gone, and a carrier problem is a parcel status ("needs attention"), not a hold.
 * - `wont_ship` is reachable from every unshipped status and from `on_hold`; it reopens to `new`
 *   only, because the stock and payment situation has to be looked at again.
 * - `returned` can be reshipped (`new`, `preparing`, `ready`, or straight to `shipped` with a new
 *   parcel): a parcel sent back for a wrong address is the usual case.
 * - `delivered` is normally derived: when every parcel is delivered
 *   (`orderStatusFromParcels` in `delivery-status.ts`); by hand it requires `shipped` first.
 * - `on_hold` needs a reason from `HOLD_REASONS`; `wont_ship` needs free text (trimmed,
 *   non-empty). Reasons given for other statuses are ignored, and leaving a reason status clears
 *   `statusReason`.
 * - Setting the status an order already has is refused (`unchanged`), so a bulk "mark shipped"
 *   can report "2 were already shipped" - except that `on_hold`/`wont_ship` to itself with a
 *   different reason changes the reason.
 */
import { format } from '../i18n/translate.ts';
import { workflowMessages, type WorkflowMessageKey } from '../i18n/messages/workflow.ts';
import type { OrderEvent } from '../model/events.ts';
import { randomId, type EventId, type OrderId } from '../ids.ts';
import {
  HOLD_REASONS,
  ORDER_STATUSES,
  type HoldReason,
  type Order,
  type OrderStatus,
} from '../model/order.ts';

/** Why a row of the table exists; documentation for people and tests, not behaviour. */
export type TransitionKind =
  'forward' | 'back' | 'hold' | 'release' | 'reason' | 'give_up' | 'reopen' | 'return' | 'reship';

export interface TransitionRule {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly kind: TransitionKind;
}

/**
 * Every allowed status change. A pair that is not here is refused. `release` rows are further
 * limited to `to === order.heldFrom` (or `new` when the order has no `heldFrom`).
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'new', to: 'preparing', kind: 'forward' },
  { from: 'new', to: 'ready', kind: 'forward' },
  { from: 'new', to: 'partially_shipped', kind: 'forward' },
  { from: 'new', to: 'shipped', kind: 'forward' },
  { from: 'new', to: 'on_hold', kind: 'hold' },
  { from: 'new', to: 'wont_ship', kind: 'give_up' },

  { from: 'preparing', to: 'new', kind: 'back' },
  { from: 'preparing', to: 'ready', kind: 'forward' },
  { from: 'preparing', to: 'partially_shipped', kind: 'forward' },
  { from: 'preparing', to: 'shipped', kind: 'forward' },
  { from: 'preparing', to: 'on_hold', kind: 'hold' },
  { from: 'preparing', to: 'wont_ship', kind: 'give_up' },

  { from: 'ready', to: 'new', kind: 'back' },
  { from: 'ready', to: 'preparing', kind: 'back' },
  { from: 'ready', to: 'partially_shipped', kind: 'forward' },
  { from: 'ready', to: 'shipped', kind: 'forward' },
  { from: 'ready', to: 'on_hold', kind: 'hold' },
  { from: 'ready', to: 'wont_ship', kind: 'give_up' },

  { from: 'partially_shipped', to: 'ready', kind: 'back' },
  { from: 'partially_shipped', to: 'shipped', kind: 'forward' },
  { from: 'partially_shipped', to: 'on_hold', kind: 'hold' },
  { from: 'partially_shipped', to: 'returned', kind: 'return' },

  { from: 'shipped', to: 'ready', kind: 'back' },
  { from: 'shipped', to: 'partially_shipped', kind: 'back' },
  { from: 'shipped', to: 'delivered', kind: 'forward' },
  { from: 'shipped', to: 'returned', kind: 'return' },

  { from: 'delivered', to: 'shipped', kind: 'back' },
  { from: 'delivered', to: 'returned', kind: 'return' },

  { from: 'on_hold', to: 'new', kind: 'release' },
  { from: 'on_hold', to: 'preparing', kind: 'release' },
  { from: 'on_hold', to: 'ready', kind: 'release' },
  { from: 'on_hold', to: 'partially_shipped', kind: 'release' },
  { from: 'on_hold', to: 'on_hold', kind: 'reason' },
  { from: 'on_hold', to: 'wont_ship', kind: 'give_up' },

  { from: 'wont_ship', to: 'new', kind: 'reopen' },
  { from: 'wont_ship', to: 'wont_ship', kind: 'reason' },

  { from: 'returned', to: 'new', kind: 'reship' },
  { from: 'returned', to: 'preparing', kind: 'reship' },
  { from: 'returned', to: 'ready', kind: 'reship' },
  { from: 'returned', to: 'shipped', kind: 'reship' },
];

/** Statuses that carry a reason in `order.statusReason`. */
export const REASON_STATUSES: readonly OrderStatus[] = ['on_hold', 'wont_ship'];

const UNSHIPPED: readonly OrderStatus[] = ['new', 'preparing', 'ready', 'on_hold', 'wont_ship'];
const SHIPPED: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'returned'];

export const REFUSAL_CODES = [
  'not_allowed',
  'unchanged',
  'not_shipped_yet',
  'already_shipped',
  'release_to_held_from',
  'hold_reason_required',
  'hold_reason_unknown',
  'wont_ship_reason_required',
  'undo_stale',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * A refused change. `params` hold raw values (status codes, the reason as given); the UI shows a
 * status as `status.order.<code>` before passing it to the message. `message` is the English
 * text, for logs and tests.
 */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  messageKey: WorkflowMessageKey;
  params: Record<string, string>;
  message: string;
}

export interface Applied {
  ok: true;
  order: Order;
  event: OrderEvent;
}

export type TransitionResult = Applied | Refusal;

export interface TransitionOptions {
  /** Device clock, ISO 8601; becomes `event.at` and `order.updatedAt`. */
  at: string;
  /** `HoldReason` for `on_hold`; free text for `wont_ship`; ignored otherwise. */
  reason?: string;
  /** The new event's id; a random one when absent. */
  eventId?: EventId;
}

function isHoldReason(value: string): value is HoldReason {
  return (HOLD_REASONS as readonly string[]).includes(value);
}

/** The rule allowing `from -> to` before the `heldFrom` guard, if any. */
export function findRule(from: OrderStatus, to: OrderStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

/** Where releasing a hold may go. */
export function releaseTarget(order: Pick<Order, 'heldFrom'>): OrderStatus {
  return order.heldFrom ?? 'new';
}

/**
 * Whether `order.status -> to` is allowed by the table (reasons aside). The UI uses this to show
 * only the changes that will succeed.
 */
export function canTransition(order: Pick<Order, 'status' | 'heldFrom'>, to: OrderStatus): boolean {
  const rule = findRule(order.status, to);
  if (!rule) return false;
  return rule.kind !== 'release' || to === releaseTarget(order);
}

function englishStatus(value: string): string {
  const names: Readonly<Record<string, string>> = Object.fromEntries(
    ORDER_STATUSES.map((status) => [status, workflowMessages.en[`status.order.${status}`]]),
  );
  return names[value] ?? value;
}

function refuse(code: RefusalCode, params: Record<string, string>): Refusal {
  const messageKey: WorkflowMessageKey = `workflow.refused.${code}`;
  // The English text shows English status names, as the UI would after translating them.
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    shown[name] = name === 'reason' ? value : englishStatus(value);
  }
  return {
    ok: false,
    code,
    messageKey,
    params,
    message: format('en', workflowMessages.en[messageKey], shown),
  };
}

/** The most helpful refusal for a pair the table does not allow. */
function refusalFor(order: Pick<Order, 'status' | 'heldFrom'>, to: OrderStatus): Refusal {
  const from = order.status;
  if (from === to) return refuse('unchanged', { from, to });
  const rule = findRule(from, to);
  if (rule?.kind === 'release') {
    return refuse('release_to_held_from', { from, to, heldFrom: releaseTarget(order) });
  }
  if (UNSHIPPED.includes(from) && (to === 'delivered' || to === 'returned')) {
    return refuse('not_shipped_yet', { from, to });
  }
  if (SHIPPED.includes(from) && UNSHIPPED.includes(to)) return refuse('already_shipped', { from, to });
  return refuse('not_allowed', { from, to });
}

/** The status fields of an order as they were, for the event and for undo. */
function previousData(order: Order): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  if (order.statusReason !== undefined) data['fromReason'] = order.statusReason;
  if (order.heldFrom !== undefined) data['fromHeldFrom'] = order.heldFrom;
  return Object.keys(data).length > 0 ? data : undefined;
}

/** The order with new status fields; `statusReason`/`heldFrom` are omitted, never `undefined`. */
function withStatus(
  order: Order,
  status: OrderStatus,
  reason: string | undefined,
  heldFrom: OrderStatus | undefined,
  at: string,
): Order {
  const { statusReason: _reason, heldFrom: _held, ...rest } = order;
  return {
    ...rest,
    status,
    ...(reason !== undefined ? { statusReason: reason } : {}),
    ...(heldFrom !== undefined ? { heldFrom } : {}),
    updatedAt: at,
  };
}

function eventFor(
  before: Order,
  after: Order,
  opts: { at: string; eventId?: EventId },
  extra: Record<string, string> = {},
): OrderEvent {
  const data = { ...previousData(before), ...extra };
  return {
    id: opts.eventId ?? (randomId() as EventId),
    orderId: before.id,
    kind: 'status_changed',
    at: opts.at,
    from: before.status,
    to: after.status,
    ...(after.statusReason !== undefined ? { reason: after.statusReason } : {}),
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}

/**
 * Change an order's status if the table allows it. The returned order has `status`,
 * `statusReason`, `heldFrom` and `updatedAt` set; the event records the previous reason and
 * `heldFrom` in `data` (`fromReason`, `fromHeldFrom`) so that `undoOf` can restore them exactly.
 */
export function transition(order: Order, to: OrderStatus, opts: TransitionOptions): TransitionResult {
  const from = order.status;
  if (!canTransition(order, to)) return refusalFor(order, to);

  let reason: string | undefined;
  if (to === 'on_hold') {
    const given = opts.reason?.trim() ?? '';
    if (given === '') return refuse('hold_reason_required', { from, to });
    if (!isHoldReason(given)) return refuse('hold_reason_unknown', { from, to, reason: given });
    reason = given;
  } else if (to === 'wont_ship') {
    const given = opts.reason?.trim() ?? '';
    if (given === '') return refuse('wont_ship_reason_required', { from, to });
    reason = given;
  }
  if (from === to && reason === order.statusReason) return refuse('unchanged', { from, to });

  // Entering a hold remembers where from; changing the reason while held keeps it.
  const heldFrom = to !== 'on_hold' ? undefined : from === 'on_hold' ? order.heldFrom : from;
  const next = withStatus(order, to, reason, heldFrom, opts.at);
  return { ok: true, order: next, event: eventFor(order, next, opts) };
}

/** What undoing one status change restores. */
export interface StatusUndo {
  orderId: OrderId;
  /** The event being undone. */
  undoes: EventId;
  /** The status the order must still have for the undo to apply (the event's `to`). */
  expect: OrderStatus;
  status: OrderStatus;
  statusReason?: string;
  heldFrom?: OrderStatus;
}

function asStatus(value: unknown): OrderStatus | undefined {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value)
    ? (value as OrderStatus)
    : undefined;
}

/**
 * The inverse of a `status_changed` event: the exact status, reason and `heldFrom` from before.
 * `null` for other events, or events without an order or a from/to.
 */
export function undoOf(event: OrderEvent): StatusUndo | null {
  if (event.kind !== 'status_changed' || event.orderId === null) return null;
  if (event.from === undefined || event.to === undefined) return null;
  const reason = event.data?.['fromReason'];
  const heldFrom = asStatus(event.data?.['fromHeldFrom']);
  return {
    orderId: event.orderId,
    undoes: event.id,
    expect: event.to,
    status: event.from,
    ...(typeof reason === 'string' ? { statusReason: reason } : {}),
    ...(heldFrom !== undefined ? { heldFrom } : {}),
  };
}

/**
 * Apply an undo. It bypasses the table on purpose: an undo restores whatever the status was
 * (`delivered -> new` is not a change a seller may pick, but undoing a mistaken bulk "delivered"
 * on new orders must get back there). It is refused only when the order has moved on since
 * (`undo_stale`), so an undo toast never overwrites a later change. The event links back via
 * `data.undoes`; undoing that event again redoes the original change.
 */
export function applyUndo(
  order: Order,
  undo: StatusUndo,
  opts: { at: string; eventId?: EventId },
): TransitionResult {
  if (order.id !== undo.orderId || order.status !== undo.expect) {
    return refuse('undo_stale', { from: order.status, to: undo.status });
  }
  const next = withStatus(order, undo.status, undo.statusReason, undo.heldFrom, opts.at);
  return { ok: true, order: next, event: eventFor(order, next, opts, { undoes: undo.undoes }) };
}

export interface BulkItem {
  orderId: OrderId;
  result: TransitionResult;
}

export interface BulkPlan {
  /** One per input order, in input order. */
  results: BulkItem[];
  applied: Applied[];
  refused: { orderId: OrderId; refusal: Refusal }[];
  /** Refused order ids grouped by refusal code, for "2 refused: already shipped (2)". */
  refusedByCode: Partial<Record<RefusalCode, OrderId[]>>;
}

export interface BulkOptions {
  at: string;
  reason?: string;
  /** Id for each new event; random when absent. */
  newEventId?: () => EventId;
}

function planOf(results: BulkItem[]): BulkPlan {
  const plan: BulkPlan = { results, applied: [], refused: [], refusedByCode: {} };
  for (const { orderId, result } of results) {
    if (result.ok) {
      plan.applied.push(result);
    } else {
      plan.refused.push({ orderId, refusal: result });
      (plan.refusedByCode[result.code] ??= []).push(orderId);
    }
  }
  return plan;
}

function eventIdOption(newEventId: (() => EventId) | undefined): { eventId?: EventId } {
  return newEventId ? { eventId: newEventId() } : {};
}

/**
 * The same status change for many orders, each checked on its own: nothing is written here, the
 * caller stores `applied` (orders and events) in one transaction and reports `refused`.
 */
export function planBulkTransition(orders: readonly Order[], to: OrderStatus, opts: BulkOptions): BulkPlan {
  return planOf(
    orders.map((order) => ({
      orderId: order.id,
      result: transition(order, to, {
        at: opts.at,
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        ...eventIdOption(opts.newEventId),
      }),
    })),
  );
}

/**
 * The inverse of a bulk change for the undo toast: `events` are the events the bulk change
 * appended, `orders` the orders as they are now. Orders changed again since are refused
 * (`undo_stale`) and left alone.
 */
export function planBulkUndo(
  orders: readonly Order[],
  events: readonly OrderEvent[],
  opts: { at: string; newEventId?: () => EventId },
): BulkPlan {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const results: BulkItem[] = [];
  for (const event of events) {
    const undo = undoOf(event);
    if (!undo) continue;
    const order = byId.get(undo.orderId);
    if (!order) continue;
    results.push({
      orderId: order.id,
      result: applyUndo(order, undo, { at: opts.at, ...eventIdOption(opts.newEventId) }),
    });
  }
  return planOf(results);
}

/** Targets offered in "Set status"; the reason statuses have their own buttons. */
const SETTABLE: readonly OrderStatus[] = [
  'new',
  'preparing',
  'ready',
  'partially_shipped',
  'shipped',
  'delivered',
  'returned',
];

/** Statuses that at least one of `orders` may be set to, for the "Set status" menu. */
export function reachableStatuses(orders: Iterable<Order>): OrderStatus[] {
  const kinds = new Map<string, Order>();
  // Orders with the same status and hold origin answer alike: check one of each.
  for (const order of orders) kinds.set(`${order.status}:${order.heldFrom ?? ''}`, order);
  return SETTABLE.filter((to) =>
    [...kinds.values()].some((order) => transition(order, to, { at: order.updatedAt }).ok),
  );
}
