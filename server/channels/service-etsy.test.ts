/**
 * An Etsy shop through the server: connected through Etsy's consent page (the authorisation-code
 * routes with PKCE, the state sealed), its receipts fetched into the seller's orders, and a
 * shipped order of two parcels confirmed with one tracking call each, accepted on the device.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postJson } from '../sync/test-support.ts';
import type { ChannelAdapter } from './adapter.ts';
import { etsy } from './etsy.ts';
import {
  fakeReceipt,
  FAKE_ETSY_KEYSTRING,
  FAKE_ETSY_SECRET,
  startFakeEtsy,
  type FakeEtsy,
} from './fake-etsy.ts';
import { startFakeShopify, type FakeShopify } from './fake-shopify.ts';
import {
  newSeller,
  pullAll,
  push,
  shipMutations,
  startChannelServer,
  type ChannelTestServer,
} from './test-support.ts';

let fake: FakeEtsy;
let shopify: FakeShopify;
let server: ChannelTestServer;
beforeAll(async () => {
  fake = await startFakeEtsy({ now: () => server.clock.now });
  shopify = await startFakeShopify();
  server = await startChannelServer(
    shopify.origin,
    {},
    new Date('2026-11-03T10:00:00Z'),
    undefined,
    undefined,
    {
      etsy: etsy({ origin: fake.origin, authOrigin: fake.origin }) as ChannelAdapter<never>,
    },
  );
}, 60_000);
afterAll(async () => {
  await server.close();
  await fake.close();
  await shopify.close();
});

const APP = { keystring: FAKE_ETSY_KEYSTRING, sharedSecret: FAKE_ETSY_SECRET };

it('connects through Etsy’s consent page, fetches receipts, and confirms two parcels', async () => {
  fake.receipts = [fakeReceipt(7001, { create_timestamp: Date.parse('2026-11-02T09:00:00Z') / 1000 })];
  const device = await newSeller(server);
  const started = await postJson(server.fetch, '/api/channels/etsy/authorize', { app: APP }, device.token);
  expect(started.status).toBe(200);
  const { url } = (await started.json()) as { url: string };
  const consent = new URL(url);
  expect(consent.origin).toBe(fake.origin);
  expect(consent.searchParams.get('redirect_uri')).toBe('http://trackpack.test/api/channels/oauth/callback');

  // Etsy sends the browser back with the code and our state; no device token on that request.
  const back = (await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '';
  const done = await server.fetch(back, { redirect: 'manual' });
  expect(done.status).toBe(303);
  expect(done.headers.get('location')).toBe('/settings?shops=connected&shop=HolmKnits');
  const list = (await (
    await server.fetch('/api/channels', { headers: { Authorization: `Bearer ${device.token}` } })
  ).json()) as {
    connections: { channel: string; shop: string }[];
  };
  expect(list.connections).toMatchObject([{ channel: 'etsy', shop: 'HolmKnits' }]);

  await server.channels.runOnce();
  const pulled = await pullAll(server, device);
  expect(pulled.orders.map((o) => o.id)).toEqual(['etsy:7001']);

  const result = await push(
    server,
    device,
    shipMutations(1, 'etsy:7001', [
      { number: '1Z999AA10123456784', carrierId: 'ups' },
      { number: '1Z999AA10123456795', carrierId: 'ups' },
    ]),
  );
  expect(result.rejected).toEqual([]);
  await server.channels.runOnce();
  expect(fake.shipments.map((s) => [s.receiptId, s.carrier_name, s.tracking_code])).toEqual([
    [7001, 'ups', '1Z999AA10123456784'],
    [7001, 'ups', '1Z999AA10123456795'],
  ]);
  const after = await pullAll(server, device);
  const steps = after.events.filter((e) => e.kind === 'marketplace_confirmation');
  expect(steps.filter((e) => e.data?.['status'] === 'accepted')).toHaveLength(2);
  // The order itself carries the shop's word, for the attention rules and the list filter.
  const order = after.orders.find((o) => o.id === 'etsy:7001') as unknown as { confirmation?: unknown };
  expect(order.confirmation).toMatchObject({ channel: 'etsy', state: 'accepted' });
}, 60_000);

it('refuses a callback whose state was not sealed by this server, and one run out', async () => {
  const forged = await server.fetch('/api/channels/oauth/callback?code=x&state=v1.a.b.c', {
    redirect: 'manual',
  });
  expect(forged.headers.get('location')).toBe('/settings?shops=state');

  const device = await newSeller(server);
  const started = await postJson(server.fetch, '/api/channels/etsy/authorize', { app: APP }, device.token);
  const { url } = (await started.json()) as { url: string };
  const back = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';
  server.clock.advance(16 * 60_000);
  const late = await server.fetch(back, { redirect: 'manual' });
  expect(late.headers.get('location')).toBe('/settings?shops=expired');
}, 60_000);

it('sends the seller back with “denied” when they said no on Etsy’s page, and “exists” the second time', async () => {
  const device = await newSeller(server);
  const start = async () => {
    const started = await postJson(server.fetch, '/api/channels/etsy/authorize', { app: APP }, device.token);
    return new URL(((await started.json()) as { url: string }).url);
  };
  // Etsy's "Deny": back to the redirect URI with `error` and our state, no code (RFC 6749 §4.1.2.1).
  const consent = await start();
  const denied = await server.fetch(
    `/api/channels/oauth/callback?error=access_denied&state=${encodeURIComponent(consent.searchParams.get('state') ?? '')}`,
    { redirect: 'manual' },
  );
  expect(denied.headers.get('location')).toBe('/settings?shops=denied');

  const approve = async () => {
    const back = (await fetch(await start(), { redirect: 'manual' })).headers.get('location') ?? '';
    return (await server.fetch(back, { redirect: 'manual' })).headers.get('location');
  };
  expect(await approve()).toBe('/settings?shops=connected&shop=HolmKnits');
  expect(await approve()).toBe('/settings?shops=exists');
}, 60_000);
