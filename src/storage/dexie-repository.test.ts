import { describe, expect, it } from 'vitest';
import { makeEvent, makeOrder } from '../../test/factories.ts';
import { DexieRepository } from './dexie-repository.ts';
import { repositoryContract } from './repository.contract.ts';

let n = 0;
repositoryContract('Dexie (fake-indexeddb)', () => new DexieRepository(`test-${++n}`));

describe('Dexie commit with a step budget', () => {
  it('writes in steps sized by the budget, at most sliceSize rows each, and all of the change', async () => {
    const repo = new DexieRepository(`test-${++n}`);
    const orders = Array.from({ length: 300 }, () => makeOrder());
    const progress: number[] = [];
    // A budget no step can meet: every step is one row.
    await repo.commit(
      {
        orders,
        events: orders.map((o) => makeEvent({ orderId: o.id, kind: 'status_changed' })),
        mutations: orders.map((o) => ({ name: 'order.transition', args: { id: o.id } })),
      },
      { sliceSize: 500, stepBudgetMs: 1e-6, onProgress: (done) => progress.push(done) },
    );
    expect(progress).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(await repo.countOrders()).toBe(300);
    expect(await repo.countPending()).toBe(300);

    // A generous budget doubles the steps up to sliceSize.
    const more = Array.from({ length: 300 }, () => makeOrder());
    const steps: number[] = [];
    await repo.commit(
      { orders: more, events: [], mutations: [] },
      { sliceSize: 100, stepBudgetMs: 1e6, onProgress: (done) => steps.push(done) },
    );
    expect(steps).toEqual([1, 3, 7, 15, 31, 63, 127, 227, 300]);
    repo.close();
  });

  it('stays one transaction across steps: a failure in a late step leaves nothing written', async () => {
    const repo = new DexieRepository(`test-${++n}`);
    const first = makeEvent({ kind: 'created' });
    await repo.commit({ events: [first], mutations: [] });
    const orders = Array.from({ length: 200 }, () => makeOrder());
    const events = orders.map((o) => makeEvent({ orderId: o.id, kind: 'status_changed' }));
    const failing = repo.commit(
      {
        orders,
        // The last event re-uses an existing id: its step fails after many steps were written.
        events: [...events, { ...first }],
        mutations: orders.map((o) => ({ name: 'order.transition', args: { id: o.id } })),
      },
      { sliceSize: 500, stepBudgetMs: 1e-6 },
    );
    await expect(failing).rejects.toThrow();
    expect(await repo.countOrders()).toBe(0);
    expect(await repo.countPending()).toBe(0);
    repo.close();
  });
});
