/**
 * Contract of the DHL Shipment Tracking - Unified adapter against a local fake of the API that
 * answers with the documented response shapes (`test/fixtures/tracking-provider/dhl/`): the key
 * header, status mapping, 404 as "no information", 401 and 429 as failed calls, spacing and the
 * pause after a 429, the origin from the environment, and the whole way from a pushed DHL parcel
 * to the seller's devices, with "expired" 30 days after shipping.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays } from '../../src/core/orders/date-range.ts';
import type { DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';
import { dhlUnified } from './dhl-unified.ts';
import { trackingProviderFrom } from './index.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tracking-provider', 'dhl');
const STATUS: Record<string, number> = { 'not-found': 404, 'too-many': 429, unauthorized: 401 };
const KEY = 'test-dhl-key';

/** The fake API: which fixture each number answers with, and every request it got. */
const answers = new Map<string, string>();
const requests: { path: string; key: string | undefined }[] = [];
let fake: Server;
let origin = '';

beforeAll(async () => {
  fake = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ path: url.pathname, key: req.headers['dhl-api-key'] as string | undefined });
    const number = url.searchParams.get('trackingNumber') ?? '';
    const name = answers.get(number) ?? 'not-found';
    const status = url.pathname === '/track/shipments' ? (STATUS[name] ?? 200) : 404;
    res.writeHead(status, {
      'Content-Type': status === 200 ? 'application/json' : 'application/problem+json',
      ...(status === 429 ? { 'Retry-After': '30' } : {}),
    });
    res.end(readFileSync(path.join(FIXTURES, `${name}.json`)));
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => fake.close(() => resolve())));

/** An adapter on a fake clock: no real waiting, and the waits it asked for are kept. */
function adapter() {
  let clock = 1_000_000;
  const waits: number[] = [];
  const dhl = dhlUnified({
    key: KEY,
    origin,
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  });
  return { dhl, waits, advance: (ms: number) => (clock += ms) };
}

describe('answers', () => {
  test.each([
    ['pre-transit', 'info_received', undefined],
    ['transit', 'in_transit', '2026-11-23'],
    ['delivered', 'delivered', undefined],
    ['failure', 'exception', undefined],
    ['not-found', 'pending', undefined],
  ])('%s is %s', async (fixture, status, expectedAt) => {
    const number = `N-${fixture}`;
    answers.set(number, fixture);
    const call = await adapter().dhl.register([{ number, tag: 't' }]);
    expect(call.ok).toBe(true);
    if (!call.ok) return;
    expect(call.answer.accepted).toEqual([number]);
    expect(call.answer.updates).toHaveLength(1);
    expect(call.answer.updates?.[0]).toMatchObject({ number, status });
    expect(call.answer.updates?.[0]?.expectedAt).toBe(expectedAt);
    expect(requests.at(-1)).toEqual({ path: '/track/shipments', key: KEY });
  });

  test('a wrong key is a failed call, to try again later', async () => {
    answers.set('N-401', 'unauthorized');
    expect(await adapter().dhl.retrack([{ number: 'N-401' }])).toEqual({ ok: false, reason: 'HTTP 401' });
  });
});

describe('rate limits', () => {
  test('calls are spaced five seconds apart', async () => {
    answers.set('N-a', 'transit');
    const { dhl, waits } = adapter();
    await dhl.register([{ number: 'N-a', tag: 't' }]);
    await dhl.register([{ number: 'N-a', tag: 't' }]);
    expect(waits).toEqual([5_000]);
  });

  test('after a 429 nothing is sent until Retry-After has passed', async () => {
    answers.set('N-busy', 'too-many');
    answers.set('N-b', 'transit');
    const { dhl, advance } = adapter();
    expect(await dhl.register([{ number: 'N-busy', tag: 't' }])).toEqual({ ok: false, reason: 'HTTP 429' });
    const sent = requests.length;
    expect(await dhl.register([{ number: 'N-b', tag: 't' }])).toEqual({ ok: false, reason: 'rate limited' });
    expect(requests.length).toBe(sent);
    advance(30_000);
    expect((await dhl.register([{ number: 'N-b', tag: 't' }])).ok).toBe(true);
    expect(requests.length).toBe(sent + 1);
  });
});

test('TRACKING_PROVIDER=dhl takes its key and origin from the environment', async () => {
  answers.set('N-env', 'delivered');
  const dhl = trackingProviderFrom({
    TRACKING_PROVIDER: 'dhl',
    TRACKING_PROVIDER_KEY: 'env-key',
    DHL_TRACKING_API_ORIGIN: origin,
  });
  expect(dhl?.name).toBe('dhl');
  const call = await dhl!.register([{ number: 'N-env', tag: 't' }]);
  expect(call.ok && call.answer.updates?.[0]?.status).toBe('delivered');
  expect(requests.at(-1)?.key).toBe('env-key');
});

