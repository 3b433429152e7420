/**
 * DHL's call budget kept in the database: two adapters (as two processes would hold them) on one
 * database spend one budget, a 429 seen by one pauses the other, and two tracking services on one
 * database together make no more calls a day than the plan allows.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PROTOCOL_VERSION, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import {
  createSeller,
  freshDataDir,
  postJson,
  startTestServer,
  type TestServer,
} from '../sync/test-support.ts';
import {
  DAILY_BUDGET_SPENT,
  RATE_LIMITED,
  databaseCallBudget,
  memoryCallBudget,
  type CallBudget,
} from './call-budget.ts';
import { dhlUnified } from './dhl-unified.ts';
import type { FetchFn } from './provider.ts';
import { createTrackingService } from './service.ts';

const TRANSIT = JSON.stringify({
  shipments: [{ id: 'x', status: { statusCode: 'transit', status: 'In transit' } }],
});

/** A fake DHL API: counts calls, answers "in transit", or 429 while `busy`. */
function fakeDhl() {
  const asked: string[] = [];
  let busy = false;
  const fetch: FetchFn = (url) => {
    asked.push(new URL(url).searchParams.get('trackingNumber') ?? '');
    return Promise.resolve(
      busy
        ? new Response('{}', { status: 429, headers: { 'Retry-After': '120' } })
        : new Response(TRANSIT, { headers: { 'Content-Type': 'application/json' } }),
    );
  };
  return { fetch, asked, setBusy: (value: boolean) => (busy = value) };
}

describe('one process’s budget', () => {
  test('spaces calls, refuses a wait past one interval, and counts the day', async () => {
    let clock = 10 * 86_400_000;
    const budget = memoryCallBudget({ intervalMs: 5_000, perDay: 3 }, () => clock);
    expect(await budget.reserve()).toEqual({ ok: true, waitMs: 0 });
    expect(await budget.reserve()).toEqual({ ok: true, waitMs: 5_000 });
    expect(await budget.reserve()).toEqual({ ok: false, reason: RATE_LIMITED });
    clock += 10_000;
    expect(await budget.reserve()).toEqual({ ok: true, waitMs: 0 });
    clock += 10_000;
    expect(await budget.reserve()).toEqual({ ok: false, reason: DAILY_BUDGET_SPENT });
    clock += 86_400_000;
    expect(await budget.reserve()).toEqual({ ok: true, waitMs: 0 });
  });
});

describe('a budget in the database', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = await freshDataDir();
    db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.query('DELETE FROM tracking_call_budgets');
  });

  /** Two adapters on one database, as two server processes hold them; waits are kept, not slept. */
  function twoAdapters(limits: { minIntervalMs: number; callsPerDay: number }) {
    const dhl = fakeDhl();
    const waits: number[] = [];
    const make = () =>
      dhlUnified({
        key: 'k',
        origin: 'http://dhl.test',
        fetch: dhl.fetch,
        ...limits,
        budget: (l): CallBudget => databaseCallBudget(db, 'dhl', l),
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      });
    return { first: make(), second: make(), dhl, waits };
  }
  const ask = (adapter: ReturnType<typeof dhlUnified>, number: string) =>
    adapter.register([{ number, tag: 't' }]);

  test('the second process waits for the interval the first one started', async () => {
    const { first, second, dhl, waits } = twoAdapters({ minIntervalMs: 60_000, callsPerDay: 100 });
    expect((await ask(first, 'A')).ok).toBe(true);
    expect((await ask(second, 'B')).ok).toBe(true);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(50_000);
    expect(waits[0]).toBeLessThanOrEqual(60_000);
    // A third call would wait past one interval: not made, the work stays due.
    expect(await ask(first, 'C')).toEqual({ ok: false, reason: RATE_LIMITED });
    expect(dhl.asked).toEqual(['A', 'B']);
  });

  test('the day’s calls are shared, and a new day brings new ones', async () => {
    const { first, second, dhl } = twoAdapters({ minIntervalMs: 0, callsPerDay: 2 });
    expect((await ask(first, 'A')).ok).toBe(true);
    expect((await ask(second, 'B')).ok).toBe(true);
    expect(await ask(first, 'C')).toEqual({ ok: false, reason: DAILY_BUDGET_SPENT });
    expect(await ask(second, 'C')).toEqual({ ok: false, reason: DAILY_BUDGET_SPENT });
    // The next day (the stored day moved back here).
    await db.query(`UPDATE tracking_call_budgets SET day = day - 1`);
    expect((await ask(second, 'C')).ok).toBe(true);
    expect(dhl.asked).toEqual(['A', 'B', 'C']);
  });

  test('a 429 seen by one process pauses the other until Retry-After', async () => {
    const { first, second, dhl } = twoAdapters({ minIntervalMs: 0, callsPerDay: 100 });
    dhl.setBusy(true);
    expect(await ask(first, 'A')).toEqual({ ok: false, reason: 'HTTP 429' });
    dhl.setBusy(false);
    expect(await ask(second, 'B')).toEqual({ ok: false, reason: RATE_LIMITED });
    expect(dhl.asked).toEqual(['A']);
    // Retry-After has passed (moved back in time here).
    await db.query(`UPDATE tracking_call_budgets SET next_at = now() - interval '1 second'`);
    expect((await ask(second, 'B')).ok).toBe(true);
  });
});

