/**
 * The snapshot a new device starts from, and the change log it follows afterwards, against the
 * real pull (`processPull`) on PGlite, through the device's sync engine. Small page sizes make a
 * few dozen orders span many pages.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { orderIdOf, type EventId, type OrderId, type ParcelId } from '../../src/core/ids.ts';
import type { Order } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import {
  mutation,
  pullResponseSchema,
  validate,
  type DeviceCredentials,
} from '../../src/core/protocol/index.ts';
import { createSyncApi, type SyncApi } from '../../src/sync/api.ts';
import { pullAll, pushPending, type SyncContext } from '../../src/sync/engine.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';
import type { Fetcher } from '../../src/sync/fetcher.ts';
import { compactOnce, RETENTION_DEFAULTS } from './compaction.ts';
import { processPull, type PullPageSizes } from './pull.ts';
import { createSeller, pairDevice, startTestServer, type TestServer } from './test-support.ts';

// Real server code on PGlite; a loaded machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

const DAY_MS = 86_400_000;
const fetcher: Fetcher = (url, init) => server.fetch(url, init);

/** The real API for pushes; pulls go to `processPull` with small pages, checked like responses. */
function deviceApi(creds: DeviceCredentials, sizes: PullPageSizes, hook?: () => Promise<void>): SyncApi {
  const api = createSyncApi({ fetcher });
  return {
    ...api,
    pull: async (_auth, request) => {
      const page = await processPull(server.db, creds.sellerId, request.cursor, sizes);
      await hook?.();
      const checked = validate(pullResponseSchema, JSON.parse(JSON.stringify(page)));
      if (!checked.ok) throw new Error(checked.message);
      return checked.value;
    },
  };
}

interface Device {
  creds: DeviceCredentials;
  store: MemorySyncStore;
  ctx: SyncContext;
}

function device(creds: DeviceCredentials, sizes: PullPageSizes = {}, hook?: () => Promise<void>): Device {
  const store = new MemorySyncStore();
  return { creds, store, ctx: { api: deviceApi(creds, sizes, hook), store, auth: creds } };
}

let tick = 0;
const at = () => new Date(Date.now() + ++tick).toISOString();

function create(d: Device, n: number): void {
  const id = orderIdOf('manual', String(n));
  const fields = {
    id,
    source: 'manual' as const,
    externalId: String(n),
    orderedAt: '',
    buyer: { name: `Buyer ${n}` },
    address: { line1: 'Street 1', zip: '1', city: 'City', country: 'DE' },
    lines: [{ quantity: 1 }],
  };
  const eventId = `c-${d.creds.deviceId}-${n}` as EventId;
  d.store.commit({ mutations: [mutation('order.create', { order: fields, eventId, at: at() })] });
}

function note(d: Device, n: number, notes: string): void {
  const orderId = orderIdOf('manual', String(n));
  const eventId = `n-${d.creds.deviceId}-${++tick}` as EventId;
  d.store.commit({ mutations: [mutation('order.note', { orderId, notes, eventId, at: at() })] });
}

function parcel(d: Device, n: number, p: number): void {
  const orderId = orderIdOf('manual', String(n));
  const value: Parcel = {
    id: `${orderId}/p${p}` as ParcelId,
    orderId,
    trackingNumber: `T${n}-${p}`,
    deliveryStatus: 'pending',
    updatedAt: at(),
  };
  const eventId = `p-${d.creds.deviceId}-${++tick}` as EventId;
  d.store.commit({ mutations: [mutation('parcel.upsert', { parcel: value, eventId, at: at() })] });
}

function unparcel(d: Device, n: number, p: number): void {
  const orderId = orderIdOf('manual', String(n));
  const eventId = `u-${d.creds.deviceId}-${++tick}` as EventId;
  d.store.commit({
    mutations: [
      mutation('parcel.remove', { parcelId: `${orderId}/p${p}` as ParcelId, orderId, eventId, at: at() }),
    ],
  });
}

