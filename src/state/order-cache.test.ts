/**
 * The list's columns are kept across changes that do not move rows (patched in place) and built
 * again for those that do; either way they must equal columns built from scratch.
 */
import { describe, expect, it, vi } from 'vitest';
import { makeOrder, makeParcel } from '../../test/factories.ts';
import type { Order } from '../core/model/order.ts';
import { compareOrders, listRows, type ListRows } from '../core/orders/list-view.ts';
import type { SortKey } from '../core/orders/filters.ts';
import { inProcessSearchBuilder } from '../platform/search-worker.ts';
import { MemoryRepository } from '../storage/memory-repository.ts';
import { FIRST_ORDER_PAGE_SIZE, LOAD_REFRESH_MS, ORDER_PAGE_SIZE, OrderCache } from './order-cache.ts';

/** The orders read once the second page is in. */
const TWO_PAGES = FIRST_ORDER_PAGE_SIZE + ORDER_PAGE_SIZE;

/** Stores `count` new orders in `repo`; answers them. */
async function stored(repo: MemoryRepository, count: number): Promise<Order[]> {
  const orders = Array.from({ length: count }, () => makeOrder());
  await repo.commit({ orders, events: [], mutations: [] });
  return orders;
}

/** A slow clock for `scan`: every page takes longer than LOAD_REFRESH_MS, so only growth decides. */
function slowClock(): () => number {
  let now = 0;
  return () => (now += LOAD_REFRESH_MS + 1);
}

function plain(rows: ListRows) {
  return {
    ids: [...rows.ids],
    days: [...rows.days],
    status: [...rows.status],
    source: [...rows.source],
    flagged: [...rows.flagged],
    late: [...rows.late],
    delivery: [...rows.delivery],
    carriers: rows.carriers.map((c) => [...c]),
  };
}

function fresh(store: OrderCache, sort: SortKey, version: number) {
  return plain(listRows(store.sorted(sort, version), (id) => store.summaryOf(id)));
}

