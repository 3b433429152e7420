import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROTOCOL_VERSION, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { processPull } from './pull.ts';
import { createSeller, pairDevice, postJson, startTestServer, type TestServer } from './test-support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

const AT = '2026-11-20T10:00:00.000Z';
const fields = (n: number) => ({
  id: `manual:${n}`,
  source: 'manual',
  externalId: String(n),
  orderedAt: '2026-11-20',
  buyer: { name: `Buyer ${n}` },
  address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
  lines: [{ quantity: 1 }],
});
const create = (id: number, n = id) => ({
  id,
  name: 'order.create',
  args: { order: fields(n), eventId: `e-${randomUUID()}`, at: AT },
  createdAt: AT,
});
const note = (id: number, n: number, notes: string) => ({
  id,
  name: 'order.note',
  // Later ids are later edits, so last-writer-wins picks them.
  args: {
    orderId: `manual:${n}`,
    notes,
    eventId: `e-${randomUUID()}`,
    at: new Date(Date.parse(AT) + id * 1000).toISOString(),
  },
  createdAt: AT,
});

/** Sent twice, byte for byte, by the duplicate cases. */
const NOTE_2 = note(2, 1, 'first');

async function push(device: DeviceCredentials, mutations: unknown[], extra: Record<string, unknown> = {}) {
  const res = await postJson(
    server.fetch,
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations, ...extra },
    device.token,
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function pullAll(device: DeviceCredentials) {
  const res = await postJson(
    server.fetch,
    '/api/pull',
    { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, cursor: '0' },
    device.token,
  );
  return (await res.json()) as { orders: { id: string; notes: string }[]; cursor: string };
}

interface Case {
  name: string;
  /** Pushed first, to set the scene. */
  before?: unknown[];
  mutations: unknown[];
  status: number;
  lastMutationId?: number;
  rejectedIds?: number[];
  rejectedCodes?: string[];
  gap?: { expected: number; received: number };
  error?: string;
  /** Override of the request envelope. */
  extra?: (device: DeviceCredentials, other: DeviceCredentials) => Record<string, unknown>;
  /** Notes of order manual:1 afterwards, when the case cares. */
  notes?: string;
}

const cases: Case[] = [
  {
    name: 'in order',
    mutations: [create(1), note(2, 1, 'a')],
    status: 200,
    lastMutationId: 2,
    rejectedIds: [],
    notes: 'a',
  },
  {
    name: 'duplicate: an id at or below the last is skipped',
    before: [create(1), NOTE_2],
    mutations: [NOTE_2, note(3, 1, 'third')],
    status: 200,
    lastMutationId: 3,
    rejectedIds: [],
    notes: 'third',
  },
  {
    name: 'an id at or below the last with another body is refused (id_reused), not skipped',
    before: [create(1), NOTE_2],
    mutations: [note(2, 1, 'resent'), note(3, 1, 'third')],
    status: 200,
    lastMutationId: 3,
    rejectedIds: [2],
    rejectedCodes: ['id_reused'],
    notes: 'third',
  },
  {
    name: 'gap: an id beyond the next is refused, with where to resume',
    before: [create(1)],
    mutations: [note(2, 1, 'two'), note(4, 1, 'four')],
    status: 200,
    lastMutationId: 2,
    gap: { expected: 3, received: 4 },
    notes: 'two',
  },
  {
    name: 'reordered batch: applied in id order',
    mutations: [note(3, 1, 'three'), create(1), note(2, 1, 'two')],
    status: 200,
    lastMutationId: 3,
    rejectedIds: [],
    notes: 'three',
  },
  {
    name: 'poison mutation: rejected with its reason, the queue moves on',
    mutations: [
      create(1),
      { id: 2, name: 'order.note', args: { orderId: 'manual:1', notes: 42 }, createdAt: AT },
      { id: 3, name: 'order.teleport', args: {}, createdAt: AT },
      {
        id: 4,
        name: 'order.transition',
        args: { orderId: 'manual:1', to: 'delivered', eventId: 'x4', at: AT },
        createdAt: AT,
      },
      {
        id: 5,
        name: 'order.note',
        args: { orderId: 'manual:1', notes: 'nul \u0000', eventId: 'x5', at: AT },
        createdAt: AT,
      },
      { id: 6, name: 'sync.oversized', args: { name: 'orders.import', bytes: 9e6 }, createdAt: AT },
      note(7, 1, 'after'),
    ],
    status: 200,
    lastMutationId: 7,
    rejectedIds: [2, 3, 4, 5, 6],
    rejectedCodes: ['invalid_args', 'unknown_mutation', 'not_shipped_yet', 'invalid_args', 'too_large'],
    notes: 'after',
  },
  {
    name: 'a resent rejected mutation reports its rejection again',
    before: [create(1), { id: 2, name: 'order.teleport', args: {}, createdAt: AT }],
    mutations: [{ id: 2, name: 'order.teleport', args: {}, createdAt: AT }],
    status: 200,
    lastMutationId: 2,
    rejectedIds: [2],
  },
  {
    name: 'unknown protocol version',
    mutations: [create(1)],
    extra: () => ({ protocolVersion: PROTOCOL_VERSION + 1 }),
    status: 400,
    error: 'unsupported_protocol',
  },
  {
    name: 'a device id that is not the token’s',
    mutations: [create(1)],
    extra: (_device, other) => ({ deviceId: other.deviceId }),
    status: 403,
    error: 'device_mismatch',
  },
];

describe('push, table-driven', () => {
  test.each(cases)('$name', async (c) => {
    const device = await createSeller(server.fetch);
    const other = await createSeller(server.fetch);
    if (c.before) expect((await push(device, c.before)).status).toBe(200);
    const { status, body } = await push(device, c.mutations, c.extra?.(device, other));
    expect(status).toBe(c.status);
    if (c.error) expect(body['error']).toBe(c.error);
    if (c.lastMutationId !== undefined) expect(body['lastMutationId']).toBe(c.lastMutationId);
    const rejected = (body['rejected'] ?? []) as { id: number; code: string; message: string }[];
    if (c.rejectedIds) expect(rejected.map((r) => r.id)).toEqual(c.rejectedIds);
    if (c.rejectedCodes) expect(rejected.map((r) => r.code)).toEqual(c.rejectedCodes);
    for (const r of rejected) expect(r.message).not.toBe('');
    if (c.gap) expect(body['gap']).toEqual(c.gap);
    else expect(body['gap']).toBeUndefined();
    if (c.notes !== undefined) {
      expect((await pullAll(device)).orders.find((o) => o.id === 'manual:1')?.notes).toBe(c.notes);
    }
  });

  test('a first push may start above 1 (work queued before the device joined)', async () => {
    const device = await createSeller(server.fetch);
    const { body } = await push(device, [create(41), note(42, 41, 'x')]);
    expect(body['lastMutationId']).toBe(42);
    expect((await push(device, [note(44, 41, 'y')])).body['gap']).toEqual({ expected: 43, received: 44 });
  });
});

describe('undo of a status change', () => {
  const transition = (id: number, args: Record<string, unknown>) => ({
    id,
    name: 'order.transition',
    args: { orderId: 'manual:1', at: new Date(Date.parse(AT) + id * 1000).toISOString(), ...args },
    createdAt: AT,
  });
  type Pulled = {
    orders: { id: string; status: string }[];
    events: { id: string; from?: string; to?: string; data?: Record<string, unknown> }[];
  };
  const pulled = async (device: DeviceCredentials) => (await pullAll(device)) as unknown as Pulled;

  test('ship then undo reaches the server and the other device, in one push or two', async () => {
    const device = await createSeller(server.fetch);
    const other = await pairDevice(server.fetch, device);
    const first = await push(device, [
      create(1),
      transition(2, { to: 'ready', eventId: 'ready-1' }),
      transition(3, { to: 'shipped', eventId: 'ship-1', shippedOn: '2026-11-19' }),
    ]);
    expect(first.body['rejected']).toEqual([]);
    // shipped -> ready would be a plain step back; the undo must restore exactly `ready`, and an
    // undo of a bulk "shipped" on a new order (shipped -> new) goes through too, below.
    const second = await push(device, [transition(4, { to: 'ready', eventId: 'undo-1', undoes: 'ship-1' })]);
    expect(second.body['rejected']).toEqual([]);

    const seen = await pulled(other);
    expect(seen.orders.find((o) => o.id === 'manual:1')?.status).toBe('ready');
    expect(seen.events.find((e) => e.id === 'ship-1')?.data?.['shippedOn']).toBe('2026-11-19');
    expect(seen.events.find((e) => e.id === 'undo-1')).toMatchObject({
      from: 'shipped',
      to: 'ready',
      data: { undoes: 'ship-1' },
    });

    // The table refuses shipped -> new; the undo of new -> shipped does not (same push here).
    const fresh = await createSeller(server.fetch);
    const both = await push(fresh, [
      create(1),
      transition(2, { to: 'shipped', eventId: 'ship-2' }),
      transition(3, { to: 'new', eventId: 'undo-2', undoes: 'ship-2' }),
    ]);
    expect(both.body['rejected']).toEqual([]);
    expect((await pulled(fresh)).orders[0]?.status).toBe('new');
  });

  test('an undo after another device moved the order on is refused as undo_stale', async () => {
    const device = await createSeller(server.fetch);
    const other = await pairDevice(server.fetch, device);
    await push(device, [create(1), transition(2, { to: 'shipped', eventId: 'ship-3' })]);
    await push(other, [transition(3, { to: 'delivered', eventId: 'deliver-3' })]);
    const { body } = await push(device, [transition(3, { to: 'new', eventId: 'undo-3', undoes: 'ship-3' })]);
    expect((body['rejected'] as { id: number; code: string }[]).map((r) => [r.id, r.code])).toEqual([
      [3, 'undo_stale'],
    ]);
    expect((await pulled(device)).orders[0]?.status).toBe('delivered');
  });
});

describe('pull', () => {
  test('pages in sequence order past digit boundaries, each change once, and stop', async () => {
    const device = await createSeller(server.fetch);
    await push(
      device,
      Array.from({ length: 30 }, (_, i) => create(i + 1)),
    );
    const seen = new Set<string>();
    let cursor = '0';
    for (let page = 0; page < 100; page++) {
      const result = await processPull(server.db, device.sellerId, cursor, { changes: 7, snapshot: 7 });
      for (const o of result.orders) seen.add(o.id);
      if (!result.snapshot) expect(BigInt(result.cursor) >= BigInt(cursor)).toBe(true);
      cursor = result.cursor;
      if (!result.more) break;
    }
    expect(seen.size).toBe(30);
    expect((await processPull(server.db, device.sellerId, cursor)).orders).toEqual([]);
  });
});

describe('sellers are apart', () => {
  test('a device of another seller can neither read nor change this seller’s orders', async () => {
    const mine = await createSeller(server.fetch, 'Mine');
    const theirs = await createSeller(server.fetch, 'Theirs');
    await push(mine, [create(1), note(2, 1, 'private')]);

    const { body } = await push(theirs, [note(1, 1, 'overwritten?')]);
    expect((body['rejected'] as { code: string }[]).map((r) => r.code)).toEqual(['order_unknown']);
    expect((await pullAll(theirs)).orders).toEqual([]);
    expect((await pullAll(mine)).orders[0]?.notes).toBe('private');

    // Nor see, nor revoke, its devices.
    const list = await server.fetch('/api/devices', { headers: { Authorization: `Bearer ${theirs.token}` } });
    const ids = ((await list.json()) as { devices: { id: string }[] }).devices.map((d) => d.id);
    expect(ids).toEqual([theirs.deviceId]);
    const revoke = await server.fetch(`/api/devices/${mine.deviceId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${theirs.token}` },
    });
    expect(revoke.status).toBe(404);
    expect((await push(mine, [note(3, 1, 'still mine')])).status).toBe(200);
  });

  test('a revoked token is refused everywhere', async () => {
    const first = await createSeller(server.fetch);
    const second = await pairDevice(server.fetch, first);
    // A third device stays, so revoking the second needs no recovery code.
    await pairDevice(server.fetch, first, 'third');
    const revoke = await server.fetch(`/api/devices/${second.deviceId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${first.token}` },
    });
    expect(revoke.status).toBe(204);
    expect((await push(second, [create(1)])).status).toBe(401);
    const pull = await postJson(
      server.fetch,
      '/api/pull',
      { protocolVersion: PROTOCOL_VERSION, deviceId: second.deviceId, cursor: '0' },
      second.token,
    );
    expect(pull.status).toBe(401);
    expect((await push(first, [create(1)])).status).toBe(200);
  });

  test('no token, a wrong token', async () => {
    const res = await postJson(server.fetch, '/api/push', {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: randomUUID(),
      mutations: [],
    });
    expect(res.status).toBe(401);
    const wrong = await postJson(
      server.fetch,
      '/api/pull',
      { protocolVersion: PROTOCOL_VERSION, deviceId: randomUUID(), cursor: '0' },
      'tpd_' + 'x'.repeat(43),
    );
    expect(wrong.status).toBe(401);
  });
});

