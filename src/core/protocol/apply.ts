/**
 * How the server applies one validated mutation to the seller's data: pure, so that the rules
 * for conflicts are tested without a database. The server loads what `targetsOf` names, calls
 * `applyMutation`, and writes what comes back in the same transaction as the device's last id.
 *
 * Conflicts (two devices changed the same thing while apart):
 * - Plain fields (`orderedAt`, `buyer`, `address`, `lines`, `notes`; a parcel as a whole; the
 *   settings as a whole) are last-writer-wins by the DEVICE time of the change (`at`), ties
 *   broken by event id, so every arrival order gives the same result. Each order field keeps its
 *   own stamp, so one device fixing the address and another the notes both win.
 * - The order status is not a plain field: each change is a step in the real world (a parcel
 *   left the building), so it is never merged by overwriting. A transition is re-validated by
 *   the status machine (`transition`) against the status the SERVER has, in arrival order. It is
 *   refused when the machine refuses it from there (`already_shipped`, ...) and when another
 *   device's status change that the server already applied is newer by device time
 *   (`status_stale`): an older intent never undoes a newer step, even where the table would allow
 *   the move (shipped -> ready). The loser is not dropped: it comes back to its device as a
 *   rejection with the reason, shown on the order. Setting the status the order already has is
 *   accepted as a no-op: both devices wanted the same thing.
 * - An undo (`order.transition` with `undoes`) is not a step but the taking back of one, so it
 *   skips the table (shipped -> new is a fine undo of a mistaken bulk "shipped") and the
 *   device-time check, exactly as on the device (`applyUndo`): it restores what the undone event
 *   replaced, from the SERVER's copy of that event (status, reason, `heldFrom`), as long as the
 *   order's status on the server is still that event's `to`. When it is not (another device or
 *   the buyer moved the order on since), or the server never applied the undone change (it was
 *   refused, or was a no-op because another device had set the same status), the undo is refused
 *   as `undo_stale`: it never overwrites a change it did not see. If the order already has what
 *   the undo restores, it is a no-op like any other. The status stamp becomes the later of the
 *   undo's and the current one, so a skewed device clock cannot make older intents win.
 * - A removed parcel leaves a tombstone with its stamp, so an older edit cannot bring it back.
 * - History events are write-once; the import event of a file sent in several parts adds up the
 *   counts of its parts.
 */
