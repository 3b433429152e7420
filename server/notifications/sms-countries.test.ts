/**
 * The SMS allow-list through sync: a `notify.request` for a text is queued only when the buyer's
 * number belongs to the shop's own country (from its synced settings) or to SMS_COUNTRIES; any
 * other is refused at once, and the refusal reaches the devices as the order's history.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, test, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import type { DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSeller, postJson, startTestServer, type TestServer } from '../sync/test-support.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const AT = '2026-11-20T10:00:00.000Z';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const order = (externalId: string, phone: string) => ({
  id: `manual:${externalId}`,
  source: 'manual',
  externalId,
  orderedAt: '2026-11-19',
  buyer: { name: `Buyer ${externalId}`, phone },
  address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
  lines: [{ title: 'Mug', quantity: 1 }],
});

async function shop(
  s: TestServer,
  shopCountry: string,
): Promise<{ notify: (externalId: string) => Promise<string>; failures: () => Promise<string[]> }> {
  const seller: DeviceCredentials = await createSeller(s.fetch, 'Laden');
  let id = 0;
  const push = async (mutations: [string, unknown][]) => {
    const res = await postJson(
      s.fetch,
      '/api/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        deviceId: seller.deviceId,
        mutations: mutations.map(([name, args]) => ({ id: ++id, name, args, createdAt: AT })),
      },
      seller.token,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: unknown[] }).rejected).toEqual([]);
  };
  await push([
    ['settings.update', { ...DEFAULT_SETTINGS, workflow: { ...DEFAULT_SETTINGS.workflow, shopCountry } }],
    [
      'orders.import',
      {
        eventId: randomUUID(),
        fileName: 'orders.csv',
        part: 1,
        orders: [order('home', '0171 1234567'), order('abroad', '+8821612345678')],
      },
    ],
  ]);
  return {
    async notify(externalId) {
      const notificationId = randomUUID();
      await push([
        [
          'notify.request',
          {
            notificationId,
            orderId: `manual:${externalId}`,
            kind: 'preparing',
            channel: 'sms',
            eventId: randomUUID(),
            at: AT,
          },
        ],
      ]);
      return notificationId;
    },
    async failures() {
      const res = await postJson(
        s.fetch,
        '/api/pull',
        { protocolVersion: PROTOCOL_VERSION, deviceId: seller.deviceId, cursor: '0' },
        seller.token,
      );
      const { events } = (await res.json()) as { events: { kind: string; data?: Record<string, unknown> }[] };
      return events.filter((e) => e.kind === 'notification_failed').map((e) => String(e.data?.['reason']));
    },
  };
}

test('a German shop texts a German number and refuses a satellite one', async () => {
  server = await startTestServer({ notifications: {} });
  const laden = await shop(server, 'DE');
  const home = await laden.notify('home');
  await laden.notify('abroad');
  const queued = await server.db.query<{ id: string; recipient: string }>(
    `SELECT id, recipient FROM notifications WHERE channel = 'sms'`,
  );
  expect(queued).toEqual([{ id: home, recipient: '+491711234567' }]);
  expect(await laden.failures()).toEqual(['sms_country_not_allowed']);
});

test('a shop without a country texts nobody; SMS_COUNTRIES decides instead of the shop', async () => {
  server = await startTestServer({ notifications: {} });
  const nowhere = await shop(server, '');
  await nowhere.notify('home');
  expect(await nowhere.failures()).toEqual(['sms_country_not_allowed']);
  await server.close();

  server = await startTestServer({ notifications: { smsCountries: ['SE'] } });
  const laden = await shop(server, 'DE');
  await laden.notify('home');
  expect(await laden.failures()).toEqual(['sms_country_not_allowed']);
  expect(await server.db.query(`SELECT 1 FROM notifications`)).toEqual([]);
});
