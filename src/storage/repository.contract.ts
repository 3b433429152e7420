/**
 * The repository contract, run against every implementation (see the `*.test.ts` beside this).
 */
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Repository } from './repository.ts';
import type { Clock } from '../core/clock.ts';
import type { EventId } from '../core/ids.ts';
import { IMPORT_MUTATION, importedFieldsOf, type StoredImportMutationArgs } from '../core/import/plan.ts';
import { makeEvent, makeOrder, makeParcel } from '../../test/factories.ts';

/** The moment every repository under contract is created with as its clock. */
const NOW = new Date('2026-11-20T10:00:00.000Z');

export function repositoryContract(name: string, create: (clock: Clock) => Repository): void {
  describe(`${name} repository contract`, () => {
    let repo: Repository;
    beforeEach(() => {
      repo = create(() => NOW);
    });
    afterEach(() => {
      repo.close();
    });

    it('commits an order, its event and its outbox entry together', async () => {
      const order = makeOrder();
      await repo.commit({
        orders: [order],
        events: [makeEvent({ orderId: order.id, kind: 'created' })],
        mutations: [{ name: 'order.create', args: { id: order.id } }],
      });
      expect(await repo.getOrder(order.id)).toEqual(order);
      expect(await repo.countOrders()).toBe(1);
      expect((await repo.historyOf(order.id)).map((e) => e.kind)).toEqual(['created']);
      const pending = await repo.pendingMutations(10);
      expect(pending.map((p) => [p.mutationId, p.name, p.createdAt])).toEqual([
        [1, 'order.create', NOW.toISOString()],
      ]);
    });

    it('aborts the whole change when any part fails: no order change, no event, no outbox row', async () => {
      const order = makeOrder({ notes: 'before' });
      const first = makeEvent({ orderId: order.id });
      await repo.commit({
        orders: [order],
        events: [first],
        mutations: [{ name: 'order.create', args: {} }],
      });

      const changed = { ...order, notes: 'after' };
      const other = makeOrder();
      const failing = repo.commit({
        orders: [changed, other],
        parcels: [makeParcel({ orderId: order.id })],
        // Re-using an existing event id makes the event insert fail after the orders were written.
        events: [makeEvent({ orderId: order.id, kind: 'note_changed' }), { ...first }],
        mutations: [{ name: 'order.edit', args: {} }],
      });
      await expect(failing).rejects.toThrow();

      expect((await repo.getOrder(order.id))?.notes).toBe('before');
      expect(await repo.getOrder(other.id)).toBeUndefined();
      expect(await repo.parcelsOf(order.id)).toEqual([]);
      expect((await repo.historyOf(order.id)).map((e) => e.id)).toEqual([first.id]);
      expect(await repo.countPending()).toBe(1);
      // The failed change consumed no mutation id: the next one continues without a gap.
      await repo.commit({ events: [], mutations: [{ name: 'order.edit', args: {} }] });
      expect((await repo.pendingMutations(10)).map((p) => p.mutationId)).toEqual([1, 2]);
    });

    it('numbers mutations without gaps and acknowledges up to an id', async () => {
      for (let i = 0; i < 5; i++) {
        await repo.commit({ events: [], mutations: [{ name: 'm', args: { i } }] });
      }
      expect((await repo.pendingMutations(3)).map((p) => p.mutationId)).toEqual([1, 2, 3]);
      await repo.acknowledge(3);
      expect(await repo.countPending()).toBe(2);
      await repo.commit({ events: [], mutations: [{ name: 'm', args: {} }] });
      expect((await repo.pendingMutations(10)).map((p) => p.mutationId)).toEqual([4, 5, 6]);
    });

    it('hands out a bulk commit as one mutation each, in order, across partial acknowledgements', async () => {
      await repo.commit({ events: [], mutations: [{ name: 'a', args: { i: -1 } }] });
      const many = Array.from({ length: 2_345 }, (_, i) => ({ name: 'order.transition', args: { i } }));
      await repo.commit({ events: [], mutations: [...many, { name: 'b', args: {} }] });
      expect(await repo.countPending()).toBe(2_347);
      const first = await repo.pendingMutations(500);
      expect(first.map((p) => p.mutationId)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(first[1]).toMatchObject({ name: 'order.transition', args: { i: 0 } });
      // Acknowledged in the middle of what was committed together: the rest stays, in order.
      await repo.acknowledge(1_234);
      expect(await repo.countPending()).toBe(2_347 - 1_234);
      const rest = await repo.pendingMutations(5_000);
      expect(rest.map((p) => p.mutationId)).toEqual(Array.from({ length: 1_113 }, (_, i) => i + 1_235));
      expect(rest[0]).toMatchObject({ name: 'order.transition', args: { i: 1_233 } });
      expect(rest.at(-1)).toMatchObject({ mutationId: 2_347, name: 'b' });
      await repo.commit({ events: [], mutations: [{ name: 'c', args: {} }] });
      expect((await repo.pendingMutations(5_000)).at(-1)).toMatchObject({ mutationId: 2_348, name: 'c' });
      await repo.acknowledge(2_348);
      expect(await repo.countPending()).toBe(0);
      expect(await repo.pendingMutations(10)).toEqual([]);
    });

    it('keeps history per order, oldest first, and batch events apart', async () => {
      const order = makeOrder();
      await repo.commit({
        orders: [order],
        events: [
          makeEvent({ orderId: order.id, kind: 'status_changed', at: '2026-11-21T10:00:00.000Z' }),
          makeEvent({ orderId: order.id, kind: 'created', at: '2026-11-20T10:00:00.000Z' }),
          makeEvent({ orderId: null, kind: 'imported', at: '2026-11-20T09:00:00.000Z' }),
        ],
        mutations: [],
      });
      expect((await repo.historyOf(order.id)).map((e) => e.kind)).toEqual(['created', 'status_changed']);
      const batch = await repo.batchEvents(5);
      expect(batch.map((e) => [e.kind, e.orderId])).toEqual([['imported', null]]);
    });

    it('stores parcels per order and removes them', async () => {
      const order = makeOrder();
      const parcel = makeParcel({ orderId: order.id });
      await repo.commit({ orders: [order], parcels: [parcel], events: [], mutations: [] });
      expect(await repo.parcelsOf(order.id)).toEqual([parcel]);
      await repo.commit({ removeParcels: [parcel.id], events: [], mutations: [] });
      expect(await repo.parcelsOf(order.id)).toEqual([]);
    });

    it('returns copies: changing a returned order does not change the stored one', async () => {
      const order = makeOrder();
      await repo.commit({ orders: [order], events: [], mutations: [] });
      const read = await repo.getOrder(order.id);
      if (read) read.buyer.name = 'Someone else';
      expect((await repo.getOrder(order.id))?.buyer.name).toBe(order.buyer.name);
      expect(await repo.getOrders([order.id, makeOrder().id])).toEqual([order, undefined]);
    });

    it('saves settings with an outbox entry, and keeps one device id', async () => {
      const settings = await repo.getSettings();
      expect(settings.shop.shopName).toBe('');
      await repo.saveSettings({
        ...settings,
        locale: 'de',
        shop: { ...settings.shop, shopName: 'Kaffeeladen' },
      });
      const saved = await repo.getSettings();
      expect(saved.locale).toBe('de');
      expect(saved.shop.shopName).toBe('Kaffeeladen');
      expect((await repo.pendingMutations(5)).map((p) => p.name)).toEqual(['settings.update']);
      const id = await repo.deviceId();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await repo.deviceId()).toBe(id);
    });

    it('rolls back a commit that is cancelled part-way, and reports progress', async () => {
      const orders = Array.from({ length: 12_000 }, () => makeOrder());
      const controller = new AbortController();
      const seen: number[] = [];
      const cancelled = repo.commit(
        {
          orders,
          events: [makeEvent({ kind: 'imported' })],
          mutations: [{ name: 'orders.import', args: {} }],
        },
        {
          signal: controller.signal,
          onProgress: (done) => {
            seen.push(done);
            controller.abort();
          },
        },
      );
      await expect(cancelled).rejects.toThrow();
      expect(seen.length).toBeGreaterThan(0);
      expect(await repo.countOrders()).toBe(0);
      expect(await repo.batchEvents(5)).toEqual([]);
      expect(await repo.countPending()).toBe(0);

      const progress: number[] = [];
      await repo.commit({ orders, events: [], mutations: [] }, { onProgress: (done) => progress.push(done) });
      expect(progress.at(-1)).toBe(orders.length);
      expect(await repo.countOrders()).toBe(orders.length);
    });

    it('expands an import mutation stored by reference into the orders it names', async () => {
      const order = makeOrder();
      const args: StoredImportMutationArgs = {
        eventId: 'e' as EventId,
        fileName: 'a.csv',
        part: 1,
        orderIds: [order.id],
      };
      await repo.commit({ orders: [order], events: [], mutations: [{ name: IMPORT_MUTATION, args }] });
      const [entry] = await repo.pendingMutations(1);
      expect(entry?.args).toEqual({
        eventId: 'e',
        fileName: 'a.csv',
        part: 1,
        orders: [importedFieldsOf(order)],
      });
    });

    it('keeps device-local preferences', async () => {
      expect(await repo.getLocal('mapping:x')).toBeUndefined();
      await repo.setLocal('mapping:x', { zip: 'PLZ' });
      expect(await repo.getLocal('mapping:x')).toEqual({ zip: 'PLZ' });
      expect(await repo.countPending()).toBe(0);
    });

    it('pages through orders and parcels in id order', async () => {
      const orders = Array.from({ length: 7 }, (_, i) => makeOrder({ externalId: `P-${i}` }));
      const parcels = orders.map((order) => makeParcel({ orderId: order.id }));
      await repo.commit({ orders: [...orders].reverse(), parcels, events: [], mutations: [] });
      const ids = orders.map((o) => o.id).sort();
      const first = await repo.ordersPage(null, 3);
      expect(first.map((o) => o.id)).toEqual(ids.slice(0, 3));
      const second = await repo.ordersPage(first.at(-1)!.id, 3);
      expect(second.map((o) => o.id)).toEqual(ids.slice(3, 6));
      expect((await repo.ordersPage(second.at(-1)!.id, 3)).map((o) => o.id)).toEqual(ids.slice(6));
      expect(await repo.ordersPage(ids.at(-1)!, 3)).toEqual([]);
      expect(await repo.ordersPage(null, 100)).toEqual([...orders].sort((a, b) => (a.id < b.id ? -1 : 1)));

      const parcelIds = parcels.map((p) => p.id).sort();
      const p1 = await repo.parcelsPage(null, 4);
      const p2 = await repo.parcelsPage(p1.at(-1)!.id, 4);
      expect([...p1, ...p2].map((p) => p.id)).toEqual(parcelIds);
    });

    it('counts data versions for commits that touch orders or parcels only', async () => {
      const start = await repo.dataVersion();
      const order = makeOrder();
      await repo.commit({ orders: [order], events: [], mutations: [] });
      expect(await repo.dataVersion()).toBe(start + 1);
      await repo.commit({ events: [makeEvent({ orderId: order.id })], mutations: [{ name: 'm', args: {} }] });
      await repo.saveSettings(await repo.getSettings());
      expect(await repo.dataVersion()).toBe(start + 1);
      const parcel = makeParcel({ orderId: order.id });
      await repo.commit({ parcels: [parcel], events: [], mutations: [] });
      await repo.commit({ removeParcels: [parcel.id], events: [], mutations: [] });
      expect(await repo.dataVersion()).toBe(start + 3);
      const failing = repo.commit({
        orders: [order],
        events: [makeEvent({ orderId: order.id }), makeEvent({ orderId: order.id })].map((e, _, all) => ({
          ...e,
          id: all[0]!.id,
        })),
        mutations: [],
      });
      await expect(failing).rejects.toThrow();
      expect(await repo.dataVersion()).toBe(start + 3);
    });

    it('tells subscribers after each commit', async () => {
      let calls = 0;
      const unsubscribe = repo.subscribe(() => calls++);
      await repo.commit({ orders: [makeOrder()], events: [], mutations: [] });
      unsubscribe();
      await repo.commit({ orders: [makeOrder()], events: [], mutations: [] });
      expect(calls).toBe(1);
    });
  });
}
