/**
 * On a real PostgreSQL, with two connection pools standing for two server processes: pushes of
 * ONE device racing each other through both are each applied exactly once, a reused id with
 * another body is refused under the race too, and the housekeeping run is taken by one process
 * per interval. Gated like two-processes.test.ts (TRACKPACK_TEST_DATABASE_URL; `npm run
 * test:scale` starts a throw-away cluster).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PushResponse } from '../../src/core/protocol/index.ts';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/database.ts';
import { openDatabase } from '../../server/db/open.ts';
import { claimRun } from '../../server/maintenance.ts';
import { processPush } from '../../server/sync/push.ts';
import {
  createSeller,
  GENEROUS_LIMITS,
  TEST_SETUP_CODE,
  TEST_SIGNUP,
} from '../../server/sync/test-support.ts';
import { prepareSetup } from '../../server/accounts/signup.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

const DATABASE_URL = process.env['TRACKPACK_TEST_DATABASE_URL'];

const now = () => new Date().toISOString();
const create = (id: number, notes = `note ${id}`) => ({
  id,
  name: 'order.create',
  args: {
    order: {
      id: `manual:${id}`,
      source: 'manual',
      externalId: String(id),
      orderedAt: now().slice(0, 10),
      buyer: { name: `B${id}` },
      address: { line1: 'x', zip: '1', city: 'c', country: 'DE' },
      lines: [],
    },
    notes,
    eventId: `e-${id}-${notes}`,
    at: now(),
  },
  createdAt: now(),
});

describe.skipIf(!DATABASE_URL)('one device, two processes, one PostgreSQL', () => {
  const processes: Database[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++)
      processes.push(await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '' }));
    // The first shop on an empty database needs the setup code; later ones come by open sign-up.
    await prepareSetup(processes[0] as Database, TEST_SETUP_CODE);
  }, 60_000);
  afterAll(async () => {
    for (const db of processes) await db.close();
  });

  async function newDevice() {
    const [db] = processes as [Database];
    const app = createApp({
      db,
      distDir: path.join(tmpdir(), 'no-dist'),
      version: 'test',
      log: () => undefined,
      rateLimits: GENEROUS_LIMITS,
      signup: TEST_SIGNUP,
    });
    const creds = await createSeller(async (url, init) =>
      app.fetch(new Request(`http://localhost${url}`, init)),
    );
    return { creds, device: { id: creds.deviceId, sellerId: creds.sellerId } };
  }

  test('overlapping pushes through both at once are applied exactly once', async () => {
    const { creds, device } = await newDevice();
    const mutations = Array.from({ length: 60 }, (_, i) => create(i + 1));
    const batches = [mutations, mutations.slice(0, 30), mutations.slice(0, 45), mutations, mutations];
    const responses = await Promise.all(
      batches.map((batch, i) =>
        processPush(processes[i % 2] as Database, device, {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: creds.deviceId,
          mutations: batch,
        }),
      ),
    );
    for (const r of responses) expect(r.rejected).toEqual([]);
    const [counts] = await (processes[0] as Database).query<{
      ledger: number;
      events: number;
      changes: number;
    }>(
      `SELECT (SELECT count(*)::int FROM sync_mutations WHERE device_id = $1) AS ledger,
              (SELECT count(*)::int FROM sync_events WHERE seller_id = $2) AS events,
              (SELECT count(*)::int FROM sync_changes WHERE seller_id = $2) AS changes`,
      [creds.deviceId, creds.sellerId],
    );
    expect(counts).toEqual({ ledger: 60, events: 60, changes: 120 });
  }, 60_000);

  test('the same id with two bodies at once: one is applied, the other refused as id_reused', async () => {
    const { creds, device } = await newDevice();
    const push = (db: Database, notes: string): Promise<PushResponse> =>
      processPush(db, device, {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: creds.deviceId,
        mutations: [create(1, notes)],
      });
    const [a, b] = await Promise.all([
      push(processes[0] as Database, 'first'),
      push(processes[1] as Database, 'second'),
    ]);
    const codes = [a, b].map((r) => r.rejected.map((x) => x.code).join(','));
    expect(codes.sort()).toEqual(['', 'id_reused']);
    const [row] = await (processes[0] as Database).query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_mutations WHERE device_id = $1',
      [creds.deviceId],
    );
    expect(row?.n).toBe(1);
  }, 60_000);

  test('the housekeeping run is claimed by one process per interval', async () => {
    const job = `test-${randomUUID()}`;
    const at = new Date();
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimRun(processes[i % 2] as Database, job, at, 600_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
