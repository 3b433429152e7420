/**
 * Property: whatever two devices of one seller do while apart, in whatever interleaving of
 * edits, pushes and pulls, with requests lost, responses lost after the server committed and
 * requests sent twice, once everyone syncs without faults:
 *   - both devices and the server hold the same orders, parcels and settings;
 *   - every mutation reached the server exactly once (ledger and last id), none was left queued;
 *   - every rejection the server recorded is recorded on the device that sent it, and no other.
 * Runs against the real app (`app.fetch`) on PGlite. fast-check's scheduler decides the order in
 * which requests reach the server, responses reach the devices and local edits happen: the two
 * devices sync at the same time, and a device edits while its own push or pull is in flight.
 * CONVERGENCE_RUNS sets the number of runs (`npm run soak`: 1,000).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { orderIdOf, type EventId, type ParcelId } from '../../src/core/ids.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../../src/core/model/order.ts';
import type { Parcel } from '../../src/core/model/parcel.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { canTransition, transition } from '../../src/core/workflow/status-machine.ts';
import { mutation, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSyncApi, SyncHttpError, type SyncApi } from '../../src/sync/api.ts';
import { pullAll, pushPending, syncOnce, type SyncContext } from '../../src/sync/engine.ts';
import type { Fetcher } from '../../src/sync/fetcher.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';
import { createSeller, pairDevice, startTestServer, type TestServer } from './test-support.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

type Fault = 'none' | 'drop_request' | 'drop_response' | 'duplicate';
type Dev = 0 | 1;
type Command =
  | { kind: 'create'; dev: Dev; n: number; name: string }
  | { kind: 'note'; dev: Dev; n: number; text: string }
  | { kind: 'transition'; dev: Dev; n: number; to: OrderStatus }
  | { kind: 'parcel'; dev: Dev; n: number; p: number; tracking: string }
  | { kind: 'unparcel'; dev: Dev; n: number; p: number }
  | { kind: 'settings'; dev: Dev; shopName: string }
  | { kind: 'push' | 'pull'; dev: Dev; fault: Fault };

const dev = fc.constantFrom<Dev>(0, 1);
const n = fc.integer({ min: 1, max: 3 });
const word = fc.constantFrom('a', 'b', 'c', 'd');
const fault = fc.constantFrom<Fault>('none', 'none', 'drop_request', 'drop_response', 'duplicate');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), dev, n, name: word }),
  fc.record({ kind: fc.constant('note' as const), dev, n, text: word }),
  fc.record({ kind: fc.constant('transition' as const), dev, n, to: fc.constantFrom(...ORDER_STATUSES) }),
  fc.record({
    kind: fc.constant('parcel' as const),
    dev,
    n,
    p: fc.integer({ min: 1, max: 2 }),
    tracking: word,
  }),
  fc.record({ kind: fc.constant('unparcel' as const), dev, n, p: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('settings' as const), dev, shopName: word }),
  fc.record({ kind: fc.constant('push' as const), dev, fault }),
  fc.record({ kind: fc.constant('pull' as const), dev, fault }),
);

class Lost extends Error {}

const RUNS = Number(process.env['CONVERGENCE_RUNS'] ?? 100);

/** Where the scheduler may hold a request or a response; `null` once the network is calm. */
interface Network {
  scheduler: fc.Scheduler | null;
}

/**
 * The network between a device and the app, with one planned fault for the next request; the
 * scheduler holds each request before the server sees it and each response before the device
 * does.
 */
function faultyFetcher(network: Network): { fetcher: Fetcher; next: { fault: Fault } } {
  const next = { fault: 'none' as Fault };
  const hold = async (label: string) => {
    if (network.scheduler) await network.scheduler.schedule(Promise.resolve(label), label);
  };
  const fetcher: Fetcher = async (url, init) => {
    const fault = next.fault;
    next.fault = 'none';
    await hold(`request ${url}`);
    if (fault === 'drop_request') throw new Lost('request lost');
    const send = () => server.fetch(url, init);
    const response = await send();
    await hold(`response ${url}`);
    if (fault === 'drop_response') throw new Lost('response lost after the server committed');
    if (fault === 'duplicate') return send();
    return response;
  };
  return { fetcher, next };
}

