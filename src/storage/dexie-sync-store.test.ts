import { describe, expect, it } from 'vitest';
import { EMPTY_PULL, noteLocally, setupSyncStore } from './sync-store.test-support.ts';
import { makeEvent, makeOrder } from '../../test/factories.ts';

const setup = () => setupSyncStore('sync-store');
const empty = EMPTY_PULL;

describe('DexieSyncStore', () => {
  it('acknowledges up to an id and keeps refusals with the args they had', async () => {
    const { repo, store } = setup();
    for (let i = 1; i <= 3; i++)
      await repo.commit({ events: [], mutations: [{ name: 'order.note', args: { i } }] });
    const rejection = { id: 2, name: 'order.note', code: 'invalid_args', message: 'bad', params: {} };
    await store.acknowledge(2, [rejection]);
    await store.acknowledge(2, [rejection]);
    expect((await store.pendingMutations(10)).map((m) => m.mutationId)).toEqual([3]);
    const kept = await store.rejections();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ id: 2, code: 'invalid_args', args: { i: 2 } });
    await store.dismissRejection(2);
    expect(await store.rejections()).toEqual([]);
    repo.close();
  });

  it('keeps a refusal of one mutation of a bulk change with its args, and the rest pending', async () => {
    const { repo, store } = setup();
    const many = Array.from({ length: 100 }, (_, i) => ({ name: 'order.note', args: { i } }));
    await repo.commit({ events: [], mutations: many });
    const rejection = { id: 40, name: 'order.note', code: 'invalid_args', message: 'bad', params: {} };
    await store.acknowledge(50, [rejection]);
    expect((await store.rejections())[0]).toMatchObject({ id: 40, args: { i: 39 } });
    expect(await store.countPending()).toBe(50);
    expect((await store.pendingMutations(1))[0]).toMatchObject({ mutationId: 51, args: { i: 50 } });
    repo.close();
  });

  it('tells when the oldest pending change was made, a run of many included, and nothing when none', async () => {
    const { repo, store } = setup();
    expect(await store.oldestPendingAt()).toBeUndefined();
    const many = Array.from({ length: 100 }, (_, i) => ({ name: 'order.note', args: { i } }));
    await repo.commit({ events: [], mutations: many });
    await repo.commit({ events: [], mutations: [{ name: 'order.note', args: { i: 100 } }] });
    const [first] = await store.pendingMutations(1);
    expect(first?.createdAt).toEqual(expect.any(String));
    expect(await store.oldestPendingAt()).toBe(first?.createdAt);
    expect(await store.countPending()).toBe(101);
    await store.acknowledge(101, []);
    expect(await store.oldestPendingAt()).toBeUndefined();
    expect(await store.countPending()).toBe(0);
    repo.close();
  });

  it('applies pulled orders and events, but not over an order with a pending local change', async () => {
    const { repo, store } = setup();
    const mine = makeOrder({ notes: 'local' });
    const theirs = makeOrder({ notes: 'from the phone' });
    await noteLocally(repo, mine, 'local');
    const event = makeEvent({ orderId: theirs.id, kind: 'created' });
    expect(await store.getCursor()).toBe('0');
    await store.applyPulled(
      { ...empty, orders: [{ ...mine, notes: 'server' }, theirs], events: [event] },
      '17',
    );
    await store.applyPulled({ ...empty, events: [event] }, '18');
    expect((await repo.getOrder(mine.id))?.notes).toBe('local');
    expect((await repo.getOrder(theirs.id))?.notes).toBe('from the phone');
    expect((await repo.historyOf(theirs.id)).map((e) => e.id)).toEqual([event.id]);
    expect(await store.getCursor()).toBe('18');
    repo.close();
  });

  it('lets a pulled order replace a base kept from an earlier pull once nothing pending changes it', async () => {
    const { repo, store } = setup();
    const mine = makeOrder({ notes: '' });
    await repo.commit({ orders: [mine], events: [], mutations: [] });
    await noteLocally(repo, mine, 'mine');
    await store.applyPulled({ ...empty, orders: [{ ...mine, notes: 'older' }] }, '5');
    const [entry] = await store.pendingMutations(10);
    await store.acknowledge(entry!.mutationId, []);
    const newer = { ...mine, notes: 'mine', status: 'preparing' as const };
    await store.applyPulled({ ...empty, orders: [newer] }, '6');
    expect(await repo.getOrder(mine.id)).toEqual(newer);
    await store.applyPulled(empty, '7');
    expect(await repo.getOrder(mine.id)).toEqual(newer);
    repo.close();
  });
});
