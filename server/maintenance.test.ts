import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeToken } from './accounts/rate-limit.ts';
import {
  bucketsRefillWithinRetention,
  claimRun,
  createMaintenance,
  RATE_BUCKET_RETENTION_MS,
  sweep,
} from './maintenance.ts';
import { createSeller, postJson, startTestServer, type TestServer } from './sync/test-support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

const MINUTE = 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

async function count(table: string): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? 0;
}

async function newCode(token: string): Promise<string> {
  const res = await postJson(server.fetch, '/api/devices/pairing', {}, token);
  return ((await res.json()) as { code: string }).code;
}

describe('retention', () => {
  it('a bucket idle for the retention is full again, so deleting it changes no answer', () => {
    expect(bucketsRefillWithinRetention()).toBe(true);
    const one = { burst: 1, perSecond: 1 };
    const limits = { device: one, anonymousPerClient: one, anonymousGlobal: one, buyerPagePerClient: one };
    expect(bucketsRefillWithinRetention(limits)).toBe(true);
    // 20 tokens at 0.001 per second: 20,000 s, longer than the retention.
    expect(bucketsRefillWithinRetention({ ...limits, device: { burst: 10, perSecond: 0.001 } })).toBe(false);
  });
});

describe('sweep', () => {
  it('deletes used and expired pairing codes and idle rate buckets, and keeps the rest', async () => {
    await server.db.query('DELETE FROM rate_buckets');
    await server.db.query('DELETE FROM pairing_codes');
    const first = await createSeller(server.fetch);
    const used = await newCode(first.token);
    await newCode(first.token);
    const paired = await postJson(server.fetch, '/api/devices/pair', {
      code: used,
      deviceId: randomUUID(),
      deviceName: 'second',
    });
    expect(paired.status).toBe(201);
    await takeToken(server.db, 'buyer-page:203.0.113.7', { burst: 5, perSecond: 1 });
    // Account creation and the claim above took from buckets too.
    const buckets = await count('rate_buckets');
    expect(buckets).toBeGreaterThanOrEqual(3);
    expect(await count('pairing_codes')).toBe(2);

    expect(await sweep(server.db, new Date())).toEqual({ rate_buckets: 0, pairing_codes: 1 });
    expect(await count('pairing_codes')).toBe(1);
    expect(await sweep(server.db, later(11 * MINUTE))).toEqual({ rate_buckets: 0, pairing_codes: 1 });
    expect(await count('pairing_codes')).toBe(0);
    expect(await sweep(server.db, later(RATE_BUCKET_RETENTION_MS - MINUTE))).toEqual({
      rate_buckets: 0,
      pairing_codes: 0,
    });
    expect(await sweep(server.db, later(RATE_BUCKET_RETENTION_MS + MINUTE))).toEqual({
      rate_buckets: buckets,
      pairing_codes: 0,
    });
    expect(await count('rate_buckets')).toBe(0);
  });
});

describe('the schedule', () => {
  it('one run per interval between several processes', async () => {
    const job = `test-${randomUUID()}`;
    const now = new Date();
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimRun(server.db, job, now, 10 * MINUTE)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimRun(server.db, job, new Date(now.getTime() + 9 * MINUTE), 10 * MINUTE)).toBe(false);
    expect(await claimRun(server.db, job, new Date(now.getTime() + 10 * MINUTE), 10 * MINUTE)).toBe(true);
  });

  it('two maintenance workers on one database: the first sweeps, the second skips', async () => {
    let now = later(0);
    const clock = () => now;
    const a = createMaintenance({ db: server.db, clock, log: () => undefined });
    const b = createMaintenance({ db: server.db, clock, log: () => undefined });
    // Whatever earlier runs left: take the current interval, then move past it.
    await a.runOnce();
    now = later(11 * MINUTE);
    const results = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });

  it('started, it sweeps on its own and logs what it deleted', async () => {
    await server.db.query('DELETE FROM maintenance_runs');
    await takeToken(server.db, 'buyer-page:198.51.100.1', { burst: 5, perSecond: 1 });
    const logged = new Promise<string>((resolve) => {
      const maintenance = createMaintenance({
        db: server.db,
        clock: () => later(2 * RATE_BUCKET_RETENTION_MS),
        log: (line) => {
          void maintenance.stop().then(() => resolve(line));
        },
      });
      maintenance.start();
    });
    expect(JSON.parse(await logged)).toMatchObject({ component: 'maintenance', event: 'swept' });
    expect(await count('rate_buckets')).toBe(0);
  });
});
