/**
 * The 17TRACK adapter against payloads recorded in its documented v2.2 shape
 * (`test/fixtures/tracking-provider/`): webhook signatures, status mapping, and the whole way from
 * a registered parcel to the seller's devices, with the provider's HTTP API faked at `fetch`.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROTOCOL_VERSION, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';
import { seventeenTrack, seventeenTrackSign } from './seventeen-track.ts';
import type { FetchFn } from './provider.ts';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tracking-provider');
const KEY = 'test-17track-key';
const fixture = (name: string) => readFile(path.join(FIXTURES, name), 'utf8');

describe('webhook signature', () => {
  const adapter = seventeenTrack({ key: KEY });
  test('accepts the sign header made with our key, refuses others and a changed body', async () => {
    const body = await fixture('webhook-in-transit.json');
    const sign = seventeenTrackSign(body, KEY);
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
    const headers = (value?: string) => (name: string) => (name === 'sign' ? value : undefined);
    expect(adapter.verifyWebhook(body, headers(sign))).toBe(true);
    expect(adapter.verifyWebhook(body, headers(sign.toUpperCase()))).toBe(true);
    expect(adapter.verifyWebhook(body, headers(seventeenTrackSign(body, 'other-key')))).toBe(false);
    expect(adapter.verifyWebhook(`${body} `, headers(sign))).toBe(false);
    expect(adapter.verifyWebhook(body, headers(undefined))).toBe(false);
    expect(adapter.verifyWebhook(body, headers('short'))).toBe(false);
  });
});

describe('status mapping from recorded payloads', async () => {
  const adapter = seventeenTrack({ key: KEY });
  const cases = JSON.parse(await fixture('cases.json')) as Record<
    string,
    { status: string; expectedAt?: string } | null
  >;
  test.each(Object.entries(cases))('%s', async (name, expected) => {
    const updates = adapter.parseWebhook(await fixture(name));
    if (expected === null) {
      expect(updates).toEqual([]);
      return;
    }
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ number: '00340434161234567890', status: expected.status });
    expect(updates[0]?.expectedAt).toBe(expected.expectedAt);
  });
  test('garbage is no update, not an error', () => {
    expect(adapter.parseWebhook('not json')).toEqual([]);
    expect(adapter.parseWebhook('{"event":"TRACKING_UPDATED","data":{"number":5}}')).toEqual([]);
  });
});

describe('from registration to the seller’s devices', () => {
  let server: TestServer;
  let seller: DeviceCredentials;
  const calls: { url: string; token: string | null; body: unknown }[] = [];
  const fakeFetch: FetchFn = async (url, init) => {
    calls.push({
      url,
      token: new Headers(init.headers).get('17token'),
      body: JSON.parse(String(init.body)) as unknown,
    });
    return new Response(await fixture('register-answer.json'), {
      headers: { 'Content-Type': 'application/json' },
    });
  };
  const orderId = 'shopify:T-1';
  const parcelId = randomUUID();
  const AT = '2026-11-20T10:00:00.000Z';
  let id = 0;
  const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: AT });
  const push = async (mutations: unknown[]) =>
    (await (
      await postJson(
        server.fetch,
        '/api/push',
        { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, mutations },
        seller.token,
      )
    ).json()) as { rejected: { code: string }[] };
  const webhook = (body: string, sign: string) =>
    server.fetch('/api/tracking/17track/webhook', { method: 'POST', headers: { sign }, body });
  const pulled = async () =>
    (await (
      await postJson(
        server.fetch,
        '/api/pull',
        { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, cursor: '0' },
        seller.token,
      )
    ).json()) as {
      orders: { id: string; status: string }[];
      parcels: { id: string; deliveryStatus: string; expectedAt?: string }[];
      events: { kind: string; data?: Record<string, unknown> }[];
    };

  beforeAll(async () => {
    server = await startTestServer({ trackingProvider: seventeenTrack({ key: KEY, fetch: fakeFetch }) });
    seller = await createSeller(server.fetch);
    await push([
      wire('order.create', {
        order: {
          id: orderId,
          source: 'shopify',
          externalId: 'T-1',
          orderedAt: '2026-11-19',
          buyer: { name: 'Ann' },
          address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
          lines: [],
        },
        eventId: randomUUID(),
        at: AT,
      }),
      wire('parcel.upsert', {
        parcel: {
          id: parcelId,
          orderId,
          trackingNumber: '00340434161234567890',
          deliveryStatus: 'pending',
          updatedAt: AT,
        },
        eventId: randomUUID(),
        at: AT,
      }),
      wire('order.transition', { orderId, to: 'shipped', eventId: randomUUID(), at: AT }),
    ]);
  }, 30_000);
  afterAll(async () => server?.close());

  test('a pushed parcel is registered with the key, and a retrack asks again', async () => {
    expect(await server.tracking!.runOnce()).toMatchObject({ registered: 1, failed: 0 });
    expect(calls[0]).toMatchObject({
      url: 'https://api.17track.net/track/v2.2/register',
      token: KEY,
      body: [expect.objectContaining({ number: '00340434161234567890' })],
    });
    expect(
      (await push([wire('parcel.retrack', { parcelId, orderId, eventId: randomUUID(), at: AT })])).rejected,
    ).toEqual([]);
    expect(await server.tracking!.runOnce()).toMatchObject({ retracked: 1 });
    expect(calls.at(-1)?.url).toBe('https://api.17track.net/track/v2.2/retrack');
  });

  test('a wrongly signed webhook is refused and changes nothing', async () => {
    const body = await fixture('webhook-delivered.json');
    expect((await webhook(body, seventeenTrackSign(body, 'not-our-key'))).status).toBe(401);
    expect((await pulled()).parcels[0]?.deliveryStatus).toBe('pending');
  });

  test('signed updates reach the devices by pull; delivered moves the order on', async () => {
    const transit = await fixture('webhook-in-transit.json');
    const first = await webhook(transit, seventeenTrackSign(transit, KEY));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, changed: 1 });
    let state = await pulled();
    expect(state.parcels[0]).toMatchObject({ deliveryStatus: 'in_transit', expectedAt: '2026-11-23' });
    // The same call again (the provider retries) changes nothing.
    expect(await (await webhook(transit, seventeenTrackSign(transit, KEY))).json()).toEqual({
      ok: true,
      changed: 0,
    });

    const delivered = await fixture('webhook-delivered.json');
    expect((await webhook(delivered, seventeenTrackSign(delivered, KEY))).status).toBe(200);
    state = await pulled();
    expect(state.parcels[0]?.deliveryStatus).toBe('delivered');
    expect(state.orders[0]?.status).toBe('delivered');
    expect(
      state.events.filter((e) => e.kind === 'parcel_changed' && e.data?.['source'] === '17track'),
    ).toHaveLength(2);
  });
});
