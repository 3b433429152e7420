import { describe, expect, test } from 'vitest';
import type { EventId, OrderId, ParcelId } from '../ids.ts';
import type { OrderEvent } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import { applyMutation, type ServerView, type StoredOrder } from './apply.ts';
import { parseMutation, type KnownMutation } from './mutations.ts';

const ID = 'manual:1' as OrderId;
const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, s)).toISOString();
const ctx = { createdAt: at(0), origin: 'd:1' };

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: ID,
    source: 'manual',
    externalId: '1',
    orderedAt: '2026-11-20',
    buyer: { name: 'A' },
    address: { line1: 'x', zip: '1', city: 'c', country: 'DE' },
    lines: [{ quantity: 1 }],
    status: 'new',
    notes: '',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

function view(stored: StoredOrder): ServerView {
  return { orders: new Map([[ID, stored]]), parcels: new Map(), events: new Map(), settings: undefined };
}

function parsed(name: string, args: unknown): KnownMutation {
  const result = parseMutation(name, args);
  if (!result.ok) throw new Error(result.message);
  return result.mutation;
}

describe('applyMutation conflicts', () => {
  const cases: {
    name: string;
    stored: StoredOrder;
    mutation: KnownMutation;
    expect: { status?: string; notes?: string; rejected?: string };
  }[] = [
    {
      name: 'a newer note wins',
      stored: { order: order({ notes: 'old' }), clock: { notes: { t: Date.parse(at(5)), id: 'e0' } } },
      mutation: parsed('order.note', { orderId: ID, notes: 'new', eventId: 'e1', at: at(6) }),
      expect: { notes: 'new' },
    },
    {
      name: 'an older note loses (but is accepted)',
      stored: { order: order({ notes: 'newer' }), clock: { notes: { t: Date.parse(at(5)), id: 'e0' } } },
      mutation: parsed('order.note', { orderId: ID, notes: 'older', eventId: 'e1', at: at(4) }),
      expect: { notes: 'newer' },
    },
    {
      name: 'the status machine re-validates against the server status',
      stored: { order: order({ status: 'shipped' }), clock: { status: { t: Date.parse(at(1)), id: 'e0' } } },
      mutation: parsed('order.transition', { orderId: ID, to: 'preparing', eventId: 'e1', at: at(9) }),
      expect: { rejected: 'already_shipped' },
    },
    {
      name: 'an older status change never undoes a newer one, even where the table allows it',
      stored: { order: order({ status: 'shipped' }), clock: { status: { t: Date.parse(at(5)), id: 'e0' } } },
      mutation: parsed('order.transition', { orderId: ID, to: 'ready', eventId: 'e1', at: at(4) }),
      expect: { rejected: 'status_stale' },
    },
    {
      name: 'the same status from two devices is a no-op, not a problem',
      stored: { order: order({ status: 'shipped' }), clock: { status: { t: Date.parse(at(5)), id: 'e0' } } },
      mutation: parsed('order.transition', { orderId: ID, to: 'shipped', eventId: 'e1', at: at(4) }),
      expect: { status: 'shipped' },
    },
    {
      name: 'a newer allowed transition applies',
      stored: { order: order({ status: 'ready' }), clock: { status: { t: Date.parse(at(5)), id: 'e0' } } },
      mutation: parsed('order.transition', { orderId: ID, to: 'shipped', eventId: 'e1', at: at(6) }),
      expect: { status: 'shipped' },
    },
  ];

  test.each(cases)('$name', ({ stored, mutation, expect: want }) => {
    const result = applyMutation(view(stored), mutation, ctx);
    if (want.rejected) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.rejection.code).toBe(want.rejected);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const after = result.orders[0]?.order;
    if (want.status) expect(after?.status).toBe(want.status);
    if (want.notes !== undefined) expect(after?.notes).toBe(want.notes);
  });

  test('a removed parcel is not brought back by an older edit', () => {
    const parcelId = 'p1' as ParcelId;
    const base = view({ order: order(), clock: {} });
    const removed = applyMutation(
      base,
      parsed('parcel.remove', { parcelId, orderId: ID, eventId: 'e1', at: at(5) }),
      ctx,
    );
    if (!removed.ok) throw new Error('remove refused');
    const withTombstone: ServerView = { ...base, parcels: new Map(removed.parcels.map((p) => [p.id, p])) };
    const parcel = {
      id: parcelId,
      orderId: ID,
      trackingNumber: 'T',
      deliveryStatus: 'pending',
      updatedAt: at(4),
    };
    const late = applyMutation(
      withTombstone,
      parsed('parcel.upsert', { parcel, eventId: 'e2', at: at(4) }),
      ctx,
    );
    expect(late.ok && late.parcels[0]?.parcel).toBe(null);
  });

  test('the parts of one import add up in one event', () => {
    const fields = (n: number) => ({
      id: `manual:${n}`,
      source: 'manual',
      externalId: String(n),
      orderedAt: '2026-11-20',
      buyer: { name: 'B' },
      address: { line1: 'x', zip: '1', city: 'c', country: 'DE' },
      lines: [],
    });
    const empty: ServerView = {
      orders: new Map(),
      parcels: new Map(),
      events: new Map(),
      settings: undefined,
    };
    const part1 = applyMutation(
      empty,
      parsed('orders.import', { eventId: 'imp', fileName: 'f.csv', part: 1, orders: [fields(1), fields(2)] }),
      ctx,
    );
    if (!part1.ok) throw new Error('refused');
    const event = part1.events[0];
    if (!event) throw new Error('no event');
    const part2 = applyMutation(
      { ...empty, events: new Map([['imp' as EventId, event]]) },
      parsed('orders.import', { eventId: 'imp', fileName: 'f.csv', part: 2, orders: [fields(3)] }),
      ctx,
    );
    expect(part2.ok && part2.events[0]?.data).toEqual({
      fileName: 'f.csv',
      new: 3,
      updated: 0,
      unchanged: 0,
    });
  });
});

