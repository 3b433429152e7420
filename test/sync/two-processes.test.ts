/**
 * The scale path: two server processes against ONE PostgreSQL, two devices of one seller pushing
 * conflicting changes through different processes at the same time, and a third device pulling
 * through both while that happens. Checks that the per-seller lock keeps the change log gap-free
 * for readers (what an incremental pull collected equals a full pull), that every mutation was
 * applied exactly once, and that nothing in a process's memory was needed.
 *
 * Gated: set TRACKPACK_TEST_DATABASE_URL to an empty database (it is migrated, and tables are
 * shared with nothing else). CI can run it with a PostgreSQL service container:
 *   TRACKPACK_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/trackpack \
 *     npx vitest run --config test/sync/vitest.config.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import { orderIdOf, type EventId } from '../../src/core/ids.ts';
import { mutation, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSyncApi } from '../../src/sync/api.ts';
import { pullAll, pushPending } from '../../src/sync/engine.ts';
import type { Fetcher } from '../../src/sync/fetcher.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';

const DATABASE_URL = process.env['TRACKPACK_TEST_DATABASE_URL'];
const ROOT = path.join(import.meta.dirname, '..', '..');
/** The first shop's one-time code, given to both processes as SETUP_CODE. */
const SETUP_CODE = 'SCALE-TEST-SETUP-0123456789';
const ORDERS = 50;
const EDITS = 600;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startProcess(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL,
      DIST_DIR: path.join(ROOT, 'no-dist'),
      SETUP_CODE,
      // The database is shared with the other scale tests, which may have made shops first.
      SIGNUP: 'open',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return proc;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

const fetcherFor =
  (port: number): Fetcher =>
  (url, init) =>
    fetch(`http://127.0.0.1:${port}${url}`, init);

describe.skipIf(!DATABASE_URL)('two processes, one PostgreSQL', () => {
  const procs: ChildProcess[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    ports.push(await freePort(), await freePort());
    // Both start at once: migrations take turns under their advisory lock.
    procs.push(...(await Promise.all(ports.map((port) => startProcess(port)))));
  }, 60_000);

  afterAll(() => {
    for (const proc of procs) proc.kill('SIGTERM');
  });

  test('concurrent devices through different processes: exactly once, and pulls miss nothing', async () => {
    const [portA, portB] = ports as [number, number];
    const apiA = createSyncApi({ fetcher: fetcherFor(portA) });
    const apiB = createSyncApi({ fetcher: fetcherFor(portB) });
    const first = await apiA.createAccount({
      shopName: 'Scale',
      deviceId: randomUUID(),
      deviceName: 'a',
      setupCode: SETUP_CODE,
    });
    const pair = async (): Promise<DeviceCredentials> => {
      const { code } = await apiA.requestPairingCode(first);
      return apiB.claimPairingCode({ code, deviceId: randomUUID(), deviceName: 'b' });
    };
    const second = await pair();
    const reader = await pair();

    const stores = [new MemorySyncStore(), new MemorySyncStore()];
    for (const [d, store] of stores.entries()) {
      for (let i = 1; i <= EDITS; i++) {
        const n = (i % ORDERS) + 1;
        const id = orderIdOf('manual', String(n));
        const at = new Date(Date.UTC(2026, 10, 20) + i * 10 + d).toISOString();
        const eventId = `${d}-${i}` as EventId;
        const fields = {
          id,
          source: 'manual' as const,
          externalId: String(n),
          orderedAt: '2026-11-20',
          buyer: { name: `B${n}` },
          address: { line1: 'x', zip: '1', city: 'c', country: 'DE' },
          lines: [],
        };
        store.commit({
          mutations: [
            i <= ORDERS
              ? mutation('order.create', { order: fields, eventId, at })
              : mutation('order.note', { orderId: id, notes: `device ${d} edit ${i}`, eventId, at }),
          ],
        });
      }
    }

    // The reader pulls incrementally through alternating processes while both devices push.
    const incremental = new MemorySyncStore();
    let pushing = true;
    const readerLoop = (async () => {
      let turn = 0;
      while (pushing) {
        const api = turn++ % 2 === 0 ? apiA : apiB;
        await pullAll({ api, store: incremental, auth: reader });
        // Within the device's rate limit, which both processes share (it lives in the database).
        await new Promise((r) => setTimeout(r, 40));
      }
      await pullAll({ api: apiA, store: incremental, auth: reader });
    })();
    await Promise.all([
      pushPending({ api: apiA, store: stores[0] as MemorySyncStore, auth: first }, 7),
      pushPending({ api: apiB, store: stores[1] as MemorySyncStore, auth: second }, 11),
    ]);
    pushing = false;
    await readerLoop;

    const full = new MemorySyncStore();
    await pullAll({ api: apiB, store: full, auth: reader });
    expect(full.orders.size).toBe(ORDERS);
    expect([...incremental.orders.entries()].sort()).toEqual([...full.orders.entries()].sort());
    expect(incremental.events.size).toBe(full.events.size);

    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      for (const device of [first, second]) {
        const { rows } = await client.query<{ n: string; hi: string; last: string }>(
          `SELECT count(*)::text AS n, max(mutation_id)::text AS hi,
                  (SELECT last_mutation_id::text FROM devices WHERE id = $1) AS last
           FROM sync_mutations WHERE device_id = $1`,
          [device.deviceId],
        );
        expect(rows[0]).toEqual({ n: String(EDITS), hi: String(EDITS), last: String(EDITS) });
      }
    } finally {
      await client.end();
    }
  }, 120_000);
});
