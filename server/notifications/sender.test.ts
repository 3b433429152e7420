/**
 * The sender against a real SMTP server (smtp-server on 127.0.0.1, a random port): what arrives,
 * how often, and what happens when the server refuses, is down, or the sender dies mid-send.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { claimNext, LEASE_EXPIRED_REASON, markSent, recoverExpired } from './queue.ts';
import { createNotificationService, type EnqueueRequest, type NotificationService } from './service.ts';
import type { NotificationConfig } from './config.ts';
import type { Transports } from './transport.ts';
import {
  addSeller,
  decodeHeader,
  openTestDb,
  parseMessage,
  shippedOrder,
  testConfig,
  type TestDb,
} from './test-support.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let t: TestDb;
let smtp: SMTPServer;
let smtpPort: number;
let received: Received[] = [];
/** Set by a test to make the server refuse: a reply code for RCPT TO. */
let refuseWith: number | null = null;

beforeAll(async () => {
  t = await openTestDb();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (refuseWith === null) return callback();
      const error = Object.assign(new Error(`refused ${address.address}`), { responseCode: refuseWith });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Ok: queued as TEST123');
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(resolve));
  await t.close();
});

const services: NotificationService[] = [];
function service(overrides: Partial<NotificationConfig> = {}, transports?: Transports): NotificationService {
  const created = createNotificationService({
    db: t.db,
    config: testConfig(t.dir, { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, ...overrides }),
    log: () => undefined,
    ...(transports !== undefined && { transports }),
  });
  services.push(created);
  return created;
}

beforeEach(async () => {
  received = [];
  refuseWith = null;
  await t.db.query('DELETE FROM notifications');
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});

function shippedRequest(overrides: Partial<EnqueueRequest> = {}): EnqueueRequest {
  const { order, parcels } = shippedOrder();
  return {
    sellerId: t.sellerId,
    order,
    parcels,
    kind: 'shipped',
    channel: 'email',
    shop: { name: 'Kleiner Laden', replyTo: 'hallo@kleiner-laden.example' },
    links: { trackingPage: 'https://trackpack.example/t/abc', confirm: 'https://trackpack.example/c/xyz' },
    ...overrides,
  };
}

async function statusOf(id: string) {
  const [row] = await t.db.query<{
    status: string;
    attempts: number;
    last_error: string | null;
    provider_message_id: string | null;
    sent_at: Date | null;
    due_at: Date;
    wait_reason: string | null;
  }>(
    'SELECT status, attempts, last_error, provider_message_id, sent_at, due_at, wait_reason FROM notifications WHERE id = $1',
    [id],
  );
  if (row === undefined) throw new Error(`no notification ${id}`);
  return row;
}

