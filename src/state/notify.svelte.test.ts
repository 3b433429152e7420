/**
 * Telling buyers on the in-memory repository: the "shipped" rule rides along with every way an
 * order becomes shipped, in the same commit, and the batch screen finds and groups the rest.
 */
import { describe, expect, it } from 'vitest';
import { makeEvent, makeOrder, makeParcel } from '../../test/factories.ts';
import type { Order } from '../core/model/order.ts';
import { parseMutation } from '../core/protocol/mutations.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { MemoryRepository } from '../storage/memory-repository.ts';
import { autoNotifying, NotifyState } from './notify.svelte.ts';
import { OrdersState } from './orders.svelte.ts';

/** The seller turned the automatic "shipped" e-mail on (it is off by default). */
const AUTO_ON: Settings = {
  ...DEFAULT_SETTINGS,
  notifications: { ...DEFAULT_SETTINGS.notifications, shippedEmail: true },
};

async function setUp(orders: Order[], settings: Settings = AUTO_ON) {
  const repo = new MemoryRepository();
  await repo.commit({ orders, events: [], mutations: [] });
  const state = new OrdersState(autoNotifying(repo, () => settings.notifications));
  await state.load();
  await state.settled();
  return { repo, state, notify: new NotifyState(repo, () => settings) };
}

async function outbox(repo: MemoryRepository) {
  const entries = await repo.pendingMutations(1_000);
  for (const entry of entries) {
    expect(
      parseMutation(entry.name, entry.args),
      `${entry.name} ${JSON.stringify(entry.args)}`,
    ).toMatchObject({
      ok: true,
    });
  }
  return entries.map((e) => ({ name: e.name, args: e.args as Record<string, unknown> }));
}

describe('the automatic "shipped" e-mail', () => {
  it('rides along with a bulk "mark shipped", right after each transition, but never for Amazon', async () => {
    const shop = makeOrder({ source: 'shopify', status: 'ready' });
    const etsy = makeOrder({ source: 'etsy', status: 'ready' });
    const amazon = makeOrder({ source: 'amazon', status: 'ready' });
    const { repo, state } = await setUp([shop, etsy, amazon]);

    await state.bulkTransition([shop.id, etsy.id, amazon.id], { to: 'shipped' });

    const entries = await outbox(repo);
    const names = entries.map((e) => `${e.name}:${String(e.args['orderId'])}`);
    expect(names).toEqual([
      `order.transition:${shop.id}`,
      `notify.request:${shop.id}`,
      `order.transition:${etsy.id}`,
      `notify.request:${etsy.id}`,
      `order.transition:${amazon.id}`,
    ]);
    const requests = entries.filter((e) => e.name === 'notify.request');
    expect(requests.map((r) => [r.args['kind'], r.args['channel']])).toEqual([
      ['shipped', 'email'],
      ['shipped', 'email'],
    ]);
    expect(new Set(requests.map((r) => r.args['notificationId'])).size).toBe(2);
    // The event on the device is the one the server logs: same id, same data.
    const history = await repo.historyOf(shop.id);
    const requested = history.find((e) => e.kind === 'notification_requested');
    expect(requested?.id).toBe(requests[0]?.args['eventId']);
    expect(requested?.data).toMatchObject({ notificationId: requests[0]?.args['notificationId'] });
    expect((await repo.historyOf(amazon.id)).map((e) => e.kind)).toEqual(['status_changed']);
  });

  it('comes with the parcel that ships an order, and is not asked twice after an undo', async () => {
    const order = makeOrder({ status: 'ready' });
    const { repo, state } = await setUp([order]);
    await state.saveParcel(order.id, {
      trackingNumber: '00340434161234567890',
      carrierId: 'dhl',
      deliveryStatus: 'in_transit',
    });
    expect((await outbox(repo)).map((e) => e.name)).toEqual([
      'parcel.upsert',
      'order.transition',
      'notify.request',
    ]);

    const toast = await state.bulkTransition([order.id], { to: 'ready' });
    expect(toast.done).toBe(1);
    await state.bulkTransition([order.id], { to: 'shipped' });
    expect((await outbox(repo)).filter((e) => e.name === 'notify.request')).toHaveLength(1);
  });

  it('stays quiet when the rule is off', async () => {
    const order = makeOrder({ status: 'ready' });
    const off = {
      ...DEFAULT_SETTINGS,
      notifications: { ...DEFAULT_SETTINGS.notifications, shippedEmail: false },
    };
    const { repo, state } = await setUp([order], off);
    await state.bulkTransition([order.id], { to: 'shipped' });
    expect((await outbox(repo)).map((e) => e.name)).toEqual(['order.transition']);
  });
});

describe('NotifyState: the batch screen', () => {
  it('groups the shipped orders nobody told by carrier and sends a group in one commit', async () => {
    const dhl1 = makeOrder({ status: 'shipped' });
    const dhl2 = makeOrder({ status: 'shipped' });
    const ups = makeOrder({ status: 'shipped' });
    const bare = makeOrder({ status: 'shipped' });
    const amazon = makeOrder({ source: 'amazon', status: 'shipped' });
    const told = makeOrder({ status: 'shipped' });
    const notShipped = makeOrder({ status: 'ready' });
    const repo = new MemoryRepository();
    await repo.commit({
      orders: [dhl1, dhl2, ups, bare, amazon, told, notShipped],
      parcels: [
        makeParcel({ orderId: dhl1.id, carrierId: 'dhl-paket' }),
        makeParcel({ orderId: dhl2.id, carrierId: 'dhl-paket' }),
        makeParcel({ orderId: amazon.id, carrierId: 'dhl-paket' }),
        makeParcel({ orderId: ups.id, carrierId: 'ups', trackingNumber: '1Z999AA10123456784' }),
      ],
      events: [
        makeEvent({
          orderId: told.id,
          kind: 'notification_requested',
          data: { notificationId: 'x', kind: 'shipped', channel: 'email' },
        }),
      ],
      mutations: [],
    });
    const notify = new NotifyState(repo, () => DEFAULT_SETTINGS);
    await notify.load();

    const summary = notify.groups.map((g) => ({
      carrier: g.carrierId,
      ready: g.ready.map((c) => c.order.id).sort(),
      excluded: g.excluded.map((c) => [c.order.id, c.refusal]),
    }));
    expect(summary).toEqual([
      { carrier: 'dhl-paket', ready: [dhl1.id, dhl2.id].sort(), excluded: [[amazon.id, 'source_excluded']] },
      { carrier: 'ups', ready: [ups.id], excluded: [] },
      { carrier: '', ready: [bare.id], excluded: [] },
    ]);
    expect(notify.groups[0]?.carrierName).toMatch(/^DHL/);

    expect(await notify.sendGroup('dhl-paket')).toBe(2);
    const entries = await outbox(repo);
    expect(entries.map((e) => e.args['orderId']).sort()).toEqual([dhl1.id, dhl2.id].sort());
    expect(new Set(entries.map((e) => e.args['eventId'])).size).toBe(2);

    await notify.load();
    expect(notify.groups.map((g) => [g.carrierId, g.ready.length, g.excluded.length])).toEqual([
      ['dhl-paket', 0, 1],
      ['ups', 1, 0],
      ['', 1, 0],
    ]);
  });
});
