/** OrdersState on the in-memory repository: paged loading, search, bulk changes and undo. */
import { describe, expect, it, vi } from 'vitest';
import { makeOrder, makeParcel } from '../../test/factories.ts';
import { MemoryRepository } from '../storage/memory-repository.ts';
import { EMPTY_FILTER } from '../core/orders/filters.ts';
import { localDay } from '../core/orders/date-range.ts';
import type { Order } from '../core/model/order.ts';
import { parseMutation } from '../core/protocol/mutations.ts';
import type { OrderTransitionArgs } from '../core/protocol/mutations.ts';
import { ORDER_PAGE_SIZE, OrdersState } from './orders.svelte.ts';

/** Every outbox entry must pass the sync protocol's validation, as the server will check it. */
async function expectValidOutbox(repo: MemoryRepository): Promise<void> {
  for (const entry of await repo.pendingMutations(1_000)) {
    const parsed = parseMutation(entry.name, entry.args);
    expect(parsed, `${entry.name} ${JSON.stringify(entry.args)}`).toMatchObject({ ok: true });
  }
}

async function seeded(orders: Order[]): Promise<{ repo: MemoryRepository; state: OrdersState }> {
  const repo = new MemoryRepository();
  await repo.commit({ orders, events: [], mutations: [] });
  const state = new OrdersState(repo);
  await state.load();
  await state.settled();
  return { repo, state };
}

const ALL = { ...EMPTY_FILTER, range: 'all' as const };

