/**
 * Expected delivery on the server, from a seller's history pushed through sync: the learned
 * window on the buyer's page in the buyer's language, nothing learned for a carrier without
 * history, and the carrier's page instead of a status no tracking service has reported.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addWorkingDays } from '../../src/core/delivery-estimate/index.ts';
import { formatDayRange } from '../../src/core/notifications/index.ts';
import type { ParcelId } from '../../src/core/ids.ts';
import type { DeviceCredentials } from '../../src/core/protocol/index.ts';
import { ensureOrderToken } from '../buyer/tokens.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';
import { combinedWindow, expectedDeliveries, type ParcelLike } from './expected-delivery.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

const AT = '2026-11-20T10:00:00.000Z';
// 2026-11-02 is a Monday, 2026-12-04 a Friday.
const HISTORY_SHIPPED = '2026-11-02';
const SHIPPED = '2026-12-04';

let server: TestServer;
let seller: DeviceCredentials;
let id = 0;
const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: AT });

function order(externalId: string, country: string) {
  return {
    id: `shopify:${externalId}`,
    source: 'shopify',
    externalId,
    orderedAt: '2026-11-01',
    buyer: { name: 'Buyer' },
    address: { line1: 'Storgatan 1', zip: '11122', city: 'Stockholm', country },
    lines: [],
  };
}

function parcel(orderId: string, fields: Record<string, unknown>) {
  return wire('parcel.upsert', {
    parcel: { id: randomUUID(), orderId, trackingNumber: `N${id}`, updatedAt: AT, ...fields },
    eventId: randomUUID(),
    at: AT,
  });
}

async function push(mutations: unknown[]) {
  const res = await postJson(
    server.fetch,
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
    seller.token,
  );
  const body = (await res.json()) as { rejected: unknown[] };
  expect(body.rejected).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  seller = await createSeller(server.fetch);
  const history = Array.from({ length: 25 }, (_, i) => order(`H-${i}`, 'SE'));
  await push([wire('orders.import', { eventId: randomUUID(), fileName: 'o.csv', part: 1, orders: history })]);
  // DHL Paket to Sweden: 2 working days for most, 3 for every fifth.
  await push(
    history.map((o, i) =>
      parcel(o.id, {
        carrierId: 'dhl-paket',
        shippedAt: HISTORY_SHIPPED,
        deliveryStatus: 'delivered',
        updatedAt: `${addWorkingDays(HISTORY_SHIPPED, i % 5 === 0 ? 3 : 2, 'SE')}T15:00:00.000Z`,
      }),
    ),
  );
  await push([
    wire('orders.import', {
      eventId: randomUUID(),
      fileName: 'o2.csv',
      part: 1,
      orders: [order('NOW-1', 'SE'), order('NOW-2', 'SE')],
    }),
    parcel('shopify:NOW-1', {
      trackingNumber: '00340434161234567890',
      carrierId: 'dhl-paket',
      shippedAt: SHIPPED,
      deliveryStatus: 'in_transit',
    }),
    parcel('shopify:NOW-2', {
      trackingNumber: '1Z999AA10123456784',
      carrierId: 'ups',
      shippedAt: SHIPPED,
      deliveryStatus: 'pending',
    }),
  ]);
}, 60_000);
afterAll(async () => server?.close());

describe('expected delivery from the seller’s history', () => {
  test('the learned window of a DHL parcel to Sweden; none for UPS without history', async () => {
    const parcels: ParcelLike[] = [
      {
        id: 'a' as ParcelId,
        trackingNumber: 'x',
        carrierId: 'dhl-paket',
        shippedAt: SHIPPED,
        deliveryStatus: 'in_transit' as const,
      },
      {
        id: 'b' as ParcelId,
        trackingNumber: 'y',
        carrierId: 'ups',
        shippedAt: SHIPPED,
        deliveryStatus: 'in_transit' as const,
      },
    ];
    const windows = await expectedDeliveries(
      server.db,
      seller.sellerId,
      { address: { country: 'SE' } },
      parcels,
    );
    // Friday + 2 working days is Tuesday 8 December, + 3 is Wednesday 9.
    expect(windows.get('a')).toMatchObject({ from: '2026-12-08', to: '2026-12-09', sampleSize: 25 });
    expect(windows.has('b')).toBe(false);
    expect(combinedWindow(windows.values())).toEqual({ from: '2026-12-08', to: '2026-12-09' });
  });

  test('the buyer’s page shows it in the buyer’s language', async () => {
    const token = await ensureOrderToken(server.db, seller.sellerId, 'shopify:NOW-1');
    const html = await (await server.fetch(`/t/${token}`)).text();
    expect(html).toContain('<dt>Kommer oftast fram</dt>');
    expect(html).toContain(`<dd>${formatDayRange('sv', '2026-12-08', '2026-12-09')}</dd>`);
  });

  test('a parcel no tracking service reported on sends the buyer to the carrier’s page', async () => {
    const token = await ensureOrderToken(server.db, seller.sellerId, 'shopify:NOW-2');
    const html = await (await server.fetch(`/t/${token}`)).text();
    expect(html).toContain('Senaste nytt finns hos transportören');
    expect(html).not.toContain('Kommer oftast fram');
  });
});
