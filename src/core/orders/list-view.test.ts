import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import type { OrderId } from '../ids.ts';
import type { Order } from '../model/order.ts';
import { EMPTY_FILTER, type OrderFilter, type SortKey } from './filters.ts';
import {
  listRows,
  viewOfRows,
  compareOrders,
  dayKey,
  EMPTY_SUMMARY,
  searchFieldsOf,
  type OrderSummary,
} from './list-view.ts';

const TODAY = '2026-03-08';
const ORDERS: Order[] = [
  makeOrder({
    externalId: 'A',
    orderedAt: '2026-03-08',
    status: 'new',
    source: 'etsy',
    buyer: { name: 'Åsa Berg' },
  }),
  makeOrder({
    externalId: 'B',
    orderedAt: '2026-03-05',
    status: 'shipped',
    source: 'amazon',
    buyer: { name: 'anna Ek' },
  }),
  makeOrder({
    externalId: 'C',
    orderedAt: '2026-02-20',
    status: 'on_hold',
    source: 'amazon',
    buyer: { name: 'Zoë Ruiz' },
  }),
  makeOrder({
    externalId: 'D',
    orderedAt: '2025-12-24',
    status: 'delivered',
    source: 'ebay',
    buyer: { name: 'Björn Alm' },
  }),
  makeOrder({
    externalId: 'E',
    orderedAt: '2026-03-01',
    status: 'new',
    source: 'manual',
    buyer: { name: 'Émile Dubois' },
  }),
];
const SUMMARIES = new Map<string, OrderSummary>([
  [
    ORDERS[1]!.id,
    { deliveryStatuses: ['in_transit'], carriers: ['dhl-paket'], trackingNumbers: ['X'], attention: 0 },
  ],
  [ORDERS[2]!.id, { ...EMPTY_SUMMARY, attention: 1 }],
  [
    ORDERS[3]!.id,
    { deliveryStatuses: ['delivered'], carriers: ['ups'], trackingNumbers: ['Y'], attention: 0 },
  ],
  [ORDERS[4]!.id, { ...EMPTY_SUMMARY, attention: 1 }],
]);
const externalIds = (ids: readonly OrderId[]) =>
  ids.map((id) => ORDERS.find((o) => o.id === id)!.externalId).join('');

function view(partial: Partial<OrderFilter>, hits: string[] | null = null) {
  const filter = { ...EMPTY_FILTER, ...partial };
  return viewOfRows({
    rows: listRows([...ORDERS].sort(compareOrders(filter.sort)), (id) => SUMMARIES.get(id) ?? EMPTY_SUMMARY),
    filter,
    today: TODAY,
    searchHits: hits === null ? null : new Set(hits.map((x) => ORDERS.find((o) => o.externalId === x)!.id)),
  });
}

