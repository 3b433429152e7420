/**
 * At most once across a real crash: a confirming process is SIGKILLed while Shopify holds its
 * `fulfillmentCreate` unanswered (Shopify then creates the fulfillment anyway). After a restart the
 * parcel is marked for checking, and nothing is sent to Shopify again.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fakeOrder, startFakeShopify, type FakeShopify } from './fake-shopify.ts';
import {
  connectShopify,
  newSeller,
  pullAll,
  push,
  shipMutations,
  startChannelServer,
} from './test-support.ts';

const CHILD = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'channels', 'confirm-child.ts');
const START = new Date('2026-11-03T10:00:00Z');

let fake: FakeShopify;
beforeAll(async () => {
  fake = await startFakeShopify({ now: () => START });
});
afterAll(() => fake.close());

it('a server killed during a confirmation is restarted: no parcel is confirmed twice', async () => {
  fake.orders = [fakeOrder(1001)];
  const first = await startChannelServer(fake.origin, {}, START);
  const device = await newSeller(first);
  expect((await connectShopify(first, device)).status).toBe(201);
  await first.channels.runOnce();
  const shipped = await push(
    first,
    device,
    shipMutations(1, 'shopify:#1001', [{ number: '1Z999AA10123456784', carrierId: 'ups' }]),
  );
  expect(shipped.rejected).toEqual([]);
  const { dir, key } = first;
  // PGlite is one process's: hand the folder over.
  await first.close(true);

  const hold = fake.holdFulfillments();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dir, fake.origin, key.toString('hex'), START.toISOString()],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const arrived = (async () => {
    while (!fake.requests.some((r) => r.operation === 'FulfillmentCreate')) {
      if (child.exitCode !== null) throw new Error(`the child exited before confirming:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await arrived;
  child.kill('SIGKILL');
  await exited;
  expect(output).not.toContain('finished');
  // Shopify finishes the call the dead process made.
  hold.release();
  await expect.poll(() => fake.fulfillments.length).toBe(1);

  // The restart, after the dead process's lease has run out.
  const restarted = await startChannelServer(fake.origin, {}, new Date(START.getTime() + 61_000), {
    dir,
    key,
  });
  try {
    await restarted.channels.runOnce();
    await restarted.channels.runOnce();
    expect(fake.requests.filter((r) => r.operation === 'FulfillmentCreate')).toHaveLength(1);
    expect(fake.fulfillments).toHaveLength(1);
    const steps = (await pullAll(restarted, device)).events
      .filter((e) => e.kind === 'marketplace_confirmation')
      .map((e) => e.data?.['status']);
    expect(steps.sort()).toEqual(['needs_check', 'pending', 'sent']);
  } finally {
    await restarted.close();
  }
}, 120_000);
