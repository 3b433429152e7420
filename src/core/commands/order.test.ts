import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import { draftOf, emptyDraft, type OrderDraft } from '../orders/manual-order.ts';
import { planBulkTransition, planBulkUndo } from '../workflow/status-machine.ts';
import { transitionMutation } from './change.ts';
import { saveNotes, saveOrder, statusChange } from './order.ts';

const AT = '2026-11-21T09:30:00.000Z';
const counter = () => {
  let n = 0;
  return () => `id${++n}`;
};
const nothingTaken = () => false;

function draft(overrides: Partial<OrderDraft> = {}): OrderDraft {
  return {
    ...emptyDraft('M-1', '2026-11-21'),
    buyerName: 'Jürgen Groß',
    line1: 'Hauptstraße 5',
    zip: '01067',
    city: 'Dresden',
    country: 'DE',
    lines: [{ sku: 'MUG-1', title: 'Mug', quantity: '2' }],
    ...overrides,
  };
}

describe('saveOrder', () => {
  it('creates a hand-typed order with its event and order.create', () => {
    const result = saveOrder(draft({ notes: 'gift' }), undefined, nothingTaken, { at: AT, newId: counter() });
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.held).toBe(false);
    expect(result.order).toMatchObject({ source: 'manual', externalId: 'M-1', status: 'new', notes: 'gift' });
    expect(result.change?.events).toEqual([{ id: 'id1', orderId: result.order.id, kind: 'created', at: AT }]);
    expect(result.change?.mutations).toHaveLength(1);
    expect(result.change?.mutations[0]).toMatchObject({
      name: 'order.create',
      args: { notes: 'gift', eventId: 'id1', at: AT, order: { externalId: 'M-1' } },
    });
  });

  const refusals: [string, Partial<OrderDraft>, boolean, string][] = [
    ['no buyer', { buyerName: '' }, false, 'buyerName'],
    ['a taken number', {}, true, 'externalIdTaken'],
    ['a bad quantity', { lines: [{ sku: 'A', title: 'A', quantity: 'x' }] }, false, 'quantity'],
  ];
  it.each(refusals)('refuses %s', (_, overrides, taken, problem) => {
    const result = saveOrder(draft(overrides), undefined, () => taken, { at: AT });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.problems).toContain(problem);
  });

  it('holds a new order whose address looks wrong, in the same change', () => {
    const result = saveOrder(draft({ zip: '' }), undefined, nothingTaken, { at: AT, newId: counter() });
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.held).toBe(true);
    expect(result.order).toMatchObject({ status: 'on_hold', statusReason: 'address_problem' });
    expect(result.change?.orders).toEqual([result.order]);
    expect(result.change?.events.map((e) => e.kind)).toEqual(['created', 'status_changed']);
    expect(result.change?.mutations.map((m) => m.name)).toEqual(['order.create', 'order.transition']);
  });

  it('edits only what changed and ignores the number being taken by itself', () => {
    const existing = makeOrder({ source: 'manual', externalId: 'M-7', orderedAt: '2026-11-20' });
    const edited = { ...draftOf(existing), buyerName: 'Anna Berg' };
    const result = saveOrder(edited, existing, () => true, { at: AT, newId: counter() });
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.change?.events).toEqual([
      { id: 'id1', orderId: existing.id, kind: 'edited', at: AT, data: { fields: 'buyer' } },
    ]);
    expect(result.change?.mutations).toEqual([
      {
        name: 'order.edit',
        args: { orderId: existing.id, fields: { buyer: result.order.buyer }, eventId: 'id1', at: AT },
      },
    ]);
    expect(result.order.buyer.name).toBe('Anna Berg');
  });

  it('changes nothing for an edit that changed nothing', () => {
    const existing = makeOrder({ source: 'manual', externalId: 'M-8' });
    const result = saveOrder(draftOf(existing), existing, nothingTaken, { at: AT });
    expect(result).toEqual({ ok: true, order: existing, held: false, change: null });
  });
});

describe('saveNotes', () => {
  it('writes the notes with an event and order.note', () => {
    const order = makeOrder({ notes: '' });
    const result = saveNotes(order, 'fragile', { at: AT, newId: counter() });
    expect(result?.order).toEqual({ ...order, notes: 'fragile', updatedAt: AT });
    expect(result?.change).toEqual({
      orders: [result?.order],
      events: [{ id: 'id1', orderId: order.id, kind: 'note_changed', at: AT }],
      mutations: [
        { name: 'order.note', args: { orderId: order.id, notes: 'fragile', eventId: 'id1', at: AT } },
      ],
    });
  });

  it('answers null when the notes are unchanged', () => {
    expect(saveNotes(makeOrder({ notes: 'same' }), 'same', { at: AT })).toBeNull();
  });
});

describe('statusChange', () => {
  it('carries the applied orders, their events and one transition each', () => {
    const orders = [makeOrder({ status: 'ready' }), makeOrder({ status: 'shipped' })];
    const plan = planBulkTransition(orders, 'shipped', { at: AT });
    const { change, events } = statusChange(plan.applied);
    expect(change.orders).toEqual([plan.applied[0]?.order]);
    expect(events).toEqual([plan.applied[0]?.event]);
    expect(change.mutations).toEqual(events.map(transitionMutation));
  });

  it('records the ship day on shipped events only', () => {
    const plan = planBulkTransition([makeOrder({ status: 'ready' })], 'shipped', { at: AT });
    const { change } = statusChange(plan.applied, '2026-11-19');
    expect(change.events[0]?.data).toMatchObject({ shippedOn: '2026-11-19' });
    expect(change.mutations[0]?.args).toMatchObject({ to: 'shipped', shippedOn: '2026-11-19' });
    const prepared = planBulkTransition([makeOrder({ status: 'new' })], 'preparing', { at: AT });
    expect(
      statusChange(prepared.applied, '2026-11-19').change.events[0]?.data?.['shippedOn'],
    ).toBeUndefined();
  });

  it('turns an undo plan into transitions that name the undone event', () => {
    const order = makeOrder({ status: 'ready' });
    const shipped = planBulkTransition([order], 'shipped', { at: AT });
    const back = planBulkUndo(
      shipped.applied.map((a) => a.order),
      shipped.applied.map((a) => a.event),
      { at: '2026-11-21T09:31:00.000Z' },
    );
    const { change } = statusChange(back.applied);
    expect(change.mutations[0]?.args).toMatchObject({
      to: 'ready',
      undoes: shipped.applied[0]?.event.id,
    });
  });
});
