/**
 * The WooCommerce adapter against a local fake store that answers with the shapes of the
 * WooCommerce REST API and Shipment Tracking docs: the exact requests we send, and what we make
 * of the answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCarrier } from '../../src/core/channels/carriers.ts';
import { channelOrdersToImported } from '../../src/core/channels/orders.ts';
import { orderIdOf } from '../../src/core/ids.ts';
import { parseOrderFile } from '../../src/core/import/index.ts';
import { ChannelError, type ChannelContext } from './adapter.ts';
import {
  FAKE_WOO_KEY,
  FAKE_WOO_SECRET,
  fakeWooOrder,
  startFakeWooCommerce,
  type FakeWooCommerce,
} from './fake-woocommerce.ts';
import { wooCommerce, wooCommerceStore, type WooCommerceSecrets } from './woocommerce.ts';

const NOW = new Date('2026-11-03T10:00:00Z');

function context(
  authIn: 'header' | 'query' = 'header',
  secret = FAKE_WOO_SECRET,
): ChannelContext<WooCommerceSecrets> {
  return {
    shop: 'https://laden.example',
    secrets: { consumerKey: FAKE_WOO_KEY, consumerSecret: secret, authIn },
    update: () => undefined,
    now: () => NOW,
  };
}

describe('WooCommerce adapter (contract)', () => {
  let fake: FakeWooCommerce;
  beforeEach(async () => {
    fake = await startFakeWooCommerce();
  });
  afterEach(() => fake.close());

  it.each(['header', 'query'] as const)('connects with the keys in the %s', async (authIn) => {
    const adapter = wooCommerce({ origin: fake.origin });
    await expect(adapter.validate(context(authIn))).resolves.toEqual({ shop: 'https://laden.example' });
    const [request] = fake.requests;
    if (authIn === 'header') {
      expect(request?.headers['authorization']).toBe(
        `Basic ${Buffer.from(`${FAKE_WOO_KEY}:${FAKE_WOO_SECRET}`).toString('base64')}`,
      );
      expect(request?.query['consumer_key']).toBeUndefined();
    } else {
      expect(request?.headers['authorization']).toBeUndefined();
      expect(request?.query).toMatchObject({ consumer_key: FAKE_WOO_KEY, consumer_secret: FAKE_WOO_SECRET });
    }
  });

  it('refuses wrong keys as an auth error', async () => {
    const failure = await wooCommerce({ origin: fake.origin })
      .validate(context('header', 'cs_ffffffffffffffffffffffffffffffffffffffff'))
      .catch((e: unknown) => e);
    expect((failure as ChannelError).kind).toBe('auth');
  });

  it('fetches two pages since a cursor, then goes on from the newest change', async () => {
    fake.orders = [
      fakeWooOrder(501, { date_modified_gmt: '2026-11-01T08:00:00' }),
      fakeWooOrder(502, { date_modified_gmt: '2026-11-02T08:00:00' }),
      fakeWooOrder(503, { date_modified_gmt: '2026-11-02T09:00:00' }),
      fakeWooOrder(504, { date_modified_gmt: '2026-11-02T10:00:00' }),
    ];
    const adapter = wooCommerce({ origin: fake.origin, pageSize: 2 });
    const since = new Date('2026-11-02T00:00:00Z');
    const first = await adapter.fetchOrders(context(), null, since);
    expect([first.orders.map((o) => o.orderId), first.more]).toEqual([['502', '503'], true]);
    const second = await adapter.fetchOrders(context(), first.cursor, since);
    expect([second.orders.map((o) => o.orderId), second.more]).toEqual([['504'], false]);
    expect(fake.requests.map((r) => r.query)).toEqual([
      {
        modified_after: '2026-11-02T00:00:00.000Z',
        dates_are_gmt: 'true',
        orderby: 'modified',
        order: 'asc',
        per_page: '2',
        page: '1',
      },
      {
        modified_after: '2026-11-02T00:00:00.000Z',
        dates_are_gmt: 'true',
        orderby: 'modified',
        order: 'asc',
        per_page: '2',
        page: '2',
      },
    ]);
    expect(JSON.parse(second.cursor)).toEqual({ since: '2026-11-02T10:00:00.000Z', page: 1 });
  });

  it('maps an order like the CSV import of a WooCommerce export, several lines included', async () => {
    fake.orders = [
      fakeWooOrder(505, {
        line_items: [
          { id: 1, name: 'Soap', sku: 'SOAP', quantity: 2 },
          { id: 2, name: 'Brush', sku: '', quantity: 1 },
        ],
      }),
    ];
    const page = await wooCommerce({ origin: fake.origin }).fetchOrders(context(), null, new Date(0));
    const { orders } = channelOrdersToImported('woocommerce', page.orders);
    const csv = [
      'Order Number,Order Date,Billing First Name,Billing Last Name,Billing Email Address,Shipping First Name,Shipping Last Name,Shipping Address 1,Shipping City,Shipping Postcode,Shipping Country,Item Name,SKU,Quantity',
      '505,2026-11-02 10:15,Erik,Lind 505,erik505@example.se,Erik,Lind 505,Storgatan 505,Stockholm,111 22,SE,Soap,SOAP,2',
      '505,2026-11-02 10:15,Erik,Lind 505,erik505@example.se,Erik,Lind 505,Storgatan 505,Stockholm,111 22,SE,Brush,,1',
    ].join('\n');
    const fromFile = parseOrderFile(new TextEncoder().encode(csv));
    expect(fromFile.detected.preset).toBe('woocommerce');
    const [imported] = fromFile.orders;
    expect(orders).toEqual([
      {
        id: orderIdOf('woocommerce', imported?.orderId ?? ''),
        source: 'woocommerce',
        externalId: '505',
        orderedAt: imported?.orderedAt,
        buyer: imported?.buyer,
        address: imported?.address,
        lines: imported?.lines,
      },
    ]);
    expect(orders[0]?.lines).toHaveLength(2);
  });

  it('reports a 429 with its Retry-After', async () => {
    fake.rateLimitNext(1, 30);
    const failure = (await wooCommerce({ origin: fake.origin })
      .fetchOrders(context(), null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    expect([failure.kind, failure.retryAfterMs]).toEqual(['rate_limited', 30_000]);
  });

  it('confirms two parcels as two tracking items, then completes the order', async () => {
    fake.orders = [fakeWooOrder(506)];
    const result = await wooCommerce({ origin: fake.origin }).confirmShipment(context(), {
      remoteOrderId: '506',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId: 'p1',
          trackingNumber: '1Z999AA10123456784',
          carrier: channelCarrier('woocommerce', { carrierId: 'ups', trackingNumber: '1Z999AA10123456784' }),
        },
        {
          parcelId: 'p2',
          trackingNumber: '00340434161234567890',
          carrier: channelCarrier('woocommerce', {
            carrierId: 'dhl-paket',
            trackingNumber: '00340434161234567890',
          }),
        },
      ],
    });
    expect(result).toEqual({ ok: true, remoteId: 't1,t2' });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'POST',
        '/wp-json/wc-shipment-tracking/v3/orders/506/shipment-trackings',
        { tracking_number: '1Z999AA10123456784', date_shipped: '2026-11-03', tracking_provider: 'UPS' },
      ],
      [
        'POST',
        '/wp-json/wc-shipment-tracking/v3/orders/506/shipment-trackings',
        {
          tracking_number: '00340434161234567890',
          date_shipped: '2026-11-03',
          custom_tracking_provider: 'DHL Paket / Deutsche Post',
          custom_tracking_link: expect.stringContaining('00340434161234567890'),
        },
      ],
      ['PUT', '/wp-json/wc/v3/orders/506', { status: 'completed' }],
    ]);
    expect(fake.orders[0]?.status).toBe('completed');
  });

  it('adds a parcel confirmed later as one more tracking item, leaving the order as it is', async () => {
    fake.orders = [fakeWooOrder(507)];
    fake.requests.length = 0;
    const result = await wooCommerce({ origin: fake.origin }).confirmShipment(context(), {
      remoteOrderId: '507',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-04',
      parcels: [
        {
          parcelId: 'p3',
          trackingNumber: '1Z999AA10123456795',
          carrier: channelCarrier('woocommerce', { carrierId: 'ups', trackingNumber: '1Z999AA10123456795' }),
        },
      ],
      earlier: { remoteIds: ['t0'], trackingNumbers: ['1Z999AA10123456784'] },
    });
    expect(result.ok).toBe(true);
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'POST',
        '/wp-json/wc-shipment-tracking/v3/orders/507/shipment-trackings',
        { tracking_number: '1Z999AA10123456795', date_shipped: '2026-11-04', tracking_provider: 'UPS' },
      ],
    ]);
  });

  it('records the shop’s refusal with its reason', async () => {
    fake.orders = [];
    const result = await wooCommerce({ origin: fake.origin }).confirmShipment(context(), {
      remoteOrderId: '999',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        { parcelId: 'p1', trackingNumber: '1Z999AA10123456784', carrier: { code: 'UPS', name: 'UPS' } },
      ],
    });
    expect(result).toEqual({ ok: false, reason: 'Invalid ID.' });
  });

  it.each([
    ['laden.example', 'https://laden.example'],
    ['https://laden.example/shop/', 'https://laden.example/shop'],
    ['localhost', null],
    ['http://laden.example', null],
    ['', null],
  ])('reads the store %j as %j', (input, expected) => {
    expect(wooCommerceStore(input)).toBe(expected);
  });
});
