// @vitest-environment happy-dom
/**
 * Refused changes as the seller sees them: which order a rejection is about, its name and reason
 * in the seller's language, the per-order list in `SyncState`, and the notice on the order
 * (OrderDetail, the component that reads it) with its Dismiss button.
 */
import { cleanup, render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { makeOrder } from '../../test/factories.ts';
import { catalogFor, translate, type MessageKey, type Params } from '../core/i18n/index.ts';
import type { EventId } from '../core/ids.ts';
import { mutation } from '../core/protocol/mutations.ts';
import { DexieRepository } from '../storage/dexie-repository.ts';
import { DexieSyncStore } from '../storage/dexie-sync-store.ts';
import OrderDetail from '../ui/screens/OrderDetail.svelte';
import { AppState } from './app.svelte.ts';
import { accountFailure, rejectedChange, rejectionOrderId, rejectionReason } from './sync.svelte.ts';
import { SyncHttpError } from '../sync/index.ts';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const de = (key: MessageKey, params?: Params) => translate('de', key, params);
const AT = '2026-11-20T10:00:00.000Z';

afterEach(() => cleanup());

describe('why an account action failed', () => {
  it.each([
    ['setup_code_invalid', en, 'That setup code is not right, or it was already used.'],
    ['signup_closed', de, 'Dieser Server nimmt keine neuen Shops an.'],
    ['recovery_code_required', en, 'Enter the recovery code.'],
    ['recovery_code_invalid', de, 'Dieser Wiederherstellungscode stimmt nicht.'],
  ] as const)('%s in the seller’s language', (code, t, text) => {
    expect(accountFailure(new SyncHttpError(403, code, code), t)).toContain(text);
  });

  it('keeps the message of anything else', () => {
    expect(accountFailure(new SyncHttpError(0, 'network', 'Failed to fetch'), en)).toBe('Failed to fetch');
    expect(accountFailure('odd', en)).toBe('odd');
  });
});

describe('describing a rejection', () => {
  const row = (name: string, args: unknown, code: string, params: Record<string, string> = {}) => ({
    name,
    args,
    code,
    params,
    message: `English: ${code}`,
  });

  it.each([
    { args: { orderId: 'shopify:1' }, id: 'shopify:1' },
    { args: { parcel: { orderId: 'shopify:2' } }, id: 'shopify:2' },
    { args: { order: { id: 'manual:3' } }, id: 'manual:3' },
    { args: { fileName: 'x.csv', orderIds: [] }, id: undefined },
    { args: null, id: undefined },
  ])('the order of $args is $id', ({ args, id }) => {
    expect(rejectionOrderId({ args })).toBe(id);
  });

  it.each([
    {
      rejection: row('order.transition', { to: 'new', undoes: 'e1' }, 'undo_stale', {
        from: 'delivered',
        to: 'new',
      }),
      what: 'Undo, back to “New”',
      why: 'The status change was refused: The order has been changed again since then (now “Delivered”), so this cannot be undone.',
    },
    {
      rejection: row('order.transition', { to: 'ready' }, 'already_shipped', {
        from: 'shipped',
        to: 'ready',
      }),
      what: 'Status set to “Ready to ship”',
      why: 'The status change was refused: The order has already been shipped (“Shipped”), so it cannot be set to “Ready to ship”.',
    },
    {
      rejection: row('order.transition', { to: 'shipped' }, 'status_stale'),
      what: 'Status set to “Shipped”',
      why: 'Another device changed the status later; its change was kept.',
    },
    {
      rejection: row('notify.request', {}, 'no_recipient'),
      what: 'Message to the buyer',
      why: 'The buyer has no address or number for this kind of message.',
    },
    {
      rejection: row('parcel.upsert', { parcel: { trackingNumber: 'JJD1' } }, 'order_unknown'),
      what: 'Parcel JJD1 saved',
      why: 'The order does not exist on the server.',
    },
    {
      rejection: row('order.note', { orderId: 'manual:1' }, 'id_reused'),
      what: 'Notes changed',
      why: 'The server already had a different change under the same number, so this one was not saved.',
    },
    {
      rejection: row('order.create', {}, 'unprocessable'),
      what: 'Order added',
      why: 'The server could not store this change.',
    },
    // A code this version has no text for: the server's English, not nothing.
    {
      rejection: row('sync.oversized', {}, 'brand_new_code'),
      what: 'A change',
      why: 'English: brand_new_code',
    },
  ])('$what: $why', ({ rejection, what, why }) => {
    expect(rejectedChange(rejection, en)).toBe(what);
    expect(rejectionReason(rejection, en)).toBe(why);
  });

  it('translates statuses and hold reasons inside a refusal', () => {
    const refusal = row('order.transition', { to: 'on_hold' }, 'hold_reason_unknown', {
      from: 'new',
      to: 'on_hold',
      reason: 'address_problem',
    });
    expect(rejectedChange(refusal, de)).toBe('Status auf „Zurückgestellt“ gesetzt');
    expect(rejectionReason(refusal, de)).toContain('„Problem mit der Adresse“');
  });
});

let dbs = 0;

async function appWithRejection() {
  const repo = new DexieRepository(`sync-state-${++dbs}`);
  const store = new DexieSyncStore(repo);
  const order = makeOrder({ status: 'new' });
  const other = makeOrder({ status: 'new' });
  const undo = mutation('order.transition', {
    orderId: order.id,
    to: 'new',
    eventId: 'undo-1' as EventId,
    at: AT,
    undoes: 'ship-1' as EventId,
  });
  const note = mutation('order.note', { orderId: other.id, notes: 'x', eventId: 'n-1' as EventId, at: AT });
  await repo.commit({ orders: [order, other], events: [], mutations: [undo, note] });
  await store.acknowledge(2, [
    {
      id: 1,
      name: 'order.transition',
      code: 'undo_stale',
      message: 'stale',
      params: { from: 'delivered', to: 'new' },
    },
    { id: 2, name: 'order.note', code: 'order_unknown', message: 'unknown', params: {} },
  ]);
  const app = new AppState(repo, store, ['en'], { catalogs: catalogFor });
  await app.sync.start();
  return { app, repo, order, other };
}

describe('refused changes on the order', () => {
  it('SyncState lists one order’s refusals and dismisses them', async () => {
    const { app, repo, order, other } = await appWithRejection();
    expect(app.sync.rejectionsFor(order.id).map((r) => r.id)).toEqual([1]);
    expect(app.sync.rejectionsFor(other.id).map((r) => r.id)).toEqual([2]);
    await app.sync.dismissRejections([1]);
    expect(app.sync.rejectionsFor(order.id)).toEqual([]);
    expect(app.sync.rejections.map((r) => r.id)).toEqual([2]);
    repo.close();
  });

  it('OrderDetail shows the notice with the translated reason, and Dismiss removes it', async () => {
    const { app, repo, order } = await appWithRejection();
    render(OrderDetail, { props: { app, id: order.id, onclose: () => undefined } });
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('The server refused changes to this order');
    expect(notice.textContent).toContain('Undo, back to “New”');
    expect(notice.textContent).toContain('(now “Delivered”), so this cannot be undone.');
    // Only this order's refusal: the note on the other order is not listed here.
    expect(notice.querySelectorAll('li')).toHaveLength(1);
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(app.sync.rejections.map((r) => r.id)).toEqual([2]);
    repo.close();
  });
});
