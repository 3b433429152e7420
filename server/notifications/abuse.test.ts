/**
 * Messaging abuse: a shop (or all shops together) asking for far more messages than the caps
 * allow. Every request is kept; what the caps allow goes out, the rest waits with its reason, and
 * other shops' messages still go out.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listShops, setDailyCap } from '../accounts/shop-caps.ts';
import { createNotificationService } from './service.ts';
import { addSeller, openTestDb, shippedOrder, testConfig, type TestDb } from './test-support.ts';
import type { NotificationConfig } from './config.ts';
import type { OutgoingEmail, OutgoingSms, Transports } from './transport.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

/** A transport that records what it was given and accepts everything. */
function recordingTransports(): Transports & { sent: (OutgoingEmail | OutgoingSms)[] } {
  const sent: (OutgoingEmail | OutgoingSms)[] = [];
  return {
    sent,
    email: { name: 'recording', send: async (m) => (sent.push(m), { outcome: 'sent', providerId: m.id }) },
    sms: { name: 'recording', send: async (m) => (sent.push(m), { outcome: 'sent', providerId: m.id }) },
  };
}

/** `count` queued e-mails of one seller to distinct buyers, written in one statement. */
async function queueMany(sellerId: string, count: number, tag: string): Promise<void> {
  await t.db.query(
    `INSERT INTO notifications (id, seller_id, order_id, kind, channel, locale, recipient, body_text, max_attempts)
     SELECT gen_random_uuid(), $1, 'manual:' || i, 'shipped', 'email', 'de',
            $2 || '-' || i || '@example.de', 'Ihr Paket ist unterwegs.', 6
       FROM generate_series(1, $3::int) AS i`,
    [sellerId, tag, count],
  );
}