describe('from a pushed parcel to the seller’s devices', () => {
  let server: TestServer;
  let seller: DeviceCredentials;
  const AT = new Date().toISOString();
  const today = AT.slice(0, 10);
  let id = 0;
  const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: AT });
  const push = async (mutations: unknown[]) =>
    (await (
      await postJson(
        server.fetch,
        '/api/push',
        { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
        seller.token,
      )
    ).json()) as { rejected: unknown[] };
  const pulled = async () =>
    (await (
      await postJson(
        server.fetch,
        '/api/pull',
        { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, cursor: '0' },
        seller.token,
      )
    ).json()) as { parcels: { trackingNumber: string; deliveryStatus: string; expectedAt?: string }[] };
  const statusOf = async (number: string) =>
    (await pulled()).parcels.find((p) => p.trackingNumber === number)?.deliveryStatus;
  const order = (externalId: string) => ({
    id: `shopify:${externalId}`,
    source: 'shopify',
    externalId,
    orderedAt: addDays(today, -45),
    buyer: { name: 'Ann' },
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [],
  });
  const parcel = (externalId: string, trackingNumber: string, carrierId: string, shippedAt: string) =>
    wire('parcel.upsert', {
      parcel: {
        id: randomUUID(),
        orderId: `shopify:${externalId}`,
        trackingNumber,
        carrierId,
        shippedAt,
        deliveryStatus: 'pending',
        updatedAt: AT,
      },
      eventId: randomUUID(),
      at: AT,
    });
  let parcelId = '';

  beforeAll(async () => {
    server = await startTestServer({ trackingProvider: dhlUnified({ key: KEY, origin, minIntervalMs: 0 }) });
    seller = await createSeller(server.fetch);
    answers.set('00340434161234567890', 'transit');
    answers.set('00340434169999999999', 'not-found');
    const imported = wire('orders.import', {
      eventId: randomUUID(),
      fileName: 'o.csv',
      part: 1,
      orders: [order('D-1'), order('D-2'), order('U-1')],
    });
    const first = parcel('D-1', '00340434161234567890', 'dhl-paket', today);
    parcelId = (first.args as { parcel: { id: string } }).parcel.id;
    const rest = [
      parcel('D-2', '00340434169999999999', 'dhl-paket', addDays(today, -40)),
      parcel('U-1', '1Z999AA10123456784', 'ups', today),
    ];
    expect((await push([imported, first, ...rest])).rejected).toEqual([]);
  }, 60_000);
  afterAll(async () => server?.close());

  test('DHL parcels are asked about, others are not; no information 40 days on is expired', async () => {
    const before = requests.length;
    for (let i = 0; i < 3; i++) await server.tracking!.runOnce();
    const asked = requests.slice(before).length;
    expect(asked).toBe(2);
    expect(await statusOf('00340434161234567890')).toBe('in_transit');
    expect(await statusOf('00340434169999999999')).toBe('expired');
    expect(await statusOf('1Z999AA10123456784')).toBe('pending');
    expect(
      (await pulled()).parcels.find((p) => p.trackingNumber === '00340434161234567890')?.expectedAt,
    ).toBe('2026-11-23');
  });

  test('a parcel still on its way is asked about again once its answer is six hours old', async () => {
    expect(await server.tracking!.runOnce()).toMatchObject({ retracked: 0 });
    await server.db.query(`UPDATE tracking_registrations SET updated_at = now() - interval '7 hours'`);
    const before = requests.length;
    expect(await server.tracking!.runOnce()).toMatchObject({ retracked: 1 });
    // Only one of the two: a batch is one number; the next run takes the other.
    expect(await server.tracking!.runOnce()).toMatchObject({ retracked: 1 });
    expect(requests.length - before).toBe(2);
    expect(await server.tracking!.runOnce()).toMatchObject({ retracked: 0 });
  });

  test('Track again asks DHL once more and brings the new status', async () => {
    answers.set('00340434161234567890', 'delivered');
    expect(
      (
        await push([
          wire('parcel.retrack', { parcelId, orderId: 'shopify:D-1', eventId: randomUUID(), at: AT }),
        ])
      ).rejected,
    ).toEqual([]);
    expect(await server.tracking!.runOnce()).toMatchObject({ retracked: 1 });
    expect(await statusOf('00340434161234567890')).toBe('delivered');
  });
});
