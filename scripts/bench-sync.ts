/**
 * Sync benchmark: 10,000 queued mutations from one device pushed to a local server (PGlite, real
 * HTTP on loopback) until acknowledged, then a second device pulling all of it. Prints one JSON
 * object per line: push_10k_ops_per_s, pull_10k_ms.
 *
 *   npx tsx scripts/bench-sync.ts
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/db/open.ts';
import { prepareSetup } from '../server/accounts/signup.ts';
import { freshDataDir, GENEROUS_LIMITS, TEST_SETUP_CODE } from '../server/sync/test-support.ts';
import { orderIdOf, type EventId } from '../src/core/ids.ts';
import { mutation } from '../src/core/protocol/index.ts';
import { createSyncApi } from '../src/sync/api.ts';
import { pullAll, pushPending } from '../src/sync/engine.ts';
import { MemorySyncStore } from '../src/sync/memory-store.ts';

const OPS = 10_000;

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

const api = createSyncApi({ fetcher: (url, init) => fetch(`http://127.0.0.1:${port}${url}`, init) });
const first = await api.createAccount({
  shopName: 'Bench',
  deviceId: randomUUID(),
  deviceName: 'bench',
  setupCode: TEST_SETUP_CODE,
});

// A realistic mix: new orders, then notes and status changes on them.
const store = new MemorySyncStore();
const orders = OPS / 2;
for (let i = 1; i <= OPS; i++) {
  const n = ((i - 1) % orders) + 1;
  const id = orderIdOf('manual', String(n));
  const at = new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString();
  const eventId = `bench-${i}` as EventId;
  const m =
    i <= orders
      ? mutation('order.create', {
          order: {
            id,
            source: 'manual',
            externalId: String(n),
            orderedAt: '2026-11-20',
            buyer: { name: `Buyer ${n}`, email: `buyer${n}@example.com` },
            address: { line1: `Hauptstraße ${n}`, zip: '01067', city: 'Dresden', country: 'DE' },
            lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 1 }],
          },
          eventId,
          at,
        })
      : i % 2 === 0
        ? mutation('order.note', { orderId: id, notes: `packed by bench ${i}`, eventId, at })
        : mutation('order.transition', { orderId: id, to: 'ready', eventId, at });
  store.commit({ mutations: [m] });
}

const pushStarted = performance.now();
await pushPending({ api, store, auth: first });
const pushMs = performance.now() - pushStarted;
if ((await store.countPending()) !== 0) throw new Error('outbox not empty');
console.log(
  JSON.stringify({ metric: 'push_10k_ops_per_s', value: Math.round(OPS / (pushMs / 1000)), unit: 'ops/s' }),
);

const { code } = await api.requestPairingCode(first);
const second = await api.claimPairingCode({ code, deviceId: randomUUID(), deviceName: 'reader' });
const reader = new MemorySyncStore();
const pullStarted = performance.now();
await pullAll({ api, store: reader, auth: second });
const pullMs = performance.now() - pullStarted;
if (reader.orders.size !== orders) throw new Error(`pulled ${reader.orders.size} orders`);
console.log(JSON.stringify({ metric: 'pull_10k_ms', value: Math.round(pullMs), unit: 'ms' }));

server.close();
await db.close();
await rm(dataDir, { recursive: true, force: true });
