/**
 * The claim on a real PostgreSQL with several workers at once: `FOR UPDATE SKIP LOCKED` gives
 * every row to one worker only, and the claim lock keeps the caps exact under concurrency.
 *
 * Gated like test/sync/two-processes.test.ts: set TRACKPACK_TEST_DATABASE_URL to a throwaway
 * database (the `notifications` table in it is dropped and re-created).
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createNotificationService } from './service.ts';
import type { Transports } from './transport.ts';
import {
  addSeller,
  notificationsFollowUps,
  notificationsSchema,
  shippedOrder,
  testConfig,
} from './test-support.ts';

const DATABASE_URL = process.env['TRACKPACK_TEST_DATABASE_URL'];
const WORKERS = 4;

describe.skipIf(!DATABASE_URL)('several senders on one PostgreSQL', () => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    const { openPostgres } = await import('../db/postgres.ts');
    db = await openPostgres(DATABASE_URL ?? '');
    dir = await mkdtemp(path.join(tmpdir(), 'trackpack-notify-pg-'));
    const migrations = path.join(dir, 'migrations');
    await mkdir(migrations);
    await copyFile(
      path.join(import.meta.dirname, '..', 'migrations', '001_init.sql'),
      path.join(migrations, '001_init.sql'),
    );
    await copyFile(await notificationsSchema(), path.join(migrations, '900_notifications.sql'));
    for (const [i, file] of (await notificationsFollowUps()).entries())
      await copyFile(file, path.join(migrations, `${901 + i}_${path.basename(file).replace(/^\d+_/, '')}`));
    await db.exec('DROP TABLE IF EXISTS notifications');
    await db.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await db.query(`DELETE FROM schema_migrations WHERE name LIKE '9__\\_notification%'`);
    await migrate(db, migrations);
  }, 30_000);

  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends each message once and keeps the seller cap exact', async () => {
    const sellerId = await addSeller(db, 'Busy shop');
    const config = testConfig(dir, { maxPerSellerPerHour: 20, maxPerRecipientPerDay: 100 });
    const sends: string[] = [];
    const counting: Transports = {
      email: {
        name: 'counting',
        async send(email) {
          sends.push(email.id);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { outcome: 'sent', providerId: `p-${email.id}` };
        },
      },
      sms: { name: 'unused', send: () => Promise.resolve({ outcome: 'failed', reason: 'unused' }) },
    };
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      createNotificationService({
        db,
        config,
        transports: counting,
        log: () => undefined,
        workerId: `w${i}`,
      }),
    );
    for (let n = 0; n < 30; n += 1) {
      const { order, parcels } = shippedOrder({
        externalId: `#${n}`,
        buyer: { name: 'B', email: `b${n}-${randomUUID().slice(0, 8)}@example.com` },
      });
      const queued = await workers[0]!.enqueue({
        sellerId,
        order,
        parcels,
        kind: 'shipped',
        channel: 'email',
        shop: { name: 'Busy shop' },
      });
      expect(queued.ok).toBe(true);
    }
    await Promise.all(workers.map((w) => w.runOnce()));

    expect(sends).toHaveLength(20);
    expect(new Set(sends).size).toBe(20);
    const counts = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM notifications WHERE seller_id = $1 GROUP BY status ORDER BY status`,
      [sellerId],
    );
    expect(counts).toEqual([
      { status: 'queued', n: 10 },
      { status: 'sent', n: 20 },
    ]);
    const owners = await db.query<{ lease_owner: string }>(
      `SELECT DISTINCT lease_owner FROM notifications WHERE seller_id = $1 AND status = 'sent'`,
      [sellerId],
    );
    // The work was shared: more than one worker got rows.
    expect(owners.length).toBeGreaterThan(1);
  }, 30_000);
});
