/**
 * A WooCommerce connection through the service: keys in the query string, orders fetched, and a
 * shipped order of two parcels confirmed with one call per parcel, then completed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJson } from '../sync/test-support.ts';
import {
  FAKE_WOO_KEY,
  FAKE_WOO_SECRET,
  fakeWooOrder,
  startFakeWooCommerce,
  type FakeWooCommerce,
} from './fake-woocommerce.ts';
import { startFakeShopify, type FakeShopify } from './fake-shopify.ts';
import {
  newSeller,
  pullAll,
  push,
  shipMutations,
  startChannelServer,
  type ChannelTestServer,
} from './test-support.ts';

let woo: FakeWooCommerce;
let shopify: FakeShopify;
let server: ChannelTestServer;
beforeAll(async () => {
  woo = await startFakeWooCommerce();
  shopify = await startFakeShopify();
  server = await startChannelServer(
    shopify.origin,
    {},
    new Date('2026-11-03T10:00:00Z'),
    undefined,
    woo.origin,
  );
}, 60_000);
afterAll(async () => {
  await server.close();
  await woo.close();
  await shopify.close();
});

it('fetches WooCommerce orders and confirms each parcel with its own call', async () => {
  woo.orders = [fakeWooOrder(601)];
  const device = await newSeller(server);
  const res = await postJson(
    server.fetch,
    '/api/channels',
    {
      channel: 'woocommerce',
      shop: 'laden.example',
      credentials: { consumerKey: FAKE_WOO_KEY, consumerSecret: FAKE_WOO_SECRET, authIn: 'query' },
    },
    device.token,
  );
  expect(res.status).toBe(201);
  await server.channels.runOnce();
  expect((await pullAll(server, device)).orders.map((o) => o.id)).toEqual(['woocommerce:601']);
  await push(
    server,
    device,
    shipMutations(1, 'woocommerce:601', [
      { number: '1Z999AA10123456784', carrierId: 'ups' },
      { number: '1Z999AA10123456795', carrierId: 'ups' },
    ]),
  );
  await server.channels.runOnce();
  expect(woo.trackings.map((t) => t.item['tracking_number'])).toEqual([
    '1Z999AA10123456784',
    '1Z999AA10123456795',
  ]);
  expect(woo.orders[0]?.status).toBe('completed');
  // Every call carried the keys in the query, none in a header.
  expect(
    woo.requests.every((r) => r.query['consumer_key'] === FAKE_WOO_KEY && !r.headers['authorization']),
  ).toBe(true);
  const steps = (await pullAll(server, device)).events
    .filter((e) => e.kind === 'marketplace_confirmation' && e.data?.['status'] === 'accepted')
    .map((e) => e.data?.['trackingNumber']);
  expect(steps.sort()).toEqual(['1Z999AA10123456784', '1Z999AA10123456795']);
}, 60_000);
