/**
 * Compaction on the real schema (PGlite): what goes, what stays, and that devices notice
 * nothing. "Now" is injected; rows are written at the real time, and the passes look at them
 * from a clock moved forward relative to it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { orderIdOf, type EventId } from '../../src/core/ids.ts';
import { mutation, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSyncApi } from '../../src/sync/api.ts';
import { pullAll, pushPending, type SyncContext } from '../../src/sync/engine.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';
import {
  compactOnce,
  createCompactionService,
  readRetentionConfig,
  RETENTION_DEFAULTS,
  type RetentionConfig,
} from './compaction.ts';
import { createSeller, pairDevice, startTestServer, type TestServer } from './test-support.ts';

// Real server code on PGlite; a loaded machine needs more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
// Small batches, so that a pass needs several transactions.
const CONFIG: RetentionConfig = { ...RETENTION_DEFAULTS, batchRows: 3 };

function device(creds: DeviceCredentials): SyncContext & { store: MemorySyncStore } {
  return {
    api: createSyncApi({ fetcher: (u, i) => server.fetch(u, i) }),
    store: new MemorySyncStore(),
    auth: creds,
  };
}

let tick = 0;
function create(ctx: { store: MemorySyncStore }, n: number): void {
  const fields = {
    id: orderIdOf('manual', String(n)),
    source: 'manual' as const,
    externalId: String(n),
    orderedAt: '',
    buyer: { name: `Buyer ${n}` },
    address: { line1: 'Street 1', zip: '1', city: 'City', country: 'DE' },
    lines: [{ quantity: 1 }],
  };
  const at = new Date(Date.now() + ++tick).toISOString();
  ctx.store.commit({
    mutations: [mutation('order.create', { order: fields, eventId: `c-${randomUUID()}` as EventId, at })],
  });
}
function note(ctx: { store: MemorySyncStore }, n: number, notes: string): void {
  const at = new Date(Date.now() + ++tick).toISOString();
  ctx.store.commit({
    mutations: [
      mutation('order.note', {
        orderId: orderIdOf('manual', String(n)),
        notes,
        eventId: `n-${randomUUID()}` as EventId,
        at,
      }),
    ],
  });
}

async function changeRows(sellerId: string) {
  return server.db.query<{ seq: string; kind: string; entity_id: string }>(
    'SELECT c.seq::text AS seq, c.kind, c.entity_id FROM sync_changes c WHERE c.seller_id = $1 ORDER BY c.seq',
    [sellerId],
  );
}

describe('the change log', () => {
  test('superseded rows go at once; the latest row of every entity stays; devices see no difference', async () => {
    const creds = await createSeller(server.fetch);
    const first = device(creds);
    const reader = device(await pairDevice(server.fetch, creds));
    for (let n = 1; n <= 4; n++) create(first, n);
    await pushPending(first);
    await pullAll(reader);
    const cursor = await reader.store.getCursor();
    // One push each: a push writes an entity's change-log row once, however often it changed.
    for (let i = 0; i < 5; i++) {
      note(first, 2, `edit ${i}`);
      await pushPending(first);
    }
    note(first, 3, 'once');
    await pushPending(first);

    const before = await changeRows(creds.sellerId);
    const report = await compactOnce(server.db, CONFIG, new Date());
    const after = await changeRows(creds.sellerId);
    // Order 2 had six rows (create + five notes); order 3 two. One each is left.
    expect(report.supersededChanges).toBeGreaterThanOrEqual(6);
    expect(report.oldChanges).toBe(0);
    const key = (r: { kind: string; entity_id: string }) => `${r.kind}/${r.entity_id}`;
    expect(new Set(after.map(key))).toEqual(new Set(before.map(key)));
    expect(after).toHaveLength(new Set(before.map(key)).size);
    for (const row of after) {
      const latest = before.filter((b) => key(b) === key(row)).at(-1);
      expect(row.seq).toBe(latest?.seq);
    }

    // The device that read up to `cursor` before the pass still gets every change.
    await pullAll(reader);
    expect(await reader.store.getCursor()).not.toBe(cursor);
    expect(reader.store.orders.get(orderIdOf('manual', '2'))?.notes).toBe('edit 4');
    expect(reader.store.orders.get(orderIdOf('manual', '3'))?.notes).toBe('once');
    expect(reader.store.snapshotPages).toBe(1);
  });

  test.each([
    [RETENTION_DEFAULTS.changeLogDays - 1, false],
    [RETENTION_DEFAULTS.changeLogDays + 1, true],
  ])(
    'rows are pruned by age: %i days later, pruned: %s; the horizon is the last pruned row',
    async (days, pruned) => {
      const creds = await createSeller(server.fetch);
      const first = device(creds);
      for (let n = 1; n <= 5; n++) create(first, n);
      await pushPending(first);
      const rows = await changeRows(creds.sellerId);
      await compactOnce(server.db, CONFIG, inDays(days));
      const [horizon] = await server.db.query<{ seq: string }>(
        'SELECT seq::text AS seq FROM sync_horizons WHERE seller_id = $1',
        [creds.sellerId],
      );
      expect((await changeRows(creds.sellerId)).length).toBe(pruned ? 0 : rows.length);
      expect(horizon?.seq).toBe(pruned ? rows.at(-1)?.seq : undefined);
    },
  );
});

describe('the mutation ledger', () => {
  test('old acknowledged rows go; a resent duplicate is still recognised and not applied again', async () => {
    const creds = await createSeller(server.fetch);
    const first = device(creds);
    create(first, 1);
    note(first, 1, 'kept');
    const resend = await first.store.pendingMutations(10);
    await pushPending(first);
    const ledger = () =>
      server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_mutations WHERE device_id = $1', [
        creds.deviceId,
      ]);
    await compactOnce(server.db, CONFIG, inDays(RETENTION_DEFAULTS.ledgerDays - 1));
    expect((await ledger())[0]?.n).toBe(2);
    const report = await compactOnce(server.db, CONFIG, inDays(RETENTION_DEFAULTS.ledgerDays + 1));
    expect(report.ledgerRows).toBeGreaterThanOrEqual(2);
    expect((await ledger())[0]?.n).toBe(0);

    // The response was lost after all, and the device sends both again.
    const api = createSyncApi({ fetcher: (u, i) => server.fetch(u, i) });
    const response = await api.push(creds, {
      protocolVersion: 2,
      deviceId: creds.deviceId,
      mutations: resend.map((e) => ({
        id: e.mutationId,
        name: e.name,
        args: e.args,
        createdAt: e.createdAt,
      })),
    });
    expect(response.lastMutationId).toBe(2);
    expect((await ledger())[0]?.n).toBe(0);
    const [events] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_events WHERE seller_id = $1',
      [creds.sellerId],
    );
    expect(events?.n).toBe(2);
  });
});

describe('message bodies', () => {
  test('bodies of messages sent longer ago than the retention are dropped; others stay', async () => {
    const creds = await createSeller(server.fetch);
    const insert = (status: string, sent: boolean) =>
      server.db.query<{ id: string }>(
        `INSERT INTO notifications (id, seller_id, order_id, kind, channel, locale, recipient, subject,
                                    body_text, body_html, status, max_attempts, sent_at)
         VALUES ($1, $2, 'manual:1', 'shipped', 'email', 'en', 'b@example.com', 'Your parcel',
                 'Hello, it is on its way', '<p>Hello</p>', $3, 3, CASE WHEN $4::boolean THEN now() END)
         RETURNING id::text`,
        [randomUUID(), creds.sellerId, status, sent],
      );
    const [sent] = await insert('sent', true);
    const [queued] = await insert('queued', false);
    const [review] = await insert('needs_review', false);
    const body = async (id: string | undefined) =>
      (
        await server.db.query<{
          subject: string;
          body_text: string;
          body_html: string | null;
          pruned: boolean;
        }>(
          `SELECT subject, body_text, body_html, body_pruned_at IS NOT NULL AS pruned
           FROM notifications WHERE id = $1`,
          [id ?? ''],
        )
      )[0];

    await compactOnce(server.db, CONFIG, inDays(RETENTION_DEFAULTS.messageBodyDays - 1));
    expect((await body(sent?.id))?.pruned).toBe(false);
    const report = await compactOnce(server.db, CONFIG, inDays(RETENTION_DEFAULTS.messageBodyDays + 1));
    expect(report.messageBodies).toBeGreaterThanOrEqual(1);
    expect(await body(sent?.id)).toEqual({
      subject: 'Your parcel',
      body_text: '',
      body_html: null,
      pruned: true,
    });
    for (const other of [queued, review]) {
      expect(await body(other?.id)).toEqual({
        subject: 'Your parcel',
        body_text: 'Hello, it is on its way',
        body_html: '<p>Hello</p>',
        pruned: false,
      });
    }
  });
});

describe('the schedule', () => {
  test('a pass runs on the injected clock and a second pass finds nothing more', async () => {
    const lines: string[] = [];
    const service = createCompactionService({
      db: server.db,
      config: CONFIG,
      now: () => inDays(400),
      log: (line) => lines.push(line),
    });
    await service.runOnce();
    const again = await service.runOnce();
    expect(again).toEqual({
      ran: true,
      supersededChanges: 0,
      oldChanges: 0,
      ledgerRows: 0,
      messageBodies: 0,
    });
    await service.stop();
  });

  test.each<[Record<string, string>, Partial<RetentionConfig> | string]>([
    [{}, {}],
    [
      {
        SYNC_CHANGE_LOG_RETENTION_DAYS: '7',
        SYNC_LEDGER_RETENTION_DAYS: '14',
        NOTIFY_BODY_RETENTION_DAYS: '365',
        COMPACTION_INTERVAL_MINUTES: '5',
      },
      { changeLogDays: 7, ledgerDays: 14, messageBodyDays: 365, intervalMs: 300_000 },
    ],
    [{ SYNC_CHANGE_LOG_RETENTION_DAYS: '0' }, 'SYNC_CHANGE_LOG_RETENTION_DAYS'],
    [{ NOTIFY_BODY_RETENTION_DAYS: '1.5' }, 'NOTIFY_BODY_RETENTION_DAYS'],
    [{ COMPACTION_INTERVAL_MINUTES: 'hourly' }, 'COMPACTION_INTERVAL_MINUTES'],
  ])('environment %j', (env, expected) => {
    if (typeof expected === 'string') expect(() => readRetentionConfig(env)).toThrow(expected);
    else expect(readRetentionConfig(env)).toEqual({ ...RETENTION_DEFAULTS, ...expected });
  });
});
