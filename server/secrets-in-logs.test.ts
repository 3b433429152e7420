/**
 * Nothing secret in logs or links, against the real app: every log line written while a buyer's
 * page is visited, confirmed and made to fail is searched for the token and the request's body,
 * and buyers' links are built from PUBLIC_URL or from a listed host only, never from a `Host`
 * header an attacker chose.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceCredentials } from '../src/core/protocol/index.ts';
import { createApp } from './app.ts';
import { ensureOrderToken } from './buyer/tokens.ts';
import { allowedHostsOf, DEFAULT_ALLOWED_HOSTS } from './config.ts';
import type { Database } from './db/database.ts';
import {
  createSeller,
  GENEROUS_LIMITS,
  postJson,
  startTestServer,
  type TestServer,
} from './sync/test-support.ts';
import { PROTOCOL_VERSION } from '../src/core/protocol/index.ts';

const now = () => new Date().toISOString();
const ORDER_ID = 'manual:1';

function createOrder(id: number) {
  return {
    id,
    name: 'order.create',
    args: {
      order: {
        id: ORDER_ID,
        source: 'manual',
        externalId: '1',
        orderedAt: now().slice(0, 10),
        buyer: { name: 'Buyer', email: 'buyer@example.com' },
        address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
        lines: [{ quantity: 1 }],
      },
      eventId: `c-${randomUUID()}`,
      at: now(),
    },
    createdAt: now(),
  };
}

function notifyRequest(id: number) {
  return {
    id,
    name: 'notify.request',
    args: {
      notificationId: randomUUID(),
      orderId: ORDER_ID,
      kind: 'shipped',
      channel: 'email',
      eventId: `n-${randomUUID()}`,
      at: now(),
    },
    createdAt: now(),
  };
}

async function pushAt(server: TestServer, base: string, seller: DeviceCredentials, mutations: unknown[]) {
  return postJson(
    async (url, init) => server.app.fetch(new Request(new URL(url, base), init)),
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
    seller.token,
  );
}

describe('the buyer token in logs', () => {
  const lines: string[] = [];
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ log: (l) => lines.push(l), errorLog: (l) => lines.push(l) });
    const seller = await createSeller(server.fetch);
    expect((await pushAt(server, 'http://trackpack.test', seller, [createOrder(1)])).status).toBe(200);
    token = await ensureOrderToken(server.db, seller.sellerId, ORDER_ID);
  }, 60_000);
  afterAll(() => server.close());

  it('is never logged when the page is visited, asked to confirm and confirmed', async () => {
    lines.length = 0;
    expect((await server.fetch(`/t/${token}`)).status).toBe(200);
    expect((await server.fetch(`/t/${token}?confirm=1`)).status).toBe(200);
    expect((await server.fetch(`/t/${token}`, { method: 'HEAD' })).status).toBe(200);
    const confirmed = await server.fetch(`/t/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: `token=${token}`,
    });
    expect(confirmed.status).toBe(303);
    expect((await server.fetch(`/t/${token}/deeper`)).status).toBe(404);

    const logged = lines.map((l) => JSON.parse(l) as { path: string; status: number });
    expect(logged.map((l) => [l.path, l.status])).toEqual([
      ['/t/[token]', 200],
      ['/t/[token]', 200],
      ['/t/[token]', 200],
      ['/t/[token]', 303],
      ['/t/[token]', 404],
    ]);
    for (const line of lines) expect(line).not.toContain(token);
  });

  it('is never logged when the page fails, nor the body or the error message', async () => {
    const failing: Database = {
      ...server.db,
      kind: server.db.kind,
      query: async () => {
        // PostgreSQL quotes the refused value in its message; a log must not pass it on.
        throw Object.assign(new Error(`invalid input syntax: "${token}" (secret-body-value)`), {
          code: '22P02',
        });
      },
    };
    const failed: string[] = [];
    const app = createApp({
      db: failing,
      distDir: path.join(server.dir, 'no-dist'),
      version: 'test',
      log: (l) => failed.push(l),
      errorLog: (l) => failed.push(l),
      rateLimits: GENEROUS_LIMITS,
      allowedHosts: ['trackpack.test'],
    });
    const get = await app.fetch(new Request(`http://trackpack.test/t/${token}`));
    const post = await app.fetch(
      new Request(`http://trackpack.test/t/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${token}&note=secret-body-value`,
      }),
    );
    const api = await app.fetch(
      new Request('http://trackpack.test/api/health', { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect([get.status, post.status, api.status]).toEqual([500, 500, 500]);
    const errors = failed.filter((l) => (JSON.parse(l) as { msg: string }).msg === 'request failed');
    expect(errors).toHaveLength(3);
    expect(JSON.parse(errors[0] ?? '{}')).toMatchObject({
      path: '/t/[token]',
      error: 'Error',
      code: '22P02',
    });
    for (const line of failed) {
      expect(line).not.toContain(token);
      expect(line).not.toContain('secret-body-value');
    }
  });
});

describe('device tokens and pairing codes', () => {
  it('are in no table and no log line in clear, only their hashes', async () => {
    const lines: string[] = [];
    const server = await startTestServer({ log: (l) => lines.push(l), errorLog: (l) => lines.push(l) });
    try {
      const first = await createSeller(server.fetch);
      const codeRes = await postJson(server.fetch, '/api/devices/pairing', {}, first.token);
      const { code } = (await codeRes.json()) as { code: string };
      const paired = await postJson(server.fetch, '/api/devices/pair', {
        code,
        deviceId: randomUUID(),
        deviceName: 'second',
      });
      const second = (await paired.json()) as DeviceCredentials;
      expect(paired.status).toBe(201);

      const secrets = [first.token, second.token, code, code.replace('-', '')];
      const tables = await server.db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.length).toBeGreaterThan(5);
      for (const { table_name } of tables) {
        const rows = await server.db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
        for (const { row } of rows) for (const secret of secrets) expect(row).not.toContain(secret);
      }
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('buyer links and the Host header', () => {
  let server: TestServer;
  let seller: DeviceCredentials;
  beforeAll(async () => {
    server = await startTestServer({ notifications: {} });
    seller = await createSeller(server.fetch);
  }, 60_000);
  afterAll(() => server.close());

  const queuedBodies = async () =>
    (
      await server.db.query<{ body_text: string }>(
        'SELECT body_text FROM notifications WHERE seller_id = $1',
        [seller.sellerId],
      )
    ).map((r) => r.body_text);

  it('a foreign Host without PUBLIC_URL is refused and builds no link', async () => {
    for (const base of ['http://evil.example', 'http://trackpack.test.evil.example', 'http://127.0.0.2']) {
      const res = await pushAt(server, base, seller, [createOrder(1), notifyRequest(2)]);
      expect(res.status).toBe(421);
      expect((await server.app.fetch(new Request(`${base}/t/${'a'.repeat(43)}`))).status).toBe(421);
    }
    expect(await queuedBodies()).toEqual([]);
  });

  it('a listed host builds links on itself', async () => {
    const res = await pushAt(server, 'http://trackpack.test', seller, [createOrder(1), notifyRequest(2)]);
    expect(res.status).toBe(200);
    const bodies = await queuedBodies();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(/http:\/\/trackpack\.test\/t\/[A-Za-z0-9_-]{43}/);
  });

  it('with PUBLIC_URL any Host is served, and links use PUBLIC_URL only', async () => {
    const withUrl = await startTestServer({ notifications: {}, publicUrl: 'https://track.example' });
    try {
      const other = await createSeller(withUrl.fetch);
      const res = await pushAt(withUrl, 'http://evil.example', other, [createOrder(1), notifyRequest(2)]);
      expect(res.status).toBe(200);
      const [row] = await withUrl.db.query<{ body_text: string }>('SELECT body_text FROM notifications');
      expect(row?.body_text).toMatch(/https:\/\/track\.example\/t\/[A-Za-z0-9_-]{43}/);
      expect(row?.body_text).not.toContain('evil.example');
    } finally {
      await withUrl.close();
    }
  }, 60_000);
});

describe('ALLOWED_HOSTS', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, [...DEFAULT_ALLOWED_HOSTS]],
    ['', [...DEFAULT_ALLOWED_HOSTS]],
    ['Shop.Example, 192.168.1.5', ['shop.example', '192.168.1.5']],
    ['::1, [fe80::1]', ['[::1]', '[fe80::1]']],
  ])('%s -> %s', (raw, expected) => {
    expect(allowedHostsOf(raw)).toEqual(expected);
  });

  it.each(['shop.example:8080', 'http://shop.example', 'shop.example/path', 'user@shop.example', 'a b'])(
    'refuses %s',
    (raw) => {
      expect(() => allowedHostsOf(raw)).toThrow(/ALLOWED_HOSTS/);
    },
  );
});
