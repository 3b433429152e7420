/**
 * The Etsy adapter against a local fake of Open API v3 that answers with the shapes of Etsy's
 * documentation: the exact requests we send, and what we make of the answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelCarrier } from '../../src/core/channels/carriers.ts';
import { channelOrdersToImported } from '../../src/core/channels/orders.ts';
import { ChannelError } from './adapter.ts';
import { etsy, type EtsySecrets } from './etsy.ts';
import {
  fakeReceipt,
  FAKE_ETSY_KEYSTRING,
  FAKE_ETSY_REFRESH,
  FAKE_ETSY_SECRET,
  FAKE_ETSY_SHOP_ID,
  startFakeEtsy,
  type FakeEtsy,
} from './fake-etsy.ts';
import { pkcePair } from './oauth.ts';
import { testContext } from './test-context.ts';

const NOW = new Date('2026-11-03T10:00:00Z');
const SECRETS: EtsySecrets = {
  keystring: FAKE_ETSY_KEYSTRING,
  sharedSecret: FAKE_ETSY_SECRET,
  refreshToken: FAKE_ETSY_REFRESH,
};
const context = (secrets: EtsySecrets = { ...SECRETS }) => testContext('', secrets, () => NOW);
const epoch = (iso: string) => Date.parse(iso) / 1000;

describe('Etsy adapter (contract)', () => {
  let fake: FakeEtsy;
  beforeEach(async () => {
    fake = await startFakeEtsy({ now: () => NOW });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('connects with a pasted refresh token: renews it, finds the shop, keeps the rotated token', async () => {
    const adapter = etsy({ origin: fake.origin });
    const ctx = context();
    await expect(adapter.validate(ctx)).resolves.toEqual({ shop: 'HolmKnits' });
    const [token, me, shop] = fake.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/v3/public/oauth/token' });
    expect(Object.fromEntries(new URLSearchParams(token?.text))).toEqual({
      grant_type: 'refresh_token',
      client_id: FAKE_ETSY_KEYSTRING,
      refresh_token: FAKE_ETSY_REFRESH,
    });
    expect(me?.path).toBe('/v3/application/users/me');
    expect(me?.headers['x-api-key']).toBe(`${FAKE_ETSY_KEYSTRING}:${FAKE_ETSY_SECRET}`);
    expect(me?.headers['authorization']).toBe('Bearer 12345678.fake-access-1');
    expect(shop?.path).toBe(`/v3/application/shops/${FAKE_ETSY_SHOP_ID}`);
    // Etsy rotated the refresh token: the new one is what the next renewal needs.
    expect(ctx.secrets).toMatchObject({
      refreshToken: '12345678.fake-refresh-1',
      accessToken: '12345678.fake-access-1',
      tokenExpiresAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
      shopId: FAKE_ETSY_SHOP_ID,
    });
  });

  it('refuses a dead refresh token as an auth error', async () => {
    const failure = await etsy({ origin: fake.origin })
      .validate(context({ ...SECRETS, refreshToken: '12345678.used-before' }))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ChannelError);
    expect((failure as ChannelError).kind).toBe('auth');
  });

  it('renews an expired access token, and again after a 401, with the rotated refresh token each time', async () => {
    fake.receipts = [fakeReceipt(1)];
    const adapter = etsy({ origin: fake.origin });
    const ctx = context({
      ...SECRETS,
      shopId: FAKE_ETSY_SHOP_ID,
      accessToken: 'old',
      tokenExpiresAt: '2026-11-03T09:59:00Z',
    });
    await adapter.fetchOrders(ctx, null, new Date(0));
    fake.expireTokens();
    await adapter.fetchOrders(ctx, null, new Date(0));
    const tokenCalls = fake.requests.filter((r) => r.path === '/v3/public/oauth/token');
    expect(tokenCalls.map((r) => new URLSearchParams(r.text).get('refresh_token'))).toEqual([
      FAKE_ETSY_REFRESH,
      '12345678.fake-refresh-1',
    ]);
    expect(ctx.secrets.refreshToken).toBe(fake.refreshToken);
  });

  it('fetches two pages of receipts since a cursor, then goes on from the newest update', async () => {
    fake.receipts = [
      fakeReceipt(1, { updated_timestamp: epoch('2026-11-01T08:00:00Z') }),
      fakeReceipt(2, { updated_timestamp: epoch('2026-11-02T08:00:00Z') }),
      fakeReceipt(3, { updated_timestamp: epoch('2026-11-02T09:00:00Z') }),
      fakeReceipt(4, { updated_timestamp: epoch('2026-11-02T10:00:00Z') }),
    ];
    const adapter = etsy({ origin: fake.origin, pageSize: 2 });
    const ctx = context({ ...SECRETS, shopId: FAKE_ETSY_SHOP_ID });
    const since = new Date('2026-11-02T00:00:00Z');
    const first = await adapter.fetchOrders(ctx, null, since);
    expect([first.orders.map((o) => o.orderId), first.more]).toEqual([['2', '3'], true]);
    const second = await adapter.fetchOrders(ctx, first.cursor, since);
    expect([second.orders.map((o) => o.orderId), second.more]).toEqual([['4'], false]);
    const calls = fake.requests.filter((r) => r.path.endsWith('/receipts')).map((r) => r.query);
    expect(calls).toEqual([
      {
        min_last_modified: String(epoch('2026-11-02T00:00:00Z')),
        sort_on: 'updated',
        sort_order: 'asc',
        limit: '2',
        offset: '0',
      },
      {
        min_last_modified: String(epoch('2026-11-02T00:00:00Z')),
        sort_on: 'updated',
        sort_order: 'asc',
        limit: '2',
        offset: '2',
      },
    ]);
    expect(JSON.parse(second.cursor)).toEqual({ since: epoch('2026-11-02T10:00:00Z'), offset: 0 });
  });

  it('maps a receipt with several transactions to one order under Etsy’s order id', async () => {
    fake.receipts = [
      fakeReceipt(3001, {
        transactions: [
          { transaction_id: 1, title: 'Knitted hat', quantity: 2, sku: 'HAT-RED' },
          { transaction_id: 2, title: 'Scarf', quantity: 1, sku: null },
        ],
      }),
    ];
    const page = await etsy({ origin: fake.origin }).fetchOrders(
      context({ ...SECRETS, shopId: FAKE_ETSY_SHOP_ID }),
      null,
      new Date(0),
    );
    const { orders, refused } = channelOrdersToImported('etsy', page.orders);
    expect(refused).toEqual([]);
    expect(orders).toEqual([
      {
        id: 'etsy:3001',
        source: 'etsy',
        externalId: '3001',
        orderedAt: '2026-11-02',
        buyer: { name: 'Ingrid Holm 3001', email: 'ingrid3001@example.se' },
        address: {
          line1: 'Kungsgatan 3001',
          zip: '411 19',
          city: 'Göteborg',
          country: 'SE',
        },
        lines: [
          { sku: 'HAT-RED', title: 'Knitted hat', quantity: 2 },
          { title: 'Scarf', quantity: 1 },
        ],
      },
    ]);
    expect(page.orders[0]?.lines.map((l) => l.remoteLineId)).toEqual(['1', '2']);
  });

  it('reports a 429 with its Retry-After', async () => {
    fake.rateLimitNext(1, 9);
    const error = (await etsy({ origin: fake.origin })
      .fetchOrders(context({ ...SECRETS, shopId: FAKE_ETSY_SHOP_ID }), null, new Date(0))
      .catch((e: unknown) => e)) as ChannelError;
    expect([error.kind, error.retryAfterMs]).toEqual(['rate_limited', 9000]);
  });

  it('confirms two parcels with one tracking call each, carrier names mapped and “other” with a note', async () => {
    fake.receipts = [fakeReceipt(3002)];
    const result = await etsy({ origin: fake.origin }).confirmShipment(
      context({ ...SECRETS, shopId: FAKE_ETSY_SHOP_ID }),
      {
        remoteOrderId: '3002',
        lines: [{ remoteLineId: '30020', quantity: 1 }],
        notifyBuyer: false,
        complete: true,
        shippedOn: '2026-11-03',
        parcels: [
          {
            parcelId: 'p1',
            trackingNumber: '1Z999AA10123456784',
            carrier: channelCarrier('etsy', { carrierId: 'ups', trackingNumber: '1Z999AA10123456784' }),
          },
          {
            parcelId: 'p2',
            trackingNumber: 'RR123456785SE',
            carrier: channelCarrier('etsy', { carrierId: 'postnord', trackingNumber: 'RR123456785SE' }),
          },
        ],
      },
    );
    expect(result).toEqual({ ok: true, remoteId: '901,902' });
    const calls = fake.requests.filter((r) => r.path.endsWith('/tracking'));
    expect(calls.map((r) => r.path)).toEqual([
      `/v3/application/shops/${FAKE_ETSY_SHOP_ID}/receipts/3002/tracking`,
      `/v3/application/shops/${FAKE_ETSY_SHOP_ID}/receipts/3002/tracking`,
    ]);
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.text))).toEqual({
      tracking_code: '1Z999AA10123456784',
      carrier_name: 'ups',
      send_bcc: 'false',
    });
    expect(fake.shipments[1]).toMatchObject({ carrier_name: 'other', tracking_code: 'RR123456785SE' });
    expect(fake.shipments[1]?.note_to_buyer).toMatch(/^PostNord: https:\/\//);
  });

  it('records Etsy’s refusal with its reason', async () => {
    fake.receipts = [fakeReceipt(3003, { refuse: 'Cannot submit tracking for a receipt that is not paid.' })];
    const result = await etsy({ origin: fake.origin }).confirmShipment(
      context({ ...SECRETS, shopId: FAKE_ETSY_SHOP_ID }),
      {
        remoteOrderId: '3003',
        lines: [],
        notifyBuyer: false,
        complete: true,
        shippedOn: '2026-11-03',
        parcels: [
          { parcelId: 'p1', trackingNumber: '1Z999AA10123456784', carrier: { code: 'ups', name: 'UPS' } },
        ],
      },
    );
    expect(result).toEqual({ ok: false, reason: 'Cannot submit tracking for a receipt that is not paid.' });
  });

  it('authorisation code with PKCE: the consent URL, then the code exchanged for a refresh token', async () => {
    const adapter = etsy({ origin: fake.origin, authOrigin: fake.origin });
    const flow = adapter.authorization;
    const { verifier, challenge } = pkcePair();
    const redirectUri = 'https://trackpack.example/api/channels/oauth/callback';
    const app = { keystring: FAKE_ETSY_KEYSTRING, sharedSecret: FAKE_ETSY_SECRET };
    const url = new URL(
      flow?.authorizeUrl(app, { redirectUri, state: 'st', codeChallenge: challenge }) ?? '',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: FAKE_ETSY_KEYSTRING,
      redirect_uri: redirectUri,
      scope: 'transactions_r transactions_w',
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const consent = await fetch(url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('st');
    const secrets = await flow?.exchange(
      app,
      { code: back.searchParams.get('code') ?? '', redirectUri, codeVerifier: verifier },
      NOW,
    );
    expect(secrets).toEqual({ ...app, refreshToken: '12345678.fake-refresh-1' });
    expect(adapter.parseSecrets(secrets ?? {})).toEqual({ ...app, refreshToken: '12345678.fake-refresh-1' });
  });
});