describe('viewOfRows', () => {
  it.each<[string, Partial<OrderFilter>, string[] | null, string]>([
    ['default: last 30 days, newest first', {}, null, 'ABEC'],
    ['all dates', { range: 'all' }, null, 'ABECD'],
    ['last 7 days (E is 8 days old)', { range: '7d' }, null, 'AB'],
    ['today', { range: 'today' }, null, 'A'],
    ['custom range', { range: 'custom', from: '2025-12-01', to: '2026-02-28' }, null, 'CD'],
    ['one status', { statuses: ['new'] }, null, 'AE'],
    ['two statuses', { statuses: ['new', 'on_hold'] }, null, 'AEC'],
    ['source', { sources: ['amazon'], range: 'all' }, null, 'BC'],
    ['delivery status', { delivery: ['delivered'], range: 'all' }, null, 'D'],
    ['carrier', { carriers: ['dhl-paket'] }, null, 'B'],
    ['needs attention', { attention: true }, null, 'EC'],
    ['search looks through all dates', {}, ['B', 'C', 'D'], 'BCD'],
    ['search and a status', { statuses: ['delivered'] }, ['B', 'D'], 'D'],
    ['search with no hits', {}, [], ''],
    ['oldest first', { sort: 'date_asc', range: 'all' }, null, 'DCEBA'],
    ['by status', { sort: 'status', range: 'all' }, null, 'AEBDC'],
    ['by buyer, ignoring case and accents', { sort: 'buyer', range: 'all' }, null, 'BADEC'],
  ])('%s', (_name, filter, hits, expected) => {
    expect(externalIds(view(filter, hits).ids)).toBe(expected);
  });

  it('keeps lists apart when a long one is followed by shorter ones', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeOrder({ externalId: `M${i}`, orderedAt: '2026-02-01', status: i % 3 === 0 ? 'new' : 'shipped' }),
    );
    const rows = listRows(many, () => EMPTY_SUMMARY);
    const of = (partial: Partial<OrderFilter>) =>
      viewOfRows({
        rows,
        filter: { ...EMPTY_FILTER, range: 'all', ...partial },
        today: TODAY,
        searchHits: null,
      });
    const everything = of({});
    const fresh = of({ statuses: ['new'] });
    const none = of({ statuses: ['delivered'] });
    const again = of({ statuses: ['new'] });
    expect(everything.ids).toEqual(many.map((o) => o.id));
    expect(fresh.ids).toEqual(many.filter((o) => o.status === 'new').map((o) => o.id));
    expect(none.ids).toEqual([]);
    expect(again.ids).toEqual(fresh.ids);
    // The first list is not changed by the ones made after it.
    expect(everything.ids).toEqual(many.map((o) => o.id));
  });

  it('gives the same list for search hits as index slots as for a set of ids', () => {
    const filter = { ...EMPTY_FILTER, statuses: ['new', 'delivered', 'shipped'] as OrderFilter['statuses'] };
    const rows = listRows(
      [...ORDERS].sort(compareOrders(filter.sort)),
      (id) => SUMMARIES.get(id) ?? EMPTY_SUMMARY,
    );
    // An index that added the orders in another order than the list's, and one it never saw.
    const indexed = [...ORDERS].reverse().slice(1);
    const slotOf = new Map(indexed.map((o, slot) => [o.id as string, slot]));
    const matching = ['A', 'B', 'D', 'E'];
    const bits = new Uint8Array(indexed.length);
    for (const o of indexed) if (matching.includes(o.externalId)) bits[slotOf.get(o.id)!] = 1;
    const asSlots = viewOfRows({
      rows,
      filter,
      today: TODAY,
      searchHits: { bits, slotOf, slotCount: indexed.length },
    });
    const asIds = viewOfRows({
      rows,
      filter,
      today: TODAY,
      searchHits: new Set(indexed.filter((o) => matching.includes(o.externalId)).map((o) => o.id)),
    });
    expect(asSlots).toEqual(asIds);
    // E matches but is not in the index yet (still being built): not found.
    expect(externalIds(asSlots.ids)).toBe('ABD');
  });

  it('finds the row of each index slot, -1 for slots of orders not in the list', () => {
    const rows = listRows([...ORDERS].sort(compareOrders('date_desc')), () => EMPTY_SUMMARY);
    // Slots in another order than the rows, one slot for an order no longer listed, one order unindexed.
    const slotOf = new Map<string, number>([
      [ORDERS[3]!.id, 0],
      ['gone', 1],
      [ORDERS[0]!.id, 2],
      [ORDERS[2]!.id, 3],
      [ORDERS[1]!.id, 4],
    ]);
    const bySlot = rows.rowsBySlot(slotOf, 5);
    // Rows newest first: A B E C D.
    expect([...bySlot]).toEqual([4, -1, 0, 3, 1]);
    expect(rows.rowsBySlot(slotOf, 5)).toBe(bySlot);
  });

  it('takes the slots from the summaries when every row has one, the same as the index map gives', () => {
    const sorted = [...ORDERS].sort(compareOrders('date_desc'));
    const slotOf = new Map([...ORDERS].reverse().map((o, slot) => [o.id as string, slot]));
    const looked = listRows(sorted, () => EMPTY_SUMMARY);
    const known = listRows(sorted, (id) => ({ ...EMPTY_SUMMARY, slot: slotOf.get(id)! }));
    expect([...known.slotsIn(slotOf, ORDERS.length)]).toEqual([...looked.slotsIn(slotOf, ORDERS.length)]);
    expect([...known.rowsBySlot(slotOf, ORDERS.length)]).toEqual([
      ...looked.rowsBySlot(slotOf, ORDERS.length),
    ]);
    // No lookup by id: an index map the rows never saw gives the summaries' slots all the same.
    expect([...known.slotsIn(new Map(), 0)]).toEqual([...looked.slotsIn(slotOf, ORDERS.length)]);
    // A slot added to the index after the rows were built belongs to no row.
    expect(known.rowsBySlot(slotOf, ORDERS.length + 1)[ORDERS.length]).toBe(-1);
  });

  it('counts per status over every filter except the status filter', () => {
    const result = view({ statuses: ['shipped'] });
    expect(externalIds(result.ids)).toBe('B');
    expect(result.total).toBe(4);
    expect(result.counts).toMatchObject({ new: 2, shipped: 1, on_hold: 1, delivered: 0 });
    expect(result.attention).toBe(2);
  });

  it('counts the orders the date range hides', () => {
    expect(view({}).hiddenByRange).toBe(1);
    expect(view({ statuses: ['new'] }).hiddenByRange).toBe(0);
    expect(view({ range: '7d' }).hiddenByRange).toBe(3);
    expect(view({ range: 'all' }).hiddenByRange).toBe(0);
  });

  it('counts attention over the search but not the status', () => {
    const result = view({ attention: true }, ['A', 'C']);
    expect(externalIds(result.ids)).toBe('C');
    expect(result.attention).toBe(1);
    expect(result.total).toBe(1);
  });
});

