/**
 * Shop connections end to end on the server: connect through the API, orders fetched into the
 * seller's data (and reaching devices by pull), shipped orders confirmed at most once per parcel,
 * refusals with their reason and "send again", rate limits, and two processes sharing the work.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

let fake: FakeShopify;
let server: ChannelTestServer;

beforeAll(async () => {
  fake = await startFakeShopify({ now: () => server.clock.now });
}, 30_000);
afterAll(() => fake.close());
beforeEach(async () => {
  fake.orders = [];
  fake.requests.length = 0;
  fake.fulfillments.length = 0;
  server = await startChannelServer(fake.origin);
}, 60_000);
afterEach(() => server.close());

const confirmationSteps = (events: { kind: string; data?: Record<string, unknown> }[]) =>
  events
    .filter((e) => e.kind === 'marketplace_confirmation')
    .map((e) => `${String(e.data?.['trackingNumber'])}:${String(e.data?.['status'])}`);

describe('shop connections', () => {
  it('connects with credentials that are sealed, never listed, and refused when wrong', async () => {
    const device = await newSeller(server);
    const res = await connectShopify(server, device);
    expect(res.status).toBe(201);
    const { connection } = (await res.json()) as { connection: { id: string; shop: string } };
    expect(connection.shop).toBe('fake-shop.myshopify.com');
    const listed = await server.fetch('/api/channels', {
      headers: { Authorization: `Bearer ${device.token}` },
    });
    const text = await listed.text();
    expect(text).toContain('fake-shop.myshopify.com');
    expect(text).not.toContain('fake-client-secret');
    expect(text).not.toContain('shpat_');
    const [row] = await server.db.query<{ sealed_secrets: string }>(
      'SELECT sealed_secrets FROM channel_connections',
    );
    expect(row?.sealed_secrets).not.toContain('fake-client-secret');
    expect(row?.sealed_secrets).not.toContain('shpat_');
    // The same shop twice, and wrong credentials.
    expect((await connectShopify(server, device)).status).toBe(409);
    const wrong = await server.fetch('/api/channels', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${device.token}` },
      body: JSON.stringify({
        channel: 'shopify',
        shop: 'other',
        credentials: { clientId: 'x', clientSecret: 'y' },
      }),
    });
    expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([422, 'auth']);
  });

  it('fetches orders into the seller’s data, with the key a CSV import of the same order has', async () => {
    fake.orders = [fakeOrder(1001), fakeOrder(1002)];
    const device = await newSeller(server);
    expect((await connectShopify(server, device)).status).toBe(201);
    await server.channels.runOnce();
    const pulled = await pullAll(server, device);
    expect(pulled.orders.map((o) => o.id).sort()).toEqual(['shopify:#1001', 'shopify:#1002']);
    // A later import of Shopify's CSV finds them: nothing new.
    const imported = await push(server, device, [
      {
        id: 1,
        name: 'orders.import',
        args: {
          eventId: 'import-1',
          fileName: 'orders_export.csv',
          part: 1,
          orders: [
            {
              id: 'shopify:#1001',
              source: 'shopify',
              externalId: '#1001',
              orderedAt: '2026-11-02',
              buyer: { name: 'Buyer 1001', email: 'buyer1001@example.com' },
              address: { line1: 'Hauptstraße 1001', zip: '01067', city: 'Dresden', country: 'DE' },
              lines: [{ sku: 'MUG-1001', title: 'Mug', quantity: 1 }],
            },
          ],
        },
        createdAt: '2026-11-03T11:00:00.000Z',
      },
    ]);
    expect(imported.rejected).toEqual([]);
    const after = await pullAll(server, device);
    const importEvent = after.events.find((e) => e.id === 'import-1');
    expect(importEvent?.data).toMatchObject({ new: 0 });
    // The next poll asks only for what changed since the newest update it saw.
    server.clock.advance(5 * 60_000);
    await server.channels.runOnce();
    const queries = fake.requests.filter((r) => r.operation === 'Orders').map((r) => r.variables?.['query']);
    expect(queries).toEqual([
      "updated_at:>='2026-10-04T10:00:00.000Z'",
      "updated_at:>='2026-11-02T09:15:00.000Z'",
    ]);
  });

  it('waits as long as a 429 asks, then fetches; an error is shown on the connection', async () => {
    fake.orders = [fakeOrder(1001)];
    const device = await newSeller(server);
    await connectShopify(server, device);
    fake.rateLimitNext(1, 90);
    await server.channels.runOnce();
    const [limited] = await server.db.query<{ next_poll_at: Date; last_error: string; failures: number }>(
      'SELECT next_poll_at, last_error, failures FROM channel_connections',
    );
    expect(new Date(limited?.next_poll_at ?? 0).getTime() - server.clock.now.getTime()).toBe(90_000);
    expect([limited?.last_error, limited?.failures]).toEqual(['graphql: HTTP 429', 1]);
    server.clock.advance(60_000);
    await server.channels.runOnce();
    expect((await pullAll(server, device)).orders).toEqual([]);
    server.clock.advance(30_000);
    await server.channels.runOnce();
    expect((await pullAll(server, device)).orders.map((o) => o.id)).toEqual(['shopify:#1001']);
  });

  it('confirms a shipped order with both parcels once, and logs it for every device', async () => {
    fake.orders = [fakeOrder(1001)];
    const device = await newSeller(server);
    await connectShopify(server, device);
    await server.channels.runOnce();
    const shipped = await push(
      server,
      device,
      shipMutations(1, 'shopify:#1001', [
        { number: '1Z999AA10123456784', carrierId: 'ups' },
        { number: '1Z999AA10123456795', carrierId: 'ups' },
      ]),
    );
    expect(shipped.rejected).toEqual([]);
    await server.channels.runOnce();
    await server.channels.runOnce();
    expect(fake.fulfillments).toHaveLength(1);
    expect(fake.fulfillments[0]?.trackingInfo).toMatchObject({
      company: 'UPS',
      numbers: ['1Z999AA10123456784', '1Z999AA10123456795'],
    });
    expect(confirmationSteps((await pullAll(server, device)).events).sort()).toEqual([
      '1Z999AA10123456784:accepted',
      '1Z999AA10123456784:pending',
      '1Z999AA10123456784:sent',
      '1Z999AA10123456795:accepted',
      '1Z999AA10123456795:pending',
      '1Z999AA10123456795:sent',
    ]);
  });

  it('records a refusal with Shopify’s reason, and "send again" after a fix confirms it', async () => {
    fake.orders = [fakeOrder(1001)];
    const device = await newSeller(server);
    await connectShopify(server, device);
    await server.channels.runOnce();
    // Fulfilled in Shopify's admin meanwhile.
    const [fo] = fake.orders[0]?.fulfillmentOrders ?? [];
    if (fo) fo.status = 'CLOSED';
    await push(
      server,
      device,
      shipMutations(1, 'shopify:#1001', [{ number: '00340434161234567890', carrierId: 'dhl-paket' }]),
    );
    await server.channels.runOnce();
    const pulled = await pullAll(server, device);
    const refused = pulled.events.find(
      (e) => e.kind === 'marketplace_confirmation' && e.data?.['status'] === 'refused',
    );
    expect(refused?.data?.['reason']).toBe(
      'Shopify has nothing left to fulfil on this order (already fulfilled or closed).',
    );
    if (fo) fo.status = 'OPEN';
    const retry = await server.fetch(
      `/api/channel-confirmations/${String(refused?.data?.['confirmationId'])}/retry`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${device.token}` },
      },
    );
    expect(retry.status).toBe(200);
    await server.channels.runOnce();
    expect(fake.fulfillments.map((f) => f.trackingInfo.company)).toEqual(['Deutsche Post']);
    // Pull brings each step once (as a set; the order page orders them by attempt).
    expect(confirmationSteps((await pullAll(server, device)).events).sort()).toEqual([
      '00340434161234567890:accepted',
      '00340434161234567890:pending',
      '00340434161234567890:pending',
      '00340434161234567890:refused',
      '00340434161234567890:sent',
      '00340434161234567890:sent',
    ]);
  });

  it('retries a transient failure later, as the rate limit says', async () => {
    fake.orders = [fakeOrder(1001)];
    const device = await newSeller(server);
    await connectShopify(server, device);
    await server.channels.runOnce();
    await push(
      server,
      device,
      shipMutations(1, 'shopify:#1001', [{ number: '1Z999AA10123456784', carrierId: 'ups' }]),
    );
    fake.rateLimitNext(1, 120);
    await server.channels.runOnce();
    expect(fake.fulfillments).toHaveLength(0);
    server.clock.advance(119_000);
    await server.channels.runOnce();
    expect(fake.fulfillments).toHaveLength(0);
    server.clock.advance(1_000);
    await server.channels.runOnce();
    expect(fake.fulfillments).toHaveLength(1);
  });

  it('two processes working at once poll each shop once and confirm each parcel once', async () => {
    fake.orders = [fakeOrder(1001), fakeOrder(1002)];
    const device = await newSeller(server);
    await connectShopify(server, device);
    const other = server.another('second');
    await Promise.all([server.channels.runOnce(), other.runOnce()]);
    expect(fake.requests.filter((r) => r.operation === 'Orders')).toHaveLength(1);
    await push(server, device, [
      ...shipMutations(1, 'shopify:#1001', [{ number: '1Z999AA10123456784', carrierId: 'ups' }]),
      ...shipMutations(3, 'shopify:#1002', [{ number: '1Z999AA10123456795', carrierId: 'ups' }]),
    ]);
    await Promise.all([server.channels.runOnce(), other.runOnce(), server.channels.runOnce()]);
    expect(fake.fulfillments.map((f) => f.orderId).sort()).toEqual([
      'gid://shopify/Order/1001',
      'gid://shopify/Order/1002',
    ]);
  });
});
