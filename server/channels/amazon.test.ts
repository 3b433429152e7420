/**
 * The Amazon adapter against a local fake of SP-API and Login with Amazon, answering with the
 * shapes of Amazon's documentation: the exact requests we send, and what we make of the answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCarrier } from '../../src/core/channels/carriers.ts';
import { channelOrdersToImported } from '../../src/core/channels/orders.ts';
import { ChannelError } from './adapter.ts';
import { amazon, packageReferenceId, type AmazonSecrets } from './amazon.ts';
import {
  fakeAmazonOrder,
  FAKE_AMAZON_CLIENT_ID,
  FAKE_AMAZON_CLIENT_SECRET,
  FAKE_AMAZON_MARKETPLACE,
  FAKE_AMAZON_REFRESH,
  startFakeAmazon,
  type FakeAmazon,
} from './fake-amazon.ts';
import { testContext } from './test-context.ts';

const NOW = new Date('2026-11-03T10:00:00Z');
const SECRETS: AmazonSecrets = {
  clientId: FAKE_AMAZON_CLIENT_ID,
  clientSecret: FAKE_AMAZON_CLIENT_SECRET,
  refreshToken: FAKE_AMAZON_REFRESH,
  marketplaceId: FAKE_AMAZON_MARKETPLACE,
  region: 'eu',
};
const context = (secrets: AmazonSecrets = { ...SECRETS }) => testContext('', secrets, () => NOW);

describe('Amazon adapter (contract)', () => {
  let fake: FakeAmazon;
  let adapter: ReturnType<typeof amazon>;
  beforeEach(async () => {
    fake = await startFakeAmazon({ now: () => NOW });
    adapter = amazon({ origin: fake.origin, authOrigin: fake.origin, pageSize: 2 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('connects: an LWA token from the refresh token, then the store of the marketplace', async () => {
    const ctx = context();
    await expect(adapter.validate(ctx)).resolves.toEqual({ shop: 'Teehaus Nowak' });
    const [token, participations] = fake.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/auth/o2/token' });
    expect(Object.fromEntries(new URLSearchParams(token?.text))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: FAKE_AMAZON_REFRESH,
      client_id: FAKE_AMAZON_CLIENT_ID,
      client_secret: FAKE_AMAZON_CLIENT_SECRET,
    });
    expect(participations?.path).toBe('/sellers/v1/marketplaceParticipations');
    expect(participations?.headers['x-amz-access-token']).toBe('Atza|fake-access-1');
    expect(ctx.secrets.tokenExpiresAt).toBe(new Date(NOW.getTime() + 3_600_000).toISOString());
  });

  it('refuses a wrong secret, and a marketplace the seller does not sell in, as auth errors', async () => {
    for (const secrets of [
      { ...SECRETS, clientSecret: 'wrong' },
      { ...SECRETS, marketplaceId: 'ATVPDKIKX0DER' },
    ]) {
      const failure = (await adapter.validate(context(secrets)).catch((e: unknown) => e)) as ChannelError;
      expect([failure instanceof ChannelError, failure.kind]).toEqual([true, 'auth']);
    }
  });

  it('gets a new token when the stored one has run out, and when Amazon answers 403 for it', async () => {
    const ctx = context({ ...SECRETS, accessToken: 'Atza|old', tokenExpiresAt: '2026-11-03T09:30:00Z' });
    await adapter.fetchOrders(ctx, null, new Date(0));
    fake.expireTokens();
    await adapter.fetchOrders(ctx, null, new Date(0));
    expect(
      fake.requests.map((r) => (r.path === '/auth/o2/token' ? 'token' : r.headers['x-amz-access-token'])),
    ).toEqual(['token', 'Atza|fake-access-1', 'Atza|fake-access-1', 'token', 'Atza|fake-access-2']);
  });

  it('searches orders (2026-01-01) in two pages since a cursor, then goes on from the newest update', async () => {
    fake.orders = [
      fakeAmazonOrder(1, { lastUpdatedTime: '2026-11-01T08:00:00Z' }),
      fakeAmazonOrder(2, { lastUpdatedTime: '2026-11-02T08:00:00Z' }),
      fakeAmazonOrder(3, { lastUpdatedTime: '2026-11-02T09:00:00Z' }),
      fakeAmazonOrder(4, { lastUpdatedTime: '2026-11-02T10:00:00Z' }),
    ];
    const ctx = context();
    const since = new Date('2026-11-02T00:00:00Z');
    const first = await adapter.fetchOrders(ctx, null, since);
    expect([first.orders.map((o) => o.orderId), first.more]).toEqual([
      ['302-0000002-1234567', '302-0000003-1234567'],
      true,
    ]);
    const second = await adapter.fetchOrders(ctx, first.cursor, since);
    expect([second.orders.map((o) => o.orderId), second.more]).toEqual([['302-0000004-1234567'], false]);
    const calls = fake.requests.filter((r) => r.path === '/orders/2026-01-01/orders').map((r) => r.query);
    const common = {
      marketplaceIds: FAKE_AMAZON_MARKETPLACE,
      lastUpdatedAfter: '2026-11-02T00:00:00.000Z',
      maxResultsPerPage: '2',
      includedData: 'BUYER,RECIPIENT',
    };
    expect(calls).toEqual([common, { ...common, paginationToken: expect.any(String) }]);
    expect(JSON.parse(second.cursor)).toEqual({ since: '2026-11-02T10:00:00.000Z', token: null });
  });

  it('maps an order with several items like the CSV import of Amazon’s order report', async () => {
    fake.orders = [
      fakeAmazonOrder(5, {
        orderItems: [
          {
            orderItemId: '501',
            quantityOrdered: 2,
            product: { asin: 'B1', sellerSku: 'TEA-GREEN', title: 'Green tea' },
          },
          {
            orderItemId: '502',
            quantityOrdered: 1,
            product: { asin: 'B2', sellerSku: 'CUP', title: 'Tea cup' },
          },
        ],
      }),
    ];
    const page = await adapter.fetchOrders(context(), null, new Date(0));
    const { orders, refused } = channelOrdersToImported('amazon', page.orders);
    expect(refused).toEqual([]);
    expect(orders).toEqual([
      {
        id: 'amazon:302-0000005-1234567',
        source: 'amazon',
        externalId: '302-0000005-1234567',
        orderedAt: '2026-11-02',
        buyer: { name: 'Jana Nowak 5', email: 'abc5@marketplace.amazon.de' },
        address: { line1: 'Bahnhofstr. 5', zip: '04109', city: 'Leipzig', country: 'DE' },
        lines: [
          { sku: 'TEA-GREEN', title: 'Green tea', quantity: 2 },
          { sku: 'CUP', title: 'Tea cup', quantity: 1 },
        ],
      },
    ]);
  });

  it('reads a 429’s allowed rate as the wait (Amazon sends no Retry-After)', async () => {
    fake.rateLimitNext(1, 60);
    const error = (await adapter
      .fetchOrders(context(), null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 60_000]);
  });

  it('confirms two parcels with one confirmShipment each: carrier codes, Other with a name, the items', async () => {
    fake.orders = [fakeAmazonOrder(6)];
    const result = await adapter.confirmShipment(context(), {
      remoteOrderId: '302-0000006-1234567',
      lines: [{ remoteLineId: '5601', quantity: 1 }],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId: 'p1',
          trackingNumber: '00340434161234567890',
          carrier: channelCarrier('amazon', {
            carrierId: 'dhl-paket',
            trackingNumber: '00340434161234567890',
          }),
        },
        {
          parcelId: 'p2',
          trackingNumber: 'RR123456785DE',
          carrier: channelCarrier('amazon', { carrierId: 'postnord', trackingNumber: 'RR123456785DE' }),
        },
      ],
    });
    expect(result).toEqual({ ok: true, remoteId: `${packageReferenceId('p1')},${packageReferenceId('p2')}` });
    expect(fake.confirmations.map((c) => c.body)).toEqual([
      {
        marketplaceId: FAKE_AMAZON_MARKETPLACE,
        packageDetail: {
          packageReferenceId: packageReferenceId('p1'),
          carrierCode: 'DHL',
          trackingNumber: '00340434161234567890',
          shipDate: '2026-11-03T12:00:00Z',
          orderItems: [{ orderItemId: '5601', quantity: 1 }],
        },
      },
      {
        marketplaceId: FAKE_AMAZON_MARKETPLACE,
        packageDetail: {
          packageReferenceId: packageReferenceId('p2'),
          carrierCode: 'Other',
          carrierName: 'PostNord',
          trackingNumber: 'RR123456785DE',
          shipDate: '2026-11-03T12:00:00Z',
          orderItems: [{ orderItemId: '5601', quantity: 1 }],
        },
      },
    ]);
    expect(packageReferenceId('p1')).toMatch(/^[1-9]\d*$/);
  });

  it('confirms a parcel added after the order was confirmed as one more package', async () => {
    fake.orders = [fakeAmazonOrder(9)];
    const shipment = (parcelId: string, trackingNumber: string) => ({
      remoteOrderId: '302-0000009-1234567',
      lines: [{ remoteLineId: '5901', quantity: 1 }],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId,
          trackingNumber,
          carrier: channelCarrier('amazon', { carrierId: 'dhl-paket', trackingNumber }),
        },
      ],
    });
    await adapter.confirmShipment(context(), shipment('p1', '00340434161234567890'));
    const added = await adapter.confirmShipment(context(), {
      ...shipment('p3', '00340434161234567906'),
      earlier: { remoteIds: [packageReferenceId('p1')], trackingNumbers: ['00340434161234567890'] },
    });
    expect(added).toEqual({ ok: true, remoteId: packageReferenceId('p3') });
    expect(fake.confirmations.map((c) => c.body).at(-1)).toEqual({
      marketplaceId: FAKE_AMAZON_MARKETPLACE,
      packageDetail: {
        packageReferenceId: packageReferenceId('p3'),
        carrierCode: 'DHL',
        trackingNumber: '00340434161234567906',
        shipDate: '2026-11-03T12:00:00Z',
        orderItems: [{ orderItemId: '5901', quantity: 1 }],
      },
    });
  });

  it('records Amazon’s refusal with its reason', async () => {
    fake.orders = [fakeAmazonOrder(7, { refuse: 'The order is cancelled.' })];
    await expect(
      adapter.confirmShipment(context(), {
        remoteOrderId: '302-0000007-1234567',
        lines: [],
        notifyBuyer: false,
        complete: true,
        shippedOn: '2026-11-03',
        parcels: [
          { parcelId: 'p1', trackingNumber: '1Z999AA10123456784', carrier: { code: 'UPS', name: 'UPS' } },
        ],
      }),
    ).resolves.toEqual({ ok: false, reason: 'The order is cancelled.' });
  });

  it('authorisation code: Seller Central’s consent page, then spapi_oauth_code for a refresh token', async () => {
    const app = {
      applicationId: 'amzn1.sp.solution.fake',
      clientId: FAKE_AMAZON_CLIENT_ID,
      clientSecret: FAKE_AMAZON_CLIENT_SECRET,
      marketplaceId: FAKE_AMAZON_MARKETPLACE,
    };
    const redirectUri = 'https://trackpack.example/api/channels/oauth/callback';
    const url = new URL(
      adapter.authorization?.authorizeUrl(app, { redirectUri, state: 'st', codeChallenge: 'unused' }) ?? '',
    );
    expect(url.pathname).toBe('/apps/authorize/consent');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      application_id: 'amzn1.sp.solution.fake',
      state: 'st',
      redirect_uri: redirectUri,
    });
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    expect(adapter.authorization?.codeParam).toBe('spapi_oauth_code');
    const input = await adapter.authorization?.exchange(
      app,
      { code: back.searchParams.get('spapi_oauth_code') ?? '', redirectUri, codeVerifier: 'unused' },
      NOW,
    );
    expect(adapter.parseSecrets(input ?? {})).toEqual(SECRETS);
  });
});