describe('parseMutation', () => {
  test.each([
    ['order.note', { orderId: 'manual:1', notes: 'x', eventId: 'e', at: at(1) }, true],
    ['order.note', { orderId: 'nope', notes: 'x', eventId: 'e', at: at(1) }, false],
    ['order.note', { orderId: 'manual:1', notes: 'x\u0000', eventId: 'e', at: at(1) }, false],
    ['order.transition', { orderId: 'manual:1', to: 'lost', eventId: 'e', at: at(1) }, false],
    ['order.edit', { orderId: 'manual:1', fields: {}, eventId: 'e', at: at(1) }, false],
    ['order.fly', {}, false],
  ])('%s %j -> %s', (name, args, ok) => {
    expect(parseMutation(name, args).ok).toBe(ok);
  });
});

describe('notify.request and parcel.retrack', () => {
  const notify = (over: Record<string, unknown> = {}) =>
    parsed('notify.request', {
      notificationId: '5b7f0c3e-8a1d-4e2f-9b6c-1d2e3f4a5b6c',
      orderId: ID,
      kind: 'shipped',
      channel: 'email',
      eventId: 'n1',
      at: at(1),
      ...over,
    });

  test.each([
    {
      name: 'with an address: one event and one queue effect',
      buyer: { name: 'A', email: 'a@example.com' },
      code: null,
    },
    { name: 'without an address', buyer: { name: 'A' }, code: 'no_recipient' },
    {
      name: 'an address that is no address',
      buyer: { name: 'A', email: 'a@b\r\nBcc: x' },
      code: 'no_recipient',
    },
  ])('$name', ({ buyer, code }) => {
    const result = applyMutation(view({ order: order({ buyer }), clock: {} }), notify(), ctx);
    if (code !== null) {
      expect(result).toMatchObject({ ok: false, rejection: { code } });
      return;
    }
    expect(result).toMatchObject({
      ok: true,
      events: [{ id: 'n1', kind: 'notification_requested', data: { kind: 'shipped', channel: 'email' } }],
      effects: [{ kind: 'notify' }],
    });
  });

  test.each([
    [undefined, 'missing'],
    ['0171 1234567 ext 2', 'not_a_number'],
    ['171 1234567', 'ambiguous'],
    ['030 123456', 'not_mobile'],
  ] as const)('a text to %j is refused, saying why: %s', (phone, problem) => {
    const buyer = phone === undefined ? { name: 'A' } : { name: 'A', phone };
    const result = applyMutation(
      view({ order: order({ buyer }), clock: {} }),
      notify({ channel: 'sms' }),
      ctx,
    );
    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'no_recipient', params: { orderId: ID, channel: 'sms', problem } },
    });
  });

  test('a text to a German mobile is queued', () => {
    const buyer = { name: 'A', phone: '0171 1234567' };
    const result = applyMutation(
      view({ order: order({ buyer }), clock: {} }),
      notify({ channel: 'sms' }),
      ctx,
    );
    expect(result).toMatchObject({ ok: true, effects: [{ kind: 'notify' }] });
  });

  test('Amazon orders are excluded; an unknown order is unknown; a bad kind does not parse', () => {
    const amazon = order({ source: 'amazon', buyer: { name: 'A', email: 'a@marketplace.amazon.de' } });
    expect(applyMutation(view({ order: amazon, clock: {} }), notify(), ctx)).toMatchObject({
      rejection: { code: 'source_excluded' },
    });
    expect(
      applyMutation(view({ order: order(), clock: {} }), notify({ orderId: 'manual:2' }), ctx),
    ).toMatchObject({
      rejection: { code: 'order_unknown' },
    });
    expect(parseMutation('notify.request', { ...notify().args, kind: 'spam' }).ok).toBe(false);
  });

  test('a request already logged (same event) queues nothing again', () => {
    const stored = { order: order({ buyer: { name: 'A', email: 'a@example.com' } }), clock: {} };
    const seen: ServerView = {
      ...view(stored),
      events: new Map([
        ['n1' as EventId, { id: 'n1' as EventId, orderId: ID, kind: 'notification_requested', at: at(1) }],
      ]),
    };
    expect(applyMutation(seen, notify(), ctx)).toMatchObject({ ok: true, events: [], effects: [] });
  });

  test('retrack: refused without a provider, an effect with one', () => {
    const parcelId = 'p1' as ParcelId;
    const parcel = {
      id: parcelId,
      orderId: ID,
      trackingNumber: 'RR123456785DE',
      deliveryStatus: 'in_transit' as const,
      updatedAt: at(0),
    };
    const withParcel: ServerView = {
      ...view({ order: order(), clock: {} }),
      parcels: new Map([[parcelId, { id: parcelId, orderId: ID, parcel, stamp: { t: 0, id: 'x' } }]]),
    };
    const retrack = parsed('parcel.retrack', { parcelId, orderId: ID, eventId: 'r1', at: at(2) });
    expect(applyMutation(withParcel, retrack, ctx)).toMatchObject({
      rejection: { code: 'no_tracking_provider' },
    });
    expect(applyMutation(withParcel, retrack, { ...ctx, trackingProvider: true })).toMatchObject({
      ok: true,
      effects: [{ kind: 'retrack' }],
    });
    expect(
      applyMutation(view({ order: order(), clock: {} }), retrack, { ...ctx, trackingProvider: true }),
    ).toMatchObject({
      rejection: { code: 'parcel_unknown' },
    });
  });
});