describe('pairing', () => {
  test('a code works once, ignores case and dashes, and pairs into the same seller', async () => {
    const first = await createSeller(server.fetch, 'Pair shop');
    const codeRes = await postJson(server.fetch, '/api/devices/pairing', {}, first.token);
    const { code, url } = (await codeRes.json()) as { code: string; url: string };
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(url).toBe(`/pair?code=${code}`);
    const claim = (c: string) =>
      postJson(server.fetch, '/api/devices/pair', { code: c, deviceId: randomUUID(), deviceName: 'phone' });
    const ok = await claim(code.toLowerCase().replace('-', ' '));
    expect(ok.status).toBe(201);
    const creds = (await ok.json()) as DeviceCredentials;
    expect(creds.sellerId).toBe(first.sellerId);
    expect(creds.shopName).toBe('Pair shop');
    expect((await claim(code)).status).toBe(404);
  });

  test('an expired code is refused', async () => {
    const first = await createSeller(server.fetch);
    const { code } = (await (
      await postJson(server.fetch, '/api/devices/pairing', {}, first.token)
    ).json()) as { code: string };
    await server.db.query(
      `UPDATE pairing_codes SET expires_at = now() - interval '1 second' WHERE seller_id = $1`,
      [first.sellerId],
    );
    const res = await postJson(server.fetch, '/api/devices/pair', {
      code,
      deviceId: randomUUID(),
      deviceName: 'late',
    });
    expect(res.status).toBe(404);
  });

  test('tokens are stored hashed, never in clear', async () => {
    const first = await createSeller(server.fetch);
    expect(first.token.length).toBeGreaterThanOrEqual(40);
    const rows = await server.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM devices WHERE id = $1',
      [first.deviceId],
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(first.token);
  });
});

