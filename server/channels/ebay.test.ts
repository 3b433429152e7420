/**
 * The eBay adapter against a local fake of the Sell Fulfillment API and eBay's token endpoint,
 * answering with the shapes of eBay's documentation: the exact requests we send, and what we make
 * of the answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCarrier } from '../../src/core/channels/carriers.ts';
import { channelOrdersToImported } from '../../src/core/channels/orders.ts';
import { ChannelError } from './adapter.ts';
import { ebay, EBAY_SCOPE, type EbaySecrets } from './ebay.ts';
import {
  fakeEbayOrder,
  FAKE_EBAY_CLIENT_ID,
  FAKE_EBAY_CLIENT_SECRET,
  FAKE_EBAY_REFRESH,
  FAKE_EBAY_RUNAME,
  startFakeEbay,
  type FakeEbay,
} from './fake-ebay.ts';
import { testContext } from './test-context.ts';

const NOW = new Date('2026-11-03T10:00:00Z');
const SECRETS: EbaySecrets = {
  clientId: FAKE_EBAY_CLIENT_ID,
  clientSecret: FAKE_EBAY_CLIENT_SECRET,
  refreshToken: FAKE_EBAY_REFRESH,
};
const context = (secrets: EbaySecrets = { ...SECRETS }) => testContext('lampen-max', secrets, () => NOW);
const BASIC = `Basic ${Buffer.from(`${FAKE_EBAY_CLIENT_ID}:${FAKE_EBAY_CLIENT_SECRET}`).toString('base64')}`;

describe('eBay adapter (contract)', () => {
  let fake: FakeEbay;
  beforeEach(async () => {
    fake = await startFakeEbay({ now: () => NOW });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('connects: a user token from the refresh token (Basic client auth), then one order read', async () => {
    const ctx = context();
    await expect(ebay({ origin: fake.origin }).validate(ctx)).resolves.toEqual({ shop: 'lampen-max' });
    const [token, read] = fake.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/identity/v1/oauth2/token' });
    expect(token?.headers['authorization']).toBe(BASIC);
    expect(Object.fromEntries(new URLSearchParams(token?.text))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: FAKE_EBAY_REFRESH,
      scope: EBAY_SCOPE,
    });
    expect(read).toMatchObject({ path: '/sell/fulfillment/v1/order', query: { limit: '1' } });
    expect(read?.headers['authorization']).toBe('Bearer v^1.1#fake-access-1');
    expect(ctx.secrets).toMatchObject({
      refreshToken: FAKE_EBAY_REFRESH,
      tokenExpiresAt: new Date(NOW.getTime() + 7_200_000).toISOString(),
    });
  });

  it('refuses a wrong refresh token or client secret as an auth error', async () => {
    for (const secrets of [
      { ...SECRETS, refreshToken: 'v^1.1#revoked' },
      { ...SECRETS, clientSecret: 'wrong' },
    ]) {
      const failure = (await ebay({ origin: fake.origin })
        .validate(context(secrets))
        .catch((e: unknown) => e)) as ChannelError;
      expect([failure instanceof ChannelError, failure.kind]).toEqual([true, 'auth']);
    }
  });

  it('gets a new user token when the stored one has run out, and after a 401', async () => {
    const adapter = ebay({ origin: fake.origin });
    const ctx = context({ ...SECRETS, accessToken: 'v^1.1#old', tokenExpiresAt: '2026-11-03T10:04:00Z' });
    await adapter.fetchOrders(ctx, null, new Date(0));
    fake.expireTokens();
    await adapter.fetchOrders(ctx, null, new Date(0));
    expect(
      fake.requests.map((r) => (r.path.endsWith('/token') ? 'token' : r.headers['authorization'])),
    ).toEqual([
      'token',
      'Bearer v^1.1#fake-access-1',
      'Bearer v^1.1#fake-access-1',
      'token',
      'Bearer v^1.1#fake-access-2',
    ]);
  });

  it('fetches two pages since a cursor, then goes on from the newest change', async () => {
    fake.orders = [
      fakeEbayOrder(1, { lastModifiedDate: '2026-11-01T08:00:00.000Z' }),
      fakeEbayOrder(2, { lastModifiedDate: '2026-11-02T08:00:00.000Z' }),
      fakeEbayOrder(3, { lastModifiedDate: '2026-11-02T09:00:00.000Z' }),
      fakeEbayOrder(4, { lastModifiedDate: '2026-11-02T10:00:00.000Z' }),
    ];
    const adapter = ebay({ origin: fake.origin, pageSize: 2 });
    const ctx = context();
    const since = new Date('2026-11-02T00:00:00Z');
    const first = await adapter.fetchOrders(ctx, null, since);
    expect([first.orders.map((o) => o.orderId), first.more]).toEqual([['12-02-34567', '12-03-34567'], true]);
    const second = await adapter.fetchOrders(ctx, first.cursor, since);
    expect([second.orders.map((o) => o.orderId), second.more]).toEqual([['12-04-34567'], false]);
    const calls = fake.requests.filter((r) => r.path === '/sell/fulfillment/v1/order').map((r) => r.query);
    expect(calls).toEqual([
      { filter: 'lastmodifieddate:[2026-11-02T00:00:00.000Z..]', limit: '2', offset: '0' },
      { filter: 'lastmodifieddate:[2026-11-02T00:00:00.000Z..]', limit: '2', offset: '2' },
    ]);
    expect(JSON.parse(second.cursor)).toEqual({ since: '2026-11-02T10:00:00.000Z', offset: 0 });
  });

  it('maps an order with several line items like the CSV import of eBay’s orders report', async () => {
    fake.orders = [
      fakeEbayOrder(5, {
        lineItems: [
          { lineItemId: '1051', sku: 'LAMP-RED', title: 'Desk lamp red', quantity: 2 },
          { lineItemId: '1052', title: 'Bulb', quantity: 3 },
        ],
      }),
    ];
    const page = await ebay({ origin: fake.origin }).fetchOrders(context(), null, new Date(0));
    const { orders, refused } = channelOrdersToImported('ebay', page.orders);
    expect(refused).toEqual([]);
    expect(orders).toEqual([
      {
        id: 'ebay:12-05-34567',
        source: 'ebay',
        externalId: '12-05-34567',
        orderedAt: '2026-11-02',
        buyer: { name: 'Max Weber 5', email: 'x5@members.ebay.com', phone: '0221 123456' },
        address: { line1: 'Lindenallee 5', zip: '50667', city: 'Köln', country: 'DE' },
        lines: [
          { sku: 'LAMP-RED', title: 'Desk lamp red', quantity: 2 },
          { title: 'Bulb', quantity: 3 },
        ],
      },
    ]);
  });

  it('reports a 429 as rate limited', async () => {
    fake.rateLimitNext(1, 30);
    const error = (await ebay({ origin: fake.origin })
      .fetchOrders(context(), null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 30_000]);
  });

  it('confirms two parcels with one shipping fulfillment each, with eBay’s carrier codes', async () => {
    fake.orders = [fakeEbayOrder(6)];
    const result = await ebay({ origin: fake.origin }).confirmShipment(context(), {
      remoteOrderId: '12-06-34567',
      lines: [{ remoteLineId: '1061', quantity: 1 }],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId: 'p1',
          trackingNumber: '00340434161234567890',
          carrier: channelCarrier('ebay', { carrierId: 'dhl-paket', trackingNumber: '00340434161234567890' }),
        },
        {
          parcelId: 'p2',
          trackingNumber: 'RR123456785DE',
          carrier: channelCarrier('ebay', { carrierId: 'deutsche-post', trackingNumber: 'RR123456785DE' }),
        },
      ],
    });
    expect(result).toEqual({ ok: true, remoteId: '9405509699937000000001,9405509699937000000002' });
    expect(fake.fulfillments.map((f) => f.body)).toEqual([
      {
        lineItems: [{ lineItemId: '1061', quantity: 1 }],
        shippedDate: '2026-11-03T12:00:00.000Z',
        shippingCarrierCode: 'DHL',
        trackingNumber: '00340434161234567890',
      },
      {
        lineItems: [{ lineItemId: '1061', quantity: 1 }],
        shippedDate: '2026-11-03T12:00:00.000Z',
        shippingCarrierCode: 'Other',
        trackingNumber: 'RR123456785DE',
      },
    ]);
    expect(
      fake.requests.filter((r) => r.method === 'POST' && r.path.includes('shipping_fulfillment')),
    ).toHaveLength(2);
  });

  it('confirms a parcel added after the order was confirmed with one more shipping fulfillment', async () => {
    fake.orders = [fakeEbayOrder(9)];
    const adapter = ebay({ origin: fake.origin });
    const shipment = (parcelId: string, trackingNumber: string) => ({
      remoteOrderId: '12-09-34567',
      lines: [{ remoteLineId: '1091', quantity: 1 }],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [
        {
          parcelId,
          trackingNumber,
          carrier: channelCarrier('ebay', { carrierId: 'dhl-paket', trackingNumber }),
        },
      ],
    });
    const first = await adapter.confirmShipment(context(), shipment('p1', '00340434161234567890'));
    expect(first.ok).toBe(true);
    const added = await adapter.confirmShipment(context(), {
      ...shipment('p2', '00340434161234567906'),
      earlier: { remoteIds: [first.ok ? first.remoteId : ''], trackingNumbers: ['00340434161234567890'] },
    });
    expect(added.ok).toBe(true);
    expect(fake.fulfillments.map((f) => f.body).at(-1)).toEqual({
      lineItems: [{ lineItemId: '1091', quantity: 1 }],
      shippedDate: '2026-11-03T12:00:00.000Z',
      shippingCarrierCode: 'DHL',
      trackingNumber: '00340434161234567906',
    });
  });

  it('records eBay’s refusal with its reason (a carrier code it does not know, a cancelled order)', async () => {
    fake.orders = [fakeEbayOrder(7), fakeEbayOrder(8, { cancelled: true })];
    const shipment = (remoteOrderId: string, code: string) => ({
      remoteOrderId,
      lines: [],
      notifyBuyer: false,
      complete: true,
      shippedOn: '2026-11-03',
      parcels: [{ parcelId: 'p1', trackingNumber: 'X1', carrier: { code, name: code } }],
    });
    const adapter = ebay({ origin: fake.origin });
    await expect(adapter.confirmShipment(context(), shipment('12-07-34567', 'Pigeon'))).resolves.toEqual({
      ok: false,
      reason: "The shipping carrier 'Pigeon' is not valid.",
    });
    await expect(adapter.confirmShipment(context(), shipment('12-08-34567', 'UPS'))).resolves.toEqual({
      ok: false,
      reason: 'This order is cancelled and cannot be shipped.',
    });
  });

  it('authorisation code: the consent URL names the RuName, the code becomes a refresh token', async () => {
    const adapter = ebay({ origin: fake.origin, authOrigin: fake.origin });
    const app = {
      clientId: FAKE_EBAY_CLIENT_ID,
      clientSecret: FAKE_EBAY_CLIENT_SECRET,
      ruName: FAKE_EBAY_RUNAME,
    };
    const url = new URL(
      adapter.authorization?.authorizeUrl(app, {
        redirectUri: 'unused',
        state: 'st',
        codeChallenge: 'unused',
      }) ?? '',
    );
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: FAKE_EBAY_CLIENT_ID,
      redirect_uri: FAKE_EBAY_RUNAME,
      response_type: 'code',
      scope: EBAY_SCOPE,
      state: 'st',
    });
    const code = new URL(
      (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '',
    ).searchParams.get('code');
    await expect(
      adapter.authorization?.exchange(
        app,
        { code: code ?? '', redirectUri: 'unused', codeVerifier: 'unused' },
        NOW,
      ),
    ).resolves.toEqual({
      clientId: FAKE_EBAY_CLIENT_ID,
      clientSecret: FAKE_EBAY_CLIENT_SECRET,
      refreshToken: FAKE_EBAY_REFRESH,
    });
  });
});
