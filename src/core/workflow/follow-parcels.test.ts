import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import type { EventId } from '../ids.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../model/order.ts';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../model/parcel.ts';
import { FOLLOW_MAX_STEPS, followParcels, orderStatusFromParcels } from './follow-parcels.ts';
import { canTransition } from './status-machine.ts';

const AT = '2026-11-21T09:30:00.000Z';
const order = (status: OrderStatus): Order =>
  makeOrder({ status, externalId: 'A-1', ...(status === 'on_hold' ? { statusReason: 'other' } : {}) });
const parcelsOf = (o: Order, statuses: readonly DeliveryStatus[]) =>
  statuses.map((deliveryStatus) => makeParcel({ orderId: o.id, deliveryStatus }));

/**
 * Where an order ends up after following its parcels. Columns in `COLUMNS` order: new, preparing,
 * ready, partially_shipped, shipped, delivered, on_hold, wont_ship, returned.
 */
const COLUMNS: readonly OrderStatus[] = [
  'new',
  'preparing',
  'ready',
  'partially_shipped',
  'shipped',
  'delivered',
  'on_hold',
  'wont_ship',
  'returned',
];
const S = 'shipped';
const D = 'delivered';
const R = 'returned';
const FINAL: [DeliveryStatus[], OrderStatus[]][] = [
  [[], ['new', 'preparing', 'ready', 'partially_shipped', S, D, 'on_hold', 'wont_ship', R]],
  [['pending'], [S, S, S, 'partially_shipped', S, S, 'on_hold', 'wont_ship', R]],
  [['in_transit'], [S, S, S, 'partially_shipped', S, S, 'on_hold', 'wont_ship', R]],
  [['exception'], [S, S, S, 'partially_shipped', S, S, 'on_hold', 'wont_ship', R]],
  [['delivered'], [D, D, D, 'partially_shipped', D, D, 'on_hold', 'wont_ship', R]],
  [
    ['delivered', 'delivered'],
    [D, D, D, 'partially_shipped', D, D, 'on_hold', 'wont_ship', R],
  ],
  [
    ['delivered', 'in_transit'],
    [S, S, S, 'partially_shipped', S, S, 'on_hold', 'wont_ship', R],
  ],
  [['returned'], [R, R, R, 'partially_shipped', R, R, 'on_hold', 'wont_ship', R]],
  [
    ['returned', 'returned'],
    [R, R, R, 'partially_shipped', R, R, 'on_hold', 'wont_ship', R],
  ],
  [
    ['returned', 'delivered'],
    [S, S, S, 'partially_shipped', S, S, 'on_hold', 'wont_ship', R],
  ],
];

describe('followParcels', () => {
  const cases = FINAL.flatMap(([deliveries, finals]) =>
    COLUMNS.map((status, i) => [status, deliveries, finals[i] as OrderStatus] as const),
  );
  it.each(cases)('%s with parcels %j ends %s', (status, deliveries, expected) => {
    const before = order(status);
    const result = followParcels(before, parcelsOf(before, deliveries), { at: AT });
    expect(result.order.status).toBe(expected);
    expect(result.refused).toBeUndefined();
    if (expected === status) {
      expect(result.order).toBe(before);
      expect(result.events).toEqual([]);
    } else {
      expect(result.order.updatedAt).toBe(AT);
      // The events chain from the old status to the new one, one allowed step each.
      let from = status;
      for (const event of result.events) {
        expect(event).toMatchObject({ kind: 'status_changed', orderId: before.id, at: AT, from });
        from = event.to as OrderStatus;
      }
      expect(from).toBe(expected);
    }
  });

  it('takes two steps from unshipped to delivered and one from shipped', () => {
    const fresh = order('ready');
    expect(followParcels(fresh, parcelsOf(fresh, ['delivered']), { at: AT }).events.map((e) => e.to)).toEqual(
      ['shipped', 'delivered'],
    );
    const shipped = order('shipped');
    expect(followParcels(shipped, parcelsOf(shipped, ['delivered']), { at: AT }).events).toHaveLength(1);
  });

  it('delivers a shipped order without parcels only on the buyer’s word', () => {
    for (const status of ORDER_STATUSES) {
      const before = order(status);
      const confirmed = followParcels(before, [], { at: AT, receivedByBuyer: true });
      expect(confirmed.order.status, status).toBe(status === 'shipped' ? 'delivered' : status);
      expect(followParcels(before, [], { at: AT }).order.status, status).toBe(status);
    }
  });

  it('with parcels, the buyer’s word changes nothing by itself', () => {
    const before = order('shipped');
    const parcels = parcelsOf(before, ['in_transit']);
    expect(followParcels(before, parcels, { at: AT, receivedByBuyer: true }).order).toBe(before);
  });

  it('takes event ids from the given source', () => {
    let n = 0;
    const before = order('new');
    const result = followParcels(before, parcelsOf(before, ['delivered']), {
      at: AT,
      newEventId: () => `e${++n}` as EventId,
    });
    expect(result.events.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('ignores other orders’ parcels', () => {
    const own = order('shipped');
    const other = makeParcel({ orderId: makeOrder({ externalId: 'B-2' }).id, deliveryStatus: 'in_transit' });
    expect(followParcels(own, [...parcelsOf(own, ['delivered']), other], { at: AT }).order.status).toBe(
      'delivered',
    );
  });

  it('settles every status and delivery combination within FOLLOW_MAX_STEPS allowed steps', () => {
    const combos: DeliveryStatus[][] = [
      [],
      ...DELIVERY_STATUSES.map((s) => [s]),
      ...DELIVERY_STATUSES.map((s) => ['delivered', s] as DeliveryStatus[]),
      ...DELIVERY_STATUSES.map((s) => ['returned', s] as DeliveryStatus[]),
    ];
    for (const status of ORDER_STATUSES) {
      for (const deliveries of combos) {
        for (const receivedByBuyer of [false, true]) {
          const before = order(status);
          const parcels = parcelsOf(before, deliveries);
          const result = followParcels(before, parcels, { at: AT, receivedByBuyer });
          const label = `${status} ${deliveries.join()} ${receivedByBuyer}`;
          expect(result.refused, label).toBeUndefined();
          expect(result.events.length, label).toBeLessThanOrEqual(FOLLOW_MAX_STEPS);
          expect(orderStatusFromParcels(result.order, parcels, receivedByBuyer), label).toBe(
            result.order.status,
          );
          let current: Order = before;
          for (const event of result.events) {
            expect(canTransition(current, event.to as OrderStatus), label).toBe(true);
            current = { ...current, status: event.to as OrderStatus };
          }
        }
      }
    }
  });
});
