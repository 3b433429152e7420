/**
 * The Kaufland adapter against a local fake of the Marketplace Seller API v2 that checks every
 * request's signature and answers with the shapes of Kaufland's documentation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCarrier } from '../../src/core/channels/carriers.ts';
import { channelOrdersToImported } from '../../src/core/channels/orders.ts';
import { ChannelError } from './adapter.ts';
import {
  fakeKauflandOrder,
  FAKE_KAUFLAND_CLIENT,
  FAKE_KAUFLAND_SECRET,
  startFakeKaufland,
  type FakeKaufland,
} from './fake-kaufland.ts';
import { kaufland, kauflandSignature, type KauflandSecrets } from './kaufland.ts';
import { testContext } from './test-context.ts';

const NOW = new Date('2026-11-03T10:00:00Z');
const SECRETS: KauflandSecrets = {
  clientKey: FAKE_KAUFLAND_CLIENT,
  secretKey: FAKE_KAUFLAND_SECRET,
  storefront: 'de',
};
const context = (secrets: KauflandSecrets = { ...SECRETS }) => testContext('kaufland', secrets, () => NOW);

describe('Kaufland adapter (contract)', () => {
  let fake: FakeKaufland;
  let adapter: ReturnType<typeof kaufland>;
  beforeEach(async () => {
    fake = await startFakeKaufland({ now: () => NOW });
    adapter = kaufland({ origin: fake.origin, pageSize: 2 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('connects with signed requests: key, timestamp and the HMAC of method, URI, body and time', async () => {
    await expect(adapter.validate(context())).resolves.toEqual({ shop: 'kaufland.de' });
    const [request] = fake.requests;
    const timestamp = Math.floor(NOW.getTime() / 1000);
    expect(request?.url).toBe('/v2/orders?storefront=de&limit=1');
    expect(request?.headers).toMatchObject({
      'shop-client-key': FAKE_KAUFLAND_CLIENT,
      'shop-timestamp': String(timestamp),
      'user-agent': 'Trackpack',
      'shop-signature': kauflandSignature(
        'GET',
        `${fake.origin}/v2/orders?storefront=de&limit=1`,
        '',
        timestamp,
        FAKE_KAUFLAND_SECRET,
      ),
    });
    expect(request?.headers['shop-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a wrong secret key (the signature does not match) as an auth error', async () => {
    const failure = (await adapter
      .validate(context({ ...SECRETS, secretKey: 'b'.repeat(64) }))
      .catch((e: unknown) => e)) as ChannelError;
    expect([failure instanceof ChannelError, failure.kind]).toEqual([true, 'auth']);
  });

  it('fetches two pages of orders since a cursor, each order read whole, then goes on from the newest', async () => {
    fake.orders = [
      fakeKauflandOrder(1, { ts_units_updated_iso: '2026-11-01T08:00:00Z' }),
      fakeKauflandOrder(2, { ts_units_updated_iso: '2026-11-02T08:00:00Z' }),
      fakeKauflandOrder(3, { ts_units_updated_iso: '2026-11-02T09:00:00Z' }),
      fakeKauflandOrder(4, { ts_units_updated_iso: '2026-11-02T10:00:00Z' }),
    ];
    const ctx = context();
    const since = new Date('2026-11-02T00:00:00Z');
    const first = await adapter.fetchOrders(ctx, null, since);
    expect([first.orders.map((o) => o.orderId), first.more]).toEqual([['M000002', 'M000003'], true]);
    const second = await adapter.fetchOrders(ctx, first.cursor, since);
    expect([second.orders.map((o) => o.orderId), second.more]).toEqual([['M000004'], false]);
    expect(fake.requests.map((r) => r.url)).toEqual([
      '/v2/orders?storefront=de&ts_units_updated_from_iso=2026-11-02T00%3A00%3A00.000Z&limit=2&offset=0',
      '/v2/orders/M000002',
      '/v2/orders/M000003',
      '/v2/orders?storefront=de&ts_units_updated_from_iso=2026-11-02T00%3A00%3A00.000Z&limit=2&offset=2',
      '/v2/orders/M000004',
    ]);
    expect(JSON.parse(second.cursor)).toEqual({ since: '2026-11-02T10:00:00.000Z', offset: 0 });
  });

  it('maps an order’s units to lines (a cancelled one left out), street and house number as one line', async () => {
    fake.orders = [
      fakeKauflandOrder(5, {
        order_units: [
          {
            id_order_unit: 501,
            status: 'need_to_be_sent',
            id_offer: 'PAN-28',
            product: { title: 'Frying pan', ean: [] },
          },
          {
            id_order_unit: 502,
            status: 'need_to_be_sent',
            id_offer: 'LID-28',
            product: { title: 'Lid', ean: [] },
          },
          {
            id_order_unit: 503,
            status: 'cancelled',
            id_offer: 'PAN-28',
            product: { title: 'Frying pan', ean: [] },
          },
        ],
      }),
    ];
    const page = await adapter.fetchOrders(context(), null, new Date(0));
    expect(page.orders[0]?.lines.map((l) => l.remoteLineId)).toEqual(['501', '502']);
    const { orders, refused } = channelOrdersToImported('kaufland', page.orders);
    expect(refused).toEqual([]);
    expect(orders).toEqual([
      {
        id: 'kaufland:M000005',
        source: 'kaufland',
        externalId: 'M000005',
        orderedAt: '2026-11-02',
        buyer: { name: 'Max Mustermann 5', email: 'k5@buyer.kaufland.de' },
        address: { line1: 'Bonner Straße 5', zip: '53117', city: 'Bonn', country: 'DE' },
        lines: [
          { sku: 'PAN-28', title: 'Frying pan', quantity: 1 },
          { sku: 'LID-28', title: 'Lid', quantity: 1 },
        ],
      },
    ]);
  });

  it('reports a 429 with its Retry-After', async () => {
    fake.rateLimitNext(1, 4);
    const error = (await adapter
      .fetchOrders(context(), null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 4000]);
  });

  it('confirms two parcels: each unit marked sent with the carrier code and both tracking numbers', async () => {
    fake.orders = [
      fakeKauflandOrder(6, {
        order_units: [
          { id_order_unit: 601, status: 'need_to_be_sent', id_offer: 'A', product: { title: 'A', ean: [] } },
          { id_order_unit: 602, status: 'need_to_be_sent', id_offer: 'B', product: { title: 'B', ean: [] } },
        ],
      }),
    ];
    const result = await adapter.confirmShipment(context(), {
      remoteOrderId: 'M000006',
      lines: [
        { remoteLineId: '601', quantity: 1 },
        { remoteLineId: '602', quantity: 1 },
      ],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId: 'p1',
          trackingNumber: '00340434161234567890',
          carrier: channelCarrier('kaufland', {
            carrierId: 'dhl-paket',
            trackingNumber: '00340434161234567890',
          }),
        },
        {
          parcelId: 'p2',
          trackingNumber: '00340434161234567906',
          carrier: channelCarrier('kaufland', {
            carrierId: 'dhl-paket',
            trackingNumber: '00340434161234567906',
          }),
        },
      ],
    });
    expect(result).toEqual({ ok: true, remoteId: '601,602' });
    const body = { carrier_code: 'DHL', tracking_numbers: ['00340434161234567890', '00340434161234567906'] };
    expect(fake.sent).toEqual([
      { idOrderUnit: 601, body },
      { idOrderUnit: 602, body },
    ]);
    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['shop-signature']).toBe(
      kauflandSignature(
        'PATCH',
        `${fake.origin}/v2/order-units/601/send`,
        JSON.stringify(body),
        NOW.getTime() / 1000,
        FAKE_KAUFLAND_SECRET,
      ),
    );
  });

  it('records Kaufland’s refusal with its reason', async () => {
    fake.orders = [fakeKauflandOrder(7)];
    const shipment = (code: string) => ({
      remoteOrderId: 'M000007',
      lines: [{ remoteLineId: '701', quantity: 1 }],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [{ parcelId: 'p1', trackingNumber: 'X1', carrier: { code, name: code } }],
    });
    await expect(adapter.confirmShipment(context(), shipment('Pigeon Post'))).resolves.toEqual({
      ok: false,
      reason: 'carrier_code: "Pigeon Post" is not a valid carrier',
    });
    const unit = fake.orders[0]?.order_units[0];
    if (unit) unit.status = 'cancelled';
    await expect(adapter.confirmShipment(context(), shipment('DHL'))).resolves.toEqual({
      ok: false,
      reason: 'The order unit is cancelled.',
    });
  });
  it('says it cannot add a parcel to an order it was told was sent, and calls nothing', async () => {
    fake.orders = [fakeKauflandOrder(8)];
    const before = fake.requests.length;
    await expect(
      adapter.confirmShipment(context(), {
        remoteOrderId: 'M000008',
        lines: [{ remoteLineId: '801', quantity: 1 }],
        notifyBuyer: false,
        complete: true,
        shippedOn: '2026-11-03',
        parcels: [{ parcelId: 'p2', trackingNumber: 'X2', carrier: { code: 'DHL', name: 'DHL' } }],
        earlier: { remoteIds: ['801'], trackingNumbers: ['X1'] },
      }),
    ).resolves.toEqual({
      ok: false,
      unsupported: true,
      reason:
        'Kaufland takes tracking numbers only when the order is sent; add this parcel in the Kaufland seller portal.',
    });
    expect(fake.requests.length).toBe(before);
  });
});
