/**
 * The list's columns are kept across changes that do not move rows (patched in place) and built
 * again for those that do; either way they must equal columns built from scratch.
 */
import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../test/factories.ts';
import type { Order } from '../core/order.ts';
import { listRows, type ListRows } from '../core/orders/list-view.ts';
import type { SortKey } from '../core/orders/filters.ts';
import { OrderStore } from './order-store.ts';

function plain(rows: ListRows) {
  return {
    ids: [...rows.ids],
    days: [...rows.days],
    status: [...rows.status],
    source: [...rows.source],
    flagged: [...rows.flagged],
    delivery: [...rows.delivery],
    carriers: rows.carriers.map((c) => [...c]),
  };
}

function fresh(store: OrderStore, sort: SortKey, version: number) {
  return plain(listRows(store.sorted(sort, version), (id) => store.summaryOf(id)));
}

const seed = (): { store: OrderStore; orders: Order[] } => {
  const store = new OrderStore();
  const orders = Array.from({ length: 50 }, (_, i) =>
    makeOrder({
      externalId: `S-${i}`,
      orderedAt: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
      status: i % 3 === 0 ? 'ready' : 'new',
      buyer: { name: `Buyer ${i}` },
    }),
  );
  for (const order of orders) store.put(order, []);
  return { store, orders };
};

describe('OrderStore.rows', () => {
  it.each<SortKey>(['date_desc', 'date_asc', 'buyer', 'status'])(
    'stays equal to a rebuild through status, parcel, new-order and moving changes (%s)',
    (sort) => {
      const { store, orders } = seed();
      let version = 1;
      const first = store.rows(sort, version);
      expect(plain(first)).toEqual(fresh(store, sort, version));

      // Status changes in place.
      for (const order of orders.slice(0, 10)) store.put({ ...order, status: 'shipped' }, []);
      version++;
      const afterStatus = store.rows(sort, version);
      if (sort !== 'status') expect(afterStatus).toBe(first);
      expect(plain(afterStatus)).toEqual(fresh(store, sort, version));

      // A parcel with a delivery problem: delivery bits, carriers and attention change.
      const target = orders[20]!;
      const parcel = makeParcel({ orderId: target.id, carrierId: 'dhl-paket', deliveryStatus: 'exception' });
      store.applyParcels({ ...target, status: 'shipped' }, [parcel]);
      version++;
      expect(plain(store.rows(sort, version))).toEqual(fresh(store, sort, version));

      // A new order and an order whose day changed: the rows move, the columns are rebuilt.
      store.put(makeOrder({ externalId: 'S-new', orderedAt: '2026-03-15', buyer: { name: 'Aaron' } }), []);
      store.put({ ...orders[30]!, orderedAt: '2026-01-01', buyer: { name: 'Zed' } }, []);
      version++;
      expect(plain(store.rows(sort, version))).toEqual(fresh(store, sort, version));
      expect(store.rows(sort, version).ids).toHaveLength(51);
    },
  );
});
