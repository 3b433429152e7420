/**
 * Automatic messages on the server, through the real push: a message a rule sent (it names its
 * cause) is held for the grace period and cancelled when its cause is undone in time, also when
 * the request and the undo arrive in one push; a message already sent stays sent. Manual sends
 * are not held. A repeated request under a new event id logs once. The seller's own texts (from
 * synced settings) are what is sent. Delivered orders get one review reminder, due N days later.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings.ts';
import { PROTOCOL_VERSION, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';
import { reviewReminderId } from './sync-bridge.ts';

const DAY_MS = 24 * 60 * 60_000;
/**
 * When the test's order was imported and shipped: 20 days before the moment the test runs, so
 * that every later step (a delivery a day ago, one ten days ago) comes after it on any day.
 */
const AT = new Date(Date.now() - 20 * DAY_MS).toISOString();
const AT_DAY = AT.slice(0, 10);

// The first test may build the migrated PGlite template (initdb) for the whole run.
vi.setConfig({ testTimeout: 60_000 });

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Shop {
  server: TestServer;
  seller: DeviceCredentials;
  push(mutations: [string, unknown][]): Promise<{ rejected: { id: number; code: string }[] }>;
  pull(): Promise<{ events: { id: string; kind: string; data?: Record<string, unknown> }[] }>;
  row(id: string): Promise<{ status: string; due_at: Date; kind: string } | undefined>;
}

async function shop(autoGraceMs: number): Promise<Shop> {
  const s = await startTestServer({ notifications: { autoGraceMs }, publicUrl: 'https://track.example' });
  servers.push(s);
  const seller = await createSeller(s.fetch, 'Laden');
  let id = 0;
  return {
    server: s,
    seller,
    async push(mutations) {
      const res = await postJson(
        s.fetch,
        '/api/push',
        {
          protocolVersion: PROTOCOL_VERSION,
          deviceId: seller.deviceId,
          mutations: mutations.map(([name, args]) => ({ id: ++id, name, args, createdAt: AT })),
        },
        seller.token,
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { rejected: { id: number; code: string }[] };
    },
    async pull() {
      const res = await postJson(
        s.fetch,
        '/api/pull',
        { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, cursor: '0' },
        seller.token,
      );
      return (await res.json()) as Awaited<ReturnType<Shop['pull']>>;
    },
    async row(notificationId) {
      const [row] = await s.db.query<{ status: string; due_at: Date; kind: string }>(
        'SELECT status, due_at, kind FROM notifications WHERE id = $1',
        [notificationId],
      );
      return row;
    },
  };
}

const ORDER_ID = 'shopify:5001';
const importOrder = (source = 'shopify', externalId = '5001'): [string, unknown] => [
  'orders.import',
  {
    eventId: randomUUID(),
    fileName: 'orders.csv',
    part: 1,
    orders: [
      {
        id: `${source}:${externalId}`,
        source,
        externalId,
        orderedAt: AT_DAY,
        buyer: { name: 'Jana', email: 'jana@example.com' },
        address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
        lines: [{ title: 'Mug', quantity: 1 }],
      },
    ],
  },
];
const ship = (eventId: string, orderId = ORDER_ID): [string, unknown] => [
  'order.transition',
  { orderId, to: 'shipped', shippedOn: AT_DAY, eventId, at: AT },
];
const undo = (undoes: string, to = 'new', orderId = ORDER_ID): [string, unknown] => [
  'order.transition',
  { orderId, to, undoes, eventId: randomUUID(), at: new Date(Date.parse(AT) + 10_000).toISOString() },
];
const notify = (notificationId: string, cause?: string, eventId = randomUUID()): [string, unknown] => [
  'notify.request',
  {
    notificationId,
    orderId: ORDER_ID,
    kind: 'shipped',
    channel: 'email',
    ...(cause !== undefined && { cause }),
    eventId,
    at: AT,
  },
];
const settings = (notifications: Partial<Settings['notifications']>): [string, unknown] => [
  'settings.update',
  { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, ...notifications } },
];

const cancelledEvents = (events: Awaited<ReturnType<Shop['pull']>>['events'], id: string) =>
  events.filter(
    (e) =>
      e.kind === 'notification_failed' &&
      e.data?.['notificationId'] === id &&
      e.data['status'] === 'cancelled',
  );