const byId = <T extends { id: string }>(items: Iterable<T>): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** What the server holds for the seller; a device in step has exactly this. */
async function serverState(sellerId: string) {
  const [orders, parcels, events, settings] = await Promise.all([
    server.db.query<{ data: Order }>('SELECT data FROM sync_orders WHERE seller_id = $1', [sellerId]),
    server.db.query<{ data: Parcel | null }>('SELECT data FROM sync_parcels WHERE seller_id = $1', [
      sellerId,
    ]),
    server.db.query<{ id: string }>('SELECT id FROM sync_events WHERE seller_id = $1', [sellerId]),
    server.db.query<{ data: unknown }>('SELECT data FROM sync_settings WHERE seller_id = $1', [sellerId]),
  ]);
  return {
    orders: byId(orders.map((r) => r.data)),
    parcels: byId(parcels.flatMap((r) => (r.data ? [r.data] : []))),
    events: events.map((r) => r.id).sort(),
    settings: settings[0]?.data ?? null,
  };
}

function stateOf(store: MemorySyncStore) {
  return {
    orders: byId(store.orders.values()),
    parcels: byId(store.parcels.values()),
    events: [...store.events.keys()].sort(),
    settings: store.settings,
  };
}

/** A shop with 23 orders, parcels (one removed again), notes and settings. */
async function shop(): Promise<{ first: Device; creds: DeviceCredentials }> {
  const creds = await createSeller(server.fetch);
  const first = device(creds);
  for (let n = 1; n <= 23; n++) create(first, n);
  for (let n = 1; n <= 5; n++) parcel(first, n, 1);
  unparcel(first, 2, 1);
  note(first, 7, 'fragile');
  first.store.commit({
    mutations: [
      mutation('settings.update', {
        ...DEFAULT_SETTINGS,
        shop: { ...DEFAULT_SETTINGS.shop, shopName: 'Snapshot shop' },
      }),
    ],
  });
  await pushPending(first.ctx);
  return { first, creds };
}

describe('a new device', () => {
  test('receives the shop as a paged snapshot, then follows the change log', async () => {
    const { first, creds } = await shop();
    const second = device(await pairDevice(server.fetch, creds), { snapshot: 5, changes: 5 });
    const pages = await pullAll(second.ctx);
    expect(stateOf(second.store)).toEqual(await serverState(creds.sellerId));
    // 23 orders + 5 parcels + 30 events in pages of 5, and one change-log page after them.
    expect(second.store.snapshotPages).toBe(Math.ceil((23 + 5 + 30) / 5));
    expect(pages).toBe(second.store.snapshotPages + 1);
    expect(await second.store.getCursor()).toMatch(/^\d+$/);

    note(first, 3, 'later');
    await pushPending(first.ctx);
    await pullAll(second.ctx);
    expect(second.store.orders.get(orderIdOf('manual', '3'))?.notes).toBe('later');
    // From the change log, not a second snapshot.
    expect(second.store.snapshotPages).toBe(Math.ceil((23 + 5 + 30) / 5));
  });

  test('an empty shop gives an empty snapshot', async () => {
    const creds = await createSeller(server.fetch);
    const d = device(creds);
    await pullAll(d.ctx);
    expect(stateOf(d.store)).toEqual(await serverState(creds.sellerId));
  });

  test('writes made while the snapshot is copied reach the device', async () => {
    const { first, creds } = await shop();
    let page = 0;
    const second = device(await pairDevice(server.fetch, creds), { snapshot: 4, changes: 3 }, async () => {
      page++;
      // Between pages: edit an order already copied, one not copied yet, add one, move parcels.
      if (page === 2) {
        note(first, 1, 'copied, then changed');
        note(first, 22, 'changed before it was copied');
        create(first, 30);
        unparcel(first, 1, 1);
        parcel(first, 23, 2);
        await pushPending(first.ctx);
      }
    });
    await pullAll(second.ctx);
    expect(stateOf(second.store)).toEqual(await serverState(creds.sellerId));
    expect(second.store.orders.get(orderIdOf('manual', '1'))?.notes).toBe('copied, then changed');
    expect(second.store.parcels.has(`${orderIdOf('manual', '1')}/p1` as ParcelId)).toBe(false);
  });

  test('a page cut off and asked again is applied twice to no effect', async () => {
    const { creds } = await shop();
    const paired = await pairDevice(server.fetch, creds);
    const d = device(paired, { snapshot: 6 });
    let cursor = await d.store.getCursor();
    for (let i = 0; i < 100; i++) {
      const page = await processPull(server.db, creds.sellerId, cursor, { snapshot: 6 });
      const { protocolVersion: _v, cursor: next, more, snapshot, ...changes } = page;
      // Every page twice: as if the response of the first was lost before the cursor was stored.
      if (snapshot) {
        await d.store.applySnapshotPage(changes, cursor);
        await d.store.applySnapshotPage(changes, next);
      } else await d.store.applyPulled(changes, next);
      cursor = next;
      if (!more) break;
    }
    expect(stateOf(d.store)).toEqual(await serverState(creds.sellerId));
  });
});

