/**
 * Confirmations after the first one, through the real push and the notification sender:
 *  - a connection set to "confirm when the buyer is told" confirms only once the order's
 *    "shipped" message has gone out (in the sender's recording transaction), once, also with
 *    two processes;
 *  - a parcel added to a confirmed order is confirmed alone (Shopify: the fulfillment's tracking
 *    updated with every number; Etsy: one more tracking call);
 *  - a confirmed parcel whose tracking number changed is updated where the channel can (Shopify,
 *    also when it changed during the first call) and logged "not updatable" with the reason
 *    where it cannot (Etsy).
 * The clock starts at the real now, so the messages the sender sends and the confirmations agree.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceCredentials } from '../../src/core/protocol/index.ts';
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
import { fakeOrder, startFakeShopify, type FakeShopify } from './fake-shopify.ts';
import {
  connectShopify,
  newSeller,
  pullAll,
  push,
  shipMutations,
  startChannelServer,
  type ChannelTestServer,
} from './test-support.ts';

// Each test starts a server and runs several rounds of push, send and confirm.
vi.setConfig({ testTimeout: 60_000 });

let shopifyFake: FakeShopify;
let etsyFake: FakeEtsy;
let server: ChannelTestServer;
let mutationId = 0;

beforeAll(async () => {
  shopifyFake = await startFakeShopify({ now: () => server.clock.now });
  etsyFake = await startFakeEtsy({ now: () => server.clock.now });
}, 30_000);
afterAll(async () => {
  await shopifyFake.close();
  await etsyFake.close();
});
beforeEach(async () => {
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  shopifyFake.orders = [fakeOrder(3001, { createdAt: hourAgo, updatedAt: hourAgo })];
  shopifyFake.requests.length = 0;
  shopifyFake.fulfillments.length = 0;
  const at = Math.floor(Date.parse(hourAgo) / 1000);
  etsyFake.receipts = [fakeReceipt(4001, { create_timestamp: at, updated_timestamp: at })];
  etsyFake.requests.length = 0;
  etsyFake.shipments.length = 0;
  server = await startChannelServer(
    shopifyFake.origin,
    {},
    new Date(),
    undefined,
    undefined,
    { etsy: etsy({ origin: etsyFake.origin, authOrigin: etsyFake.origin }) as ChannelAdapter<never> },
    true,
  );
}, 60_000);
afterEach(() => server.close());

const ORDER = 'shopify:#3001';

async function connected(device: DeviceCredentials): Promise<string> {
  const res = await connectShopify(server, device);
  expect(res.status).toBe(201);
  await server.channels.runOnce();
  return ((await res.json()) as { connection: { id: string } }).connection.id;
}

async function pushed(device: DeviceCredentials, mutations: unknown[]): Promise<void> {
  const renumbered = mutations.map((m) => ({ ...(m as object), id: ++mutationId }));
  expect((await push(server, device, renumbered)).rejected).toEqual([]);
}

const ship = (orderId: string, parcels: { id: string; number: string; carrierId?: string }[]) =>
  shipMutations(0, orderId, parcels, new Date());

function parcelUpsert(orderId: string, id: string, number: string) {
  const at = new Date().toISOString();
  return {
    name: 'parcel.upsert',
    args: {
      parcel: {
        id,
        orderId,
        trackingNumber: number,
        carrierId: 'dhl',
        deliveryStatus: 'pending',
        updatedAt: at,
      },
      eventId: `e-${randomUUID()}`,
      at,
    },
    createdAt: at,
  };
}

function notifyShipped(orderId: string, channel: 'email' | 'sms' = 'email') {
  const at = new Date().toISOString();
  return {
    name: 'notify.request',
    args: { notificationId: randomUUID(), orderId, kind: 'shipped', channel, eventId: randomUUID(), at },
    createdAt: at,
  };
}

const steps = (events: { kind: string; data?: Record<string, unknown> }[]) =>
  events
    .filter((e) => e.kind === 'marketplace_confirmation')
    .map((e) => `${String(e.data?.['trackingNumber'])}:${String(e.data?.['status'])}`);

describe('confirm when the buyer is told', () => {
  it('waits for the sent "shipped" message, then confirms once', async () => {
    const device = await newSeller(server);
    const id = await connected(device);
    const set = await server.fetch(`/api/channels/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}` },
      body: JSON.stringify({ confirmWhen: 'told' }),
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { connection: { confirmWhen: string } }).connection.confirmWhen).toBe(
      'told',
    );

    await pushed(
      device,
      ship(ORDER, [{ id: randomUUID(), number: '00340434161094042557', carrierId: 'dhl' }]),
    );
    server.clock.advance(10 * 60_000);
    await server.channels.runOnce();
    expect(shopifyFake.fulfillments).toEqual([]);

    await pushed(device, [notifyShipped(ORDER)]);
    const sent = await server.notifications?.runOnce();
    expect(sent?.sent).toBe(1);
    // Two processes look for work at once: one of them confirms, once.
    await Promise.all([server.channels.runOnce(), server.another('second').runOnce()]);
    expect(shopifyFake.fulfillments.map((f) => f.trackingInfo.numbers)).toEqual([['00340434161094042557']]);

    // Another "shipped" message goes out (sent again): nothing is confirmed again.
    await pushed(device, [notifyShipped(ORDER, 'email')]);
    await server.notifications?.runOnce();
    await server.channels.runOnce();
    expect(shopifyFake.fulfillments).toHaveLength(1);
    expect(steps((await pullAll(server, device)).events).sort()).toEqual([
      '00340434161094042557:accepted',
      '00340434161094042557:pending',
      '00340434161094042557:sent',
    ]);
  });

  it('confirms at push time for a connection left at "when shipped", without any message', async () => {
    const device = await newSeller(server);
    await connected(device);
    await pushed(
      device,
      ship(ORDER, [{ id: randomUUID(), number: '00340434161094042557', carrierId: 'dhl' }]),
    );
    await server.channels.runOnce();
    expect(shopifyFake.fulfillments).toHaveLength(1);
  });
});

describe('after the order was confirmed', () => {
  it('Shopify: a parcel added later joins the fulfillment; a changed number replaces the old one', async () => {
    const device = await newSeller(server);
    await connected(device);
    const first = randomUUID();
    await pushed(device, ship(ORDER, [{ id: first, number: '00340434161094042557', carrierId: 'dhl' }]));
    await server.channels.runOnce();
    expect(shopifyFake.fulfillments).toHaveLength(1);
    shopifyFake.requests.length = 0;

    await pushed(device, [parcelUpsert(ORDER, randomUUID(), '00340434161094099999')]);
    await server.channels.runOnce();
    const added = shopifyFake.requests.filter((r) => r.operation?.startsWith('Fulfillment'));
    expect(added.map((r) => [r.operation, r.variables])).toEqual([
      [
        'FulfillmentTrackingInfoUpdate',
        {
          fulfillmentId: 'gid://shopify/Fulfillment/1',
          trackingInfoInput: {
            company: 'dhl',
            numbers: ['00340434161094042557', '00340434161094099999'],
          },
          notifyCustomer: false,
        },
      ],
    ]);
    shopifyFake.requests.length = 0;

    await pushed(device, [parcelUpsert(ORDER, first, '00340434161094011111')]);
    await server.channels.runOnce();
    const changed = shopifyFake.requests.filter((r) => r.operation?.startsWith('Fulfillment'));
    expect(changed.map((r) => r.variables?.['trackingInfoInput'])).toEqual([
      { company: 'dhl', numbers: ['00340434161094011111', '00340434161094099999'] },
    ]);
    expect(shopifyFake.fulfillments).toHaveLength(1);
    expect(shopifyFake.fulfillments[0]?.trackingInfo.numbers).toEqual([
      '00340434161094011111',
      '00340434161094099999',
    ]);
    const after = await pullAll(server, device);
    expect(
      steps(after.events)
        .filter((s) => s.endsWith(':accepted'))
        .sort(),
    ).toEqual([
      '00340434161094011111:accepted',
      '00340434161094042557:accepted',
      '00340434161094099999:accepted',
    ]);
    const order = after.orders.find((o) => o.id === ORDER) as unknown as { confirmation?: unknown };
    expect(order.confirmation).toMatchObject({ state: 'accepted' });
  });

  it('Shopify: a number changed while the first call was under way follows once it is accepted', async () => {
    const device = await newSeller(server);
    await connected(device);
    const first = randomUUID();
    await pushed(device, ship(ORDER, [{ id: first, number: '00340434161094042557', carrierId: 'dhl' }]));
    const hold = shopifyFake.holdFulfillments();
    const running = server.channels.runOnce();
    await vi.waitFor(() =>
      expect(shopifyFake.requests.some((r) => r.operation === 'FulfillmentCreate')).toBe(true),
    );
    await pushed(device, [parcelUpsert(ORDER, first, '00340434161094011111')]);
    hold.release();
    await running;
    await server.channels.runOnce();
    expect(shopifyFake.fulfillments.map((f) => f.trackingInfo.numbers)).toEqual([['00340434161094011111']]);
  });

  it('Etsy: a parcel added later is one more tracking call; a changed number is “not updatable”', async () => {
    const device = await newSeller(server);
    const res = await postJson(
      server.fetch,
      '/api/channels',
      {
        channel: 'etsy',
        shop: '',
        credentials: {
          keystring: FAKE_ETSY_KEYSTRING,
          sharedSecret: FAKE_ETSY_SECRET,
          refreshToken: etsyFake.refreshToken,
        },
      },
      device.token,
    );
    expect(res.status).toBe(201);
    await server.channels.runOnce();
    const first = randomUUID();
    await pushed(device, ship('etsy:4001', [{ id: first, number: '1Z999AA10123456784', carrierId: 'ups' }]));
    await server.channels.runOnce();
    await pushed(device, [parcelUpsert('etsy:4001', randomUUID(), '00340434161094042557')]);
    await server.channels.runOnce();
    const tracking = etsyFake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/tracking'));
    expect(tracking.map((r) => Object.fromEntries(new URLSearchParams(r.text)))).toEqual([
      { tracking_code: '1Z999AA10123456784', carrier_name: 'ups', send_bcc: 'false' },
      // Etsy has no code for DHL: "other", the carrier's name in the note.
      {
        tracking_code: '00340434161094042557',
        carrier_name: 'other',
        note_to_buyer: 'dhl',
        send_bcc: 'false',
      },
    ]);

    await pushed(device, [parcelUpsert('etsy:4001', first, '1Z999AA10123456795')]);
    await server.channels.runOnce();
    expect(etsyFake.requests.filter((r) => r.path.endsWith('/tracking'))).toHaveLength(2);
    const after = await pullAll(server, device);
    const notUpdatable = after.events.find(
      (e) => e.kind === 'marketplace_confirmation' && e.data?.['status'] === 'not_updatable',
    );
    expect(notUpdatable?.data).toMatchObject({
      trackingNumber: '1Z999AA10123456795',
      reason: 'Etsy cannot change a tracking number it was told; it still has 1Z999AA10123456784.',
    });
    // The shop has every parcel: nothing for the seller's attention.
    const order = after.orders.find((o) => o.id === 'etsy:4001') as unknown as { confirmation?: unknown };
    expect(order.confirmation).toMatchObject({ state: 'accepted' });
  });
});
