import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import type { OrderId } from '../ids.ts';
import type { Parcel } from '../model/parcel.ts';
import { parseMutation } from '../protocol/mutations.ts';
import { planTrackingImport, type TrackingUpdate } from './index.ts';

const NOW = '2026-03-20T09:00:00.000Z';

function ids(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

function update(
  orderId: string,
  trackingNumber: string,
  extra: Partial<TrackingUpdate> = {},
): TrackingUpdate {
  return { orderId, trackingNumber, row: 2, ...extra };
}

describe('planTrackingImport', () => {
  it('adds parcels, ships the order, and writes events and mutations the protocol accepts', () => {
    const order = makeOrder({ externalId: '#1042', status: 'ready' });
    const plan = planTrackingImport(
      [
        update('#1042', '00340433836442636597', { carrierId: 'dhl-paket', shippedAt: '2026-03-19' }),
        update('#1042', 'RR123456785DE', { carrierId: 'dhl-paket' }),
      ],
      new Map(),
      [order],
      { now: NOW, newId: ids() },
    );
    expect(plan.counts).toEqual({ added: 2, unchanged: 0, shipped: 1, skipped: 0 });
    expect(plan.parcels[0]).toEqual({
      id: 'id-1',
      orderId: order.id,
      trackingNumber: '00340433836442636597',
      carrierId: 'dhl-paket',
      shippedAt: '2026-03-19',
      deliveryStatus: 'unknown',
      updatedAt: NOW,
    });
    expect(plan.orders.map((o) => o.status)).toEqual(['shipped']);
    expect(plan.results[0]).toMatchObject({ from: 'ready', to: 'shipped' });
    expect(plan.events.map((e) => e.kind)).toEqual(['parcel_added', 'parcel_added', 'status_changed']);
    expect(plan.mutations.map((m) => m.name)).toEqual(['parcel.upsert', 'parcel.upsert', 'order.transition']);
    expect(plan.mutations[2]?.args).toEqual({ orderId: order.id, to: 'shipped', eventId: 'id-5', at: NOW });
    for (const m of plan.mutations) expect(parseMutation(m.name, m.args)).toMatchObject({ ok: true });
  });

  it('changes nothing when the same sheet is imported again', () => {
    const order = makeOrder({ externalId: '#7', status: 'shipped' });
    const stored: Parcel = makeParcel({ orderId: order.id, trackingNumber: '1Z999AA10123456784' });
    const plan = planTrackingImport(
      [update('#7', '1Z 999 AA1 01 2345 6784')],
      new Map([[order.id, [stored]]]),
      [order],
      { now: NOW },
    );
    expect(plan.counts).toEqual({ added: 0, unchanged: 1, shipped: 0, skipped: 0 });
    expect(plan.results[0]?.unchanged).toEqual([stored]);
    expect(plan.events).toEqual([]);
    expect(plan.mutations).toEqual([]);
    expect(plan.orders).toEqual([]);
  });

  it.each([
    ['on_hold', 'on_hold', true],
    ['wont_ship', 'wont_ship', true],
    ['returned', 'returned', true],
    ['new', 'shipped', false],
    ['delivered', 'shipped', false],
    ['partially_shipped', 'partially_shipped', false],
  ] as const)('an order in %s ends in %s', (from, to, kept) => {
    const order = makeOrder({
      externalId: 'X-1',
      status: from,
      ...(from === 'on_hold' ? { statusReason: 'other', heldFrom: 'ready' as const } : {}),
      ...(from === 'wont_ship' ? { statusReason: 'sold out' } : {}),
    });
    const plan = planTrackingImport([update('X-1', 'RB123456785GB')], new Map(), [order], { now: NOW });
    expect(plan.counts.added).toBe(1);
    expect(plan.results[0]?.to).toBe(to);
    expect(plan.statusKept.includes(order.id)).toBe(kept);
  });

  it('matches ids with or without "#", and skips unknown and ambiguous ones', () => {
    const shop = makeOrder({ source: 'shopify', externalId: '#1001' });
    const amazon = makeOrder({ source: 'amazon', externalId: 'A-1' });
    const ebay = makeOrder({ source: 'ebay', externalId: 'A-1' });
    const plan = planTrackingImport(
      [update('1001', 'RB123456785GB'), update('nope', 'EE123456785SE'), update('A-1', 'LX123456785DE')],
      new Map<OrderId, Parcel[]>(),
      [shop, amazon, ebay],
      { now: NOW },
    );
    expect(plan.parcels.map((p) => p.orderId)).toEqual([shop.id]);
    expect(plan.skipped.map((s) => [s.update.orderId, s.reason])).toEqual([
      ['nope', 'unknown_order'],
      ['A-1', 'ambiguous_order'],
    ]);
    expect(plan.orders.find((o) => o.id === amazon.id)).toBeUndefined();
  });

  it('adds a number given twice for one order once', () => {
    const order = makeOrder({ externalId: '#5' });
    const plan = planTrackingImport(
      [update('#5', 'RB123456785GB'), update('#5', 'RB123456785GB')],
      new Map(),
      [order],
      { now: NOW },
    );
    expect(plan.parcels).toHaveLength(1);
  });
});