describe('dayKey', () => {
  it.each([
    ['2026-03-08', 20260308],
    ['0999-01-01', 9990101],
    ['2026-3-8', -1],
    ['2026-03-08T10:00', -1],
    ['2026/03/08', -1],
    ['2026-0a-08', -1],
    ['', -1],
  ])('%j is %j', (day, key) => {
    expect(dayKey(day)).toBe(key);
  });

  it('orders plain days as their text does', () => {
    const days = ['2025-12-31', '2026-01-01', '2026-01-10', '2026-02-01', '2026-10-01'];
    for (const a of days)
      for (const b of days) expect(Math.sign(dayKey(a) - dayKey(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
  });
});

describe('viewOfRows with days that are not plain days', () => {
  it.each<[string, Partial<OrderFilter>, string]>([
    // As text, "2026-03-08T09:00" sorts after "2026-03-08" and "" before every day.
    ['last 7 days', { range: '7d' }, 'TD'],
    ['custom range ending on the day', { range: 'custom', from: '2026-03-01', to: '2026-03-08' }, 'D'],
    ['custom range ending a day later', { range: 'custom', from: '2026-03-01', to: '2026-03-09' }, 'TD'],
    ['all dates', { range: 'all' }, 'TDX'],
  ])('%s', (_name, partial, expected) => {
    const odd = [
      makeOrder({ externalId: 'T', orderedAt: '2026-03-08T09:00' }),
      makeOrder({ externalId: 'D', orderedAt: '2026-03-08' }),
      makeOrder({ externalId: 'X', orderedAt: '' }),
    ];
    const result = viewOfRows({
      rows: listRows(odd, () => EMPTY_SUMMARY),
      filter: { ...EMPTY_FILTER, ...partial },
      today: TODAY,
      searchHits: null,
    });
    expect(result.ids.map((id) => odd.find((o) => o.id === id)!.externalId).join('')).toBe(expected);
  });
});

describe('compareOrders', () => {
  it.each<[SortKey]>([['date_desc'], ['date_asc'], ['status'], ['buyer']])(
    '%s is stable for equal keys',
    (sort) => {
      const twins = [makeOrder({ externalId: 'T1' }), makeOrder({ externalId: 'T2' })];
      const a = [...twins].sort(compareOrders(sort)).map((o) => o.id);
      const b = [...twins]
        .reverse()
        .sort(compareOrders(sort))
        .map((o) => o.id);
      expect(a).toEqual(b);
    },
  );
});

describe('searchFieldsOf', () => {
  it('indexes id, buyer, e-mail, place, SKUs and tracking numbers', () => {
    const order = makeOrder({ externalId: '#7', lines: [{ sku: 'MUG-1', quantity: 1 }, { quantity: 2 }] });
    expect(searchFieldsOf(order, ['JJD0001'])).toEqual([
      '#7',
      'Jürgen Groß',
      'Dresden',
      '01067',
      'juergen@example.de',
      'MUG-1',
      'JJD0001',
    ]);
  });
});
