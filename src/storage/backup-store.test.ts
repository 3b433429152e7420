import { describe, expect, it } from 'vitest';
import { encodeBackup, newBackup, parseBackup, type Backup } from '../core/backup/format.ts';
import type { EventId } from '../core/ids.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import { makeOrder, makeParcel } from '../../test/factories.ts';
import { DexieBackupStore } from './backup-store.ts';
import { DexieRepository } from './dexie-repository.ts';

/** Orders in the CI round trip; `npm run bench` (backup_100k_ms / restore_100k_ms) runs 100,000. */
const ORDERS = 3_000;
const AT = '2026-12-03T08:00:00.000Z';
const SHOP = { name: 'Kaffeeladen', accountId: null };

let n = 0;
const device = () => {
  const repo = new DexieRepository(`backup-${++n}`);
  return { repo, store: new DexieBackupStore(repo) };
};

async function fill(repo: DexieRepository, count: number): Promise<void> {
  const orders = Array.from({ length: count }, (_, i) =>
    makeOrder({ externalId: `B${i}`, notes: i % 7 ? '' : 'fragile' }),
  );
  const parcels = orders
    .slice(0, 500)
    .map((o, i) => makeParcel({ orderId: o.id, updatedAt: AT, trackingNumber: `T${i}` }));
  await repo.commit({
    orders,
    parcels,
    events: orders
      .slice(0, 500)
      .map((o, i) => ({ id: `ev${i}` as EventId, orderId: o.id, kind: 'created', at: AT })),
    // 40 of one name are stored as one run row; a backup lists them one by one.
    mutations: orders.slice(0, 40).map((o) => ({ name: 'order.note', args: { orderId: o.id } })),
  });
  await repo.commit({
    events: [{ id: 'batch' as EventId, orderId: null, kind: 'imported', at: AT }],
    mutations: [],
  });
  await repo.saveSettings({ ...DEFAULT_SETTINGS, shop: { ...DEFAULT_SETTINGS.shop, shopName: SHOP.name } });
}

