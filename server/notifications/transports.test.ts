/**
 * The SMS gateway against a local HTTP receiver, the default file output under DATA_DIR, the
 * SMTP error classification and the configuration.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readNotificationConfig } from './config.ts';
import { createNotificationService, type EnqueueRequest } from './service.ts';
import { smsGatewayTransport } from './sms-gateway.ts';
import { classifySmtpError } from './smtp-transport.ts';
import {
  decodeHeader,
  openTestDb,
  parseMessage,
  shippedOrder,
  testConfig,
  type TestDb,
} from './test-support.ts';

interface Hit {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

let t: TestDb;
let http: Server;
let gateway: string;
let hits: Hit[] = [];
let reply: { status: number; body: string } = { status: 201, body: '{"sid":"SM123"}' };

beforeAll(async () => {
  t = await openTestDb();
  http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  gateway = `http://127.0.0.1:${(http.address() as AddressInfo).port}/2010-04-01/Accounts/AC1/Messages.json`;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await t.close();
});

beforeEach(async () => {
  hits = [];
  reply = { status: 201, body: '{"sid":"SM123"}' };
  await t.db.query('DELETE FROM notifications');
});

function request(overrides: Partial<EnqueueRequest> = {}): EnqueueRequest {
  const { order, parcels } = shippedOrder();
  return {
    sellerId: t.sellerId,
    order,
    parcels,
    kind: 'shipped',
    channel: 'sms',
    // A German shop texting a German buyer: inside the default SMS allow-list.
    shop: { name: 'Kleiner Laden', country: 'DE' },
    ...overrides,
  };
}

describe('SMS through an HTTP gateway', () => {
  it('posts a Twilio-shaped form with basic auth and records the message sid', async () => {
    const sender = createNotificationService({
      db: t.db,
      config: testConfig(t.dir, {
        smsGatewayUrl: gateway,
        smsGatewayToken: 'AC1:secret',
        smsFrom: '+4915100000000',
      }),
      log: () => undefined,
    });
    const queued = await sender.enqueue(request());
    if (!queued.ok) throw new Error(queued.reason);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });

    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.url).toBe('/2010-04-01/Accounts/AC1/Messages.json');
    expect(hit.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(hit.headers.authorization).toBe(`Basic ${Buffer.from('AC1:secret').toString('base64')}`);
    expect(hit.headers['idempotency-key']).toBe(queued.id);
    expect(hit.form.get('To')).toBe('+491711234567');
    expect(hit.form.get('From')).toBe('+4915100000000');
    expect(hit.form.get('Body')).toBe(
      'Kleiner Laden: Ihre Bestellung #4711 ist unterwegs.\n' +
        'DHL Paket / Deutsche Post: 00340434161234567890 ' +
        'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890',
    );
    expect((await sender.get(t.sellerId, queued.id))?.providerMessageId).toBe('SM123');
    await sender.stop();
  });

  it.each([
    ['a bearer token', { token: 'tok-1' }, 'Bearer tok-1'],
    ['credentials in the URL', { inUrl: true }, `Basic ${Buffer.from('AC1:pw').toString('base64')}`],
  ])('authenticates with %s', async (_, how, expected) => {
    const url = 'inUrl' in how ? gateway.replace('http://', 'http://AC1:pw@') : gateway;
    const transport = smsGatewayTransport({
      url,
      timeoutMs: 2_000,
      ...('token' in how && { token: how.token }),
    });
    expect(await transport.send({ id: 'n1', to: '+46701234567', body: 'Hej!' })).toEqual({
      outcome: 'sent',
      providerId: 'SM123',
    });
    expect(hits[0]?.headers.authorization).toBe(expected);
    expect(hits[0]?.form.has('From')).toBe(false);
  });

  it.each([
    [429, 'retry'],
    [503, 'retry'],
    [400, 'failed'],
    [401, 'failed'],
    [500, 'unknown'],
    [502, 'unknown'],
  ] as const)('reads HTTP %i as %s', async (status, outcome) => {
    reply = { status, body: '{"message":"nope"}' };
    const transport = smsGatewayTransport({ url: gateway, timeoutMs: 2_000 });
    expect((await transport.send({ id: 'n1', to: '+46701234567', body: 'Hej!' })).outcome).toBe(outcome);
  });

  it('retries when the gateway cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const transport = smsGatewayTransport({ url: `http://127.0.0.1:${port}/send`, timeoutMs: 2_000 });
    expect((await transport.send({ id: 'n1', to: '+46701234567', body: 'Hej!' })).outcome).toBe('retry');
  });

  it('refuses a national number it cannot complete', async () => {
    const sender = createNotificationService({ db: t.db, config: testConfig(t.dir), log: () => undefined });
    const { order } = shippedOrder({
      buyer: { name: 'X', phone: '171 1234567' },
    });
    expect(await sender.enqueue(request({ order }))).toEqual({ ok: false, reason: 'no_recipient' });
  });
});

describe('the embedded default writes what would go out under DATA_DIR', () => {
  it('writes e-mails as .eml files and text messages as lines in sms.log', async () => {
    const sender = createNotificationService({
      db: t.db,
      config: readNotificationConfig({}, t.dir),
      log: () => undefined,
    });
    const email = await sender.enqueue(request({ channel: 'email', kind: 'preparing' }));
    const sms = await sender.enqueue(request({ channel: 'sms', kind: 'preparing' }));
    if (!email.ok || !sms.ok) throw new Error('not queued');
    expect(await sender.runOnce()).toMatchObject({ sent: 2 });

    const files = await readdir(path.join(t.dir, 'mail'));
    expect(files).toEqual([`${email.id}.eml`]);
    const raw = await readFile(path.join(t.dir, 'mail', `${email.id}.eml`), 'utf8');
    expect(raw).toContain('\r\n');
    const message = parseMessage(raw);
    expect(message.headers.get('message-id')).toEqual([`<${email.id}@trackpack>`]);
    expect(message.headers.get('to')?.[0]).toContain('<juergen@example.de>');
    expect(message.headers.get('from')?.[0]).toContain('<notifications@trackpack.invalid>');
    expect(message.headers.has('date')).toBe(true);
    expect(decodeHeader(message.headers.get('subject')?.[0] ?? '')).toBe(
      'Ihre Bestellung #4711 wird vorbereitet',
    );
    expect(message.decoded).toContain('vielen Dank für Ihre Bestellung #4711 vom 20. November 2026.');

    const lines = (await readFile(path.join(t.dir, 'sms.log'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      id: sms.id,
      to: '+491711234567',
      encoding: 'GSM-7',
      segments: 1,
      body: 'Kleiner Laden: Ihre Bestellung #4711 wird gerade verpackt. Die Sendungsnummer schicken wir Ihnen, sobald sie unterwegs ist.',
    });
    expect((await sender.get(t.sellerId, email.id))?.providerMessageId).toBe(`file:mail/${email.id}.eml`);
    await sender.stop();
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'ECONNECTION', command: 'CONN' }, 'retry'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'failed'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'failed'],
    [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'retry'],
    [{ code: 'EMESSAGE', responseCode: 452, command: 'DATA' }, 'failed'],
    [{ code: 'ETIMEDOUT', command: 'MAIL FROM' }, 'retry'],
    [{ code: 'ETIMEDOUT', command: 'DATA' }, 'unknown'],
    [{ code: 'ESOCKET' }, 'unknown'],
    [new Error('weird'), 'unknown'],
  ])('%j is %s', (error, outcome) => {
    expect(classifySmtpError(error).outcome).toBe(outcome);
  });
});

describe('readNotificationConfig', () => {
  it('uses files and the defaults when nothing is set', () => {
    const config = readNotificationConfig({}, '/data');
    expect(config).toMatchObject({ dataDir: '/data', maxPerSellerPerHour: 200, maxPerRecipientPerDay: 5 });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.smsGatewayUrl).toBeUndefined();
  });

  it('takes the SMTP user as the sender when it is an address', () => {
    expect(
      readNotificationConfig({ SMTP_URL: 'smtps://shop%40example.com:pw@mail.example' }, '/d').mailFrom,
    ).toBe('shop@example.com');
  });

  it('reads the variables', () => {
    const config = readNotificationConfig(
      {
        SMTP_URL: 'smtp://u:p@mail.example:587',
        MAIL_FROM: 'shop@example.com',
        SMS_GATEWAY_URL: 'https://sms.example/send',
        SMS_GATEWAY_TOKEN: 't',
        SMS_FROM: 'Shop',
        NOTIFY_MAX_PER_SELLER_PER_HOUR: '10',
        NOTIFY_MAX_PER_RECIPIENT_PER_DAY: '2',
      },
      '/data',
    );
    expect(config).toMatchObject({
      smtpUrl: 'smtp://u:p@mail.example:587',
      mailFrom: 'shop@example.com',
      smsGatewayUrl: 'https://sms.example/send',
      smsGatewayToken: 't',
      smsFrom: 'Shop',
      maxPerSellerPerHour: 10,
      maxPerRecipientPerDay: 2,
    });
  });

  it.each([
    [{ NOTIFY_MAX_PER_SELLER_PER_HOUR: 'lots' }, /NOTIFY_MAX_PER_SELLER_PER_HOUR/],
    [{ NOTIFY_MAX_PER_RECIPIENT_PER_DAY: '0' }, /NOTIFY_MAX_PER_RECIPIENT_PER_DAY/],
    [{ SMTP_URL: 'mail.example:25' }, /SMTP_URL/],
    [{ SMS_GATEWAY_URL: 'ftp://x' }, /SMS_GATEWAY_URL/],
    [{ MAIL_FROM: 'a@b.example\r\nBcc: x@evil' }, /MAIL_FROM/],
    [{ SMTP_URL: 'smtp://relay.example:25' }, /MAIL_FROM/],
  ])('refuses %j', (env, message) => {
    expect(() => readNotificationConfig(env, '/data')).toThrow(message);
  });
});
