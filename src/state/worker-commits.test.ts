import { describe, expect, it } from 'vitest';
import { makeEvent, makeOrder } from '../../test/factories.ts';
import type { OrderEvent } from '../core/model/events.ts';
import type { Order } from '../core/model/order.ts';
import { WriteWorkerUnavailable } from '../platform/write-worker.ts';
import { changeRows, joinParts } from '../storage/change-parts.ts';
import { MemoryRepository } from '../storage/memory-repository.ts';
import type { Change } from '../storage/repository.ts';
import {
  committingInWorker,
  WORKER_COMMIT_MIN_ROWS,
  WORKER_PART_ROWS,
  type ChangeWriter,
} from './worker-commits.ts';

/** A change of `orders` orders, each with an event and a mutation. */
function changeOf(orders: number): Change {
  const list: Order[] = Array.from({ length: orders }, () => makeOrder());
  const events: OrderEvent[] = list.map((order) =>
    makeEvent({ orderId: order.id, at: '2026-11-20T10:00:00.000Z' }),
  );
  return {
    orders: list,
    events,
    mutations: list.map((order) => ({ name: 'order.note', args: { orderId: order.id } })),
  };
}

/** A memory repository that keeps the errors reported to it, and a writer that writes into it. */
function setUp(fail?: unknown) {
  const reported: unknown[] = [];
  const repo = Object.assign(new MemoryRepository(), {
    reportQuota: (error: unknown) => {
      reported.push(error);
      return error;
    },
  });
  const sent: Change[][] = [];
  const writer: ChangeWriter = {
    commit: async (parts) => {
      sent.push([...parts]);
      if (fail !== undefined) throw fail;
      await repo.commit(joinParts(parts));
    },
  };
  return { repo: committingInWorker(repo, writer), reported, sent };
}

const large = Math.ceil(WORKER_COMMIT_MIN_ROWS / 3);

describe('committingInWorker', () => {
  it.each([
    { name: 'a small change', change: () => changeOf(3), options: {} },
    {
      name: 'a large change that reports progress',
      change: () => changeOf(large),
      options: { onProgress: () => undefined },
    },
    {
      name: 'a large change that can be cancelled',
      change: () => changeOf(large),
      options: { signal: new AbortController().signal },
    },
  ])('writes $name on the page', async ({ change, options }) => {
    const { repo, sent } = setUp();
    const c = change();
    await repo.commit(c, options);
    expect(sent).toEqual([]);
    expect(await repo.countOrders()).toBe(c.orders?.length);
  });

  it('sends a large change to the worker in parts, which make the same change', async () => {
    const { repo, sent } = setUp();
    const change = changeOf(large);
    expect(changeRows(change)).toBeGreaterThanOrEqual(WORKER_COMMIT_MIN_ROWS);
    await repo.commit(change);
    expect(sent).toHaveLength(1);
    const parts = sent[0]!;
    expect(parts.length).toBe(Math.ceil(changeRows(change) / WORKER_PART_ROWS));
    expect(parts.every((part) => changeRows(part) <= WORKER_PART_ROWS)).toBe(true);
    expect(joinParts(parts)).toEqual(change);
    expect(await repo.countOrders()).toBe(large);
    expect(await repo.countPending()).toBe(large);
  });

  it('writes on the page when the worker is not available', async () => {
    const { repo, sent } = setUp(new WriteWorkerUnavailable());
    await repo.commit(changeOf(large));
    expect(sent).toHaveLength(1);
    expect(await repo.countOrders()).toBe(large);
  });

  it("reports the worker's quota error on the page and rejects with it, writing nothing", async () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const { repo, reported } = setUp(quota);
    await expect(repo.commit(changeOf(large))).rejects.toBe(quota);
    expect(reported).toEqual([quota]);
    expect(await repo.countOrders()).toBe(0);
  });
});
