/**
 * For the channel tests: the shared test server (`server/sync/test-support.ts`) with shop
 * connections wired to a fake Shopify (and WooCommerce), a fixed clock the test moves, and
 * helpers to push and pull as a device would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Database } from '../db/database.ts';
import type { DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSeller, postJson, startTestServer } from '../sync/test-support.ts';
import type { NotificationService } from '../notifications/service.ts';
import { secretBox } from './secrets.ts';
import { createChannelService, type ChannelService, type ChannelServiceConfig } from './service.ts';
import { shopify } from './shopify.ts';
import { wooCommerce } from './woocommerce.ts';
import type { ChannelAdapter } from './adapter.ts';
import type { ChannelId } from '../../src/core/channels/carriers.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

export interface ChannelTestServer {
  app: Hono;
  db: Database;
  dir: string;
  channels: ChannelService;
  /** With `withNotifications`: buyer messages, never started (tests call `runOnce`). */
  notifications?: NotificationService;
  /** A second service on the same database, as another process would run it. */
  another(workerId: string): ChannelService;
  clock: { now: Date; advance(ms: number): void };
  /** The SECRETS_KEY of this server, for another process on the same data. */
  key: Buffer;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Stops and closes; `keep` leaves the data folder for a restart. */
  close(keep?: boolean): Promise<void>;
}

export async function startChannelServer(
  shopifyOrigin: string,
  config: Partial<ChannelServiceConfig> = {},
  start = new Date('2026-11-03T10:00:00Z'),
  reuse?: { dir: string; key: Buffer },
  wooOrigin?: string,
  /** More adapters (the marketplaces, pointed at their fakes). */
  more: Partial<Record<ChannelId, ChannelAdapter<never>>> = {},
  /** Also the notification service (messages to files), its sent messages told to the channels. */
  withNotifications = false,
): Promise<ChannelTestServer> {
  const key = reuse?.key ?? randomBytes(32);
  const clock = {
    now: start,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const secrets = secretBox(key);
  const serviceOn = (db: Database) => (workerId: string) =>
    createChannelService({
      db,
      secrets,
      adapters: {
        shopify: shopify({ origin: shopifyOrigin }) as ChannelAdapter<never>,
        ...(wooOrigin !== undefined && {
          woocommerce: wooCommerce({ origin: wooOrigin }) as ChannelAdapter<never>,
        }),
        ...more,
      },
      config: { confirmGraceMs: 0, ...config },
      now: () => clock.now,
      workerId,
      log: () => undefined,
    });
  const server = await startTestServer({
    ...(reuse !== undefined && { dir: reuse.dir }),
    channels: (db) => serviceOn(db)('first'),
    ...(withNotifications && { notifications: {} }),
  });
  const channels = server.channels;
  if (channels === undefined) throw new Error('the test server made no channel service');
  return {
    app: server.app,
    db: server.db,
    dir: server.dir,
    channels,
    ...(server.notifications !== undefined && { notifications: server.notifications }),
    another: serviceOn(server.db),
    clock,
    key,
    fetch: server.fetch,
    close: (keep = false) => server.close(keep),
  };
}

export async function newSeller(server: ChannelTestServer): Promise<DeviceCredentials> {
  return createSeller(server.fetch);
}

export async function connectShopify(
  server: ChannelTestServer,
  device: DeviceCredentials,
): Promise<Response> {
  return postJson(
    server.fetch,
    '/api/channels',
    {
      channel: 'shopify',
      shop: 'fake-shop',
      credentials: { clientId: 'fake-client-id', clientSecret: 'fake-client-secret' },
    },
    device.token,
  );
}

export async function push(server: ChannelTestServer, device: DeviceCredentials, mutations: unknown[]) {
  const res = await postJson(
    server.fetch,
    '/api/push',
    { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, mutations },
    device.token,
  );
  return (await res.json()) as { lastMutationId: number; rejected: { id: number; code: string }[] };
}

export interface Pulled {
  orders: { id: string; status: string; buyer: { name: string }; lines: unknown[] }[];
  events: { id: string; orderId: string | null; kind: string; data?: Record<string, unknown> }[];
}

export async function pullAll(server: ChannelTestServer, device: DeviceCredentials): Promise<Pulled> {
  const all: Pulled = { orders: [], events: [] };
  let cursor = '0';
  for (;;) {
    const res = await postJson(
      server.fetch,
      '/api/pull',
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, cursor },
      device.token,
    );
    const body = (await res.json()) as Pulled & { cursor: string; more: boolean };
    all.orders.push(...body.orders);
    all.events.push(...body.events);
    if (!body.more) return all;
    cursor = body.cursor;
  }
}

/** A parcel added and the order shipped, as a device's outbox sends them. */
export function shipMutations(
  firstId: number,
  orderId: string,
  parcels: { id?: string; number: string; carrierId?: string }[],
  /** When the first mutation was made; the rest follow a second apart. */
  start = new Date('2026-11-03T10:00:00Z'),
) {
  const at = (i: number) => new Date(start.getTime() + i * 1000).toISOString();
  const mutations: unknown[] = parcels.map((p, i) => ({
    id: firstId + i,
    name: 'parcel.upsert',
    args: {
      parcel: {
        id: p.id ?? randomUUID(),
        orderId,
        trackingNumber: p.number,
        ...(p.carrierId !== undefined && { carrierId: p.carrierId }),
        deliveryStatus: 'pending',
        updatedAt: at(i),
      },
      eventId: `e-${randomUUID()}`,
      at: at(i),
    },
    createdAt: at(i),
  }));
  mutations.push({
    id: firstId + parcels.length,
    name: 'order.transition',
    args: {
      orderId,
      to: 'shipped',
      eventId: `ship-${randomUUID()}`,
      at: at(parcels.length),
      shippedOn: start.toISOString().slice(0, 10),
    },
    createdAt: at(parcels.length),
  });
  return mutations;
}