describe('sending through SMTP', () => {
  it('sends a shipped order as exactly one e-mail with the parcel and order links', async () => {
    const sender = service();
    const queued = await sender.enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);

    expect(await sender.runOnce()).toMatchObject({ sent: 1, retried: 0, failed: 0, needsReview: 0 });
    expect(await sender.runOnce()).toMatchObject({ sent: 0 });
    expect(received).toHaveLength(1);

    const mail = received[0]!;
    expect(mail.from).toBe('notify@trackpack.test');
    expect(mail.to).toEqual(['juergen@example.de']);
    const message = parseMessage(mail.raw);
    expect(message.headers.get('message-id')).toEqual([`<${queued.id}@trackpack>`]);
    expect(decodeHeader(message.headers.get('subject')?.[0] ?? '')).toBe(
      'Ihre Bestellung #4711 ist unterwegs',
    );
    expect(decodeHeader(message.headers.get('from')?.[0] ?? '')).toBe(
      'Kleiner Laden <notify@trackpack.test>',
    );
    expect(message.headers.get('reply-to')).toEqual(['hallo@kleiner-laden.example']);
    expect(message.headers.get('auto-submitted')).toEqual(['auto-generated']);
    expect(message.decoded).toContain(
      'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890',
    );
    expect(message.decoded).toContain('https://trackpack.example/t/abc');
    expect(message.decoded).toContain('<a href="https://trackpack.example/c/xyz">');
    expect(message.decoded).toContain('DHL Paket / Deutsche Post: 00340434161234567890');

    const row = await statusOf(queued.id);
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.provider_message_id).toContain('queued as TEST123');
    expect((await sender.get(t.sellerId, queued.id))?.status).toBe('sent');
  });

  it('queues a repeated request with the same id once', async () => {
    const sender = service();
    const id = randomUUID();
    expect(await sender.enqueue(shippedRequest({ id }))).toEqual({ ok: true, id, created: true });
    expect(await sender.enqueue(shippedRequest({ id }))).toEqual({ ok: true, id, created: false });
    const other = await addSeller(t.db, 'Someone else');
    expect(await sender.enqueue(shippedRequest({ id, sellerId: other }))).toEqual({
      ok: false,
      reason: 'id_taken',
    });
    await sender.runOnce();
    expect(received).toHaveLength(1);
  });

  it('refuses an order without a usable address instead of queueing it', async () => {
    const sender = service();
    const { order } = shippedOrder({
      buyer: { name: 'Eve', email: 'eve@example.com\r\nBcc: x@evil.example' },
    });
    expect(await sender.enqueue(shippedRequest({ order }))).toEqual({ ok: false, reason: 'no_recipient' });
    const noMail = shippedOrder({ buyer: { name: 'Eve' } }).order;
    expect(await sender.enqueue(shippedRequest({ order: noMail }))).toEqual({
      ok: false,
      reason: 'no_recipient',
    });
  });

  it('lets no header or script through a hostile buyer name or order number', async () => {
    const sender = service();
    const { order, parcels } = shippedOrder({
      externalId: '#1\r\nBcc: y@evil.example',
      buyer: { name: 'Eve\r\nBcc: x@evil.example', email: 'eve@example.com' },
      notes: '<script>alert(1)</script>',
    });
    const queued = await sender.enqueue(
      shippedRequest({
        order,
        parcels: parcels.map((p) => ({ ...p, trackingUrl: 'javascript:alert(1)' })),
        shop: {
          name: '<script>alert(1)</script>\r\nX-Evil: 1',
          replyTo: 'a@b.example\r\nBcc: z@evil.example',
        },
        links: { trackingPage: 'javascript:alert(1)' },
        template: {
          subject: 'Hi {{buyer.name}}, order {{order.id}}',
          body: 'Hi {{buyer.name}} {{shop.name}}\n\n{{parcels}}\n\n{{tracking.page}}',
          sms: 'x',
        },
      }),
    );
    if (!queued.ok) throw new Error(queued.reason);
    await sender.runOnce();

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(['eve@example.com']);
    const message = parseMessage(mail.raw);
    // Every header line starts with a known name; none was smuggled in.
    expect([...message.headers.keys()].filter((name) => name === 'bcc' || name === 'x-evil')).toEqual([]);
    expect(message.head).not.toMatch(/^(bcc|x-evil):/im);
    expect(message.headers.get('reply-to')).toBeUndefined();
    expect(decodeHeader(message.headers.get('subject')?.[0] ?? '')).toBe(
      'Hi Eve Bcc: x@evil.example, order #1 Bcc: y@evil.example',
    );
    expect(message.decoded).not.toMatch(/javascript:/i);
    // The plain-text part shows the name as typed (inert there); the HTML part escapes it.
    const html = message.decoded.slice(message.decoded.indexOf('<!doctype html>'));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('when things go wrong', () => {
  it('retries a temporary refusal later with backoff, and gives up a permanent one', async () => {
    const sender = service({ backoffBaseMs: 60_000 });
    refuseWith = 450;
    const temporary = await sender.enqueue(shippedRequest());
    if (!temporary.ok) throw new Error(temporary.reason);
    expect(await sender.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    const row = await statusOf(temporary.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('450');
    const delay = new Date(row.due_at).getTime() - Date.now();
    expect(delay).toBeGreaterThan(50_000);
    expect(delay).toBeLessThanOrEqual(61_000);

    refuseWith = 550;
    await t.db.query('UPDATE notifications SET due_at = now()');
    expect(await sender.runOnce()).toMatchObject({ failed: 1 });
    expect(await statusOf(temporary.id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(received).toHaveLength(0);
  });

  it('gives up after the last attempt', async () => {
    const sender = service({ maxAttempts: 2, backoffBaseMs: 1 });
    refuseWith = 421;
    const queued = await sender.enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);
    await sender.runOnce();
    // The backoff has passed (moved back in time here).
    await t.db.query('UPDATE notifications SET due_at = now()');
    await sender.runOnce();
    expect(await statusOf(queued.id)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const sender = service({ smtpUrl: 'smtp://127.0.0.1:1' });
    const queued = await sender.enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);
    expect(await sender.runOnce()).toMatchObject({ retried: 1 });
    expect(await statusOf(queued.id)).toMatchObject({ status: 'queued', attempts: 1 });
  });

  it('does not send again what a dead sender had claimed: the row goes to review', async () => {
    const queued = await service().enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);
    // A sender claims the row and dies before recording anything.
    const claimed = await claimNext(t.db, 'dead-worker', {
      maxPerSellerPerHour: 100,
      maxPerRecipientPerDay: 100,
      leaseMs: 60_000,
    });
    expect(claimed?.id).toBe(queued.id);
    // A new sender that starts before the lease runs out leaves the row alone ...
    const restarted = service();
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, recovered: 0 });
    expect((await statusOf(queued.id)).status).toBe('sending');
    // ... and after it (moved back in time here), reports it for review instead of sending it a
    // second time.
    await t.db.query(`UPDATE notifications SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      queued.id,
    ]);
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, recovered: 1 });
    expect(await statusOf(queued.id)).toMatchObject({
      status: 'needs_review',
      last_error: LEASE_EXPIRED_REASON,
    });
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, recovered: 0 });
    expect(received).toHaveLength(0);

    // The seller decides: send again (same Message-ID), and it goes out once.
    expect(await restarted.review(t.sellerId, queued.id, 'send_again')).toBe(true);
    expect(await restarted.runOnce()).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(1);
    expect(parseMessage(received[0]!.raw).headers.get('message-id')).toEqual([`<${queued.id}@trackpack>`]);
  });

  it('marks a send whose answer never came for review, not for retry', async () => {
    const hanging: Transports = {
      email: { name: 'hanging', send: () => new Promise(() => undefined) },
      sms: { name: 'hanging', send: () => new Promise(() => undefined) },
    };
    const sender = service({ sendTimeoutMs: 50, leaseMs: 5_000 }, hanging);
    const queued = await sender.enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);
    expect(await sender.runOnce()).toMatchObject({ needsReview: 1 });
    expect((await statusOf(queued.id)).status).toBe('needs_review');
  });

  it('lets a stalled sender whose lease ran out still record what really happened', async () => {
    const queued = await service().enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);
    const limits = { maxPerSellerPerHour: 100, maxPerRecipientPerDay: 100, leaseMs: 60_000 };
    await claimNext(t.db, 'stalled-worker', limits);
    await t.db.query(`UPDATE notifications SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      queued.id,
    ]);
    expect(await recoverExpired(t.db)).toEqual([queued.id]);
    // Another worker can't record for it; the one that held the claim can.
    expect(await markSent(t.db, queued.id, 'someone-else', 'x')).toBe(false);
    expect(await markSent(t.db, queued.id, 'stalled-worker', 'provider-42')).toBe(true);
    expect(await statusOf(queued.id)).toMatchObject({ status: 'sent', provider_message_id: 'provider-42' });
  });
});

describe('caps', () => {
  it('holds back a message over the per-recipient cap until the day has passed', async () => {
    const sender = service({ maxPerRecipientPerDay: 1 });
    const first = await sender.enqueue(shippedRequest());
    const second = await sender.enqueue(shippedRequest({ kind: 'delivered' }));
    if (!first.ok || !second.ok) throw new Error('not queued');
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    const held = await statusOf(second.id);
    expect(held).toMatchObject({ status: 'queued', attempts: 0 });
    expect(held.wait_reason).toContain('recipient limit');
    const wait = new Date(held.due_at).getTime() - Date.now();
    expect(wait).toBeGreaterThan(23 * 3_600_000);
    expect(received).toHaveLength(1);

    // A day later (moved back in time here) it goes out.
    await t.db.query(
      `UPDATE notifications SET claimed_at = claimed_at - interval '25 hours', due_at = now()`,
    );
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(2);
  });

  it('holds back a seller over the hourly cap, without blocking other sellers', async () => {
    const sender = service({ maxPerSellerPerHour: 2 });
    const other = await addSeller(t.db, 'Other shop');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const { order, parcels } = shippedOrder({
        externalId: `#${n}`,
        buyer: { name: 'B', email: `b${n}@example.com` },
      });
      const queued = await sender.enqueue(shippedRequest({ order, parcels }));
      if (queued.ok) ids.push(queued.id);
    }
    const fromOther = await sender.enqueue(shippedRequest({ sellerId: other }));
    expect(await sender.runOnce()).toMatchObject({ sent: 3 });
    const held = await statusOf(ids[2]!);
    expect(held.status).toBe('queued');
    expect(held.wait_reason).toContain('seller limit');
    expect(fromOther.ok && (await statusOf(fromOther.id)).status).toBe('sent');
  });
});

describe('the loop', () => {
  it('sends what is enqueued while running and finishes the send in flight on stop', async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const sent: string[] = [];
    const slow: Transports = {
      email: {
        name: 'slow',
        async send(email) {
          started();
          await answered;
          sent.push(email.id);
          return { outcome: 'sent', providerId: 'slow-1' };
        },
      },
      sms: { name: 'unused', send: () => Promise.resolve({ outcome: 'failed', reason: 'unused' }) },
    };
    const sender = service({}, slow);
    sender.start();
    const queued = await sender.enqueue(shippedRequest());
    if (!queued.ok) throw new Error(queued.reason);
    await inFlight;
    // Stop is asked while the send is in flight; it waits for the answer and its record.
    const stopped = sender.stop();
    answer();
    await stopped;
    expect(sent).toEqual([queued.id]);
    expect((await statusOf(queued.id)).status).toBe('sent');
  });
});