import { orderIdOf, type EventId, type OrderId, type ParcelId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import type { Settings } from '../settings.ts';
import { sameData, type ImportedFields } from '../import/plan.ts';
import { applyUndo, transition, undoOf } from '../workflow/status-machine.ts';
import { checkSmsNumber } from '../notifications/phone.ts';
import { notifyRefusal } from '../notifications/recipient.ts';
import type { KnownMutation, NotifyRequestArgs } from './mutations.ts';
import type { RejectionCode } from './messages.ts';

/** When a value was written: device time in ms, and a tie-breaker (event id or device:mutation). */
export interface Stamp {
  t: number;
  id: string;
}

/** Whether a write stamped `a` beats the value stamped `b` (absent: anything beats it). */
export function beats(a: Stamp, b: Stamp | undefined): boolean {
  if (!b) return true;
  return a.t > b.t || (a.t === b.t && a.id > b.id);
}

export const ORDER_FIELDS = ['orderedAt', 'buyer', 'address', 'lines', 'notes', 'status'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];
export type OrderClock = Partial<Record<OrderField, Stamp>>;

export interface StoredOrder {
  order: Order;
  clock: OrderClock;
}
/** `parcel: null` is a tombstone. */
export interface StoredParcel {
  id: ParcelId;
  orderId: OrderId;
  parcel: Parcel | null;
  stamp: Stamp;
}
export interface StoredSettings {
  settings: Settings;
  stamp: Stamp;
}

/** What `applyMutation` may read: the entities `targetsOf` named, as the server has them. */
export interface ServerView {
  orders: ReadonlyMap<OrderId, StoredOrder>;
  parcels: ReadonlyMap<ParcelId, StoredParcel>;
  events: ReadonlyMap<EventId, OrderEvent>;
  settings: StoredSettings | undefined;
}

export interface Targets {
  orders: OrderId[];
  parcels: ParcelId[];
  events: EventId[];
  /** Notification ids whose logged `notification_requested` events the view must hold. */
  notifications?: string[];
  settings: boolean;
}

export function targetsOf(m: KnownMutation): Targets {
  const none: Targets = { orders: [], parcels: [], events: [], settings: false };
  switch (m.name) {
    case 'orders.import':
      return { ...none, orders: m.args.orders.map((o) => o.id), events: [m.args.eventId] };
    case 'settings.update':
      return { ...none, settings: true };
    case 'order.create':
      return { ...none, orders: [m.args.order.id], events: [m.args.eventId] };
    case 'order.transition':
      return {
        ...none,
        orders: [m.args.orderId],
        events: m.args.undoes !== undefined ? [m.args.eventId, m.args.undoes] : [m.args.eventId],
      };
    case 'order.edit':
    case 'order.note':
      return { ...none, orders: [m.args.orderId], events: [m.args.eventId] };
    case 'parcel.upsert':
      return {
        ...none,
        orders: [m.args.parcel.orderId],
        parcels: [m.args.parcel.id],
        events: [m.args.eventId],
      };
    case 'parcel.remove':
      return { ...none, parcels: [m.args.parcelId], events: [m.args.eventId] };
    case 'notify.request':
      return {
        ...none,
        orders: [m.args.orderId],
        events: [m.args.eventId],
        notifications: [m.args.notificationId],
      };
    case 'parcel.retrack':
      return { ...none, parcels: [m.args.parcelId], events: [m.args.eventId] };
  }
}

export interface RejectionReason {
  code: RejectionCode;
  message: string;
  params: Record<string, string>;
}

/**
 * Work outside the seller's data that an applied mutation asks the server for, done in the same
 * transaction (`notify`: queue the message) or after it commits (`retrack`: ask the provider).
 */
export type Effect =
  { kind: 'notify'; request: NotifyRequestArgs } | { kind: 'retrack'; parcel: StoredParcel };

/** Everything to write; `orders`/`parcels` are the targets' current state, changed or not. */
export interface Applied {
  ok: true;
  orders: StoredOrder[];
  parcels: StoredParcel[];
  events: OrderEvent[];
  settings?: StoredSettings;
  effects?: Effect[];
}
export type ApplyResult = Applied | { ok: false; rejection: RejectionReason };

export interface ApplyContext {
  /** The outbox entry's device time, for mutations without their own `at`. */
  createdAt: string;
  /** Tie-breaker for mutations without an event id: `deviceId:mutationId`. */
  origin: string;
  /** Whether the server has a tracking provider to ask (`parcel.retrack`); absent: no. */
  trackingProvider?: boolean;
}

function reject(code: RejectionCode, message: string, params: Record<string, string> = {}): ApplyResult {
  return { ok: false, rejection: { code, message, params } };
}

function stampOf(at: string, id: string): Stamp {
  return { t: Date.parse(at), id };
}

function laterIso(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

type Writable = Exclude<OrderField, 'status'>;

/** Sets each given field whose stamp wins; returns the changed order, or the same one. */
function mergeFields(
  stored: StoredOrder,
  fields: Partial<Pick<Order, Writable>>,
  stamp: Stamp,
  at: string,
): { stored: StoredOrder; changed: boolean } {
  let order = stored.order;
  const clock = { ...stored.clock };
  let changed = false;
  for (const key of Object.keys(fields) as Writable[]) {
    const value = fields[key];
    if (value === undefined || !beats(stamp, clock[key])) continue;
    clock[key] = stamp;
    if (!sameData(order[key], value)) {
      order = { ...order, [key]: value };
      changed = true;
    }
  }
  if (changed) order = { ...order, updatedAt: laterIso(order.updatedAt, at) };
  return { stored: { order, clock }, changed };
}

function importedPart(o: ImportedFields): Pick<Order, 'orderedAt' | 'buyer' | 'address' | 'lines'> {
  return { orderedAt: o.orderedAt, buyer: o.buyer, address: o.address, lines: o.lines };
}

function createOrder(o: ImportedFields, notes: string, stamp: Stamp, at: string): StoredOrder {
  const order: Order = {
    id: orderIdOf(o.source, o.externalId),
    source: o.source,
    externalId: o.externalId,
    ...importedPart(o),
    status: 'new',
    notes,
    createdAt: at,
    updatedAt: at,
  };
  return {
    order,
    clock: { orderedAt: stamp, buyer: stamp, address: stamp, lines: stamp, notes: stamp },
  };
}

/** Inserts an event unless one with its id exists (events are write-once). */
function once(view: ServerView, event: OrderEvent): OrderEvent[] {
  return view.events.has(event.id) ? [] : [event];
}

function orderUnknown(orderId: OrderId): ApplyResult {
  return reject('order_unknown', `Order ${orderId} does not exist on the server`, { orderId });
}

/**
 * `order.transition` with `undoes` (see the header): the core's `applyUndo` on the server's copy
 * of the undone event, so the device and the server decide an undo by the same rule.
 */
function applyStatusUndo(
  view: ServerView,
  existing: StoredOrder,
  undoes: EventId,
  opts: { eventId: EventId; at: string; stamp: Stamp },
): ApplyResult {
  const { order, clock } = existing;
  const undone = view.events.get(undoes);
  const undo = undone ? undoOf(undone) : null;
  if (!undo || undo.orderId !== order.id) {
    return reject('undo_stale', 'The change to undo was never applied on the server', {
      orderId: order.id,
      from: order.status,
    });
  }
  const result = applyUndo(order, undo, { at: opts.at, eventId: opts.eventId });
  if (!result.ok) return reject(result.code, result.message, { orderId: order.id, ...result.params });
  const next: Order = { ...result.order, updatedAt: laterIso(order.updatedAt, opts.at) };
  const status = clock.status && !beats(opts.stamp, clock.status) ? clock.status : opts.stamp;
  return {
    ok: true,
    orders: [{ order: next, clock: { ...clock, status } }],
    parcels: [],
    events: once(view, result.event),
  };
}

export function applyMutation(view: ServerView, m: KnownMutation, ctx: ApplyContext): ApplyResult {
  switch (m.name) {
    case 'orders.import': {
      const { eventId, fileName, orders } = m.args;
      const at = ctx.createdAt;
      const stamp = stampOf(at, eventId);
      const counts = { new: 0, updated: 0, unchanged: 0 };
      const written = new Map<OrderId, StoredOrder>();
      for (const imported of orders) {
        // A file may name an order twice; the later row wins, as it did on the device.
        const existing = written.get(imported.id) ?? view.orders.get(imported.id);
        if (!existing) {
          written.set(imported.id, createOrder(imported, '', stamp, at));
          counts.new++;
          continue;
        }
        const merged = mergeFields(existing, importedPart(imported), stamp, at);
        written.set(imported.id, merged.stored);
        counts[merged.changed ? 'updated' : 'unchanged']++;
      }
      const previous = view.events.get(eventId);
      const data = previous?.data ?? {};
      const sum = (key: keyof typeof counts): number => {
        const before = data[key];
        return (typeof before === 'number' ? before : 0) + counts[key];
      };
      const event: OrderEvent = previous
        ? {
            ...previous,
            data: { ...data, new: sum('new'), updated: sum('updated'), unchanged: sum('unchanged') },
          }
        : { id: eventId, orderId: null, kind: 'imported', at, data: { fileName, ...counts } };
      return { ok: true, orders: [...written.values()], parcels: [], events: [event] };
    }

    case 'settings.update': {
      const stamp = stampOf(ctx.createdAt, ctx.origin);
      const current = view.settings;
      const settings = current && !beats(stamp, current.stamp) ? current : { settings: m.args, stamp };
      return { ok: true, orders: [], parcels: [], events: [], settings };
    }

    case 'order.create': {
      const { order: fields, notes, eventId, at } = m.args;
      const stamp = stampOf(at, eventId);
      const existing = view.orders.get(fields.id);
      const stored = existing
        ? mergeFields(
            existing,
            { ...importedPart(fields), ...(notes !== undefined ? { notes } : {}) },
            stamp,
            at,
          ).stored
        : createOrder(fields, notes ?? '', stamp, at);
      const event: OrderEvent = { id: eventId, orderId: fields.id, kind: 'created', at };
      return { ok: true, orders: [stored], parcels: [], events: once(view, event) };
    }

    case 'order.edit': {
      const { orderId, fields, eventId, at } = m.args;
      const existing = view.orders.get(orderId);
      if (!existing) return orderUnknown(orderId);
      const { stored } = mergeFields(existing, fields, stampOf(at, eventId), at);
      const event: OrderEvent = {
        id: eventId,
        orderId,
        kind: 'edited',
        at,
        data: { fields: Object.keys(fields).sort().join(',') },
      };
      return { ok: true, orders: [stored], parcels: [], events: once(view, event) };
    }

    case 'order.note': {
      const { orderId, notes, eventId, at } = m.args;
      const existing = view.orders.get(orderId);
      if (!existing) return orderUnknown(orderId);
      const { stored } = mergeFields(existing, { notes }, stampOf(at, eventId), at);
      const event: OrderEvent = { id: eventId, orderId, kind: 'note_changed', at };
      return { ok: true, orders: [stored], parcels: [], events: once(view, event) };
    }

    case 'order.transition': {
      const { orderId, to, reason, eventId, at, undoes, shippedOn } = m.args;
      const existing = view.orders.get(orderId);
      if (!existing) return orderUnknown(orderId);
      const stamp = stampOf(at, eventId);
      const { order, clock } = existing;
      if (order.status === to && (reason === undefined || reason.trim() === order.statusReason)) {
        return { ok: true, orders: [existing], parcels: [], events: [] };
      }
      if (undoes !== undefined) return applyStatusUndo(view, existing, undoes, { eventId, at, stamp });
      if (clock.status && !beats(stamp, clock.status)) {
        return reject('status_stale', 'Another device changed the status later', {
          orderId,
          status: order.status,
          to,
        });
      }
      const result = transition(order, to, { at, eventId, ...(reason !== undefined ? { reason } : {}) });
      if (!result.ok) return reject(result.code, result.message, { orderId, ...result.params });
      const next: Order = { ...result.order, updatedAt: laterIso(order.updatedAt, at) };
      const event: OrderEvent =
        shippedOn !== undefined && to === 'shipped'
          ? { ...result.event, data: { ...result.event.data, shippedOn } }
          : result.event;
      return {
        ok: true,
        orders: [{ order: next, clock: { ...clock, status: stamp } }],
        parcels: [],
        events: once(view, event),
      };
    }

    case 'parcel.upsert': {
      const { parcel, eventId, at } = m.args;
      const order = view.orders.get(parcel.orderId);
      if (!order) return orderUnknown(parcel.orderId);
      const stamp = stampOf(at, eventId);
      const existing = view.parcels.get(parcel.id);
      const wins = !existing || beats(stamp, existing.stamp);
      const stored: StoredParcel =
        wins || !existing ? { id: parcel.id, orderId: parcel.orderId, parcel, stamp } : existing;
      const event: OrderEvent = {
        id: eventId,
        orderId: parcel.orderId,
        kind: existing?.parcel ? 'parcel_changed' : 'parcel_added',
        at,
        data: { trackingNumber: parcel.trackingNumber },
      };
      return { ok: true, orders: [order], parcels: [stored], events: once(view, event) };
    }

    case 'parcel.remove': {
      const { parcelId, orderId, eventId, at } = m.args;
      const stamp = stampOf(at, eventId);
      const existing = view.parcels.get(parcelId);
      const stored: StoredParcel =
        existing && !beats(stamp, existing.stamp)
          ? existing
          : { id: parcelId, orderId: existing?.orderId ?? orderId, parcel: null, stamp };
      const event: OrderEvent = {
        id: eventId,
        orderId,
        kind: 'parcel_removed',
        at,
        ...(existing?.parcel ? { data: { trackingNumber: existing.parcel.trackingNumber } } : {}),
      };
      return { ok: true, orders: [], parcels: [stored], events: once(view, event) };
    }

    case 'notify.request': {
      const { orderId, notificationId, kind, channel, eventId, at } = m.args;
      const stored = view.orders.get(orderId);
      if (!stored) return orderUnknown(orderId);
      const refusal = notifyRefusal(stored.order, channel);
      if (refusal === 'source_excluded') {
        return reject(
          'source_excluded',
          `Orders from ${stored.order.source} may not be notified by the seller`,
          {
            orderId,
            source: stored.order.source,
          },
        );
      }
      if (refusal === 'no_recipient') {
        if (channel === 'sms') {
          // Say which number and why: no number, not a number, no country to read it in, no
          // trunk prefix, or not a mobile number of its country.
          const checked = checkSmsNumber(stored.order.buyer.phone, stored.order.address.country);
          const problem = checked.ok ? '' : checked.problem;
          return reject('no_recipient', `The buyer's phone number cannot get a text message (${problem})`, {
            orderId,
            channel,
            problem,
          });
        }
        return reject('no_recipient', 'The buyer has no e-mail address', { orderId, channel });
      }
      // The same notification asked for again under another event id (a second device, a
      // re-created outbox entry): it was logged and queued once, that is all.
      for (const seen of view.events.values()) {
        if (
          seen.id !== eventId &&
          seen.kind === 'notification_requested' &&
          seen.data?.['notificationId'] === notificationId
        )
          return { ok: true, orders: [], parcels: [], events: [], effects: [] };
      }
      const event: OrderEvent = {
        id: eventId,
        orderId,
        kind: 'notification_requested',
        at,
        data: { notificationId, kind, channel },
      };
      // A resent request (same event) queues nothing new: the notification id is the key.
      const fresh = once(view, event);
      return {
        ok: true,
        orders: [],
        parcels: [],
        events: fresh,
        effects: fresh.length > 0 ? [{ kind: 'notify', request: m.args }] : [],
      };
    }

    case 'parcel.retrack': {
      const { parcelId, orderId } = m.args;
      const stored = view.parcels.get(parcelId);
      if (!stored?.parcel) {
        return reject('parcel_unknown', `Parcel ${parcelId} does not exist on the server`, {
          parcelId,
          orderId,
        });
      }
      if (!ctx.trackingProvider) {
        return reject('no_tracking_provider', 'No tracking service is configured on the server', {
          parcelId,
        });
      }
      return {
        ok: true,
        orders: [],
        parcels: [],
        events: [],
        effects: [{ kind: 'retrack', parcel: stored }],
      };
    }
  }
}

/** The rejection of something that did not parse or is over the size limit. */
export function rejectionOf(code: RejectionCode, message: string): RejectionReason {
  return { code, message, params: {} };
}