/** JSON with every object's keys sorted: two backups with equal contents give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Where two texts first differ, with a little context (never the whole 100 MB). */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${a.slice(i - 40, i + 40)} <> ${b.slice(i - 40, i + 40)}`;
}

const fileOf = async (store: DexieBackupStore): Promise<string> =>
  [...encodeBackup(newBackup({ shop: SHOP, ...(await store.read()) }, AT))].join('');

describe('DexieBackupStore', () => {
  it(`backs up ${ORDERS} orders and restores them equal on a fresh device`, async () => {
    const a = device();
    await fill(a.repo, ORDERS);
    const file = await fileOf(a.store);
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.problem.code);
    expect(parsed.backup.counts).toEqual({ orders: ORDERS, parcels: 500, events: 501, outbox: 41 });

    const b = device();
    expect(await b.store.hasData()).toBe(false);
    await b.store.restore(parsed.backup);
    // Byte for byte: the restored device writes the same file.
    expect(
      firstDifference(canonical(JSON.parse(await fileOf(b.store))), canonical(JSON.parse(file))),
    ).toBeNull();
    expect(await b.repo.countPending()).toBe(41);
    expect((await b.repo.getSettings()).shop.shopName).toBe(SHOP.name);
    a.repo.close();
    b.repo.close();
  }, 60_000);

  it('replaces what the device held, and numbers the outbox on from its own first pending id', async () => {
    const a = device();
    await fill(a.repo, 20);
    const backup = parseBackup(await fileOf(a.store));
    if (!backup.ok) throw new Error(backup.problem.code);

    const b = device();
    const mine = makeOrder({ externalId: 'OTHER' });
    await b.repo.commit({ orders: [mine], events: [], mutations: [{ name: 'order.note', args: {} }] });
    await b.repo.acknowledge(1);
    await b.repo.commit({
      events: [],
      mutations: [
        { name: 'order.note', args: {} },
        { name: 'order.note', args: {} },
      ],
    });
    await b.store.restore(backup.backup);
    expect(await b.repo.getOrder(mine.id)).toBeUndefined();
    expect(await b.repo.countOrders()).toBe(20);
    const pending = await b.repo.pendingMutations(100);
    expect(pending.map((m) => m.mutationId)).toEqual(Array.from({ length: 21 }, (_, i) => i + 2));
    expect(pending.map((m) => m.args)).toEqual(backup.backup.outbox.map((m) => m.args));
    // The next change continues the numbering without a gap.
    await b.repo.commit({ events: [], mutations: [{ name: 'order.note', args: { last: true } }] });
    expect((await b.repo.pendingMutations(100)).at(-1)?.mutationId).toBe(23);
    a.repo.close();
    b.repo.close();
  });

  it('restores a device to its own backup: changed rows go back, rows added since go away', async () => {
    const a = device();
    await fill(a.repo, 50);
    const file = await fileOf(a.store);
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const [first] = parsed.backup.orders;
    if (!first) throw new Error('no orders');
    await a.repo.commit({
      orders: [{ ...first, notes: 'changed after the backup' }, makeOrder({ externalId: 'LATER' })],
      events: [{ id: 'later' as EventId, orderId: first.id, kind: 'created', at: AT }],
      mutations: [{ name: 'order.note', args: { later: true } }],
    });
    await a.store.restore(parsed.backup);
    expect(
      firstDifference(canonical(JSON.parse(await fileOf(a.store))), canonical(JSON.parse(file))),
    ).toBeNull();
    expect(await a.repo.countOrders()).toBe(50);
    a.repo.close();
  });

  it("replaces another shop's data entirely", async () => {
    const a = device();
    await fill(a.repo, 30);
    const file = await fileOf(a.store);
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.problem.code);

    const b = device();
    const theirs = Array.from({ length: 200 }, (_, i) => makeOrder({ externalId: `THEIRS-${i}` }));
    // One of the backup's orders is on the device too, changed.
    const [first] = parsed.backup.orders;
    if (!first) throw new Error('no orders');
    await b.repo.commit({
      orders: [...theirs, { ...first, notes: 'theirs' }],
      events: [],
      mutations: [],
    });
    await b.store.restore(parsed.backup);
    expect(
      firstDifference(canonical(JSON.parse(await fileOf(b.store))), canonical(JSON.parse(file))),
    ).toBeNull();
    for (const order of theirs.slice(0, 3)) expect(await b.repo.getOrder(order.id)).toBeUndefined();
    expect(await b.repo.countOrders()).toBe(30);
    a.repo.close();
    b.repo.close();
  });

  it("writes back a held row with a key more or a key less than the backup's", async () => {
    const a = device();
    await fill(a.repo, 30);
    const file = await fileOf(a.store);
    const parsed = parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const [first, second] = parsed.backup.orders;
    if (!first || !second) throw new Error('no orders');
    const { notes: _left, ...withoutNotes } = second;
    await a.repo.commit({
      orders: [{ ...first, tags: ['added'] } as typeof first, withoutNotes as typeof second],
      events: [],
      mutations: [],
    });
    await a.store.restore(parsed.backup);
    expect(await a.repo.getOrder(first.id)).toEqual(first);
    expect(await a.repo.getOrder(second.id)).toEqual(second);
    a.repo.close();
  });

  it("leaves another shop's data as it was when the restore over it fails part-way", async () => {
    const a = device();
    await fill(a.repo, 30);
    const good = newBackup({ shop: SHOP, ...(await a.store.read()) }, AT);
    const broken: Backup = {
      ...good,
      events: [
        ...good.events,
        { id: undefined as unknown as EventId, orderId: null, kind: 'imported', at: AT },
      ],
    };
    const b = device();
    const theirs = Array.from({ length: 60 }, (_, i) => makeOrder({ externalId: `THEIRS-${i}` }));
    await b.repo.commit({ orders: theirs, events: [], mutations: [{ name: 'order.note', args: {} }] });
    const before = await fileOf(b.store);
    // None of their orders is in the backup, so the orders store is cleared before the failing
    // request: the abort brings it back too.
    await expect(b.store.restore(broken)).rejects.toThrow();
    expect(firstDifference(await fileOf(b.store), before)).toBeNull();
    a.repo.close();
    b.repo.close();
  });

  it('leaves the device as it was when the restore fails part-way', async () => {
    const b = device();
    await fill(b.repo, 10);
    const before = await fileOf(b.store);
    const good = newBackup({ shop: SHOP, ...(await b.store.read()) }, AT);
    const broken: Backup = {
      ...good,
      // Every order and event is written before the last event, whose id is no valid key: that
      // request fails inside the transaction.
      events: [
        ...good.events,
        { id: undefined as unknown as EventId, orderId: null, kind: 'imported', at: AT },
      ],
    };
    await expect(b.store.restore(broken)).rejects.toThrow();
    expect(firstDifference(await fileOf(b.store), before)).toBeNull();
    b.repo.close();
  });
});
