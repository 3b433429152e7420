/**
 * Providers per carrier on a real server: with `dhl:dhl,default:17track`, a pushed DHL parcel is
 * asked about at DHL and registered nowhere else, every other parcel (also one without a carrier)
 * goes to 17TRACK, and each provider keeps its own webhook route.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PROTOCOL_VERSION, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';
import { readTrackingSettings, trackingProvidersOf } from './config.ts';
import type { FetchFn } from './provider.ts';

const DHL_NUMBER = '00340434161234567890';
const UPS_NUMBER = '1Z999AA10123456784';
const UNKNOWN_CARRIER_NUMBER = 'LX123456785DE';

let server: TestServer;
let seller: DeviceCredentials;
const dhlAsked: string[] = [];
const seventeenRegistered: string[] = [];

const fakeFetch: FetchFn = (url, init) => {
  if (url.startsWith('http://dhl.test/')) {
    dhlAsked.push(new URL(url).searchParams.get('trackingNumber') ?? '');
    const body = { shipments: [{ id: 'x', status: { statusCode: 'transit', status: 'In transit' } }] };
    return Promise.resolve(Response.json(body));
  }
  const items = JSON.parse(String(init.body)) as { number: string }[];
  seventeenRegistered.push(...items.map((i) => i.number));
  return Promise.resolve(Response.json({ code: 0, data: { accepted: items, rejected: [] } }));
};

beforeAll(async () => {
  const settings = readTrackingSettings({
    TRACKING_PROVIDERS: 'dhl:dhl,default:17track',
    TRACKING_PROVIDER_KEY_DHL: 'dhl-key',
    TRACKING_PROVIDER_KEY_17TRACK: '17-key',
    DHL_TRACKING_API_ORIGIN: 'http://dhl.test',
  });
  if (settings === null) throw new Error('no tracking settings');
  server = await startTestServer({
    trackingProviders: (db) => trackingProvidersOf(settings, { db, fetch: fakeFetch }),
  });
  seller = await createSeller(server.fetch);
}, 60_000);
afterAll(async () => server?.close());

test('each parcel goes to the provider of its carrier', async () => {
  const AT = new Date().toISOString();
  const orderId = 'shopify:R-1';
  let id = 0;
  const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: AT });
  const parcel = (trackingNumber: string, carrierId?: string) =>
    wire('parcel.upsert', {
      parcel: {
        id: randomUUID(),
        orderId,
        trackingNumber,
        ...(carrierId !== undefined && { carrierId }),
        shippedAt: AT.slice(0, 10),
        deliveryStatus: 'pending',
        updatedAt: AT,
      },
      eventId: randomUUID(),
      at: AT,
    });
  const mutations = [
    wire('orders.import', {
      eventId: randomUUID(),
      fileName: 'o.csv',
      part: 1,
      orders: [
        {
          id: orderId,
          source: 'shopify',
          externalId: 'R-1',
          orderedAt: AT.slice(0, 10),
          buyer: { name: 'Ann' },
          address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
          lines: [],
        },
      ],
    }),
    parcel(DHL_NUMBER, 'dhl-paket'),
    parcel(UPS_NUMBER, 'ups'),
    parcel(UNKNOWN_CARRIER_NUMBER),
  ];
  const res = await postJson(
    server.fetch,
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
    seller.token,
  );
  expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);

  expect(await server.tracking!.runOnce()).toMatchObject({ registered: 3, failed: 0 });
  expect(dhlAsked).toEqual([DHL_NUMBER]);
  expect(seventeenRegistered.sort()).toEqual([UNKNOWN_CARRIER_NUMBER, UPS_NUMBER].sort());
  const rows = await server.db.query<{ provider: string; tracking_number: string }>(
    'SELECT provider, tracking_number FROM tracking_registrations ORDER BY provider, tracking_number',
  );
  expect(rows).toEqual([
    { provider: '17track', tracking_number: UPS_NUMBER },
    { provider: '17track', tracking_number: UNKNOWN_CARRIER_NUMBER },
    { provider: 'dhl', tracking_number: DHL_NUMBER },
  ]);
});

test('each provider has its own webhook route, and an unsigned call changes nothing', async () => {
  for (const provider of ['17track', 'dhl']) {
    const res = await server.fetch(`/api/tracking/${provider}/webhook`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  }
  expect((await server.fetch('/api/tracking/aftership/webhook', { method: 'POST', body: '{}' })).status).toBe(
    404,
  );
});
