import { describe, expect, it } from 'vitest';
import { makeEvent, makeOrder, makeParcel } from '../../../test/factories.ts';
import type { OrderId } from '../ids.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { attentionConfigOf } from './attention-settings.ts';
import { chartSeries, type ChartInput } from './chart-series.ts';

const TODAY = '2026-03-30';
const config = attentionConfigOf({ ...DEFAULT_SETTINGS.workflow, shopCountry: 'DE' });

function series(orders: Order[], parcels: Parcel[] = [], extra: Partial<ChartInput> = {}) {
  const points = chartSeries({
    orders,
    parcelsOf: (id: OrderId) => parcels.filter((p) => p.orderId === id),
    today: TODAY,
    config,
    flaggedToday: () => false,
    ...extra,
  });
  const byDay = (day: string) => points.find((p) => p.day === day);
  return { points, byDay };
}

describe('chartSeries', () => {
  it('covers 30 days ending today', () => {
    const { points } = series([]);
    expect(points).toHaveLength(30);
    expect(points[0]).toEqual({ day: '2026-03-01', shipped: 0, attention: 0, late: 0 });
    expect(points.at(-1)?.day).toBe(TODAY);
  });

  it.each([
    // [case, order, parcels, day -> expected {shipped, attention}]
    [
      'unshipped order flagged from day 7 after ordering',
      { status: 'new', orderedAt: '2026-03-10', updatedAt: '2026-03-10T08:00:00Z' },
      [],
      { '2026-03-16': [0, 0], '2026-03-17': [0, 1], '2026-03-29': [0, 1] },
    ],
    [
      'ordered before the chart: flagged from the first day it is 7 days old',
      { status: 'ready', orderedAt: '2026-02-01' },
      [],
      { '2026-03-01': [0, 1] },
    ],
    [
      'marked shipped without a parcel: shipped on its update day, flagged only before it',
      { status: 'shipped', orderedAt: '2026-03-01', updatedAt: '2026-03-12T10:00:00' },
      [],
      { '2026-03-07': [0, 0], '2026-03-08': [0, 1], '2026-03-11': [0, 1], '2026-03-12': [1, 0] },
    ],
    [
      'domestic parcel not delivered 10 days after shipping',
      { status: 'shipped', orderedAt: '2026-03-01', updatedAt: '2026-03-02T10:00:00' },
      [{ shippedAt: '2026-03-02', deliveryStatus: 'in_transit' }],
      { '2026-03-02': [1, 0], '2026-03-11': [0, 0], '2026-03-12': [0, 1] },
    ],
    [
      'international parcel waits 45 days',
      {
        status: 'shipped',
        orderedAt: '2026-03-01',
        address: { line1: 'x', zip: '1', city: 'Malmö', country: 'SE' },
      },
      [{ shippedAt: '2026-03-02', deliveryStatus: 'in_transit' }],
      { '2026-03-12': [0, 0], '2026-03-29': [0, 0] },
    ],
    [
      'delivered long ago: nothing',
      { status: 'delivered', orderedAt: '2026-01-01', updatedAt: '2026-01-20T10:00:00' },
      [{ shippedAt: '2026-01-02', deliveryStatus: 'delivered' }],
      { '2026-03-01': [0, 0], '2026-03-29': [0, 0] },
    ],
    [
      'on hold since its last update',
      { status: 'on_hold', orderedAt: '2026-03-20', updatedAt: '2026-03-22T10:00:00', heldFrom: 'new' },
      [],
      { '2026-03-21': [0, 0], '2026-03-22': [0, 1] },
    ],
  ] as [string, Partial<Order>, Partial<Parcel>[], Record<string, [number, number]>][])(
    '%s',
    (_name, fields, parcelFields, expected) => {
      const order = makeOrder(fields);
      const parcels = parcelFields.map((p) => makeParcel({ orderId: order.id, ...p }));
      const { byDay } = series([order], parcels);
      for (const [day, [shipped, attention]] of Object.entries(expected))
        expect(byDay(day), day).toMatchObject({ day, shipped, attention });
    },
  );

  it('follows status events where it has them, and takes today from the live answer', () => {
    const order = makeOrder({ status: 'shipped', orderedAt: '2026-03-01', updatedAt: '2026-03-29T10:00:00' });
    const events = [
      makeEvent({
        orderId: order.id,
        kind: 'status_changed',
        from: 'new',
        to: 'on_hold',
        at: '2026-03-03T09:00:00',
      }),
      makeEvent({
        orderId: order.id,
        kind: 'status_changed',
        from: 'on_hold',
        to: 'new',
        at: '2026-03-05T09:00:00',
      }),
      makeEvent({
        orderId: order.id,
        kind: 'status_changed',
        from: 'new',
        to: 'shipped',
        at: '2026-03-29T10:00:00',
        data: { shippedOn: '2026-03-20' },
      }),
    ];
    const { byDay } = series([order], [], { events, flaggedToday: () => true });
    expect(byDay('2026-03-02')).toMatchObject({ attention: 0 });
    expect(byDay('2026-03-03')).toMatchObject({ attention: 1 });
    expect(byDay('2026-03-06')).toMatchObject({ attention: 0 });
    expect(byDay('2026-03-08')).toMatchObject({ attention: 1 });
    expect(byDay('2026-03-20')).toEqual({ day: '2026-03-20', shipped: 1, attention: 0, late: 0 });
    expect(byDay(TODAY)).toMatchObject({ attention: 1 });
  });

  describe('late parcels', () => {
    const toSweden = { line1: 'x', zip: '1', city: 'Malmö', country: 'SE' };
    it.each([
      // [case, first learned late day or none, day -> late parcels]
      ['by the fixed 45 days abroad: none within the chart', undefined, { '2026-03-29': 0, [TODAY]: 0 }],
      [
        'by the learned window: from its first late day on',
        '2026-03-10',
        { '2026-03-09': 0, '2026-03-10': 1, [TODAY]: 1 },
      ],
    ] as [string, string | undefined, Record<string, number>][])('%s', (_name, lateFrom, expected) => {
      const order = makeOrder({ status: 'shipped', orderedAt: '2026-03-01', address: toSweden });
      const parcel = makeParcel({ orderId: order.id, shippedAt: '2026-03-02', deliveryStatus: 'in_transit' });
      const { byDay } = series([order], [parcel], { lateFrom: () => lateFrom });
      for (const [day, late] of Object.entries(expected)) expect(byDay(day)?.late, day).toBe(late);
      // The attention line follows the same limit.
      for (const [day, late] of Object.entries(expected))
        if (day !== TODAY) expect(byDay(day)?.attention, day).toBe(late);
    });

    it('a domestic parcel counts as late from the fixed 10th day; delivered ones never', () => {
      const order = makeOrder({ status: 'shipped', orderedAt: '2026-03-01' });
      const parcels = [
        makeParcel({ orderId: order.id, shippedAt: '2026-03-02', deliveryStatus: 'in_transit' }),
        makeParcel({ orderId: order.id, shippedAt: '2026-03-02', deliveryStatus: 'delivered' }),
      ];
      const { byDay } = series([order], parcels);
      expect(byDay('2026-03-11')?.late).toBe(0);
      expect(byDay('2026-03-12')?.late).toBe(1);
    });
  });
});