describe('order.transition with undoes', () => {
  /** Applies mutations in order as the server does, each on the state the previous ones left. */
  function server(start: Order) {
    const state = {
      orders: new Map<OrderId, StoredOrder>([[ID, { order: start, clock: {} }]]),
      parcels: new Map(),
      events: new Map<EventId, OrderEvent>(),
      settings: undefined,
    };
    return {
      state,
      push(args: Record<string, unknown>) {
        const result = applyMutation(state, parsed('order.transition', { orderId: ID, ...args }), ctx);
        if (result.ok) {
          for (const o of result.orders) state.orders.set(o.order.id, o);
          for (const e of result.events) state.events.set(e.id, e);
        }
        return result;
      },
      get order(): Order {
        const stored = state.orders.get(ID);
        if (!stored) throw new Error('no order');
        return stored.order;
      },
    };
  }

  test('an undo goes back where the table would refuse (shipped -> new), with the ship day kept', () => {
    const s = server(order({ status: 'new' }));
    expect(s.push({ to: 'shipped', eventId: 'e1', at: at(1), shippedOn: '2026-11-19' })).toMatchObject({
      ok: true,
      events: [{ id: 'e1', from: 'new', to: 'shipped', data: { shippedOn: '2026-11-19' } }],
    });
    // As a plain transition this is refused: the machine does not allow shipped -> new.
    expect(s.push({ to: 'new', eventId: 'x', at: at(2) })).toMatchObject({
      rejection: { code: 'already_shipped' },
    });
    expect(s.push({ to: 'new', eventId: 'e2', at: at(2), undoes: 'e1' })).toMatchObject({
      ok: true,
      events: [{ id: 'e2', from: 'shipped', to: 'new', data: { undoes: 'e1' } }],
    });
    expect(s.order.status).toBe('new');
    expect(s.state.orders.get(ID)?.clock.status).toEqual({ t: Date.parse(at(2)), id: 'e2' });
    // Undoing the undo redoes the change.
    expect(s.push({ to: 'shipped', eventId: 'e3', at: at(3), undoes: 'e2' })).toMatchObject({ ok: true });
    expect(s.order.status).toBe('shipped');
  });

  test('an undo after another change is stale, and so is one of a change the server never applied', () => {
    const s = server(order({ status: 'ready' }));
    s.push({ to: 'shipped', eventId: 'e1', at: at(1) });
    s.push({ to: 'delivered', eventId: 'e2', at: at(2) });
    expect(s.push({ to: 'ready', eventId: 'e3', at: at(3), undoes: 'e1' })).toMatchObject({
      ok: false,
      rejection: { code: 'undo_stale', params: { orderId: ID, from: 'delivered', to: 'ready' } },
    });
    expect(s.order.status).toBe('delivered');
    // e9 was refused (or never sent): there is nothing of it on the server to take back.
    expect(s.push({ to: 'ready', eventId: 'e4', at: at(4), undoes: 'e9' })).toMatchObject({
      rejection: { code: 'undo_stale' },
    });
    // An undo that asks for what the order already has is a no-op, like any transition.
    expect(s.push({ to: 'delivered', eventId: 'e5', at: at(5), undoes: 'e9' })).toMatchObject({
      ok: true,
      events: [],
    });
  });

  test('an undo is not refused for an older device time, and keeps the later status stamp', () => {
    const s = server(order({ status: 'new' }));
    s.push({ to: 'shipped', eventId: 'e1', at: at(5) });
    expect(s.push({ to: 'new', eventId: 'e2', at: at(4), undoes: 'e1' })).toMatchObject({ ok: true });
    expect(s.order.status).toBe('new');
    expect(s.state.orders.get(ID)?.clock.status).toEqual({ t: Date.parse(at(5)), id: 'e1' });
  });

  test('undoing changes to and from on_hold restores the reason and heldFrom exactly', () => {
    const s = server(order({ status: 'ready' }));
    s.push({ to: 'on_hold', reason: 'out_of_stock', eventId: 'h1', at: at(1) });
    s.push({ to: 'on_hold', reason: 'address_problem', eventId: 'h2', at: at(2) });
    expect(s.order).toMatchObject({ status: 'on_hold', statusReason: 'address_problem', heldFrom: 'ready' });

    // The reason change: back to the first reason, still held from ready.
    s.push({ to: 'on_hold', reason: 'out_of_stock', eventId: 'u2', at: at(3), undoes: 'h2' });
    expect(s.order).toMatchObject({ status: 'on_hold', statusReason: 'out_of_stock', heldFrom: 'ready' });

    // Leaving the hold, then undoing that: held again, with the reason and heldFrom it had.
    s.push({ to: 'wont_ship', reason: 'Buyer cancelled', eventId: 'w1', at: at(4) });
    expect(s.order).not.toHaveProperty('heldFrom');
    s.push({ to: 'on_hold', reason: 'out_of_stock', eventId: 'u3', at: at(5), undoes: 'w1' });
    expect(s.order).toMatchObject({ status: 'on_hold', statusReason: 'out_of_stock', heldFrom: 'ready' });

    // The hold itself: back to ready, with no reason and no heldFrom left behind.
    const fresh = server(order({ status: 'ready' }));
    fresh.push({ to: 'on_hold', reason: 'out_of_stock', eventId: 'h1', at: at(1) });
    fresh.push({ to: 'ready', eventId: 'u1', at: at(2), undoes: 'h1' });
    expect(fresh.order.status).toBe('ready');
    expect(fresh.order).not.toHaveProperty('statusReason');
    expect(fresh.order).not.toHaveProperty('heldFrom');
  });

  test('undoes and shippedOn parse; a malformed day does not', () => {
    const base = { orderId: ID, to: 'new', eventId: 'e2', at: at(1) };
    expect(parseMutation('order.transition', { ...base, undoes: 'e1' }).ok).toBe(true);
    expect(parseMutation('order.transition', { ...base, shippedOn: '2026-11-19' }).ok).toBe(true);
    expect(parseMutation('order.transition', { ...base, shippedOn: '19.11.2026' }).ok).toBe(false);
  });
});
