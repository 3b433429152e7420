/**
 * A pull that brings another device's edit of an order this device still has a mutation for,
 * when this device's mutation was in fact applied already (its push response was lost): the
 * retry is acknowledged as a duplicate and the server logs nothing new, so the edit pulled in
 * between is the only copy this device gets. Both sync stores (Dexie and in-memory) must end up
 * with the server's order. Runs against the real app (`app.fetch`) on PGlite.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { orderIdOf, type EventId, type OrderId } from '../../src/core/ids.ts';
import type { Order } from '../../src/core/model/order.ts';
import { mutation, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import type { Change } from '../../src/storage/repository.ts';
import { DexieRepository } from '../../src/storage/dexie-repository.ts';
import { DexieSyncStore } from '../../src/storage/dexie-sync-store.ts';
import { createSyncApi, type SyncApi } from '../../src/sync/api.ts';
import { pullAll, pushPending, syncOnce, type SyncContext } from '../../src/sync/engine.ts';
import type { Fetcher } from '../../src/sync/fetcher.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';
import type { SyncStore } from '../../src/sync/store.ts';
import { createSeller, pairDevice, startTestServer, type TestServer } from './test-support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

/** A device's local database as the test drives it: write a change, read an order. */
interface Local {
  store: SyncStore;
  commit(change: Change): Promise<void>;
  order(id: OrderId): Promise<Order | undefined>;
  close(): void;
}

let n = 0;
const kinds: Record<string, () => Local> = {
  memory: () => {
    const store = new MemorySyncStore();
    return {
      store,
      commit: async (change) => void store.commit(change),
      order: async (id) => store.orders.get(id),
      close: () => {},
    };
  },
  dexie: () => {
    const repo = new DexieRepository(`rebase-${++n}`);
    return {
      store: new DexieSyncStore(repo),
      commit: (change) => repo.commit(change),
      order: (id) => repo.getOrder(id),
      close: () => repo.close(),
    };
  },
};

/** The network to the app; `loseNextResponse` drops the answer after the server committed. */
function device(creds: DeviceCredentials, local: Local) {
  const net = { loseNextResponse: false };
  const fetcher: Fetcher = async (url, init) => {
    const response = await server.fetch(url, init);
    if (net.loseNextResponse) {
      net.loseNextResponse = false;
      throw new TypeError('response lost after the server committed');
    }
    return response;
  };
  const api: SyncApi = createSyncApi({ fetcher });
  const ctx: SyncContext = { api, store: local.store, auth: creds };
  return { ctx, local, net };
}

describe.each(Object.keys(kinds))('%s store', (kind) => {
  test('keeps another device’s edit pulled while its own, already applied, change was pending', async () => {
    const make = kinds[kind] as () => Local;
    const first = await createSeller(server.fetch);
    const second = await pairDevice(server.fetch, first);
    const a = device(first, make());
    const b = device(second, make());
    const t0 = Date.now();
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const id = orderIdOf('manual', 'R1');
    const fields = {
      id,
      source: 'manual' as const,
      externalId: 'R1',
      orderedAt: at(0).slice(0, 10),
      buyer: { name: 'Ada' },
      address: { line1: 'Street 1', zip: '1', city: 'City', country: 'DE' },
      lines: [{ quantity: 1 }],
    };
    const created: Order = { ...fields, status: 'new', notes: '', createdAt: at(0), updatedAt: at(0) };
    await a.local.commit({
      orders: [created],
      events: [{ id: 'e-create' as EventId, orderId: id, kind: 'created', at: at(0) }],
      mutations: [mutation('order.create', { order: fields, eventId: 'e-create' as EventId, at: at(0) })],
    });
    await syncOnce(a.ctx);
    await syncOnce(b.ctx);
    expect((await b.local.order(id))?.notes).toBe('');

    // A writes a note; the server applies it, the response is lost.
    await a.local.commit({
      orders: [{ ...created, notes: 'from A', updatedAt: at(1) }],
      events: [{ id: 'e-a' as EventId, orderId: id, kind: 'note_changed', at: at(1) }],
      mutations: [
        mutation('order.note', { orderId: id, notes: 'from A', eventId: 'e-a' as EventId, at: at(1) }),
      ],
    });
    a.net.loseNextResponse = true;
    await expect(pushPending(a.ctx)).rejects.toThrow();

    // B, later, writes another note and syncs.
    await syncOnce(b.ctx);
    const onB = (await b.local.order(id)) as Order;
    await b.local.commit({
      orders: [{ ...onB, notes: 'from B', updatedAt: at(2) }],
      events: [{ id: 'e-b' as EventId, orderId: id, kind: 'note_changed', at: at(2) }],
      mutations: [
        mutation('order.note', { orderId: id, notes: 'from B', eventId: 'e-b' as EventId, at: at(2) }),
      ],
    });
    await syncOnce(b.ctx);

    // A pulls (its note still pending) and shows its own note on top of the server's order.
    await pullAll(a.ctx);
    expect((await a.local.order(id))?.notes).toBe('from A');
    // A's retry is a duplicate; afterwards A holds what the server holds.
    await syncOnce(a.ctx);
    expect(await a.local.store.countPending()).toBe(0);
    const rows = await server.db.query<{ data: Order }>('SELECT data FROM sync_orders WHERE seller_id = $1', [
      first.sellerId,
    ]);
    expect(rows[0]?.data.notes).toBe('from B');
    expect(await a.local.order(id)).toEqual(rows[0]?.data);
    expect(await b.local.order(id)).toEqual(rows[0]?.data);
    a.local.close();
    b.local.close();
  });
});
