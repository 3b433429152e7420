/**
 * A push whose mutation throws, a database that fails underneath a push, a mutation id reused with
 * another body, and pushes of one device racing each other: against the real push code on a real
 * (PGlite) database, with the device side played by the real sync engine where it matters.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventId } from '../../src/core/ids.ts';
import { orderIdOf } from '../../src/core/ids.ts';
import { mutation, type DeviceCredentials, type PushResponse } from '../../src/core/protocol/index.ts';
import { createSyncApi } from '../../src/sync/api.ts';
import { pushPending } from '../../src/sync/engine.ts';
import type { Fetcher } from '../../src/sync/fetcher.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { SyncNotifier } from '../notifications/sync-bridge.ts';
import { processPush } from './push.ts';
import { syncRoutes } from './routes.ts';
import { createSeller, GENEROUS_LIMITS, postJson, startTestServer, type TestServer } from './test-support.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

const now = () => new Date().toISOString();

function orderFields(n: number, email?: string) {
  return {
    id: orderIdOf('manual', String(n)),
    source: 'manual' as const,
    externalId: String(n),
    orderedAt: now().slice(0, 10),
    buyer: { name: `Buyer ${n}`, ...(email !== undefined && { email }) },
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [{ quantity: 1 }],
  };
}

const wire = (id: number, notes: string, n = 1) => ({
  id,
  name: 'order.create',
  args: { order: orderFields(n), notes, eventId: `e-${id}-${notes}`, at: now() },
  createdAt: now(),
});

/** A notifier whose queueing throws for one order, as a template or a transport bug would. */
function notifierThrowingFor(orderId: string): SyncNotifier & { queued: string[] } {
  const queued: string[] = [];
  return {
    queued,
    async enqueue(_tx, _sellerId, request) {
      if (request.orderId === orderId) throw new TypeError('Cannot read properties of undefined');
      queued.push(request.orderId);
      return [];
    },
    undone: async () => [],
    delivered: async () => [],
    wake: () => undefined,
  };
}

async function ledger(deviceId: string) {
  return server.db.query<{ id: string; outcome: string; code: string | null }>(
    `SELECT mutation_id::text AS id, outcome, reason->>'code' AS code FROM sync_mutations
      WHERE device_id = $1 ORDER BY mutation_id`,
    [deviceId],
  );
}