describe('rate limits', () => {
  test('claims are limited per client, and a device is limited by its bucket', async () => {
    const limited = await startTestServer({
      rateLimits: {
        anonymousPerClient: { burst: 3, perSecond: 0.001 },
        device: { burst: 5, perSecond: 0.001 },
      },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await postJson(limited.fetch, '/api/devices/pair', {
          code: 'AAAAA-AAAAA',
          deviceId: randomUUID(),
          deviceName: 'x',
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);

      const own = await startTestServer({ rateLimits: { device: { burst: 3, perSecond: 0.001 } } });
      try {
        const device = await createSeller(own.fetch);
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await own.fetch('/api/devices', {
            headers: { Authorization: `Bearer ${device.token}` },
          });
          codes.push(res.status);
          if (res.status === 429) expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
        }
        expect(codes).toEqual([200, 200, 200, 429, 429]);
      } finally {
        await own.close();
      }
    } finally {
      await limited.close();
    }
  }, 60_000);
});

describe('request log', () => {
  test('one JSON line per request with the device id and never the token', async () => {
    const lines: string[] = [];
    const logged = await startTestServer({ log: (line) => lines.push(line) });
    try {
      const device = await createSeller(logged.fetch);
      await logged.fetch('/api/devices', { headers: { Authorization: `Bearer ${device.token}` } });
      expect(lines).toHaveLength(2);
      const last = JSON.parse(lines[1] ?? '{}') as Record<string, unknown>;
      expect(last).toMatchObject({
        method: 'GET',
        path: '/api/devices',
        status: 200,
        device: device.deviceId,
      });
      expect(typeof last['ms']).toBe('number');
      for (const line of lines) expect(line).not.toContain(device.token);
    } finally {
      await logged.close();
    }
  }, 60_000);
});