describe('OrdersState', () => {
  it('loads page by page and finds orders with and without diacritics', async () => {
    const special = ORDER_PAGE_SIZE + 17;
    const orders = Array.from({ length: ORDER_PAGE_SIZE * 2 + 7 }, (_, i) =>
      makeOrder({ externalId: `L-${i}`, buyer: { name: i === special ? 'Jürgen Groß' : `Buyer ${i}` } }),
    );
    const { state } = await seeded(orders);
    expect(state.count).toBe(orders.length);
    expect(state.viewFor(ALL).ids).toHaveLength(orders.length);
    const hit = orders[special]!.id;
    expect(state.viewFor({ ...ALL, q: 'jurgen gross' }).ids).toEqual([hit]);
    expect(state.viewFor({ ...ALL, q: 'Jürgen Groß' }).ids).toEqual([hit]);
    expect(state.viewFor({ ...ALL, q: `L-${special}` }).ids).toEqual([hit]);
  });

  it('marks orders shipped in one commit with events and outbox entries, and undoes it', async () => {
    const fresh = [makeOrder({ status: 'new' }), makeOrder({ status: 'ready' })];
    const done = makeOrder({ status: 'shipped' });
    const { repo, state } = await seeded([...fresh, done]);
    const ids = [...fresh, done].map((o) => o.id);

    const toast = await state.bulkTransition(ids, { to: 'shipped', shippedOn: '2026-03-01' });
    expect(toast).toMatchObject({
      kind: 'bulk',
      to: 'shipped',
      done: 2,
      count: 3,
      refusedByCode: { unchanged: 1 },
    });
    for (const order of fresh) {
      expect((await repo.getOrder(order.id))?.status).toBe('shipped');
      expect(state.order(order.id)?.status).toBe('shipped');
      const [event] = await repo.historyOf(order.id);
      expect(event).toMatchObject({ kind: 'status_changed', from: order.status, to: 'shipped' });
      expect(event?.data?.['shippedOn']).toBe('2026-03-01');
    }
    const pending = await repo.pendingMutations(10);
    expect(pending.map((p) => p.name)).toEqual(['order.transition', 'order.transition']);
    const args = pending[0]!.args as OrderTransitionArgs;
    expect(Object.keys(args).sort()).toEqual(['at', 'eventId', 'orderId', 'shippedOn', 'to']);
    expect(args.shippedOn).toBe('2026-03-01');
    expect(state.viewFor({ ...ALL, statuses: ['shipped'] }).ids).toHaveLength(3);

    const undone = await state.undo(toast);
    expect(undone).toMatchObject({ kind: 'undone', done: 2, count: 2 });
    expect((await repo.getOrder(fresh[0]!.id))?.status).toBe('new');
    expect((await repo.getOrder(fresh[1]!.id))?.status).toBe('ready');
    expect(state.order(fresh[1]!.id)?.status).toBe('ready');
    const history = await repo.historyOf(fresh[0]!.id);
    expect(history.map((e) => [e.from, e.to])).toEqual([
      ['new', 'shipped'],
      ['shipped', 'new'],
    ]);
    expect(history[1]?.data?.['undoes']).toBe(history[0]?.id);
    const undoArgs = (await repo.pendingMutations(10)).slice(2).map((p) => p.args as OrderTransitionArgs);
    expect(undoArgs.map((a) => a.undoes)).toEqual(expect.arrayContaining([history[0]?.id]));
    // The protocol keeps `undoes` (it used to drop it, and the server replayed a plain transition).
    const parsedUndo = parseMutation('order.transition', undoArgs[0]);
    expect(
      parsedUndo.ok && parsedUndo.mutation.name === 'order.transition' && parsedUndo.mutation.args.undoes,
    ).toBeTruthy();
    await expectValidOutbox(repo);
  });

  it('does not undo an order that was changed again since', async () => {
    const order = makeOrder({ status: 'new' });
    const { repo, state } = await seeded([order]);
    const toast = await state.bulkTransition([order.id], { to: 'shipped' });
    await state.bulkTransition([order.id], { to: 'delivered' });
    const undone = await state.undo(toast);
    expect(undone).toMatchObject({ done: 0, refusedByCode: { undo_stale: 1 } });
    expect((await repo.getOrder(order.id))?.status).toBe('delivered');
  });

  it('asks for reasons: on hold and won’t ship', async () => {
    const orders = [makeOrder(), makeOrder()];
    const { repo, state } = await seeded(orders);
    expect(await state.bulkTransition([orders[0]!.id], { to: 'wont_ship' })).toMatchObject({
      done: 0,
      refusedByCode: { wont_ship_reason_required: 1 },
    });
    await state.bulkTransition([orders[0]!.id], { to: 'wont_ship', reason: 'Buyer cancelled' });
    await state.bulkTransition([orders[1]!.id], { to: 'on_hold', reason: 'address_problem' });
    expect(await repo.getOrder(orders[0]!.id)).toMatchObject({
      status: 'wont_ship',
      statusReason: 'Buyer cancelled',
    });
    expect(state.attentionOf(orders[1]!.id).map((r) => r.messageKey)).toEqual([
      'attention.onHold.address_problem',
    ]);
  });

  it('derives delivered from parcels and keeps the list in step', async () => {
    const order = makeOrder({ status: 'ready' });
    const { repo, state } = await seeded([order]);
    await state.saveParcel(order.id, { trackingNumber: 'JJD000390007', deliveryStatus: 'in_transit' });
    expect((await repo.getOrder(order.id))?.status).toBe('shipped');
    const [parcel] = await repo.parcelsOf(order.id);
    await state.saveParcel(order.id, {
      id: parcel!.id,
      trackingNumber: parcel!.trackingNumber,
      deliveryStatus: 'delivered',
    });
    expect((await repo.getOrder(order.id))?.status).toBe('delivered');
    expect(state.viewFor({ ...ALL, q: 'JJD000390007' }).ids).toEqual([order.id]);
    expect(state.viewFor({ ...ALL, delivery: ['delivered'] }).ids).toEqual([order.id]);
    const kinds = (await repo.historyOf(order.id)).map((e) => e.kind);
    expect(kinds).toEqual(['parcel_added', 'status_changed', 'parcel_changed', 'status_changed']);
    await state.saveNotes(order.id, 'Gift wrap');
    await state.removeParcel(order.id, parcel!.id);
    await expectValidOutbox(repo);
  });

  it('picks up changes made elsewhere', async () => {
    const { repo, state } = await seeded([makeOrder()]);
    const other = makeOrder({ buyer: { name: 'Søren Kierkegaard' }, orderedAt: '2026-11-19' });
    await repo.commit({
      orders: [other],
      parcels: [makeParcel({ orderId: other.id })],
      events: [],
      mutations: [],
    });
    await state.load();
    await state.settled();
    expect(state.count).toBe(2);
    expect(state.viewFor({ ...ALL, q: 'soeren' }).ids).toEqual([other.id]);
  });

  it('finds an order renamed elsewhere by its new name only, once read again', async () => {
    const order = makeOrder({ buyer: { name: 'Anna Smith' } });
    const { repo, state } = await seeded([order]);
    expect(state.viewFor({ ...ALL, q: 'anna' }).ids).toEqual([order.id]);
    const renamed = {
      ...order,
      buyer: { ...order.buyer, name: 'Lars Nowak' },
      updatedAt: new Date(Date.parse(order.updatedAt) + 1_000).toISOString(),
    };
    await repo.commit({ orders: [renamed], events: [], mutations: [] });
    await state.load();
    await state.settled();
    expect(state.viewFor({ ...ALL, q: 'anna' }).ids).toEqual([]);
    expect(state.viewFor({ ...ALL, q: 'lars nowak' }).ids).toEqual([order.id]);
  });

  it('holds back reloads while an import commits, and reads once when released', async () => {
    const { repo, state } = await seeded([makeOrder()]);
    const release = state.holdReloads();
    await repo.commit({ orders: [makeOrder()], events: [], mutations: [] });
    await state.load();
    expect(state.count).toBe(1);
    release();
    release(); // a second release changes nothing
    await vi.waitFor(() => expect(state.count).toBe(2));
    await state.settled();
  });

  it('counts needs-attention with the seller’s thresholds and shop country, and on a new day', async () => {
    const daysAgo = (n: number) => localDay(new Date(Date.now() - n * 86_400_000));
    const late = makeOrder({ status: 'new', orderedAt: daysAgo(5) });
    const shipped = makeOrder({ status: 'shipped', orderedAt: daysAgo(20) });
    const { repo, state } = await seeded([late, shipped]);
    await repo.commit({
      parcels: [
        makeParcel({ orderId: shipped.id, trackingNumber: 'LONGWAY1', shippedAt: daysAgo(12) }),
        // An S10 number whose check digit is wrong (RB123456785DE is right).
        makeParcel({ orderId: late.id, trackingNumber: 'RB123456784DE' }),
      ],
      events: [],
      mutations: [],
    });
    await state.load();
    await state.settled();
    const flagged = () => state.viewFor(ALL).attention;
    // Late by 5 days < 7; shipped 12 days ago, abroad (no shop country) < 45; a bad check digit.
    expect(state.attentionOf(late.id).map((r) => r.ruleId)).toEqual(['tracking_invalid']);
    expect(state.attentionOf(shipped.id)).toEqual([]);

    const settings = await repo.getSettings();
    await repo.saveSettings({
      ...settings,
      workflow: { ...settings.workflow, shopCountry: 'DE', notShippedDays: 3 },
    });
    await state.load();
    await state.settled();
    expect(state.attentionOf(late.id).map((r) => r.ruleId)).toEqual(['not_shipped', 'tracking_invalid']);
    expect(state.attentionOf(shipped.id).map((r) => r.ruleId)).toEqual(['not_delivered_domestic']);
    expect(flagged()).toBe(2);

    await repo.saveSettings({
      ...settings,
      workflow: { ...settings.workflow, notDeliveredInternationalDays: 30 },
    });
    await state.load();
    await state.settled();
    expect(state.attentionOf(shipped.id)).toEqual([]);
    expect(state.attentionOf(late.id).map((r) => r.ruleId)).toEqual(['tracking_invalid']);

    // Past midnight: the same settings flag the order once it is a day older.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3 * 86_400_000);
      state.refreshDay();
      await state.settled();
      expect(state.today).toBe(daysAgo(0));
      expect(state.attentionOf(late.id).map((r) => r.ruleId)).toEqual(['not_shipped', 'tracking_invalid']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flags a shop confirmation 24 hours after it was queued, not at the next midnight', async () => {
    const since = '2026-11-02T06:00:00.000Z';
    let at = new Date('2026-11-03T05:00:00.000Z');
    const order = makeOrder({
      status: 'shipped',
      confirmation: { channel: 'etsy', state: 'pending', since, at: since },
    });
    const repo = new MemoryRepository();
    await repo.commit({ orders: [order], events: [], mutations: [] });
    const state = new OrdersState(repo, { clock: () => at });
    await state.load();
    await state.settled();
    const notConfirmed = () => state.attentionOf(order.id).some((r) => r.ruleId === 'not_confirmed');
    expect(notConfirmed()).toBe(false);

    at = new Date('2026-11-03T05:59:00.000Z');
    state.refreshDay();
    await state.settled();
    expect(notConfirmed()).toBe(false);

    at = new Date('2026-11-03T06:00:00.000Z');
    state.refreshDay();
    await state.settled();
    expect(notConfirmed()).toBe(true);
  });

  it('creates an order by hand and puts it on hold when the address looks wrong', async () => {
    const { repo, state } = await seeded([]);
    const draft = {
      ...state.newDraft(),
      buyerName: 'Jürgen Groß',
      line1: 'Hauptstraße 5',
      zip: '1067',
      city: 'Dresden',
      country: 'DE',
      lines: [{ sku: 'MUG-1', title: 'Mug', quantity: '1' }],
    };
    expect(draft.externalId).toBe('M-1001');
    const saved = await state.saveOrder(draft);
    expect(saved).toEqual({ ok: true, id: 'manual:M-1001', held: true });
    expect(await repo.getOrder('manual:M-1001' as never)).toMatchObject({
      source: 'manual',
      status: 'on_hold',
      statusReason: 'address_problem',
      heldFrom: 'new',
    });
    expect((await repo.historyOf('manual:M-1001' as never)).map((e) => e.kind)).toEqual([
      'created',
      'status_changed',
    ]);
    expect((await repo.pendingMutations(5)).map((p) => p.name)).toEqual(['order.create', 'order.transition']);
    expect(await state.saveOrder(draft)).toEqual({ ok: false, problems: ['externalIdTaken'] });
    expect(state.newDraft().externalId).toBe('M-1002');

    // Fixing the address by hand is an edit; the hold stays until the seller releases it.
    const fixed = await state.saveOrder({ ...draft, zip: '01067' }, 'manual:M-1001' as never);
    expect(fixed).toEqual({ ok: true, id: 'manual:M-1001', held: false });
    const history = await repo.historyOf('manual:M-1001' as never);
    expect(history.at(-1)).toMatchObject({ kind: 'edited', data: { fields: 'address' } });
    await expectValidOutbox(repo);
  });

  it('marks 10,000 orders shipped and undoes all of them, in steps', async () => {
    // (How fast is the benchmark's business: `npm run bench`, bulk_ship_10k_ms.)
    const orders = Array.from({ length: 10_000 }, (_, i) => makeOrder({ externalId: `B-${i}` }));
    const { repo, state } = await seeded(orders);
    const toast = await state.bulkTransition(
      orders.map((o) => o.id),
      { to: 'shipped' },
    );
    expect(toast.done).toBe(10_000);
    expect(await repo.countPending()).toBe(10_000);
    expect(state.viewFor({ ...ALL, statuses: ['shipped'] }).ids).toHaveLength(10_000);
    const undone = await state.undo(toast);
    expect(undone.done).toBe(10_000);
    expect(await repo.countPending()).toBe(20_000);
    expect(state.viewFor({ ...ALL, statuses: ['new'] }).ids).toHaveLength(10_000);
    const sample = await repo.getOrder(orders[9_999]!.id);
    expect(sample?.status).toBe('new');
  }, 60_000);
});
