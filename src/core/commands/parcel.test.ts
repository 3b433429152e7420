import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import type { OrderStatus } from '../model/order.ts';
import type { DeliveryStatus } from '../model/parcel.ts';
import type { ParcelId } from '../ids.ts';
import { removeParcel, retrackParcels, saveParcel } from './parcel.ts';

const AT = '2026-11-21T09:30:00.000Z';
const counter = () => {
  let n = 0;
  return () => `id${++n}`;
};

describe('saveParcel', () => {
  const cases: [OrderStatus, DeliveryStatus[], DeliveryStatus, OrderStatus[]][] = [
    // order status, other parcels, new parcel's status, status steps taken
    ['new', [], 'pending', ['shipped']],
    ['ready', [], 'delivered', ['shipped', 'delivered']],
    ['shipped', ['delivered'], 'delivered', ['delivered']],
    ['delivered', ['delivered'], 'in_transit', ['shipped']],
    ['shipped', ['in_transit'], 'in_transit', []],
    ['partially_shipped', [], 'delivered', []],
    ['on_hold', [], 'in_transit', []],
  ];
  it.each(cases)('%s order with %j, adding %s, steps %j', (status, others, added, steps) => {
    const order = makeOrder({ status, ...(status === 'on_hold' ? { statusReason: 'other' } : {}) });
    const parcels = others.map((deliveryStatus) => makeParcel({ orderId: order.id, deliveryStatus }));
    const result = saveParcel(
      order,
      parcels,
      { trackingNumber: ' 1Z999AA10123456784 ', carrierId: 'ups', deliveryStatus: added },
      { at: AT, newId: counter() },
    );
    const parcel = { id: 'id1', orderId: order.id, trackingNumber: '1Z999AA10123456784', carrierId: 'ups' };
    expect(result.change.parcels).toEqual([{ ...parcel, deliveryStatus: added, updatedAt: AT }]);
    expect(result.parcels).toHaveLength(others.length + 1);
    expect(result.change.events[0]).toEqual({
      id: 'id2',
      orderId: order.id,
      kind: 'parcel_added',
      at: AT,
      data: { parcelId: 'id1', trackingNumber: parcel.trackingNumber, deliveryStatus: added },
    });
    const statusEvents = result.change.events.slice(1);
    expect(statusEvents.map((e) => e.to)).toEqual(steps);
    expect(result.order.status).toBe(steps.at(-1) ?? status);
    expect(result.change.orders).toEqual(steps.length ? [result.order] : []);
    expect(result.change.mutations.map((m) => m.name)).toEqual([
      'parcel.upsert',
      ...steps.map(() => 'order.transition'),
    ]);
    expect(result.change.mutations[0]?.args).toMatchObject({ eventId: 'id2', at: AT });
    statusEvents.forEach((event, i) =>
      expect(result.change.mutations[i + 1]?.args).toMatchObject({ eventId: event.id, to: event.to, at: AT }),
    );
  });

  it('edits a parcel in place and keeps what the form does not show', () => {
    const order = makeOrder({ status: 'shipped' });
    const stored = makeParcel({
      orderId: order.id,
      deliveryStatus: 'in_transit',
      expectedAt: '2026-11-24',
      remarks: 'left at the door',
    });
    const result = saveParcel(
      order,
      [stored],
      { id: stored.id, trackingNumber: 'NEW-1', deliveryStatus: 'delivered' },
      { at: AT, newId: counter() },
    );
    expect(result.change.parcels).toEqual([
      {
        id: stored.id,
        orderId: order.id,
        trackingNumber: 'NEW-1',
        expectedAt: '2026-11-24',
        deliveryStatus: 'delivered',
        remarks: 'left at the door',
        updatedAt: AT,
      },
    ]);
    expect(result.parcels).toHaveLength(1);
    expect(result.change.events.map((e) => e.kind)).toEqual(['parcel_changed', 'status_changed']);
    expect(result.order.status).toBe('delivered');
  });
});

describe('removeParcel', () => {
  it('removes the parcel, logs it and lets the status follow the rest', () => {
    const order = makeOrder({ status: 'shipped' });
    const gone = makeParcel({ orderId: order.id, deliveryStatus: 'in_transit' });
    const kept = makeParcel({ orderId: order.id, deliveryStatus: 'delivered' });
    const result = removeParcel(order, [gone, kept], gone.id, { at: AT, newId: counter() });
    expect(result?.change.removeParcels).toEqual([gone.id]);
    expect(result?.parcels).toEqual([kept]);
    expect(result?.change.events.map((e) => [e.kind, e.to])).toEqual([
      ['parcel_removed', undefined],
      ['status_changed', 'delivered'],
    ]);
    expect(result?.change.mutations.map((m) => m.name)).toEqual(['parcel.remove', 'order.transition']);
    expect(result?.change.mutations[0]?.args).toEqual({
      orderId: order.id,
      parcelId: gone.id,
      eventId: 'id1',
      at: AT,
    });
  });

  it('leaves a shipped order shipped when its last parcel goes', () => {
    const order = makeOrder({ status: 'shipped' });
    const only = makeParcel({ orderId: order.id });
    const result = removeParcel(order, [only], only.id, { at: AT });
    expect(result?.order).toBe(order);
    expect(result?.change.orders).toEqual([]);
  });

  it('answers null for a parcel the order does not have', () => {
    const order = makeOrder();
    expect(removeParcel(order, [], 'nope' as ParcelId, { at: AT })).toBeNull();
  });
});

describe('retrackParcels', () => {
  it('asks once per parcel and changes nothing on the device', () => {
    const order = makeOrder({ status: 'shipped' });
    const change = retrackParcels(
      [
        { orderId: order.id, parcelId: 'p1' as ParcelId },
        { orderId: order.id, parcelId: 'p2' as ParcelId },
      ],
      { at: AT, newId: counter() },
    );
    expect(change.events).toEqual([]);
    expect(change.orders).toBeUndefined();
    expect(change.mutations).toEqual([
      { name: 'parcel.retrack', args: { orderId: order.id, parcelId: 'p1', eventId: 'id1', at: AT } },
      { name: 'parcel.retrack', args: { orderId: order.id, parcelId: 'p2', eventId: 'id2', at: AT } },
    ]);
  });
});
