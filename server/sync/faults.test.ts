/**
 * Faults against a real server process (`node --import tsx server/main.ts`) on PGlite in a temp
 * DATA_DIR: killed with SIGKILL at random points while a device pushes and while the server sends
 * buyer messages through an SMTP server that answers slowly, restarted on the same folder, again
 * and again. Afterwards nothing is lost, nothing was applied twice, and no message reached a
 * buyer twice. And a response lost after the server committed makes the retry a no-op.
 *
 * The kill points come from a seeded generator (FAULT_SEED, printed); where a kill lands still
 * depends on the machine's speed, so the test asserts only what must hold wherever it lands, and
 * prints how many kills hit a push or a send in progress. FAULT_KILLS sets the number of kills
 * and FAULT_MUTATIONS the orders (`npm run soak`: 200 and 1,500).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createServer } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { orderIdOf, type EventId } from '../../src/core/ids.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { mutation, type DeviceCredentials } from '../../src/core/protocol/index.ts';
import { createSyncApi } from '../../src/sync/api.ts';
import { pullAll, pushPending } from '../../src/sync/engine.ts';
import type { Fetcher } from '../../src/sync/fetcher.ts';
import { MemorySyncStore } from '../../src/sync/memory-store.ts';
import { openDatabase } from '../db/open.ts';
import { freshDataDir } from './test-support.ts';

// Each kill costs a server start (about 1-2 s on a 2-core machine); CI runs a few, the soak 200.
const KILLS = Number(process.env['FAULT_KILLS'] ?? 5);
const SEED = Number(process.env['FAULT_SEED'] ?? 20261203);
/** Orders the device queues (`npm run soak`: 1,500). */
const MUTATIONS = Number(process.env['FAULT_MUTATIONS'] ?? 300);
/** Every NOTIFY_EVERY-th order also asks for a message to its buyer. */
const NOTIFY_EVERY = 10;

const random = seededRandom(SEED);

/**
 * The buyers' mail server: answers each message after a random delay (its own generator, so the
 * kill points do not depend on how many messages came); counts by Message-ID. A message counts
 * as delivered once the whole of it has arrived, answered or not: a provider that got it sends
 * it, whether the sender heard back or not.
 */
const deliveries = new Map<string, number>();
const answerDelay = seededRandom(SEED + 1);
/** Messages received and not answered yet: a kill now is a kill during a send. */
let unanswered = 0;
let messageArrived: (() => void) | null = null;
let smtpPort = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    stream.on('end', () => {
      const id = /^Message-ID:\s*<([^@>]+)@trackpack>/im.exec(raw)?.[1] ?? 'unknown';
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      unanswered++;
      messageArrived?.();
      setTimeout(() => {
        unanswered--;
        callback();
      }, answerDelay() * 80);
    });
  },
});
// A sender killed mid-message resets its connection: expected here, not a failure.
smtp.on('error', () => undefined);
const ROOT = path.join(import.meta.dirname, '..', '..');
/** The first shop's one-time code (SETUP_CODE); the tests make several shops (SIGNUP=open). */
const SETUP_CODE = 'FAULTS-SETUP-CODE-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let dataDir: string;
let port: number;
let child: ChildProcess | undefined;

async function startServer(): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: path.join(dataDir, 'none'),
      DATABASE_URL: '',
      SETUP_CODE,
      SIGNUP: 'open',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'shop@trackpack.test',
      NOTIFY_MAX_PER_SELLER_PER_HOUR: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child = proc;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

async function stopServer(signal: NodeJS.Signals): Promise<void> {
  const proc = child;
  child = undefined;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}

const realFetch: Fetcher = (url, init) => fetch(`http://127.0.0.1:${port}${url}`, init);

beforeAll(async () => {
  dataDir = await freshDataDir();
  port = await freePort();
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await stopServer('SIGKILL');
  smtp.close();
});

async function account(): Promise<DeviceCredentials> {
  return createSyncApi({ fetcher: realFetch }).createAccount({
    shopName: 'Faults',
    deviceId: randomUUID(),
    deviceName: 'd',
    setupCode: SETUP_CODE,
  });
}

function queue(store: MemorySyncStore, count: number): void {
  for (let i = 1; i <= count; i++) {
    const id = orderIdOf('manual', String(i));
    const at = new Date(Date.UTC(2026, 10, 20) + i).toISOString();
    const order = {
      id,
      source: 'manual' as const,
      externalId: String(i),
      orderedAt: '2026-11-20',
      buyer: { name: `Buyer ${i}`, email: `buyer${i}@example.com` },
      address: { line1: 'Street 1', zip: '1', city: 'City', country: 'DE' },
      lines: [{ quantity: i }],
    };
    store.commit({
      mutations: [mutation('order.create', { order, notes: `note ${i}`, eventId: `c${i}` as EventId, at })],
    });
    if (i % NOTIFY_EVERY === 0) {
      const request = {
        notificationId: randomUUID(),
        orderId: id,
        kind: 'preparing' as const,
        channel: 'email' as const,
        eventId: `m${i}` as EventId,
        at,
      };
      store.commit({ mutations: [mutation('notify.request', request)] });
    }
  }
}

