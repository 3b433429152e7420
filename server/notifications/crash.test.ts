/**
 * At most once across a real crash: a sender process is SIGKILLed while the SMTP server holds its
 * message unanswered. After a restart the row is reported for review and nothing is sent again.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { expect, it } from 'vitest';
import { openPglite } from '../db/pglite.ts';
import { LEASE_EXPIRED_REASON } from './queue.ts';
import { createNotificationService } from './service.ts';
import { openTestDb, shippedOrder, testConfig } from './test-support.ts';

const CHILD = path.join(
  import.meta.dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'notifications',
  'sender-child.ts',
);

async function listen(server: SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as AddressInfo).port;
}

it('a sender killed mid-send leaves the message for review, and the restart sends nothing', async () => {
  const t = await openTestDb();
  const pgliteDir = path.join(t.dir, 'pglite');
  const { order, parcels } = shippedOrder();
  const first = createNotificationService({ db: t.db, config: testConfig(t.dir), log: () => undefined });
  const queued = await first.enqueue({
    sellerId: t.sellerId,
    order,
    parcels,
    kind: 'shipped',
    channel: 'email',
    shop: { name: 'Kleiner Laden' },
  });
  if (!queued.ok) throw new Error(queued.reason);
  // PGlite is one process's: hand the folder over.
  await t.db.close();

  // The whole message arrives, and the server never answers: then the sender is killed.
  let messageArrived!: () => void;
  const arrived = new Promise<void>((resolve) => {
    messageArrived = resolve;
  });
  const holding = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream) {
      stream.resume();
      stream.on('end', () => messageArrived());
    },
  });
  const holdingPort = await listen(holding);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, pgliteDir, String(holdingPort), t.dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  await Promise.race([
    arrived,
    exited.then(() => {
      throw new Error(`the sender exited before sending:\n${output}`);
    }),
  ]);
  child.kill('SIGKILL');
  await exited;
  expect(output).not.toContain('finished');
  holding.close();

  // Restart: a new process (here: this one) opens the same database.
  const db = await openPglite(pgliteDir);
  try {
    const [claimed] = await db.query<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [
      queued.id,
    ]);
    expect(claimed?.status).toBe('sending');

    let delivered = 0;
    const counting = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => {
          delivered += 1;
          callback();
        });
      },
    });
    const countingPort = await listen(counting);
    const restarted = createNotificationService({
      db,
      config: testConfig(t.dir, { smtpUrl: `smtp://127.0.0.1:${countingPort}` }),
      log: () => undefined,
    });
    // The dead sender's lease runs out (moved back in time here), then the new sender runs.
    await db.query(`UPDATE notifications SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      queued.id,
    ]);
    expect(await restarted.runOnce()).toMatchObject({ recovered: 1, sent: 0 });
    expect(await restarted.runOnce()).toMatchObject({ recovered: 0, sent: 0 });
    const [row] = await db.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM notifications WHERE id = $1',
      [queued.id],
    );
    expect(row).toEqual({ status: 'needs_review', last_error: LEASE_EXPIRED_REASON });
    expect(delivered).toBe(0);
    await restarted.stop();
    counting.close();
  } finally {
    await db.close();
    await rm(t.dir, { recursive: true, force: true });
  }
}, 60_000);