interface Device {
  creds: DeviceCredentials;
  store: MemorySyncStore;
  api: SyncApi;
  next: { fault: Fault };
  sent: number;
}

let tick = 0;
function clockOf(skewMs: number): () => string {
  return () => new Date(Date.UTC(2026, 10, 20) + tick * 1000 + skewMs).toISOString();
}

function perform(d: Device, c: Command, now: () => string): void {
  const id = orderIdOf('manual', String('n' in c ? c.n : 0));
  const order = d.store.orders.get(id);
  const at = now();
  const eventId = `${d.creds.deviceId}-${tick}` as EventId;
  const commit = (change: Parameters<MemorySyncStore['commit']>[0]) => {
    d.sent += change.mutations.length;
    d.store.commit(change);
  };
  switch (c.kind) {
    case 'create': {
      const fields = {
        id,
        source: 'manual' as const,
        externalId: String(c.n),
        orderedAt: '2026-11-20',
        buyer: { name: c.name },
        address: { line1: 'Street 1', zip: '1', city: 'City', country: 'DE' },
        lines: [{ quantity: 1 }],
      };
      const next: Order = order
        ? { ...order, ...fields, updatedAt: at }
        : { ...fields, status: 'new', notes: '', createdAt: at, updatedAt: at };
      commit({
        orders: [next],
        events: [{ id: eventId, orderId: id, kind: 'created', at }],
        mutations: [mutation('order.create', { order: fields, eventId, at })],
      });
      return;
    }
    case 'note':
      if (!order) return;
      commit({
        orders: [{ ...order, notes: c.text, updatedAt: at }],
        events: [{ id: eventId, orderId: id, kind: 'note_changed', at }],
        mutations: [mutation('order.note', { orderId: id, notes: c.text, eventId, at })],
      });
      return;
    case 'transition': {
      if (!order || !canTransition(order, c.to)) return;
      const reason = c.to === 'on_hold' ? 'out_of_stock' : c.to === 'wont_ship' ? 'gone' : undefined;
      const result = transition(order, c.to, { at, eventId, ...(reason ? { reason } : {}) });
      if (!result.ok) return;
      commit({
        orders: [result.order],
        events: [result.event],
        mutations: [
          mutation('order.transition', { orderId: id, to: c.to, eventId, at, ...(reason ? { reason } : {}) }),
        ],
      });
      return;
    }
    case 'parcel': {
      if (!order) return;
      const parcel: Parcel = {
        id: `${id}/p${c.p}` as ParcelId,
        orderId: id,
        trackingNumber: c.tracking,
        deliveryStatus: 'pending',
        updatedAt: at,
      };
      commit({
        parcels: [parcel],
        events: [{ id: eventId, orderId: id, kind: 'parcel_added', at }],
        mutations: [mutation('parcel.upsert', { parcel, eventId, at })],
      });
      return;
    }
    case 'unparcel': {
      const parcelId = `${id}/p${c.p}` as ParcelId;
      if (!d.store.parcels.has(parcelId)) return;
      commit({
        removeParcels: [parcelId],
        events: [{ id: eventId, orderId: id, kind: 'parcel_removed', at }],
        mutations: [mutation('parcel.remove', { parcelId, orderId: id, eventId, at })],
      });
      return;
    }
    case 'settings': {
      const settings = { ...DEFAULT_SETTINGS, shop: { ...DEFAULT_SETTINGS.shop, shopName: c.shopName } };
      commit({ settings, mutations: [mutation('settings.update', settings)] });
      return;
    }
    case 'push':
    case 'pull':
      return;
  }
}

async function tolerant(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    // Lost requests and responses are expected here; anything else is a bug.
    if (!(error instanceof Lost) && !(error instanceof SyncHttpError && error.code === 'network'))
      throw error;
  }
}

const sorted = <T extends { id: string }>(items: Iterable<T>): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