describe('after the snapshot', () => {
  test('the change log pages in sequence order past digit boundaries, each change once', async () => {
    const creds = await createSeller(server.fetch);
    const first = device(creds);
    const reader = device(await pairDevice(server.fetch, creds));
    create(first, 100);
    await pushPending(first.ctx);
    await pullAll(reader.ctx);
    let cursor = await reader.store.getCursor();
    expect(cursor).toMatch(/^[1-9]\d*$/);
    for (let n = 1; n <= 30; n++) create(first, n);
    await pushPending(first.ctx);
    const seen: string[] = [];
    for (let page = 0; page < 100; page++) {
      const result = await processPull(server.db, creds.sellerId, cursor, { changes: 7 });
      expect(result.snapshot).toBe(false);
      seen.push(...result.orders.map((o) => o.id));
      expect(BigInt(result.cursor) >= BigInt(cursor)).toBe(true);
      cursor = result.cursor;
      if (!result.more) break;
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });
});

describe('the compacted change log', () => {
  test('a device behind the horizon receives the snapshot again; one at it follows the log', async () => {
    const { first, creds } = await shop();
    const behind = device(await pairDevice(server.fetch, creds), { snapshot: 7 });
    await pullAll(behind.ctx);
    const copied = behind.store.snapshotPages;
    const current = device(await pairDevice(server.fetch, creds), { snapshot: 7 });

    // `behind` misses these; `current` reads them, so its cursor ends at the seller's last row.
    note(first, 4, 'while one device was away');
    unparcel(first, 3, 1);
    create(first, 40);
    await pushPending(first.ctx);
    await pullAll(current.ctx);
    const currentPages = current.store.snapshotPages;

    // A pass as if every row were older than the retention: the whole log goes.
    const report = await compactOnce(
      server.db,
      RETENTION_DEFAULTS,
      new Date(Date.now() + (RETENTION_DEFAULTS.changeLogDays + 1) * DAY_MS),
    );
    expect(report.oldChanges).toBeGreaterThan(0);
    const [left] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_changes WHERE seller_id = $1',
      [creds.sellerId],
    );
    expect(left?.n).toBe(0);

    await pullAll(behind.ctx);
    expect(behind.store.snapshotPages).toBeGreaterThan(copied);
    expect(stateOf(behind.store)).toEqual(await serverState(creds.sellerId));
    expect(behind.store.orders.get(orderIdOf('manual', '4'))?.notes).toBe('while one device was away');
    expect(behind.store.parcels.has(`${orderIdOf('manual', '3')}/p1` as ParcelId)).toBe(false);

    await pullAll(current.ctx);
    expect(current.store.snapshotPages).toBe(currentPages);
    note(first, 5, 'after compaction');
    await pushPending(first.ctx);
    for (const d of [behind, current]) {
      await pullAll(d.ctx);
      expect(d.store.orders.get(orderIdOf('manual', '5') as OrderId)?.notes).toBe('after compaction');
      expect(stateOf(d.store)).toEqual(await serverState(creds.sellerId));
    }
    expect(current.store.snapshotPages).toBe(currentPages);
  });
});
