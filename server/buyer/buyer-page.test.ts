/**
 * "Tell the buyer", end to end on the server: a shipped order's `notify.request` pushed through
 * sync queues one message, the sender delivers it to a real SMTP server with the tracking-page
 * and confirm links, hostile buyer data stays inert in the e-mail and on the page, only a POST
 * confirms receipt, and everything flows back to the devices by pull.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { PROTOCOL_VERSION, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { parseMessage } from '../notifications/test-support.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';

const HOSTILE_NAME = 'Eve\r\nBcc: x@evil.example <script>alert(1)</script>';
const HOSTILE_ID = '4711"><img src=x onerror=alert(1)>';
const HOSTILE_SHOP = 'Laden <script>alert("shop")</script>';
const AT = '2026-11-20T10:00:00.000Z';

let server: TestServer;
let smtp: SMTPServer;
const received: { to: string[]; raw: string }[] = [];
let seller: DeviceCredentials;
let mutationId = 0;

function order(externalId: string, buyer: Record<string, string>, source = 'shopify') {
  return {
    id: `${source}:${externalId}`,
    source,
    externalId,
    orderedAt: '2026-11-19',
    buyer,
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [{ title: 'Mug', quantity: 1 }],
  };
}

const wire = (name: string, args: unknown) => ({ id: ++mutationId, name, args, createdAt: AT });

async function push(mutations: unknown[]) {
  const res = await postJson(
    server.fetch,
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
    seller.token,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { lastMutationId: number; rejected: { id: number; code: string }[] };
}

interface Pulled {
  orders: { id: string; status: string }[];
  parcels: { id: string; deliveryStatus: string }[];
  events: { id: string; kind: string; orderId: string | null; data?: Record<string, unknown> }[];
}
async function pull(): Promise<Pulled> {
  const res = await postJson(
    server.fetch,
    '/api/pull',
    { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, cursor: '0' },
    seller.token,
  );
  return (await res.json()) as Pulled;
}

const orderId = `shopify:${HOSTILE_ID}`;
const parcelId = randomUUID();
const notificationId = randomUUID();
let token = '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Ok: queued');
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startTestServer({
    notifications: { smtpUrl: `smtp://127.0.0.1:${port}` },
    publicUrl: 'https://track.example',
  });
  seller = await createSeller(server.fetch, HOSTILE_SHOP);
  await push([
    wire('orders.import', {
      eventId: randomUUID(),
      fileName: 'orders.csv',
      part: 1,
      orders: [
        order(HOSTILE_ID, { name: HOSTILE_NAME, email: 'eve@example.com' }),
        order('no-mail', { name: 'Nomail' }),
        order('111-222', { name: 'Amy', email: 'amy@marketplace.amazon.de' }, 'amazon'),
      ],
    }),
    wire('order.note', { orderId, notes: '<script>alert("note")</script>', eventId: randomUUID(), at: AT }),
    wire('parcel.upsert', {
      parcel: {
        id: parcelId,
        orderId,
        trackingNumber: '00340434161234567890',
        carrierId: 'dhl-paket',
        deliveryStatus: 'in_transit',
        expectedAt: '2026-11-23',
        remarks: '<script>alert("remark")</script>',
        updatedAt: AT,
      },
      eventId: randomUUID(),
      at: AT,
    }),
    wire('order.transition', { orderId, to: 'shipped', eventId: randomUUID(), at: AT }),
  ]);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const notifyArgs = (over: Record<string, unknown> = {}) => ({
  notificationId,
  orderId,
  kind: 'shipped',
  channel: 'email',
  eventId: `notify-${notificationId}`,
  at: AT,
  ...over,
});

describe('notify.request through sync', () => {
  test('pushed twice (resent, and again under a new mutation id) queues exactly one message', async () => {
    const first = wire('notify.request', notifyArgs());
    expect((await push([first])).rejected).toEqual([]);
    // The same mutation again (a lost response): a duplicate by id.
    await push([first]);
    // Another device, or a retry after a reinstall, with the same notification id.
    expect((await push([wire('notify.request', notifyArgs({ eventId: randomUUID() }))])).rejected).toEqual(
      [],
    );
    const rows = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE order_id = $1',
      [orderId],
    );
    expect(rows[0]?.n).toBe(1);
  });

  test('the sender delivers one e-mail with the page and confirm links, and no injected header or script', async () => {
    const summary = await server.notifications!.runOnce();
    expect(summary.sent).toBe(1);
    expect(await server.notifications!.runOnce()).toMatchObject({ sent: 0 });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(['eve@example.com']);
    const message = parseMessage(mail.raw);
    expect(message.headers.has('bcc')).toBe(false);
    expect(message.headers.get('to')).toHaveLength(1);
    expect(message.head).not.toMatch(/\r\n(Bcc|X-Injected):/i);
    const links = [
      ...message.decoded.matchAll(/https:\/\/track\.example\/t\/([A-Za-z0-9_-]{43})(\?confirm=1)?/g),
    ];
    expect(links.some((l) => l[2] === undefined)).toBe(true);
    expect(links.some((l) => l[2] === '?confirm=1')).toBe(true);
    token = links[0]![1]!;
    const html = message.decoded.slice(message.decoded.search(/<!doctype html|<html/i));
    expect(html.length).toBeGreaterThan(100);
    // Escaped text (`&lt;img ... onerror=`) is inert; no tag may come through.
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  test('requested and sent come back to the devices by pull', async () => {
    const { events } = await pull();
    const mine = events.filter((e) => e.data?.['notificationId'] === notificationId);
    expect([...new Set(mine.map((e) => e.kind))].sort()).toEqual([
      'notification_requested',
      'notification_sent',
    ]);
    expect(mine.filter((e) => e.kind === 'notification_sent')).toHaveLength(1);
    expect(mine.find((e) => e.kind === 'notification_sent')?.data?.['sentAt']).toMatch(/^\d{4}-/);
  });

  test('the seller lists the order’s messages and reviews them', async () => {
    const list = await server.fetch(`/api/orders/${encodeURIComponent(orderId)}/notifications`, {
      headers: { Authorization: `Bearer ${seller.token}` },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { notifications: { id: string; status: string }[] };
    expect(body.notifications).toEqual([expect.objectContaining({ id: notificationId, status: 'sent' })]);
    const review = (id: string) =>
      postJson(server.fetch, `/api/notifications/${id}/review`, { decision: 'cancel' }, seller.token);
    expect((await review(notificationId)).status).toBe(409);
    expect((await review(randomUUID())).status).toBe(404);
    expect((await server.fetch(`/api/orders/x/notifications`)).status).toBe(401);
  });

  test('no address and a marketplace that forbids it come back as rejections with a code', async () => {
    const result = await push([
      wire(
        'notify.request',
        notifyArgs({ notificationId: randomUUID(), orderId: 'shopify:no-mail', eventId: randomUUID() }),
      ),
      wire(
        'notify.request',
        notifyArgs({ notificationId: randomUUID(), orderId: 'amazon:111-222', eventId: randomUUID() }),
      ),
      wire('parcel.retrack', { parcelId, orderId, eventId: randomUUID(), at: AT }),
    ]);
    expect(result.rejected.map((r) => r.code)).toEqual([
      'no_recipient',
      'source_excluded',
      'no_tracking_provider',
    ]);
  });
});

describe('the tracking page', () => {
  const page = (path: string, init?: RequestInit) => server.fetch(path, init);
  const confirmedAt = async () =>
    (
      await server.db.query<{ confirmed_at: Date | null }>(
        'SELECT confirmed_at FROM order_tokens WHERE token = $1',
        [token],
      )
    )[0]?.confirmed_at ?? null;

  test('shows shop, status and parcel, escaped, in the buyer’s language, with private headers', async () => {
    const res = await page(`/t/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Robots-Tag')).toContain('noindex');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Laden &lt;script&gt;');
    expect(html).toContain('00340434161234567890');
    expect(html).toContain('DHL');
    expect(html).toMatch(/href="https:\/\/[^"]*dhl[^"]*00340434161234567890/);
    expect(html).toContain('Unterwegs');
    expect(html).toContain('23. November 2026');
    expect(html).not.toMatch(/<script|<img/i);
    // The buyer's name and the notes are not on the page at all (a forwarded link leaks nothing).
    // The link's own token is left out: it is random and may contain any of these letters.
    expect(html.replaceAll(token, '')).not.toMatch(/Bcc|note|remark/);
    // No third-party request: the only URL off our origin is the carrier's link.
    expect([...html.matchAll(/(?:href|src)="(https?:[^"]*)"/g)].map((m) => m[1])).toEqual([
      expect.stringMatching(/^https:\/\/www\.dhl\.de\//),
    ]);
    expect(html).toContain('<form method="post"');
  });

  test('GET and HEAD of the confirm link never confirm', async () => {
    expect((await page(`/t/${token}?confirm=1`)).status).toBe(200);
    expect((await page(`/t/${token}?confirm=1`, { method: 'HEAD' })).status).toBe(200);
    expect(await confirmedAt()).toBeNull();
  });

  test('a cross-site POST or one without the page’s token is refused', async () => {
    const form = (body: string, headers: Record<string, string> = {}) =>
      page(`/t/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    expect((await form(`token=${token}`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(
      (await form(`token=${token}`, { Origin: 'https://evil.example', Host: 'trackpack.test' })).status,
    ).toBe(403);
    expect((await form('token=nope')).status).toBe(400);
    expect(await confirmedAt()).toBeNull();
  });

  test('POST confirms, twice is harmless, and the pull brings delivered parcels and the event', async () => {
    const post = () =>
      page(`/t/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
        body: `token=${token}`,
        redirect: 'manual',
      });
    const first = await post();
    expect(first.status).toBe(303);
    expect(first.headers.get('Location')).toBe(`/t/${token}`);
    expect((await post()).status).toBe(303);
    expect(await confirmedAt()).not.toBeNull();

    const pulled = await pull();
    expect(pulled.parcels.find((p) => p.id === parcelId)?.deliveryStatus).toBe('delivered');
    expect(pulled.orders.find((o) => o.id === orderId)?.status).toBe('delivered');
    const confirmations = pulled.events.filter((e) => e.kind === 'confirmed_by_buyer');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]?.orderId).toBe(orderId);
    const html = await (await page(`/t/${token}`)).text();
    expect(html).toContain('Vielen Dank – als erhalten markiert.');
    expect(html).not.toContain('<form');
  });

  test('unknown tokens get a plain 404 with the same private headers; the stylesheet is ours', async () => {
    for (const path of ['/t/' + 'A'.repeat(43), '/t/short', '/t/']) {
      const res = await page(path);
      expect(res.status, path).toBe(404);
      if (path !== '/t/') expect(res.headers.get('X-Robots-Tag')).toContain('noindex');
    }
    const css = await page('/t/assets/buyer.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toContain('text/css');
    expect(await css.text()).not.toMatch(/url\(|@import|https?:/);
  });
});

test('the page is rate limited per client address', async () => {
  const limited = await startTestServer({
    rateLimits: { buyerPagePerClient: { burst: 3, perSecond: 0.001 } },
  });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.fetch(`/t/${'B'.repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const res = await limited.fetch(`/t/${'B'.repeat(43)}`);
    expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(res.headers.get('X-Robots-Tag')).toContain('noindex');
  } finally {
    await limited.close();
  }
}, 30_000);

test('behind a trusted proxy the limit is per client, and a forged header picks no bucket', async () => {
  const limited = await startTestServer({
    rateLimits: { buyerPagePerClient: { burst: 2, perSecond: 0.001 } },
    trustProxyHops: 1,
  });
  const page = (forwardedFor: string) =>
    limited.fetch(`/t/${'B'.repeat(43)}`, { headers: { 'X-Forwarded-For': forwardedFor } });
  try {
    // Two buyers behind the same proxy: separate buckets.
    expect([(await page('203.0.113.7')).status, (await page('203.0.113.7')).status]).toEqual([404, 404]);
    expect((await page('203.0.113.7')).status).toBe(429);
    expect((await page('198.51.100.9')).status).toBe(404);
    // The first buyer writes a header of its own: the proxy appends what it saw, which counts.
    expect((await page('1.2.3.4, 203.0.113.7')).status).toBe(429);
  } finally {
    await limited.close();
  }
}, 30_000);
