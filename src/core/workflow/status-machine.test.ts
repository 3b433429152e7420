import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import type { EventId } from '../ids.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../model/order.ts';
import {
  TRANSITIONS,
  applyUndo,
  canTransition,
  planBulkTransition,
  planBulkUndo,
  reachableStatuses,
  transition,
  undoOf,
  type RefusalCode,
} from './status-machine.ts';

const AT = '2026-12-01T09:30:00.000Z';

/** The allowed changes, written out once more: a change to the table must change this too. */
const EXPECTED: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['preparing', 'ready', 'partially_shipped', 'shipped', 'on_hold', 'wont_ship'],
  preparing: ['new', 'ready', 'partially_shipped', 'shipped', 'on_hold', 'wont_ship'],
  ready: ['new', 'preparing', 'partially_shipped', 'shipped', 'on_hold', 'wont_ship'],
  partially_shipped: ['ready', 'shipped', 'on_hold', 'returned'],
  shipped: ['ready', 'partially_shipped', 'delivered', 'returned'],
  delivered: ['shipped', 'returned'],
  // Release targets are further limited to `heldFrom`, tested below.
  on_hold: ['new', 'preparing', 'ready', 'partially_shipped', 'on_hold', 'wont_ship'],
  wont_ship: ['new', 'wont_ship'],
  returned: ['new', 'preparing', 'ready', 'shipped'],
};

/** An order in `status` with the fields that status implies. */
function orderIn(status: OrderStatus, heldFrom?: OrderStatus): Order {
  const order = makeOrder({ status });
  if (status === 'on_hold') {
    return { ...order, statusReason: 'address_problem', ...(heldFrom ? { heldFrom } : {}) };
  }
  if (status === 'wont_ship') return { ...order, statusReason: 'Buyer cancelled' };
  return order;
}

/** A reason that makes the change valid where a reason is needed (and differs from the current). */
function reasonFor(to: OrderStatus): { reason?: string } {
  if (to === 'on_hold') return { reason: 'out_of_stock' };
  if (to === 'wont_ship') return { reason: 'Item discontinued' };
  return {};
}