describe('a mutation whose apply throws', () => {
  it('is rejected with a readable reason, the next one is applied and the device queue empties', async () => {
    const creds = await createSeller(server.fetch);
    const broken = orderIdOf('manual', '2');
    const notifier = notifierThrowingFor(broken);
    const app = new Hono().route('/api', syncRoutes(server.db, GENEROUS_LIMITS, { notifier }));
    const fetcher: Fetcher = async (url, init) => app.fetch(new Request(`http://localhost${url}`, init));

    const device = new MemorySyncStore();
    for (const n of [1, 2, 3]) {
      device.commit({
        mutations: [
          mutation('order.create', {
            order: orderFields(n, `buyer${n}@example.com`),
            eventId: `c${n}` as EventId,
            at: now(),
          }),
        ],
      });
    }
    for (const n of [1, 2, 3]) {
      device.commit({
        mutations: [
          mutation('notify.request', {
            notificationId: randomUUID(),
            orderId: orderIdOf('manual', String(n)),
            kind: 'shipped',
            channel: 'email',
            eventId: `n${n}` as EventId,
            at: now(),
          }),
        ],
      });
    }

    const summary = await pushPending({ api: createSyncApi({ fetcher }), store: device, auth: creds });

    expect(device.outbox).toEqual([]);
    expect(summary).toEqual({ sent: 6, rejected: 1 });
    const rejection = device.rejections.get(5);
    expect(rejection?.code).toBe('unprocessable');
    expect(rejection?.message).toMatch(/could not apply this change \(TypeError/);
    // The first try of the whole group was rolled back, so order 1 was asked twice; 2 never got through.
    expect([...new Set(notifier.queued)]).toEqual([orderIdOf('manual', '1'), orderIdOf('manual', '3')]);
    expect(await ledger(creds.deviceId)).toEqual([
      { id: '1', outcome: 'applied', code: null },
      { id: '2', outcome: 'applied', code: null },
      { id: '3', outcome: 'applied', code: null },
      { id: '4', outcome: 'applied', code: null },
      { id: '5', outcome: 'rejected', code: 'unprocessable' },
      { id: '6', outcome: 'applied', code: null },
    ]);
  });
});

/** The server's database, with a switch that makes it fail as a lost connection does. */
function flakyDatabase(db: Database, failure: () => Error) {
  let down = false;
  const check = () => {
    if (down) throw failure();
  };
  const wrapped: Database = {
    kind: db.kind,
    async query<T extends object>(sql: string, params?: Parameters<Queryable['query']>[1]) {
      check();
      return db.query<T>(sql, params);
    },
    transaction: (fn) =>
      db.transaction(async (tx) => {
        check();
        return fn({
          query: async (sql, params) => {
            check();
            return tx.query(sql, params);
          },
        });
      }),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    set down(value: boolean) {
      down = value;
    },
  };
}

describe('a failure of the database itself', () => {
  it.each<[string, () => Error]>([
    ['SQLSTATE 08006 (connection failure)', () => Object.assign(new Error('terminating'), { code: '08006' })],
    ['a socket reset', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['an error without a code while the database answers nothing', () => new Error('something odd')],
  ])('%s fails the push, records nothing, and the retry applies it', async (_name, failure) => {
    const creds = await createSeller(server.fetch);
    const device = { id: creds.deviceId, sellerId: creds.sellerId };
    const request = {
      protocolVersion: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
      deviceId: creds.deviceId,
      mutations: [wire(1, 'a')],
    };
    const flaky = flakyDatabase(server.db, failure);

    flaky.down = true;
    await expect(processPush(flaky.db, device, request)).rejects.toThrow();
    expect(await ledger(creds.deviceId)).toEqual([]);

    flaky.down = false;
    const response = await processPush(flaky.db, device, request);
    expect(response).toMatchObject({ lastMutationId: 1, rejected: [] });
    expect(await ledger(creds.deviceId)).toEqual([{ id: '1', outcome: 'applied', code: null }]);
  });
});

async function push(device: DeviceCredentials, mutations: unknown[]) {
  const res = await postJson(
    server.fetch,
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations },
    device.token,
  );
  return { status: res.status, body: (await res.json()) as PushResponse & { error?: string } };
}

async function pullFrom(device: DeviceCredentials, cursor: string) {
  const res = await postJson(
    server.fetch,
    '/api/pull',
    { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, cursor },
    device.token,
  );
  return (await res.json()) as { cursor: string; orders: { id: string; notes?: string }[] };
}

async function cursorOf(device: DeviceCredentials): Promise<string> {
  return (await pullFrom(device, '0')).cursor;
}

async function notesOf(device: DeviceCredentials): Promise<string | undefined> {
  const [row] = await server.db.query<{ notes: string | undefined }>(
    `SELECT data->>'notes' AS notes FROM sync_orders WHERE seller_id = $1 AND id = $2`,
    [device.sellerId, orderIdOf('manual', '1')],
  );
  return row?.notes;
}

describe('a mutation id sent again', () => {
  it('with the same body (key order aside) is a duplicate: no rejection, nothing changes', async () => {
    const creds = await createSeller(server.fetch);
    const first = wire(1, 'original');
    expect((await push(creds, [first])).body.rejected).toEqual([]);
    const reordered = { createdAt: first.createdAt, args: first.args, name: first.name, id: first.id };
    const again = await push(creds, [reordered]);
    expect(again).toMatchObject({ status: 200, body: { lastMutationId: 1, rejected: [] } });
    expect(await notesOf(creds)).toBe('original');
  });

  it('with another body is refused as id_reused and changes nothing, also after a rejection', async () => {
    const creds = await createSeller(server.fetch);
    await push(creds, [wire(1, 'original'), { id: 2, name: 'no.such', args: {}, createdAt: now() }]);
    const cursor = await cursorOf(creds);
    const reused = await push(creds, [wire(1, 'replaced'), wire(2, 'other', 2), wire(3, 'third', 3)]);
    expect(reused.status).toBe(200);
    expect(reused.body.lastMutationId).toBe(3);
    expect(reused.body.rejected.map((r) => [r.id, r.code])).toEqual([
      [1, 'id_reused'],
      [2, 'id_reused'],
    ]);
    expect(reused.body.rejected[0]?.message).toMatch(/already received with other content/);
    expect(await notesOf(creds)).toBe('original');
    // The device shows its refused change: the next pull brings the server's version back.
    const since = await pullFrom(creds, cursor);
    expect(since.orders.find((o) => o.id === orderIdOf('manual', '1'))?.notes).toBe('original');
    expect(await ledger(creds.deviceId)).toEqual([
      { id: '1', outcome: 'applied', code: null },
      { id: '2', outcome: 'rejected', code: 'unknown_mutation' },
      { id: '3', outcome: 'applied', code: null },
    ]);
  });

  it('twice in one request with different bodies: the request is refused', async () => {
    const creds = await createSeller(server.fetch);
    const res = await push(creds, [wire(1, 'one'), wire(1, 'two')]);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(await ledger(creds.deviceId)).toEqual([]);
  });
});

describe('concurrent pushes of one device', () => {
  it('overlapping batches sent at once are each applied exactly once', async () => {
    const creds = await createSeller(server.fetch);
    const mutations = Array.from({ length: 30 }, (_, i) => wire(i + 1, `note ${i + 1}`, i + 1));
    const batches = [mutations, mutations.slice(0, 20), mutations.slice(0, 10), mutations, mutations];
    const responses = await Promise.all(batches.map((batch) => push(creds, batch)));

    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.body.rejected).toEqual([]);
      expect(r.body.gap).toBeUndefined();
    }
    expect(Math.max(...responses.map((r) => r.body.lastMutationId))).toBe(30);
    const [counts] = await server.db.query<{ ledger: number; events: number; changes: number }>(
      `SELECT (SELECT count(*)::int FROM sync_mutations WHERE device_id = $1) AS ledger,
              (SELECT count(*)::int FROM sync_events WHERE seller_id = $2) AS events,
              (SELECT count(*)::int FROM sync_changes WHERE seller_id = $2) AS changes`,
      [creds.deviceId, creds.sellerId],
    );
    // One create writes an order and its event: two change-log rows, once.
    expect(counts).toEqual({ ledger: 30, events: 30, changes: 60 });
  });
});
