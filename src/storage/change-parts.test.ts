import { describe, expect, it } from 'vitest';
import type { ParcelId } from '../core/ids.ts';
import type { PendingMutation } from '../core/model/outbox.ts';
import { makeEvent, makeOrder, makeParcel } from '../../test/factories.ts';
import { changeParts, changeRows, joinParts } from './change-parts.ts';
import type { Change } from './repository.ts';

const orders = Array.from({ length: 7 }, () => makeOrder());
const parcels = [makeParcel({ orderId: orders[0]!.id }), makeParcel({ orderId: orders[1]!.id })];
const events = Array.from({ length: 5 }, () => makeEvent({ at: '2026-11-20T10:00:00.000Z' }));
const mutations: PendingMutation[] = Array.from({ length: 4 }, (_, i) => ({
  name: 'order.transition',
  args: { n: i },
}));

const cases: { name: string; change: Change; rows: number; sizes: number[] }[] = [
  { name: 'an empty change', change: { events: [], mutations: [] }, rows: 3, sizes: [0] },
  { name: 'a change smaller than a part', change: { orders, events, mutations }, rows: 100, sizes: [16] },
  {
    name: 'parts that end inside a list and at its end',
    change: { orders, events, mutations },
    rows: 4,
    sizes: [4, 4, 4, 4],
  },
  {
    name: 'every list, one row per part',
    change: { orders: orders.slice(0, 2), parcels, removeParcels: ['p-1' as ParcelId], events, mutations },
    rows: 1,
    sizes: Array.from({ length: 14 }, () => 1),
  },
  {
    name: 'a last part that is not full',
    change: { orders, parcels, events: events.slice(0, 1), mutations: [] },
    rows: 3,
    sizes: [3, 3, 3, 1],
  },
];

describe('changeParts and joinParts', () => {
  it.each(cases)('$name: parts of at most the size asked, joined back to the same change', (c) => {
    const parts = changeParts(c.change, c.rows);
    expect(parts.map(changeRows)).toEqual(c.sizes);
    expect(joinParts(parts)).toEqual(c.change);
    expect(changeRows(joinParts(parts))).toBe(changeRows(c.change));
  });

  it('keeps every list in order across parts', () => {
    const parts = changeParts({ orders, events, mutations }, 3);
    expect(parts.flatMap((part) => part.orders ?? []).map((o) => o.id)).toEqual(orders.map((o) => o.id));
    expect(parts.flatMap((part) => part.events).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(parts.flatMap((part) => part.mutations)).toEqual(mutations);
  });
});
