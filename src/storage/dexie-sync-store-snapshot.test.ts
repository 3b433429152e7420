import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { EMPTY_PULL, noteLocally, setupSyncStore } from './sync-store.test-support.ts';
import type { DexieSyncStore } from './dexie-sync-store.ts';
import { makeEvent, makeOrder, makeParcel } from '../../test/factories.ts';

const setup = () => setupSyncStore('sync-snapshot');
const empty = EMPTY_PULL;

describe('DexieSyncStore.applySnapshotPage', () => {
  it('writes a page of the shop whole, again to no effect, and stores the cursor', async () => {
    const { repo, store } = setup();
    const orders = Array.from({ length: 50 }, (_, i) => makeOrder({ notes: `n${i}` }));
    const parcel = makeParcel({ orderId: orders[0]!.id });
    const events = orders.map((o) => makeEvent({ orderId: o.id, kind: 'imported' }));
    const batch = makeEvent({ orderId: null, kind: 'imported' });
    const settings = { ...DEFAULT_SETTINGS, shop: { ...DEFAULT_SETTINGS.shop, shopName: 'Copied' } };
    const start = await repo.dataVersion();
    const page = { ...empty, orders, parcels: [parcel], events: [...events, batch], settings };

    await store.applySnapshotPage(page, 's9.o.x');
    await store.applySnapshotPage(page, 's9.e.y');

    expect(await repo.countOrders()).toBe(50);
    expect((await repo.getOrder(orders[7]!.id))?.notes).toBe('n7');
    expect(await repo.parcelsOf(orders[0]!.id)).toEqual([parcel]);
    expect((await repo.historyOf(orders[3]!.id)).map((e) => e.id)).toEqual([events[3]!.id]);
    expect((await repo.batchEvents(10)).map((e) => e.id)).toEqual([batch.id]);
    expect((await repo.getSettings()).shop.shopName).toBe('Copied');
    expect(await store.getCursor()).toBe('s9.e.y');
    // The lists rebuild their in-memory indexes (search, counts) when this grows.
    expect(await repo.dataVersion()).toBeGreaterThan(start);
    repo.close();
  });

  it('removes parcels the server removed, and leaves what a pending change still changes', async () => {
    const { repo, store } = setup();
    const mine = makeOrder({ notes: 'local' });
    const gone = makeParcel({ orderId: mine.id });
    const other = makeOrder();
    await repo.commit({ orders: [mine, other], parcels: [gone], events: [], mutations: [] });
    await noteLocally(repo, mine, 'local');
    await store.applySnapshotPage(
      {
        ...empty,
        orders: [
          { ...mine, notes: 'server' },
          { ...other, notes: 'server' },
        ],
        removedParcels: [gone.id],
      },
      '12',
    );
    expect((await repo.getOrder(mine.id))?.notes).toBe('local');
    expect((await repo.getOrder(other.id))?.notes).toBe('server');
    expect(await repo.parcelsOf(mine.id)).toEqual([]);
    expect(await store.countPending()).toBe(1);
    expect(await store.getCursor()).toBe('12');
    repo.close();
  });

  it('rebases an order with a pending change on the page, and settles it once acknowledged', async () => {
    // A device joins (or falls behind the pruned change log) while its own note is pending and a
    // second device changed the buyer's name meanwhile. The response to the note's push was lost,
    // so the server already holds the note and its retry logs nothing new: the snapshot is the
    // only copy of the other device's edit.
    const { repo, store } = setup();
    const mine = makeOrder({ notes: '' });
    await repo.commit({ orders: [mine], events: [], mutations: [] });
    await noteLocally(repo, mine, 'fragile');
    const server = { ...mine, notes: 'fragile', buyer: { name: 'Renamed on the phone' } };
    await store.applySnapshotPage({ ...empty, orders: [server] }, 's1.o.z');

    expect(await repo.getOrder(mine.id)).toMatchObject({
      notes: 'fragile',
      buyer: { name: 'Renamed on the phone' },
    });
    await store.acknowledge(await lastPending(store), []);
    await store.applyPulled(empty, '30');
    expect(await repo.getOrder(mine.id)).toEqual(server);
    repo.close();
  });

  it('lets a page replace a base kept from an earlier pull once nothing pending changes it', async () => {
    const { repo, store } = setup();
    const mine = makeOrder({ notes: '' });
    await repo.commit({ orders: [mine], events: [], mutations: [] });
    await noteLocally(repo, mine, 'mine');
    await store.applyPulled({ ...empty, orders: [{ ...mine, notes: 'older' }] }, '5');
    await store.acknowledge(await lastPending(store), []);
    const newer = { ...mine, notes: 'mine', status: 'preparing' as const };
    await store.applySnapshotPage({ ...empty, orders: [newer] }, 's2.o.z');
    expect(await repo.getOrder(mine.id)).toEqual(newer);
    await store.applyPulled(empty, '6');
    expect(await repo.getOrder(mine.id)).toEqual(newer);
    repo.close();
  });
});

async function lastPending(store: DexieSyncStore): Promise<number> {
  const pending = await store.pendingMutations(1_000);
  return pending[pending.length - 1]!.mutationId;
}