describe('automatic messages wait for the grace period and are cancelled by an undo', () => {
  test('an undo within the grace period cancels, and the device hears of it', async () => {
    const s = await shop(60_000);
    const notificationId = randomUUID();
    await s.push([importOrder(), ship('ship-1'), notify(notificationId, 'ship-1')]);
    const held = await s.row(notificationId);
    expect(held?.status).toBe('queued');
    expect(new Date(held?.due_at ?? 0).getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await s.server.notifications?.runOnce())?.sent).toBe(0);

    expect((await s.push([undo('ship-1')])).rejected).toEqual([]);
    expect((await s.row(notificationId))?.status).toBe('cancelled');
    expect(cancelledEvents((await s.pull()).events, notificationId)).toHaveLength(1);
  });

  test('request and undo in one push (a device back online) cancel too', async () => {
    const s = await shop(60_000);
    const notificationId = randomUUID();
    const result = await s.push([
      importOrder(),
      ship('ship-2'),
      notify(notificationId, 'ship-2'),
      undo('ship-2'),
    ]);
    expect(result.rejected).toEqual([]);
    expect((await s.row(notificationId))?.status).toBe('cancelled');
    expect(cancelledEvents((await s.pull()).events, notificationId)).toHaveLength(1);
  });

  test('an undo after the message was sent changes nothing', async () => {
    const s = await shop(0);
    const notificationId = randomUUID();
    await s.push([importOrder(), ship('ship-3'), notify(notificationId, 'ship-3')]);
    expect((await s.server.notifications?.runOnce())?.sent).toBe(1);
    expect((await s.push([undo('ship-3')])).rejected).toEqual([]);
    expect((await s.row(notificationId))?.status).toBe('sent');
    expect(cancelledEvents((await s.pull()).events, notificationId)).toHaveLength(0);
  });

  test('a message the seller asked for goes out at once; undoing an unrelated change keeps it', async () => {
    const s = await shop(60_000);
    const notificationId = randomUUID();
    await s.push([importOrder(), ship('ship-4'), notify(notificationId)]);
    expect(new Date((await s.row(notificationId))?.due_at ?? 0).getTime()).toBeLessThanOrEqual(Date.now());
    await s.push([undo('ship-4')]);
    expect((await s.row(notificationId))?.status).toBe('queued');
    expect((await s.server.notifications?.runOnce())?.sent).toBe(1);
  });
});

describe('a repeated request', () => {
  test('with the same notification id and a new event id logs one request', async () => {
    const s = await shop(0);
    const notificationId = randomUUID();
    await s.push([importOrder(), ship('ship-5'), notify(notificationId)]);
    await s.push([notify(notificationId)]);
    await s.push([notify(notificationId), notify(notificationId)]);
    const requested = (await s.pull()).events.filter(
      (e) => e.kind === 'notification_requested' && e.data?.['notificationId'] === notificationId,
    );
    expect(requested).toHaveLength(1);
  });
});

describe("the seller's own texts", () => {
  test('the e-mail written is rendered from the synced template override', async () => {
    const s = await shop(0);
    const notificationId = randomUUID();
    await s.push([
      settings({
        templates: { shipped: { de: { subject: 'Paket {{order.id}} ist raus!\r\nBcc: x@evil.example' } } },
      }),
      importOrder(),
      ship('ship-6'),
      notify(notificationId),
    ]);
    expect((await s.server.notifications?.runOnce())?.sent).toBe(1);
    const raw = await readFile(path.join(s.server.dir, 'mail', `${notificationId}.eml`), 'utf8');
    const eml = raw.replace(/=\r?\n/g, '');
    expect(eml).toMatch(/^Subject: Paket 5001 ist raus! Bcc: x@evil\.example\r?$/m);
    expect(eml).not.toMatch(/^Bcc:/im);
    // The body part not overridden is the standard German text.
    expect(eml).toContain('wurde verschickt');
  });
});

