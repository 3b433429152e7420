import { describe, expect, it } from 'vitest';
import type { OrderId } from '../core/ids.ts';
import type { Order } from '../core/model/order.ts';
import type { Change } from './repository.ts';
import { DexieRepository } from './dexie-repository.ts';
import { repositoryContract } from './repository.contract.ts';
import { makeEvent, makeOrder } from '../../test/factories.ts';

let n = 0;
repositoryContract('Dexie (fake-indexeddb)', (clock) => new DexieRepository(`test-${++n}`, { clock }));

describe('DexieRepository commit in steps', () => {
  /** 300 orders shipped in bulk: an order, an event and an outbox mutation each. */
  const bulk = (orders: readonly Order[]): Change => ({
    orders: orders.map((order) => ({ ...order, status: 'shipped' as const })),
    events: orders.map((order) => makeEvent({ orderId: order.id, kind: 'status_changed' })),
    mutations: orders.map((order) => ({ name: 'order.transition', args: { orderId: order.id } })),
  });

  it.each([
    {
      name: 'an event id that exists, in the last step',
      spoil: (change: Change, existingEventId: string): Change => ({
        ...change,
        events: [...change.events, makeEvent({ id: existingEventId as never })],
      }),
    },
    {
      name: 'an order without a valid key, in the last step of the orders',
      spoil: (change: Change): Change => ({
        ...change,
        orders: [...(change.orders ?? []), { ...makeOrder(), id: undefined as unknown as OrderId }],
      }),
    },
  ])('leaves nothing written and no outbox row when it fails midway: $name', async ({ spoil }) => {
    const repo = new DexieRepository(`steps-${++n}`);
    const orders = Array.from({ length: 300 }, () => makeOrder());
    const created = makeEvent({ orderId: orders[0]?.id ?? null });
    await repo.commit({ orders, events: [created], mutations: [{ name: 'order.create', args: {} }] });
    const version = await repo.dataVersion();

    // Steps of 50 rows: the failure comes after several steps have been written.
    await expect(repo.commit(spoil(bulk(orders), created.id), { sliceSize: 50 })).rejects.toBeDefined();

    expect((await repo.allOrders()).map((o) => o.status)).toEqual(orders.map(() => 'new'));
    expect(await repo.countOrders()).toBe(300);
    expect((await repo.historyOf(orders[1]?.id as OrderId)).length).toBe(0);
    expect(await repo.countPending()).toBe(1);
    expect(await repo.dataVersion()).toBe(version);
    // The failed change took no mutation ids: the next one follows without a gap.
    await repo.commit({ events: [], mutations: [{ name: 'order.edit', args: {} }] });
    expect((await repo.pendingMutations(10)).map((p) => p.mutationId)).toEqual([1, 2]);
    repo.close();
  });

  it('writes a bulk change in steps as one change: orders, events and a mutation each', async () => {
    const repo = new DexieRepository(`steps-${++n}`);
    const orders = Array.from({ length: 300 }, () => makeOrder());
    await repo.commit({ orders, events: [], mutations: [] });
    const progress: number[] = [];
    await repo.commit(bulk(orders), {
      sliceSize: 50,
      stepBudgetMs: 1,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([50, 100, 150, 200, 250, 300]);
    expect(new Set((await repo.allOrders()).map((o) => o.status))).toEqual(new Set(['shipped']));
    expect(await repo.countPending()).toBe(300);
    expect((await repo.historyOf(orders[299]?.id as OrderId)).map((e) => e.kind)).toEqual(['status_changed']);
    repo.close();
  });
});