describe('two tracking services on one database', () => {
  let server: TestServer;
  let seller: DeviceCredentials;
  const dhl = fakeDhl();
  const adapter = (db: Database) =>
    dhlUnified({
      key: 'k',
      origin: 'http://dhl.test',
      fetch: dhl.fetch,
      minIntervalMs: 0,
      callsPerDay: 3,
      budget: (limits) => databaseCallBudget(db, 'dhl', limits),
    });
  const AT = new Date().toISOString();

  beforeAll(async () => {
    server = await startTestServer({
      trackingProviders: (db) => [
        { adapter: adapter(db), follows: (carrierId) => carrierId === 'dhl-paket' },
      ],
    });
    seller = await createSeller(server.fetch);
  }, 60_000);
  afterAll(async () => server?.close());

  test('make no more calls a day than the plan allows, between them', async () => {
    const other = createTrackingService({
      db: server.db,
      provider: adapter(server.db),
      log: () => undefined,
    });
    let id = 0;
    const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: AT });
    const orderId = 'shopify:B-1';
    const mutations = [
      wire('orders.import', {
        eventId: randomUUID(),
        fileName: 'o.csv',
        part: 1,
        orders: [
          {
            id: orderId,
            source: 'shopify',
            externalId: 'B-1',
            orderedAt: AT.slice(0, 10),
            buyer: { name: 'Ann' },
            address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
            lines: [],
          },
        ],
      }),
      ...[1, 2, 3, 4, 5].map((n) =>
        wire('parcel.upsert', {
          parcel: {
            id: randomUUID(),
            orderId,
            trackingNumber: `0034043416000000000${n}`,
            carrierId: 'dhl-paket',
            shippedAt: AT.slice(0, 10),
            deliveryStatus: 'pending',
            updatedAt: AT,
          },
          eventId: randomUUID(),
          at: AT,
        }),
      ),
    ];
    const res = await postJson(
      server.fetch,
      '/api/push',
      { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
      seller.token,
    );
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);

    let registered = 0;
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([server.tracking!.runOnce(), other.runOnce()]);
      registered += results.reduce((sum, r) => sum + r.registered, 0);
    }
    // Three calls, each about another number: the two never asked about the same one.
    expect(dhl.asked).toHaveLength(3);
    expect(new Set(dhl.asked).size).toBe(3);
    expect(registered).toBe(3);
    const [row] = await server.db.query<{ calls: number }>(
      `SELECT calls FROM tracking_call_budgets WHERE provider = 'dhl'`,
    );
    expect(row?.calls).toBe(3);
    const due = await server.db.query<{ last_error: string }>(
      `SELECT last_error FROM tracking_registrations WHERE state = 'pending'`,
    );
    expect(due.map((r) => r.last_error)).toEqual([DAILY_BUDGET_SPENT, DAILY_BUDGET_SPENT]);
  });
});
