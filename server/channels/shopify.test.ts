/**
 * The Shopify adapter against a local fake store that answers with the shapes of Shopify's
 * documentation: the exact requests we send, and what we make of the answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelOrdersToImported } from '../../src/core/channels/orders.ts';
import { channelCarrier } from '../../src/core/channels/carriers.ts';
import { orderIdOf } from '../../src/core/ids.ts';
import { parseOrderFile } from '../../src/core/import/index.ts';
import { ChannelError, type ChannelContext } from './adapter.ts';
import { fakeOrder, startFakeShopify, type FakeShopify } from './fake-shopify.ts';
import { shopify, shopifyDomain, type ShopifySecrets } from './shopify.ts';

const NOW = new Date('2026-11-03T10:00:00Z');

function context(
  secrets: ShopifySecrets,
  now = () => NOW,
): ChannelContext<ShopifySecrets> & { saved: ShopifySecrets[] } {
  const ctx = {
    shop: 'fake-shop.myshopify.com',
    secrets,
    saved: [] as ShopifySecrets[],
    update(next: ShopifySecrets) {
      ctx.secrets = next;
      ctx.saved.push(next);
    },
    now,
  };
  return ctx;
}

const CREDENTIALS: ShopifySecrets = { clientId: 'fake-client-id', clientSecret: 'fake-client-secret' };

describe('Shopify adapter (contract)', () => {
  let fake: FakeShopify;
  beforeEach(async () => {
    fake = await startFakeShopify({ now: () => NOW });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('connects: a client credentials token, then the shop, with the token in its header', async () => {
    const adapter = shopify({ origin: fake.origin });
    const ctx = context({ ...CREDENTIALS });
    await expect(adapter.validate(ctx)).resolves.toEqual({ shop: 'fake-shop.myshopify.com' });
    const [tokenRequest, shopRequest] = fake.requests;
    expect(tokenRequest).toMatchObject({ method: 'POST', path: '/admin/oauth/access_token' });
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'fake-client-id',
      client_secret: 'fake-client-secret',
    });
    expect(shopRequest).toMatchObject({ path: '/admin/api/2026-01/graphql.json', operation: 'Shop' });
    expect(shopRequest?.headers['x-shopify-access-token']).toBe('shpat_fake_1');
    // The token and its end (24 h) are kept with the secrets.
    expect(ctx.secrets).toMatchObject({
      accessToken: 'shpat_fake_1',
      tokenExpiresAt: new Date(NOW.getTime() + 86_399_000).toISOString(),
    });
  });

  it('refuses wrong credentials as an auth error', async () => {
    const adapter = shopify({ origin: fake.origin });
    const failure = await adapter
      .validate(context({ clientId: 'fake-client-id', clientSecret: 'wrong' }))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChannelError);
    expect((failure as ChannelError).kind).toBe('auth');
  });

  it('fetches two pages since a cursor, then goes on from the newest update', async () => {
    fake.orders = [
      fakeOrder(1001, { updatedAt: '2026-11-01T08:00:00Z' }),
      fakeOrder(1002, { updatedAt: '2026-11-02T08:00:00Z' }),
      fakeOrder(1003, { updatedAt: '2026-11-02T09:00:00Z' }),
      fakeOrder(1004, { updatedAt: '2026-11-02T10:00:00Z' }),
    ];
    const adapter = shopify({ origin: fake.origin, pageSize: 2 });
    const ctx = context({ ...CREDENTIALS });
    const since = new Date('2026-11-02T00:00:00Z');
    const first = await adapter.fetchOrders(ctx, null, since);
    expect(first.orders.map((o) => o.orderId)).toEqual(['#1002', '#1003']);
    expect(first.more).toBe(true);
    const second = await adapter.fetchOrders(ctx, first.cursor, since);
    expect(second.orders.map((o) => o.orderId)).toEqual(['#1004']);
    expect(second.more).toBe(false);
    const calls = fake.requests.filter((r) => r.operation === 'Orders').map((r) => r.variables);
    expect(calls).toEqual([
      { first: 2, after: null, query: "updated_at:>='2026-11-02T00:00:00.000Z'" },
      { first: 2, after: expect.any(String), query: "updated_at:>='2026-11-02T00:00:00.000Z'" },
    ]);
    expect(JSON.parse(second.cursor)).toEqual({ since: '2026-11-02T10:00:00.000Z', after: null });
  });

  it('maps orders like the CSV import of Shopify’s export: key, buyer, address, several lines', async () => {
    fake.orders = [
      fakeOrder(1005, {
        lineItems: {
          nodes: [
            { id: 'gid://shopify/LineItem/1', sku: 'MUG-RED', title: 'Mug red', quantity: 2 },
            { id: 'gid://shopify/LineItem/2', sku: null, title: 'Gift wrap', quantity: 1 },
          ],
        },
      }),
    ];
    const page = await shopify({ origin: fake.origin }).fetchOrders(
      context({ ...CREDENTIALS }),
      null,
      new Date(0),
    );
    expect(page.orders[0]?.lines.map((l) => l.remoteLineId)).toEqual([
      'gid://shopify/LineItem/1',
      'gid://shopify/LineItem/2',
    ]);
    const { orders, refused } = channelOrdersToImported('shopify', page.orders);
    expect(refused).toEqual([]);
    // The same order as Shopify's orders export writes it, through the CSV import.
    const csv = [
      'Name,Email,Created at,Billing Name,Shipping Name,Shipping Address1,Shipping City,Shipping Zip,Shipping Country,Lineitem quantity,Lineitem name,Lineitem sku',
      '#1005,buyer1005@example.com,2026-11-02 10:15:00 +0100,Buyer 1005,Buyer 1005,Hauptstraße 1005,Dresden,01067,DE,2,Mug red,MUG-RED',
      '#1005,,,,,,,,,1,Gift wrap,',
    ].join('\n');
    const fromFile = parseOrderFile(new TextEncoder().encode(csv));
    expect(fromFile.detected.preset).toBe('shopify');
    const [imported] = fromFile.orders;
    expect(orders).toEqual([
      {
        id: orderIdOf('shopify', imported?.orderId ?? ''),
        source: imported?.source,
        externalId: imported?.orderId,
        orderedAt: imported?.orderedAt,
        buyer: imported?.buyer,
        address: imported?.address,
        lines: imported?.lines,
      },
    ]);
    expect(orders[0]?.id).toBe('shopify:#1005');
    expect(orders[0]?.lines).toEqual([
      { sku: 'MUG-RED', title: 'Mug red', quantity: 2 },
      { title: 'Gift wrap', quantity: 1 },
    ]);
  });

  it('gets a new token when the stored one has run out, and when Shopify says 401', async () => {
    fake.orders = [fakeOrder(1001)];
    const adapter = shopify({ origin: fake.origin });
    // Stored token past its end: replaced before the call.
    const ctx = context({ ...CREDENTIALS, accessToken: 'shpat_old', tokenExpiresAt: '2026-11-03T09:59:00Z' });
    await adapter.fetchOrders(ctx, null, new Date(0));
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/admin/oauth/access_token',
      '/admin/api/2026-01/graphql.json',
    ]);
    // Still valid by its date, but revoked on Shopify's side: one 401, a new token, one retry.
    fake.expireTokens();
    fake.requests.length = 0;
    await adapter.fetchOrders(ctx, null, new Date(0));
    expect(fake.requests.map((r) => r.headers['x-shopify-access-token'] ?? 'token request')).toEqual([
      'shpat_fake_1',
      'token request',
      'shpat_fake_2',
    ]);
    expect(ctx.secrets.accessToken).toBe('shpat_fake_2');
  });

  it('reports a 429 with its Retry-After, and THROTTLED with the wait its cost implies', async () => {
    const adapter = shopify({ origin: fake.origin });
    const ctx = context({ ...CREDENTIALS });
    fake.rateLimitNext(1, 7);
    const limited = (await adapter
      .fetchOrders(ctx, null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    expect([limited.kind, limited.retryAfterMs]).toEqual(['rate_limited', 7000]);
    fake.throttleNext(1);
    const throttled = (await adapter
      .fetchOrders(ctx, null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    // 152 points wanted, 2 available, 100 restored per second: 2 seconds.
    expect([throttled.kind, throttled.retryAfterMs]).toEqual(['rate_limited', 2000]);
  });

  it('confirms two parcels as one fulfillment of the open fulfillment orders, with carrier names', async () => {
    fake.orders = [
      fakeOrder(1006, {
        fulfillmentOrders: [
          { id: 'gid://shopify/FulfillmentOrder/61', status: 'CLOSED' },
          { id: 'gid://shopify/FulfillmentOrder/62', status: 'OPEN' },
        ],
      }),
    ];
    const adapter = shopify({ origin: fake.origin });
    const result = await adapter.confirmShipment(context({ ...CREDENTIALS }), {
      remoteOrderId: 'gid://shopify/Order/1006',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId: 'p1',
          trackingNumber: '1Z999AA10123456784',
          carrier: channelCarrier('shopify', { carrierId: 'ups', trackingNumber: '1Z999AA10123456784' }),
        },
        {
          parcelId: 'p2',
          trackingNumber: '1Z999AA10123456795',
          carrier: channelCarrier('shopify', { carrierId: 'ups', trackingNumber: '1Z999AA10123456795' }),
        },
      ],
    });
    expect(result).toEqual({ ok: true, remoteId: 'gid://shopify/Fulfillment/1' });
    const create = fake.requests.find((r) => r.operation === 'FulfillmentCreate');
    expect(create?.variables).toEqual({
      fulfillment: {
        // The partly fulfilled order: only its open fulfillment order.
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/62' }],
        trackingInfo: {
          company: 'UPS',
          numbers: ['1Z999AA10123456784', '1Z999AA10123456795'],
          urls: [
            expect.stringContaining('1Z999AA10123456784'),
            expect.stringContaining('1Z999AA10123456795'),
          ],
        },
        notifyCustomer: false,
      },
    });
    expect(fake.fulfillments).toHaveLength(1);
  });

  it('changes a fulfillment’s tracking numbers (a parcel added, a number changed), or says why not', async () => {
    fake.orders = [fakeOrder(1008)];
    const adapter = shopify({ origin: fake.origin });
    const ctx = context({ ...CREDENTIALS });
    const parcel = (parcelId: string, trackingNumber: string) => ({
      parcelId,
      trackingNumber,
      carrier: channelCarrier('shopify', { carrierId: 'dhl-paket', trackingNumber }),
    });
    const created = await adapter.confirmShipment(ctx, {
      remoteOrderId: 'gid://shopify/Order/1008',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [parcel('p1', '00340434161234567890')],
    });
    expect(created).toEqual({ ok: true, remoteId: 'gid://shopify/Fulfillment/1' });
    fake.requests.length = 0;

    // Added later: the fulfillment order is closed, so the fulfillment's tracking takes it.
    const added = await adapter.confirmShipment(ctx, {
      remoteOrderId: 'gid://shopify/Order/1008',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [parcel('p2', '00340434161234567906')],
      earlier: { remoteIds: ['gid://shopify/Fulfillment/1'], trackingNumbers: ['00340434161234567890'] },
    });
    expect(added).toEqual({ ok: true, remoteId: 'gid://shopify/Fulfillment/1' });
    expect(fake.requests.map((r) => [r.operation, r.variables])).toEqual([
      [
        'FulfillmentTrackingInfoUpdate',
        {
          fulfillmentId: 'gid://shopify/Fulfillment/1',
          trackingInfoInput: {
            company: 'Deutsche Post',
            numbers: ['00340434161234567890', '00340434161234567906'],
          },
          notifyCustomer: false,
        },
      ],
    ]);

    const update = {
      remoteOrderId: 'gid://shopify/Order/1008',
      remoteId: 'gid://shopify/Fulfillment/1',
      parcel: parcel('p1', '00340434161234567913'),
      previousNumber: '00340434161234567890',
      trackingNumbers: ['00340434161234567913', '00340434161234567906'],
      notifyBuyer: false,
    };
    await expect(adapter.updateTracking?.(ctx, update)).resolves.toEqual({
      ok: true,
      remoteId: 'gid://shopify/Fulfillment/1',
    });
    expect(fake.fulfillments[0]?.trackingInfo.numbers).toEqual([
      '00340434161234567913',
      '00340434161234567906',
    ]);
    await expect(
      adapter.updateTracking?.(ctx, { ...update, remoteId: 'gid://shopify/Fulfillment/99' }),
    ).resolves.toEqual({ ok: false, reason: 'Fulfillment does not exist.' });
  });

  it('records Shopify’s refusal with its reason', async () => {
    fake.orders = [
      fakeOrder(1007, { fulfillmentOrders: [{ id: 'gid://shopify/FulfillmentOrder/71', status: 'CLOSED' }] }),
    ];
    const adapter = shopify({ origin: fake.origin });
    const shipment = {
      remoteOrderId: 'gid://shopify/Order/1007',
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [{ parcelId: 'p1', trackingNumber: '00340434161234567890', carrier: { name: 'Hermes' } }],
    };
    await expect(adapter.confirmShipment(context({ ...CREDENTIALS }), shipment)).resolves.toEqual({
      ok: false,
      reason: 'Shopify has nothing left to fulfil on this order (already fulfilled or closed).',
    });
    // Open by our reading, closed by the time Shopify gets it: its userErrors are the reason.
    fake.orders = [fakeOrder(1007)];
    const adapter2 = shopify({
      origin: fake.origin,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (typeof init.body !== 'string' || !init.body.includes('query FulfillmentOrders')) return response;
        const first = fake.orders[0];
        if (first?.fulfillmentOrders[0]) first.fulfillmentOrders[0].status = 'CLOSED';
        return response;
      },
    });
    await expect(adapter2.confirmShipment(context({ ...CREDENTIALS }), shipment)).resolves.toEqual({
      ok: false,
      reason: 'Fulfillment order gid://shopify/FulfillmentOrder/10071 has an unfulfillable status= closed.',
    });
  });

  it.each([
    ['example', 'example.myshopify.com'],
    ['Example.myshopify.com', 'example.myshopify.com'],
    ['https://example.myshopify.com/admin/orders', 'example.myshopify.com'],
    ['example.com', null],
    ['', null],
  ])('reads the shop %j as %j', (input, expected) => {
    expect(shopifyDomain(input)).toBe(expected);
  });
});