test(`two devices converge with the server under any ordering; every mutation is applied exactly once (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(command, { minLength: 1, maxLength: 30 }),
      fc.scheduler(),
      async (commands, s) => {
        const network: Network = { scheduler: s };
        const first = await createSeller(server.fetch);
        const second = await pairDevice(server.fetch, first);
        const devices: Device[] = [first, second].map((creds, i) => {
          const { fetcher, next } = faultyFetcher(network);
          return {
            creds,
            store: new MemorySyncStore({ now: clockOf(i * 500) }),
            api: createSyncApi({ fetcher }),
            next,
            sent: 0,
          };
        });
        const ctx = (d: Device): SyncContext => ({ api: d.api, store: d.store, auth: d.creds });
        const clocks = [clockOf(0), clockOf(500)];

        // Each device runs one sync operation at a time (one loop per browser), in command order;
        // its edits happen whenever the scheduler lets them, also while its request is in flight.
        const syncing: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
        const edits: Promise<void>[] = [];
        for (const c of commands) {
          const d = devices[c.dev] as Device;
          if (c.kind === 'push' || c.kind === 'pull') {
            syncing[c.dev] = (syncing[c.dev] as Promise<void>).then(async () => {
              tick++;
              d.next.fault = c.fault;
              await tolerant(() => (c.kind === 'push' ? pushPending(ctx(d), 3) : pullAll(ctx(d))));
              // A push with nothing to send sends no request: the planned fault must not linger.
              d.next.fault = 'none';
            });
          } else {
            edits.push(
              s.schedule(Promise.resolve(`edit ${c.kind}`)).then(() => {
                tick++;
                perform(d, c, clocks[c.dev] as () => string);
              }),
            );
          }
        }
        await s.waitFor(Promise.all([...syncing, ...edits]));
        network.scheduler = null;

        // Everyone online, no faults: push both, then pull both.
        for (const d of devices) await syncOnce(ctx(d));
        for (const d of devices) await syncOnce(ctx(d));

        const [orders, parcels, settings, ledger] = await Promise.all([
          server.db.query<{ data: Order }>('SELECT data FROM sync_orders WHERE seller_id = $1', [
            first.sellerId,
          ]),
          server.db.query<{ data: Parcel | null }>('SELECT data FROM sync_parcels WHERE seller_id = $1', [
            first.sellerId,
          ]),
          server.db.query<{ data: unknown }>('SELECT data FROM sync_settings WHERE seller_id = $1', [
            first.sellerId,
          ]),
          server.db.query<{ device_id: string; mutation_id: string; outcome: string }>(
            `SELECT m.device_id, m.mutation_id::text, m.outcome FROM sync_mutations m
           JOIN devices d ON d.id = m.device_id WHERE d.seller_id = $1 ORDER BY m.mutation_id`,
            [first.sellerId],
          ),
        ]);
        const serverOrders = sorted(orders.map((r) => r.data));
        const serverParcels = sorted(parcels.flatMap((r) => (r.data ? [r.data] : [])));
        const serverEvents = await server.db.query<{ id: string }>(
          'SELECT id FROM sync_events WHERE seller_id = $1',
          [first.sellerId],
        );

        for (const d of devices) {
          expect(d.store.outbox).toEqual([]);
          expect(sorted(d.store.orders.values())).toEqual(serverOrders);
          expect(sorted(d.store.parcels.values())).toEqual(serverParcels);
          expect(d.store.settings).toEqual(settings[0]?.data ?? null);
          for (const e of serverEvents) expect(d.store.events.has(e.id as EventId)).toBe(true);

          const mine = ledger.filter((r) => r.device_id === d.creds.deviceId);
          // Exactly once: one ledger row per mutation the device made, ids 1..sent without holes.
          expect(mine.map((r) => Number(r.mutation_id))).toEqual(
            Array.from({ length: d.sent }, (_, i) => i + 1),
          );
          const rejected = mine.filter((r) => r.outcome === 'rejected').map((r) => Number(r.mutation_id));
          expect([...d.store.rejections.keys()].sort((a, b) => a - b)).toEqual(rejected);
        }
      },
    ),
    { numRuns: RUNS },
  );
  console.log(JSON.stringify({ figure: 'convergence', runs: RUNS, failures: 0 }));
}, 3_600_000);