const seed = (): { store: OrderCache; orders: Order[] } => {
  const store = new OrderCache();
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

describe('OrderCache.rows', () => {
  it.each<SortKey>(['date_desc', 'date_asc', 'buyer', 'status', 'late'])(
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
      if (sort !== 'status' && sort !== 'late') expect(afterStatus).toBe(first);
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

describe('OrderCache.sorted', () => {
  it.each<SortKey>(['date_desc', 'date_asc', 'buyer'])(
    'answers the orders as memory has them, in order, through additions and replaced copies (%s)',
    (sort) => {
      const store = new OrderCache();
      // Attention is worked out at each put: at a fixed moment, not the real clock's.
      store.today = '2026-04-30';
      store.now = '2026-04-30T12:00:00.000Z';
      const compare = compareOrders(sort);
      let version = 0;
      const check = () => {
        const sorted = store.sorted(sort, ++version);
        expect(sorted.map((o) => o.id)).toEqual([...store.orders.values()].sort(compare).map((o) => o.id));
        for (const order of sorted) expect(order).toBe(store.orders.get(order.id));
      };
      const made = (i: number) =>
        makeOrder({
          externalId: `T-${i}`,
          orderedAt: `2026-04-${String((i % 27) + 1).padStart(2, '0')}`,
          buyer: { name: `Buyer ${(i * 7) % 13}` },
        });
      const orders = Array.from({ length: 40 }, (_, i) => made(i));
      for (const order of orders.slice(0, 10)) store.put(order, []);
      check();
      // New orders merged in.
      for (const order of orders.slice(10, 25)) store.put(order, []);
      check();
      // Newer copies of orders already sorted, then more new ones before the next answer.
      for (const order of orders.slice(0, 25).filter((_, i) => i % 3 === 0))
        store.put({ ...order, status: 'shipped', notes: 'packed' }, []);
      for (const order of orders.slice(25)) store.put(order, []);
      check();
      // The same answer again, without any change.
      expect(store.sorted(sort, version)).toBe(store.sorted(sort, version));
    },
  );
});

describe('OrderCache.learnDeliveryTimes', () => {
  // 2026-03-02 is a Monday. 25 DHL parcels to Sweden delivered 2 working days after shipping.
  const toSweden = (i: number, status: Order['status']) =>
    makeOrder({
      externalId: `L-${i}`,
      status,
      address: { line1: 'Storgatan 1', zip: '11122', city: 'Stockholm', country: 'SE' },
    });

  it('works attention out under the day and settings current at each put', () => {
    const store = new OrderCache();
    const order = makeOrder({ externalId: 'A-1', status: 'new', orderedAt: '2026-03-01' });
    store.today = '2026-03-05';
    store.now = '2026-03-05T12:00:00.000Z';
    store.put(order, []);
    expect(store.attentionOf(order.id)).toEqual([]);
    store.today = '2026-03-20';
    store.now = '2026-03-20T12:00:00.000Z';
    store.put({ ...order, notes: 'a' }, []);
    expect(store.attentionOf(order.id).map((reason) => reason.ruleId)).toEqual(['not_shipped']);
    store.attention = { ...store.attention, thresholds: { ...store.attention.thresholds, not_shipped: 30 } };
    store.put({ ...order, notes: 'b' }, []);
    expect(store.attentionOf(order.id)).toEqual([]);
    // Forgotten and read again, the order is new to memory and starts without reasons kept.
    store.attention = { ...store.attention, thresholds: { ...store.attention.thresholds, not_shipped: 7 } };
    store.put({ ...order, notes: 'c' }, []);
    store.forget(order.id);
    store.put({ ...order, status: 'shipped', notes: 'd' }, []);
    expect(store.attentionOf(order.id)).toEqual([]);
    expect(store.summaryOf(order.id)).toMatchObject({ attention: 0, late: false });
  });

  it('learns from delivered parcels, and a parcel past the window becomes late and sorts first', async () => {
    const store = new OrderCache();
    store.today = '2026-03-20';
    store.attention = { ...store.attention, shopCountry: 'DE' };
    for (let i = 0; i < 25; i++) {
      const order = toSweden(i, 'delivered');
      store.applyParcels(order, [
        makeParcel({
          orderId: order.id,
          carrierId: 'dhl-paket',
          shippedAt: '2026-03-02',
          deliveryStatus: 'delivered',
          updatedAt: '2026-03-04T12:00:00.000Z',
        }),
      ]);
    }
    const open = toSweden(99, 'shipped');
    store.applyParcels(open, [
      makeParcel({
        orderId: open.id,
        carrierId: 'dhl-paket',
        shippedAt: '2026-03-09',
        deliveryStatus: 'in_transit',
      }),
    ]);
    // 11 days abroad: not late by the fixed 45 days.
    expect(store.summaryOf(open.id).late).toBe(false);

    expect(await store.learnDeliveryTimes()).toBe(true);
    await store.recomputeAttention();
    expect(store.summaryOf(open.id).late).toBe(true);
    expect(store.expectedDelivery(open, store.parcels.get(open.id)![0]!)).toMatchObject({
      from: '2026-03-11',
      to: '2026-03-11',
      sampleSize: 25,
    });
    expect(store.sorted('late', 1)[0]?.id).toBe(open.id);
    // Learning the same history again changes no late limit.
    expect(await store.learnDeliveryTimes()).toBe(false);
  });
});

describe('OrderCache.scan', () => {
  it('refreshes the list after the first page, then as the orders read grow by LOAD_REFRESH_GROWTH', async () => {
    const repo = new MemoryRepository();
    const orders = await stored(repo, 20 * ORDER_PAGE_SIZE);
    const store = new OrderCache();
    const shown: number[] = [];
    await store.scan(repo, () => shown.push(store.orders.size), slowClock());
    // The small first page; the second page grows it more than fourfold; not at 5,250 (20,000 are
    // stored: the refresh with every order comes before they grow fourfold again); every order.
    expect(TWO_PAGES).toBeGreaterThanOrEqual(FIRST_ORDER_PAGE_SIZE * 4);
    expect(shown).toEqual([FIRST_ORDER_PAGE_SIZE, TWO_PAGES, orders.length]);
    expect(store.orders.size).toBe(orders.length);
  }, 30_000);

  it('lists the orders read at each refresh only, whatever asks for the rows in between', async () => {
    const between: number[] = [];
    const store = new OrderCache();
    let version = 0;
    // Between pages something else asks for the rows, as a copy of the search index arriving does.
    class Observed extends MemoryRepository {
      override async ordersPage(afterId: Order['id'] | null, limit: number): Promise<Order[]> {
        if (afterId !== null) between.push(store.rows('date_desc', ++version).ids.length);
        return super.ordersPage(afterId, limit);
      }
    }
    const repo = new Observed();
    const orders = await stored(repo, 6 * ORDER_PAGE_SIZE);
    const shown: number[] = [];
    await store.scan(repo, () => shown.push(store.rows('date_desc', ++version).ids.length), slowClock());
    expect(shown).toEqual([FIRST_ORDER_PAGE_SIZE, TWO_PAGES, orders.length]);
    expect(new Set(between)).toEqual(new Set([FIRST_ORDER_PAGE_SIZE, TWO_PAGES]));
    expect(plain(store.rows('date_desc', ++version))).toEqual(fresh(store, 'date_desc', version));
  }, 30_000);

  it('shows the first page without waiting for the count of the orders stored', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    class SlowCount extends MemoryRepository {
      override async countOrders(): Promise<number> {
        await released;
        return super.countOrders();
      }
    }
    const repo = new SlowCount();
    const orders = await stored(repo, 5 * ORDER_PAGE_SIZE);
    const store = new OrderCache();
    const shown: number[] = [];
    const scanned = store.scan(repo, () => shown.push(store.orders.size), slowClock());
    await vi.waitFor(() => expect(shown).toEqual([FIRST_ORDER_PAGE_SIZE]));
    // Later refreshes weigh the orders read against the count: they wait for it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.orders.size).toBe(TWO_PAGES);
    release();
    await scanned;
    expect(shown).toEqual([FIRST_ORDER_PAGE_SIZE, TWO_PAGES, orders.length]);
  }, 30_000);

  it('shows the first page before it sends anything to the search builder', async () => {
    const repo = new MemoryRepository();
    await stored(repo, 3 * ORDER_PAGE_SIZE);
    const builder = inProcessSearchBuilder();
    const sent: number[] = [];
    const store = new OrderCache({
      searchBuilder: {
        add: (batch, seq) => {
          sent.push(batch.length);
          return builder.add(batch, seq);
        },
        snapshot: () => builder.snapshot(),
      },
    });
    const sentAtProgress: number[] = [];
    await store.scan(repo, () => sentAtProgress.push(sent.length));
    expect(sentAtProgress[0]).toBe(0);
    // The second page takes the first along.
    expect(sent[0]).toBe(TWO_PAGES);
    const firstRead = store.orders.values().next().value!;
    expect(store.search(firstRead.externalId, 0).bits[store.summaryOf(firstRead.id).slot!]).toBe(1);
  });

  it('drops the orders in memory that a later read no longer finds', async () => {
    const orders = Array.from({ length: 3 }, () => makeOrder());
    const before = new MemoryRepository();
    await before.commit({ orders, events: [], mutations: [] });
    const after = new MemoryRepository();
    await after.commit({ orders: orders.slice(1), events: [], mutations: [] });
    const store = new OrderCache();
    await store.scan(before, () => undefined);
    expect(store.orders.size).toBe(3);
    await store.scan(after, () => undefined);
    expect([...store.orders.keys()].sort()).toEqual(
      orders
        .slice(1)
        .map((o) => o.id)
        .sort(),
    );
    expect(store.rows('date_desc', 1).ids).toHaveLength(2);
  });

  it('shows every order read while the last copy of the search index is still being made', async () => {
    const repo = new MemoryRepository();
    const orders = await stored(repo, 2 * ORDER_PAGE_SIZE + 1);
    const builder = inProcessSearchBuilder();
    const held: (() => void)[] = [];
    let holding = false;
    const store = new OrderCache({
      searchBuilder: {
        add: (batch, seq) => builder.add(batch, seq),
        snapshot: async () => {
          const copy = await builder.snapshot();
          if (holding) await new Promise<void>((resolve) => held.push(resolve));
          return copy;
        },
      },
    });
    const shown: number[] = [];
    let done = false;
    const scanned = store
      .scan(repo, () => {
        shown.push(store.orders.size);
        // From the first page on, the copies wait for the test.
        holding = true;
      })
      .then(() => (done = true));
    await vi.waitFor(() => expect(shown.at(-1)).toBe(orders.length));
    expect(done).toBe(false);
    // Every order is listed; the search finds them once the copy arrives.
    const last = orders.at(-1)!;
    const slot = store.summaryOf(last.id).slot!;
    expect(store.search(last.externalId, 0).bits[slot]).toBe(0);
    while (!done) {
      held.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await scanned;
    expect(store.search(last.externalId, 0).bits[slot]).toBe(1);
  });
});