describe('the review reminder', () => {
  /** Dates relative to the moment the test runs: the server counts due times from its own clock. */
  const daysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();
  const deliver = (eventId: string, at = daysAgo(1)): [string, unknown] => [
    'order.transition',
    { orderId: ORDER_ID, to: 'delivered', eventId, at },
  ];

  test('is queued once, N days after delivery, and shows in the history', async () => {
    const s = await shop(0);
    const deliveredAt = daysAgo(1);
    await s.push([
      settings({ reviewReminderDays: 7 }),
      importOrder(),
      ship('ship-7'),
      deliver('dlv-1', deliveredAt),
    ]);
    const id = reviewReminderId(s.seller.sellerId, ORDER_ID, 'dlv-1');
    const row = await s.row(id);
    expect(row).toMatchObject({ status: 'queued', kind: 'review_reminder' });
    const due = new Date(row?.due_at ?? 0).getTime();
    expect(due).toBe(Date.parse(deliveredAt) + 7 * DAY_MS);
    expect((await s.server.notifications?.runOnce())?.sent).toBe(0);

    // Delivered again later (after a step back): still one reminder.
    await s.push([
      ['order.transition', { orderId: ORDER_ID, to: 'shipped', eventId: 'back-1', at: daysAgo(0.5) }],
      deliver('dlv-2', daysAgo(0.25)),
    ]);
    const requested = (await s.pull()).events.filter(
      (e) => e.kind === 'notification_requested' && e.data?.['kind'] === 'review_reminder',
    );
    expect(requested).toHaveLength(1);
    const [count] = await s.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'review_reminder'",
    );
    expect(count?.n).toBe(1);
  });

  test('is due at once when N days after the delivery are already past, and is sent', async () => {
    const s = await shop(0);
    await s.push([settings({ reviewReminderDays: 7 }), importOrder(), ship('ship-12')]);
    const before = Date.now();
    await s.push([deliver('dlv-7', daysAgo(10))]);
    const after = Date.now();
    const row = await s.row(reviewReminderId(s.seller.sellerId, ORDER_ID, 'dlv-7'));
    expect(row).toMatchObject({ status: 'queued', kind: 'review_reminder' });
    const due = new Date(row?.due_at ?? 0).getTime();
    // "Now", as the push saw it: not ten-minus-seven days ago, not a week ahead.
    expect(due).toBeGreaterThanOrEqual(before - 1000);
    expect(due).toBeLessThanOrEqual(after + 1000);
    expect((await s.server.notifications?.runOnce())?.sent).toBe(1);
  });

  test('comes back when a delivery undone by mistake happens for real later', async () => {
    const s = await shop(0);
    await s.push([settings({ reviewReminderDays: 7 }), importOrder(), ship('ship-11'), deliver('dlv-5')]);
    await s.push([
      [
        'order.transition',
        {
          orderId: ORDER_ID,
          to: 'shipped',
          eventId: 'undo-5',
          undoes: 'dlv-5',
          at: daysAgo(0.5),
        },
      ],
    ]);
    expect((await s.row(reviewReminderId(s.seller.sellerId, ORDER_ID, 'dlv-5')))?.status).toBe('cancelled');
    await s.push([
      ['order.transition', { orderId: ORDER_ID, to: 'delivered', eventId: 'dlv-6', at: daysAgo(0.25) }],
    ]);
    expect((await s.row(reviewReminderId(s.seller.sellerId, ORDER_ID, 'dlv-6')))?.status).toBe('queued');
    const [count] = await s.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'review_reminder' AND status <> 'cancelled'",
    );
    expect(count?.n).toBe(1);
  });

  test('is not queued with 0 days, nor for an excluded marketplace', async () => {
    const s = await shop(0);
    await s.push([importOrder(), ship('ship-8'), deliver('dlv-3')]);
    expect(await s.row(reviewReminderId(s.seller.sellerId, ORDER_ID, 'dlv-3'))).toBeUndefined();

    const other = await shop(0);
    const ebay = 'ebay:77';
    await other.push([
      settings({ reviewReminderDays: 3, excludedSources: ['amazon', 'ebay'] }),
      importOrder('ebay', '77'),
      ship('ship-9', ebay),
      ['order.transition', { orderId: ebay, to: 'delivered', eventId: 'dlv-4', at: AT }],
    ]);
    expect(await other.row(reviewReminderId(other.seller.sellerId, ebay, 'dlv-4'))).toBeUndefined();
  });

  test('is queued when the buyer confirms the arrival on the tracking page', async () => {
    const s = await shop(0);
    await s.push([settings({ reviewReminderDays: 5 }), importOrder(), ship('ship-10')]);
    const [tokenRow] = await s.server.db.query<{ token: string }>(
      'SELECT token FROM order_tokens WHERE order_id = $1',
      [ORDER_ID],
    );
    let token = tokenRow?.token;
    if (token === undefined) {
      // The token is made with the first message; ask for one to get it.
      await s.push([notify(randomUUID())]);
      const [made] = await s.server.db.query<{ token: string }>(
        'SELECT token FROM order_tokens WHERE order_id = $1',
        [ORDER_ID],
      );
      token = made?.token;
    }
    expect(token).toBeDefined();
    const res = await s.server.fetch(`/t/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://trackpack.test' },
      body: new URLSearchParams({ token: token ?? '' }).toString(),
    });
    expect(res.status).toBe(303);
    const [reminder] = await s.server.db.query<{ kind: string }>(
      "SELECT kind FROM notifications WHERE order_id = $1 AND kind = 'review_reminder'",
      [ORDER_ID],
    );
    expect(reminder?.kind).toBe('review_reminder');
  });
});