describe('transition table', () => {
  it('is exactly the expected set of pairs', () => {
    const actual = Object.fromEntries(
      ORDER_STATUSES.map((from) => [from, TRANSITIONS.filter((r) => r.from === from).map((r) => r.to)]),
    );
    for (const from of ORDER_STATUSES) {
      expect([...(actual[from] ?? [])].sort(), from).toEqual([...EXPECTED[from]].sort());
    }
    const pairs = TRANSITIONS.map((r) => `${r.from}->${r.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  const heldFroms: (OrderStatus | undefined)[] = [
    undefined,
    'new',
    'preparing',
    'ready',
    'partially_shipped',
  ];
  const cases = ORDER_STATUSES.flatMap((from) =>
    (from === 'on_hold' ? heldFroms : [undefined]).flatMap((heldFrom) =>
      ORDER_STATUSES.map((to) => ({ from, heldFrom, to })),
    ),
  );

  it.each(cases)('$from (held from $heldFrom) -> $to follows the table', ({ from, heldFrom, to }) => {
    const inTable = EXPECTED[from].includes(to);
    const isRelease = from === 'on_hold' && to !== 'on_hold' && to !== 'wont_ship';
    const allowed = inTable && (!isRelease || to === (heldFrom ?? 'new'));
    const order = orderIn(from, heldFrom);

    expect(canTransition(order, to)).toBe(allowed);
    const result = transition(order, to, { at: AT, ...reasonFor(to) });
    expect(result.ok).toBe(allowed);
    if (result.ok) {
      expect(result.order.status).toBe(to);
      expect(result.event).toMatchObject({ kind: 'status_changed', orderId: order.id, from, to, at: AT });
    } else {
      expect(result.message).not.toBe('');
      expect(result.messageKey).toBe(`workflow.refused.${result.code}`);
    }
  });
});

describe('refusals', () => {
  const cases: { name: string; order: Order; to: OrderStatus; reason?: string; code: RefusalCode }[] = [
    { name: 'same status', order: orderIn('shipped'), to: 'shipped', code: 'unchanged' },
    { name: 'deliver before shipping', order: orderIn('new'), to: 'delivered', code: 'not_shipped_yet' },
    { name: 'return before shipping', order: orderIn('ready'), to: 'returned', code: 'not_shipped_yet' },
    { name: 'hold after shipping', order: orderIn('shipped'), to: 'on_hold', code: 'already_shipped' },
    {
      name: 'cancel part-shipped',
      order: orderIn('partially_shipped'),
      to: 'wont_ship',
      code: 'already_shipped',
    },
    {
      name: 'release elsewhere',
      order: orderIn('on_hold', 'ready'),
      to: 'new',
      code: 'release_to_held_from',
    },
    { name: 'hold without reason', order: orderIn('new'), to: 'on_hold', code: 'hold_reason_required' },
    {
      name: 'hold with unknown reason',
      order: orderIn('new'),
      to: 'on_hold',
      reason: 'lunch',
      code: 'hold_reason_unknown',
    },
    {
      name: 'won’t ship with blank reason',
      order: orderIn('new'),
      to: 'wont_ship',
      reason: '   ',
      code: 'wont_ship_reason_required',
    },
    {
      name: 'same hold reason',
      order: orderIn('on_hold', 'new'),
      to: 'on_hold',
      reason: 'address_problem',
      code: 'unchanged',
    },
    { name: 'delivered to new', order: orderIn('delivered'), to: 'new', code: 'already_shipped' },
    { name: 'won’t ship to ready', order: orderIn('wont_ship'), to: 'ready', code: 'not_allowed' },
  ];
  it.each(cases)('$name: $code', ({ order, to, reason, code }) => {
    const result = transition(order, to, { at: AT, ...(reason !== undefined ? { reason } : {}) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(code);
  });

  it('explains in English with status names', () => {
    const result = transition(orderIn('new'), 'delivered', { at: AT });
    expect(result.ok || result.message).toBe(
      'The order has not been shipped yet, so it cannot be “Delivered”. Mark it shipped first.',
    );
    const held = transition(orderIn('on_hold', 'ready'), 'new', { at: AT });
    expect(held.ok || held.message).toContain('put on hold while “Ready to ship”');
    expect(held.ok || held.params).toEqual({ from: 'on_hold', to: 'new', heldFrom: 'ready' });
  });
});

describe('status fields and event', () => {
  it('holding remembers where from, releasing goes back there and clears the reason', () => {
    const held = transition(orderIn('ready'), 'on_hold', { at: AT, reason: 'out_of_stock' });
    if (!held.ok) throw new Error(held.message);
    expect(held.order).toMatchObject({ status: 'on_hold', statusReason: 'out_of_stock', heldFrom: 'ready' });
    expect(held.event.reason).toBe('out_of_stock');

    const rereasoned = transition(held.order, 'on_hold', { at: AT, reason: 'waiting_for_payment' });
    if (!rereasoned.ok) throw new Error(rereasoned.message);
    expect(rereasoned.order).toMatchObject({ statusReason: 'waiting_for_payment', heldFrom: 'ready' });

    const released = transition(rereasoned.order, 'ready', { at: '2026-12-02T08:00:00.000Z' });
    if (!released.ok) throw new Error(released.message);
    expect(released.order.status).toBe('ready');
    expect('statusReason' in released.order).toBe(false);
    expect('heldFrom' in released.order).toBe(false);
    expect(released.order.updatedAt).toBe('2026-12-02T08:00:00.000Z');
    expect(released.event.data).toEqual({ fromReason: 'waiting_for_payment', fromHeldFrom: 'ready' });
    expect('reason' in released.event).toBe(false);
  });

  it('a hold without heldFrom (older data) releases to new', () => {
    expect(transition(orderIn('on_hold'), 'new', { at: AT }).ok).toBe(true);
    expect(transition(orderIn('on_hold'), 'ready', { at: AT }).ok).toBe(false);
  });

  it('trims the won’t-ship reason and uses a given event id', () => {
    const result = transition(orderIn('new'), 'wont_ship', {
      at: AT,
      reason: '  Out of production ',
      eventId: 'ev-1' as EventId,
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.order.statusReason).toBe('Out of production');
    expect(result.event.id).toBe('ev-1');
  });

  it('ignores a reason for statuses without one', () => {
    const result = transition(orderIn('new'), 'shipped', { at: AT, reason: 'whatever' });
    if (!result.ok) throw new Error(result.message);
    expect('statusReason' in result.order).toBe(false);
    expect('reason' in result.event).toBe(false);
    expect('data' in result.event).toBe(false);
  });

  it('generates distinct random event ids', () => {
    const a = transition(orderIn('new'), 'ready', { at: AT });
    const b = transition(orderIn('new'), 'ready', { at: AT });
    expect(a.ok && b.ok && a.event.id !== b.event.id).toBe(true);
  });
});

describe('undo', () => {
  it('restores the exact previous status, reason and heldFrom', () => {
    const before = { ...orderIn('on_hold', 'preparing'), statusReason: 'waiting_for_payment' };
    const changed = transition(before, 'wont_ship', { at: AT, reason: 'Never paid' });
    if (!changed.ok) throw new Error(changed.message);
    const undo = undoOf(changed.event);
    expect(undo).toEqual({
      orderId: before.id,
      undoes: changed.event.id,
      expect: 'wont_ship',
      status: 'on_hold',
      statusReason: 'waiting_for_payment',
      heldFrom: 'preparing',
    });
    const undone = applyUndo(changed.order, undo!, { at: '2026-12-01T09:31:00.000Z' });
    if (!undone.ok) throw new Error(undone.message);
    const { updatedAt: _a, ...restored } = undone.order;
    const { updatedAt: _b, ...original } = before;
    expect(restored).toEqual(original);
    expect(undone.event.data?.['undoes']).toBe(changed.event.id);

    // Undoing the undo redoes the change.
    const redo = applyUndo(undone.order, undoOf(undone.event)!, { at: AT });
    expect(redo.ok && redo.order.status).toBe('wont_ship');
    expect(redo.ok && redo.order.statusReason).toBe('Never paid');
  });

  it('restores a status the table would not allow by hand', () => {
    const shipped = transition(orderIn('new'), 'shipped', { at: AT });
    if (!shipped.ok) throw new Error(shipped.message);
    const undone = applyUndo(shipped.order, undoOf(shipped.event)!, { at: AT });
    expect(undone.ok && undone.order.status).toBe('new');
  });

  it('refuses when the order has moved on', () => {
    const shipped = transition(orderIn('ready'), 'shipped', { at: AT });
    if (!shipped.ok) throw new Error(shipped.message);
    const delivered = transition(shipped.order, 'delivered', { at: AT });
    if (!delivered.ok) throw new Error(delivered.message);
    const result = applyUndo(delivered.order, undoOf(shipped.event)!, { at: AT });
    expect(result.ok || result.code).toBe('undo_stale');
  });

  it('has no inverse for other events', () => {
    expect(
      undoOf({ id: 'e' as EventId, orderId: null, kind: 'imported', at: AT, data: { file: 'x.csv' } }),
    ).toBeNull();
  });
});

describe('bulk', () => {
  const orders = [
    ...Array.from({ length: 238 }, () => orderIn('ready')),
    orderIn('shipped'),
    orderIn('on_hold', 'new'),
  ];

  it('reports which orders changed and which were refused, and why', () => {
    let n = 0;
    const plan = planBulkTransition(orders, 'shipped', { at: AT, newEventId: () => `ev-${++n}` as EventId });
    expect(plan.results).toHaveLength(240);
    expect(plan.applied).toHaveLength(238);
    expect(plan.refused.map((r) => r.refusal.code)).toEqual(['unchanged', 'not_allowed']);
    expect(plan.refusedByCode).toEqual({ unchanged: [orders[238]!.id], not_allowed: [orders[239]!.id] });
    expect(plan.applied[0]!.event.id).toBe('ev-1');
    expect(plan.results.map((r) => r.orderId)).toEqual(orders.map((o) => o.id));
  });

  it('undoes a bulk change, except where an order changed since', () => {
    const plan = planBulkTransition(orders, 'on_hold', { at: AT, reason: 'out_of_stock' });
    expect(plan.applied).toHaveLength(239);
    const now = plan.applied.map((a) => a.order);
    const released = transition(now[0]!, 'ready', { at: AT });
    if (!released.ok) throw new Error(released.message);
    now[0] = released.order;

    const undo = planBulkUndo(
      now,
      plan.applied.map((a) => a.event),
      { at: AT },
    );
    expect(undo.applied).toHaveLength(238);
    expect(undo.refusedByCode.undo_stale).toEqual([now[0].id]);
    const formerlyHeld = undo.applied.find((a) => a.order.id === orders[239]!.id)!.order;
    expect(formerlyHeld).toMatchObject({
      status: 'on_hold',
      statusReason: 'address_problem',
      heldFrom: 'new',
    });
    expect(undo.applied[0]!.order.status).toBe('ready');
    expect('statusReason' in undo.applied[0]!.order).toBe(false);
  });
});

describe('reachableStatuses', () => {
  const cases: [OrderStatus[], OrderStatus[]][] = [
    [[], []],
    [['new'], ['preparing', 'ready', 'partially_shipped', 'shipped']],
    [['delivered'], ['shipped', 'returned']],
    [
      ['new', 'delivered'],
      ['preparing', 'ready', 'partially_shipped', 'shipped', 'returned'],
    ],
    [['wont_ship'], ['new']],
  ];
  it.each(cases)('%j -> %j', (statuses, expected) => {
    const orders = statuses.map((status) => makeOrder({ status }));
    expect(reachableStatuses(orders)).toEqual(expected);
  });
});
