/**
 * Writing an order by hand: a new hand-typed order, an edit, its notes, and status changes of many
 * orders at once (and their undo). Each returns the change to commit in one transaction.
 */
import { checkAddress } from '../address/check-address.ts';
import { importedFieldsOf } from '../import/plan.ts';
import { randomId, type EventId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { PendingMutation } from '../model/outbox.ts';
import {
  changedFields,
  orderFromDraft,
  validateDraft,
  type DraftProblem,
  type OrderDraft,
} from '../orders/manual-order.ts';
import { mutation, type OrderEditArgs } from '../protocol/mutations.ts';
import { transition, type Applied } from '../workflow/status-machine.ts';
import { transitionMutation, type CommandContext, type CommandChange } from './change.ts';

export type SaveOrderResult =
  | { ok: false; problems: DraftProblem[] }
  /** `change` is `null` when an edit changed nothing. */
  | { ok: true; order: Order; held: boolean; change: CommandChange | null };

/**
 * Saves a hand-typed order (`existing` absent) or a hand edit of `existing`. An unshipped order
 * whose address looks wrong (`checkAddress`) is put on hold with `address_problem` in the same
 * change, so it cannot be shipped to a bad address by accident. `isTaken` answers whether a new
 * order's number is already used.
 */
export function saveOrder(
  draft: OrderDraft,
  existing: Order | undefined,
  isTaken: (externalId: string) => boolean,
  { at, newId = randomId }: CommandContext,
): SaveOrderResult {
  const problems = validateDraft(draft, (externalId) => (existing ? false : isTaken(externalId)));
  if (problems.length) return { ok: false, problems };
  let order = orderFromDraft(draft, at, existing);
  const fields = existing ? changedFields(existing, order) : [];
  if (existing && fields.length === 0) return { ok: true, order: existing, held: false, change: null };
  const event: OrderEvent = existing
    ? { id: newId() as EventId, orderId: order.id, kind: 'edited', at, data: { fields: fields.join(',') } }
    : { id: newId() as EventId, orderId: order.id, kind: 'created', at };
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
    const hold = transition(order, 'on_hold', { at, reason: 'address_problem', eventId: newId() as EventId });
    if (hold.ok) {
      order = hold.order;
      events.push(hold.event);
      mutations.push(transitionMutation(hold.event));
      held = true;
    }
  }
  return { ok: true, order, held, change: { orders: [order], events, mutations } };
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

/** The seller's notes on an order; `null` when they are unchanged. */
export function saveNotes(
  order: Order,
  notes: string,
  { at, newId = randomId }: CommandContext,
): { order: Order; change: CommandChange } | null {
  if (order.notes === notes) return null;
  const next: Order = { ...order, notes, updatedAt: at };
  const event: OrderEvent = { id: newId() as EventId, orderId: order.id, kind: 'note_changed', at };
  return {
    order: next,
    change: {
      orders: [next],
      events: [event],
      mutations: [mutation('order.note', { orderId: order.id, notes, eventId: event.id, at })],
    },
  };
}

/**
 * The change for status changes the status machine applied (`planBulkTransition`, `planBulkUndo`):
 * the orders, their events and one `order.transition` each. `shippedOn`, for a "mark shipped" on
 * another day than today, is recorded on each event that set `shipped`.
 */
export function statusChange(
  applied: readonly Applied[],
  shippedOn?: string,
): { change: CommandChange; events: OrderEvent[] } {
  const events = applied.map(({ event }) =>
    shippedOn !== undefined && shippedOn !== '' && event.to === 'shipped'
      ? { ...event, data: { ...event.data, shippedOn } }
      : event,
  );
  return {
    change: { orders: applied.map((a) => a.order), events, mutations: events.map(transitionMutation) },
    events,
  };
}
