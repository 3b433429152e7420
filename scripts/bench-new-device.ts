/**
 * New-device benchmark: a shop with 100,000 orders (each with its import event) on a local
 * server (PGlite, real HTTP on loopback); a second device pairs and pulls until it has every
 * order, then builds the search index the orders list uses and finds an order by buyer name.
 * Prints one JSON object per line: new_device_100k_ms (pairing to searchable), the pages, and
 * where the time went (new_device_100k_parts: the server answering, reading and checking the
 * responses, the device's store, the search index).
 *
 * The device here is the sync engine with the in-memory store (Node): the snapshot protocol,
 * the server's paging, transport, validation of every page and the search index are measured;
 * the browser's IndexedDB writes are not.
 *
 *   npx tsx scripts/bench-new-device.ts        (BENCH_NEW_DEVICE_ORDERS changes the count)
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/open.ts';
import { prepareSetup } from '../server/accounts/signup.ts';
import { freshDataDir, GENEROUS_LIMITS, TEST_SETUP_CODE } from '../server/sync/test-support.ts';
import { searchFieldsOf } from '../src/core/orders/list-view.ts';
import { createSearchIndex, query } from '../src/core/search/search-index.ts';
import { createSyncApi } from '../src/sync/api.ts';
import { pullAll } from '../src/sync/engine.ts';
import { MemorySyncStore } from '../src/sync/memory-store.ts';

const ORDERS = Number(process.env['BENCH_NEW_DEVICE_ORDERS'] ?? 100_000);

const dataDir = await freshDataDir();
const db = await openDatabase({ databaseUrl: undefined, dataDir });
await prepareSetup(db, TEST_SETUP_CODE);
const app = createApp({
  db,
  distDir: path.join(dataDir, 'none'),
  version: 'bench',
  log: () => undefined,
  rateLimits: GENEROUS_LIMITS,
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const parts = { server_ms: 0, read_and_check_ms: 0, store_ms: 0, index_ms: 0 };
const api = createSyncApi({
  fetcher: async (url, init) => {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${url}`, init);
    parts.server_ms += performance.now() - t0;
    return response;
  },
});
const first = await api.createAccount({
  shopName: 'Bench',
  deviceId: randomUUID(),
  deviceName: 'bench',
  setupCode: TEST_SETUP_CODE,
});

// The shop as the server would hold it after imports: written in SQL (not measured).
await db.query(
  `WITH o AS (
     SELECT i, 'generic:TP-' || lpad(i::text, 7, '0') AS id FROM generate_series(1, $2::int) AS i),
   orders AS (
     INSERT INTO sync_orders (seller_id, id, data, clock)
     SELECT $1, id, jsonb_build_object(
       'id', id, 'source', 'generic', 'externalId', 'TP-' || lpad(i::text, 7, '0'),
       'orderedAt', '2026-11-20',
       'buyer', jsonb_build_object('name', 'Buyer ' || i, 'email', 'buyer' || i || '@example.com'),
       'address', jsonb_build_object('line1', 'Hauptstraße ' || (i % 200 + 1), 'zip', '01067',
                                     'city', 'Dresden', 'country', 'DE'),
       'lines', jsonb_build_array(jsonb_build_object('sku', 'SKU-' || (i % 500), 'title', 'Tasse', 'quantity', 1)),
       'status', 'new', 'notes', '', 'createdAt', '2026-11-20T10:00:00.000Z',
       'updatedAt', '2026-11-20T10:00:00.000Z'), '{}'::jsonb
     FROM o),
   events AS (
     INSERT INTO sync_events (seller_id, id, order_id, data)
     SELECT $1, 'imp-' || i, id, jsonb_build_object('id', 'imp-' || i, 'orderId', id, 'kind', 'imported',
                                                   'at', '2026-11-20T10:00:00.000Z')
     FROM o)
   INSERT INTO sync_changes (seller_id, kind, entity_id)
   SELECT $1, k.kind, CASE k.kind WHEN 'order' THEN o.id ELSE 'imp-' || o.i END
   FROM o CROSS JOIN (VALUES ('order'), ('event')) AS k(kind)`,
  [first.sellerId, ORDERS],
);

const started = performance.now();
const { code } = await api.requestPairingCode(first);
const second = await api.claimPairingCode({ code, deviceId: randomUUID(), deviceName: 'new laptop' });
const device = new MemorySyncStore();
const timed =
  <A extends unknown[]>(f: (...a: A) => Promise<void>) =>
  async (...args: A) => {
    const t0 = performance.now();
    await f(...args);
    parts.store_ms += performance.now() - t0;
  };
device.applySnapshotPage = timed(device.applySnapshotPage.bind(device));
device.applyPulled = timed(device.applyPulled.bind(device));
const pullStarted = performance.now();
const pages = await pullAll({ api, store: device, auth: second });
parts.read_and_check_ms = performance.now() - pullStarted - parts.server_ms - parts.store_ms;
const indexStarted = performance.now();
const index = createSearchIndex(
  [...device.orders.values()].map((o) => ({ id: o.id, fields: searchFieldsOf(o, []) })),
);
const wanted = `generic:TP-${String(ORDERS - 7).padStart(7, '0')}`;
const found = query(index, `Buyer ${ORDERS - 7}`);
parts.index_ms = performance.now() - indexStarted;
const ms = performance.now() - started;

if (device.orders.size !== ORDERS) throw new Error(`the new device has ${device.orders.size} orders`);
if (device.events.size !== ORDERS) throw new Error(`the new device has ${device.events.size} events`);
if (!found.includes(wanted)) throw new Error(`search did not find ${wanted}`);
console.log(JSON.stringify({ metric: 'new_device_100k_ms', value: Math.round(ms), unit: 'ms' }));
console.log(
  JSON.stringify({
    metric: 'new_device_100k_pages',
    value: pages,
    unit: 'pages',
    snapshot: device.snapshotPages,
  }),
);
console.log(
  JSON.stringify({
    metric: 'new_device_100k_parts',
    ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v)])),
  }),
);

server.close();
await db.close();
await rm(dataDir, { recursive: true, force: true });