async function statusCounts(sellerId: string): Promise<Record<string, number>> {
  const rows = await t.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM notifications WHERE seller_id = $1 GROUP BY status',
    [sellerId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Runs the sender until a run sends nothing; answers how many runs that took. */
async function drain(config: NotificationConfig, transports: Transports): Promise<number> {
  const service = createNotificationService({ db: t.db, config, transports, log: () => undefined });
  for (let runs = 1; runs <= 200; runs++) {
    if ((await service.runOnce()).sent === 0) return runs;
  }
  throw new Error('the sender never ran dry');
}

describe('messaging abuse', () => {
  it('10,000 requests from one new shop are held to its caps; none is lost, the rest wait and say why', async () => {
    await t.db.query('DELETE FROM notifications');
    const flooder = await addSeller(t.db, 'Flood');
    await t.db.query('UPDATE sellers SET daily_message_cap = 50 WHERE id = $1', [flooder]);
    const neighbour = await addSeller(t.db, 'Neighbour');
    await queueMany(flooder, 10_000, 'flood');
    await queueMany(neighbour, 5, 'neighbour');

    const transports = recordingTransports();
    const started = performance.now();
    const runs = await drain(
      testConfig(t.dir, { maxPerSellerPerHour: 200, maxPerRecipientPerDay: 5, maxEmailPerHour: 1000 }),
      transports,
    );
    const ms = performance.now() - started;

    // Exactly the daily cap of the flooding shop, and all of the neighbour's.
    expect(await statusCounts(flooder)).toEqual({ sent: 50, queued: 9950 });
    expect(await statusCounts(neighbour)).toEqual({ sent: 5 });
    expect(transports.sent).toHaveLength(55);
    expect(new Set(transports.sent.map((m) => m.id)).size).toBe(55);

    // Every waiting message is due again only after the cap allows it, and says why.
    const [waiting] = await t.db.query<{ n: number; reasons: string[]; early: number }>(
      `SELECT count(*)::int AS n, array_agg(DISTINCT wait_reason) AS reasons,
              count(*) FILTER (WHERE due_at < now() + interval '23 hours')::int AS early
         FROM notifications WHERE seller_id = $1 AND status = 'queued'`,
      [flooder],
    );
    expect(waiting?.n).toBe(9950);
    expect(waiting?.reasons).toEqual(["new shop limit: 50 per day, until the server's operator raises it"]);
    expect(waiting?.early).toBe(0);
    console.log(
      JSON.stringify({ figure: 'abuse_10k_drain', runs, ms: Math.round(ms), sent: transports.sent.length }),
    );

    // The operator lifts the cap (`npm run shops -- cap <id> none`); the held messages are due at once.
    expect(await listShops(t.db)).toContainEqual(
      expect.objectContaining({ id: flooder, dailyCap: 50, waiting: 9950 }),
    );
    expect(await setDailyCap(t.db, flooder, null)).toBe(true);
    await drain(
      testConfig(t.dir, { maxPerSellerPerHour: 200, maxPerRecipientPerDay: 5, maxEmailPerHour: 1000 }),
      transports,
    );
    // Now the hourly cap of a shop holds: 200 within the hour, the 50 before count too.
    expect(await statusCounts(flooder)).toEqual({ sent: 200, queued: 9800 });
    const reasons = await t.db.query<{ wait_reason: string }>(
      `SELECT DISTINCT wait_reason FROM notifications WHERE seller_id = $1 AND status = 'queued'`,
      [flooder],
    );
    expect(reasons.map((r) => r.wait_reason)).toEqual(['seller limit: 200 per hour']);
  });

  it('the server-wide hourly cap holds all shops together', async () => {
    await t.db.query('DELETE FROM notifications');
    const shops = [await addSeller(t.db, 'A'), await addSeller(t.db, 'B'), await addSeller(t.db, 'C')];
    for (const [i, shop] of shops.entries()) await queueMany(shop, 40, `shop${i}`);
    const transports = recordingTransports();
    await drain(testConfig(t.dir, { maxPerSellerPerHour: 200, maxEmailPerHour: 30 }), transports);
    expect(transports.sent).toHaveLength(30);
    const rows = await t.db.query<{ status: string; wait_reason: string | null; n: number }>(
      `SELECT status, wait_reason, count(*)::int AS n FROM notifications
        WHERE seller_id = ANY($1::uuid[]) GROUP BY status, wait_reason ORDER BY status`,
      [shops],
    );
    expect(rows).toEqual([
      { status: 'queued', wait_reason: 'server limit: 30 e-mails per hour for all shops', n: 90 },
      { status: 'sent', wait_reason: null, n: 30 },
    ]);
  });

  it('a shop with a cap of 0 sends nothing and keeps everything', async () => {
    await t.db.query('DELETE FROM notifications');
    const shop = await addSeller(t.db, 'Muted');
    await t.db.query('UPDATE sellers SET daily_message_cap = 0 WHERE id = $1', [shop]);
    await queueMany(shop, 3, 'muted');
    const transports = recordingTransports();
    await drain(testConfig(t.dir), transports);
    expect(transports.sent).toHaveLength(0);
    expect(await statusCounts(shop)).toEqual({ queued: 3 });
  });
});

describe('SMS only to allowed countries', () => {
  it('texts a number of the shop’s own country, refuses one abroad, and SMS_COUNTRIES overrides', async () => {
    await t.db.query('DELETE FROM notifications');
    const request = (phone: string, country: string | undefined) => {
      const { order, parcels } = shippedOrder({
        buyer: { name: 'Käufer', phone },
      });
      return {
        sellerId: t.sellerId,
        order,
        parcels,
        kind: 'shipped' as const,
        channel: 'sms' as const,
        shop: { name: 'Laden', ...(country !== undefined && { country }) },
      };
    };
    const byShop = createNotificationService({ db: t.db, config: testConfig(t.dir), log: () => undefined });
    expect(await byShop.enqueue(request('0171 1234567', 'DE'))).toMatchObject({ ok: true });
    expect(await byShop.enqueue(request('+8821612345678', 'DE'))).toEqual({
      ok: false,
      reason: 'sms_country_not_allowed',
    });
    // A shop that has not said where it is texts nobody.
    expect(await byShop.enqueue(request('0171 1234567', undefined))).toEqual({
      ok: false,
      reason: 'sms_country_not_allowed',
    });
    const configured = createNotificationService({
      db: t.db,
      config: testConfig(t.dir, { smsCountries: ['SE'] }),
      log: () => undefined,
    });
    expect(await configured.enqueue(request('0171 1234567', 'DE'))).toMatchObject({
      ok: false,
      reason: 'sms_country_not_allowed',
    });
    expect(await configured.enqueue(request('+46701234567', 'DE'))).toMatchObject({ ok: true });
  });
});