test(
  `SIGKILL at random points during pushes and sends (${KILLS} times, seed ${SEED}): nothing lost, nothing applied or sent twice`,
  async () => {
    await startServer();
    const creds = await account();
    const store = new MemorySyncStore();
    queue(store, MUTATIONS);
    const total = store.outbox.length;
    const ctx = { api: createSyncApi({ fetcher: realFetch }), store, auth: creds };

    let killsDuringPush = 0;
    let killsDuringSend = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      if (!child) await startServer();
      const pushing = pushPending(ctx, 1 + Math.floor(random() * 20)).then(
        () => 'done',
        () => 'cut',
      );
      if (random() < 0.25) {
        // Aimed at a send: kill when the next message has reached the provider, before the answer
        // (or after 2 s, when no message is due).
        await Promise.race([
          new Promise<void>((resolve) => (messageArrived = resolve)),
          new Promise((resolve) => setTimeout(resolve, 2_000)),
        ]);
        messageArrived = null;
      } else {
        await new Promise((r) => setTimeout(r, random() * 120));
      }
      if ((await Promise.race([pushing, Promise.resolve('running')])) === 'running') killsDuringPush++;
      if (unanswered > 0) killsDuringSend++;
      await stopServer('SIGKILL');
      await pushing;
    }
    await startServer();
    await pushPending(ctx);
    expect(store.outbox).toEqual([]);

    // Let the sender finish what is due: until no message arrived for 3 s (at most 60 s). A message
    // a kill cut mid-send stays in review after its lease and is never resent.
    const deadline = Date.now() + 60_000;
    let seen = -1;
    let quietSince = Date.now();
    while (Date.now() < deadline && Date.now() - quietSince < 3_000) {
      const now = [...deliveries.values()].reduce((x, y) => x + y, 0);
      if (now !== seen) {
        seen = now;
        quietSince = Date.now();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const duplicates = [...deliveries.values()].reduce((sum, n) => sum + (n - 1), 0);
    console.log(
      JSON.stringify({
        figure: 'server_sigkill',
        seed: SEED,
        kills: KILLS,
        killsDuringPush,
        killsDuringSend,
        mutations: total,
        messagesDelivered: deliveries.size,
        duplicateMessages: duplicates,
        duplicateMessageRate: deliveries.size ? duplicates / deliveries.size : 0,
      }),
    );
    expect(duplicates).toBe(0);

    const reader = new MemorySyncStore();
    await pullAll({ ...ctx, store: reader });
    expect(reader.orders.size).toBe(MUTATIONS);
    for (let i = 1; i <= MUTATIONS; i++) {
      expect(reader.orders.get(orderIdOf('manual', String(i)))?.notes).toBe(`note ${i}`);
    }

    await stopServer('SIGTERM');
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    try {
      const [ledger] = await db.query<{ n: string; lo: string; hi: string; applied: string }>(
        `SELECT count(*)::text AS n, min(mutation_id)::text AS lo, max(mutation_id)::text AS hi,
              count(*) FILTER (WHERE outcome = 'applied')::text AS applied
       FROM sync_mutations WHERE device_id = $1`,
        [creds.deviceId],
      );
      expect(ledger).toEqual({ n: String(total), lo: '1', hi: String(total), applied: String(total) });
      const [device] = await db.query<{ last: string }>(
        'SELECT last_mutation_id::text AS last FROM devices WHERE id = $1',
        [creds.deviceId],
      );
      expect(device?.last).toBe(String(total));
      const [events] = await db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM sync_events WHERE seller_id = $1 AND data->>'kind' = 'created'",
        [creds.sellerId],
      );
      expect(events?.n).toBe(String(MUTATIONS));
      // Every message asked for exists once; each delivered one is recorded as sent, or as unknown
      // (the kill came between the provider's answer and the record); each recorded as sent arrived.
      const messages = await db.query<{ id: string; status: string }>(
        'SELECT id::text AS id, status FROM notifications WHERE seller_id = $1',
        [creds.sellerId],
      );
      expect(messages).toHaveLength(Math.floor(MUTATIONS / NOTIFY_EVERY));
      const status = new Map(messages.map((m) => [m.id, m.status]));
      for (const id of deliveries.keys())
        expect(['sent', 'sending', 'needs_review']).toContain(status.get(id));
      for (const m of messages) if (m.status === 'sent') expect(deliveries.has(m.id)).toBe(true);
      const counts: Record<string, number> = {};
      for (const m of messages) counts[m.status] = (counts[m.status] ?? 0) + 1;
      console.log(JSON.stringify({ figure: 'server_sigkill_messages', ...counts }));
    } finally {
      await db.close();
    }
  },
  Math.max(300_000, KILLS * 30_000),
);

test('a response lost after the server committed: the retry is a no-op', async () => {
  await startServer();
  const creds = await account();
  const store = new MemorySyncStore();
  queue(store, 5);
  let dropped = 0;
  const dropping: Fetcher = async (url, init) => {
    const response = await realFetch(url, init);
    if (url === '/api/push' && dropped === 0) {
      dropped++;
      await response.json();
      throw new Error('connection reset after the server answered');
    }
    return response;
  };
  const ctx = { api: createSyncApi({ fetcher: dropping }), store, auth: creds };
  await expect(pushPending(ctx)).rejects.toThrow();
  expect(store.outbox).toHaveLength(5);

  const before = new MemorySyncStore();
  await pullAll({ ...ctx, store: before });
  const cursor = await before.getCursor();

  await pushPending(ctx);
  expect(store.outbox).toEqual([]);
  // No new change was logged by the retry: the pull cursor has nothing after it.
  const after = new MemorySyncStore();
  await pullAll({ ...ctx, store: after });
  expect(await after.getCursor()).toBe(cursor);
  await stopServer('SIGTERM');
}, 60_000);
