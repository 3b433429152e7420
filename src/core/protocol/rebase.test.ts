import { describe, expect, it } from 'vitest';
import type { EventId, OrderId, ParcelId } from '../ids.ts';
import type { Order } from '../model/order.ts';
import type { OutboxEntry } from '../model/outbox.ts';
import type { Parcel } from '../model/parcel.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import { mutation } from './mutations.ts';
import { rebase, type RebaseBase } from './rebase.ts';

const AT = '2026-11-21T09:00:00.000Z';
const order = makeOrder({ notes: 'server', status: 'new' });
const parcel = makeParcel({ orderId: order.id, id: 'p1' as ParcelId, updatedAt: AT });
const eventId = (n: number) => `e${n}` as EventId;

function outbox(...mutations: { name: string; args: unknown }[]): OutboxEntry[] {
  return mutations.map((m, i) => ({ mutationId: i + 1, name: m.name, args: m.args, createdAt: AT }));
}

const noLocal = { orders: new Map(), parcels: new Map(), events: new Map() };

interface Case {
  name: string;
  base: RebaseBase;
  pending: OutboxEntry[];
  local?: { orders?: Order[]; parcels?: Parcel[] };
  orders?: Record<string, Partial<Order>>;
  parcels?: Record<string, Partial<Parcel> | null>;
  shopName?: string;
}

const cases: Case[] = [
  {
    name: 'a pending note wins over the base',
    base: { orders: new Map([[order.id, order]]), parcels: new Map() },
    pending: outbox(
      mutation('order.note', { orderId: order.id, notes: 'mine', eventId: eventId(1), at: AT }),
    ),
    orders: { [order.id]: { notes: 'mine', status: 'new' } },
  },
  {
    name: 'a pending status change is re-validated against the base status',
    base: { orders: new Map([[order.id, { ...order, status: 'shipped' }]]), parcels: new Map() },
    pending: outbox(
      mutation('order.transition', { orderId: order.id, to: 'preparing', eventId: eventId(1), at: AT }),
    ),
    orders: { [order.id]: { status: 'shipped' } },
  },
  {
    name: 'a pending status change the machine allows from the base is shown',
    base: { orders: new Map([[order.id, { ...order, notes: 'theirs' }]]), parcels: new Map() },
    pending: outbox(
      mutation('order.transition', { orderId: order.id, to: 'ready', eventId: eventId(1), at: AT }),
    ),
    orders: { [order.id]: { status: 'ready', notes: 'theirs' } },
  },
  {
    name: 'mutations for other entities leave the base as it is',
    base: { orders: new Map([[order.id, order]]), parcels: new Map() },
    pending: outbox(
      mutation('order.note', {
        orderId: 'shopify:#other' as OrderId,
        notes: 'x',
        eventId: eventId(1),
        at: AT,
      }),
    ),
    orders: { [order.id]: { notes: 'server' } },
  },
  {
    name: 'a parcel removed on the server comes back with a pending upsert (order from the device)',
    base: { orders: new Map(), parcels: new Map([[parcel.id, null]]) },
    pending: outbox(
      mutation('parcel.upsert', {
        parcel: { ...parcel, trackingNumber: 'NEW' },
        eventId: eventId(1),
        at: AT,
      }),
    ),
    local: { orders: [order] },
    parcels: { [parcel.id]: { trackingNumber: 'NEW' } },
  },
  {
    name: 'a pending removal removes the server parcel',
    base: { orders: new Map(), parcels: new Map([[parcel.id, parcel]]) },
    pending: outbox(
      mutation('parcel.remove', { parcelId: parcel.id, orderId: order.id, eventId: eventId(1), at: AT }),
    ),
    parcels: { [parcel.id]: null },
  },
  {
    name: 'pending settings win over the server settings',
    base: { orders: new Map(), parcels: new Map(), settings: DEFAULT_SETTINGS },
    pending: outbox(
      mutation('settings.update', {
        ...DEFAULT_SETTINGS,
        shop: { ...DEFAULT_SETTINGS.shop, shopName: 'Mine' },
      }),
    ),
    shopName: 'Mine',
  },
  {
    name: 'later pending mutations build on earlier ones',
    base: { orders: new Map([[order.id, order]]), parcels: new Map() },
    pending: outbox(
      mutation('order.transition', { orderId: order.id, to: 'ready', eventId: eventId(1), at: AT }),
      mutation('order.transition', { orderId: order.id, to: 'shipped', eventId: eventId(2), at: AT }),
      mutation('order.note', { orderId: order.id, notes: 'sent', eventId: eventId(3), at: AT }),
    ),
    orders: { [order.id]: { status: 'shipped', notes: 'sent' } },
  },
];

describe('rebase', () => {
  it.each(cases)('$name', (c) => {
    const local = {
      ...noLocal,
      orders: new Map((c.local?.orders ?? []).map((o) => [o.id, o])),
      parcels: new Map((c.local?.parcels ?? []).map((p) => [p.id, p])),
    };
    const result = rebase(c.base, c.pending, local);
    expect([...result.orders.keys()]).toEqual([...c.base.orders.keys()]);
    expect([...result.parcels.keys()]).toEqual([...c.base.parcels.keys()]);
    for (const [id, expected] of Object.entries(c.orders ?? {}))
      expect(result.orders.get(id as OrderId)).toMatchObject(expected);
    for (const [id, expected] of Object.entries(c.parcels ?? {})) {
      if (expected === null) expect(result.parcels.get(id as ParcelId)).toBeNull();
      else expect(result.parcels.get(id as ParcelId)).toMatchObject(expected);
    }
    if (c.shopName) expect(result.settings?.shop.shopName).toBe(c.shopName);
    else expect(result.settings).toEqual(c.base.settings);
  });
});
