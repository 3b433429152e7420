/**
 * The attention rules about a connected shop's shipping confirmation ("confirmation refused",
 * "not confirmed 24 h after shipping"), the "marketplace refused" list filter, and how an order's
 * parcel confirmations sum up to the one state the server writes into the order.
 */
import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import { orderConfirmationState, type ConfirmationStatus } from '../channels/confirmations.ts';
import type { Order, OrderConfirmation, OrderStatus } from '../model/order.ts';
import { EMPTY_FILTER, filterFromQuery, filterToQuery } from '../orders/filters.ts';
import { EMPTY_SUMMARY, listRows, viewOfRows } from '../orders/list-view.ts';
import { attentionChangesAt, attentionReasons } from './attention.ts';

const SINCE = '2026-11-02T10:00:00.000Z';

function shipped(confirmation?: Partial<OrderConfirmation>, status: OrderStatus = 'shipped'): Order {
  return makeOrder({
    status,
    externalId: 'E-1',
    orderedAt: '2026-11-01',
    ...(confirmation && {
      confirmation: { channel: 'etsy', state: 'pending', since: SINCE, at: SINCE, ...confirmation },
    }),
  });
}

const ruleIds = (order: Order, opts: { today: string; now?: string }) =>
  attentionReasons(order, [], opts)
    .map((r) => r.ruleId)
    .filter((id) => id === 'confirmation_refused' || id === 'not_confirmed');

describe('confirmation attention rules', () => {
  it.each<[string, Order, { today: string; now?: string }, string[]]>([
    ['no connected shop: nothing', shipped(), { today: '2026-11-09' }, []],
    [
      'refused: flagged at once',
      shipped({ state: 'refused', reason: 'Bad carrier' }),
      { today: '2026-11-02' },
      ['confirmation_refused'],
    ],
    [
      'refused, but the order will not ship: not flagged',
      shipped({ state: 'refused' }, 'wont_ship'),
      { today: '2026-11-02' },
      [],
    ],
    ['accepted: nothing', shipped({ state: 'accepted' }), { today: '2026-11-09' }, []],
    [
      'pending 23 h 59 min: not yet',
      shipped({}),
      { today: '2026-11-03', now: '2026-11-03T09:59:00.000Z' },
      [],
    ],
    [
      'pending 24 h: flagged',
      shipped({}),
      { today: '2026-11-03', now: '2026-11-03T10:00:00.000Z' },
      ['not_confirmed'],
    ],
    [
      'failed for 2 days: flagged',
      shipped({ state: 'failed' }),
      { today: '2026-11-04', now: '2026-11-04T10:00:00.000Z' },
      ['not_confirmed'],
    ],
    ['by days without a moment: the same day is fine', shipped({}), { today: '2026-11-02' }, []],
    [
      'by days without a moment: the next day is flagged',
      shipped({}),
      { today: '2026-11-03' },
      ['not_confirmed'],
    ],
  ])('%s', (_name, order, opts, expected) => {
    expect(ruleIds(order, opts)).toEqual(expected);
  });

  it('says the shop’s reason', () => {
    const [reason] = attentionReasons(shipped({ state: 'refused', reason: 'Bad carrier' }), [], {
      today: '2026-11-02',
    });
    expect(reason).toMatchObject({
      messageKey: 'attention.confirmationRefused',
      params: { reason: 'Bad carrier' },
    });
  });
});

describe('attentionChangesAt', () => {
  it.each<[string, Order, string, string | null]>([
    ['pending: when it turns 24 h old', shipped({}), '2026-11-02T12:00:00.000Z', '2026-11-03T10:00:00.000Z'],
    [
      'failed: the same',
      shipped({ state: 'failed' }),
      '2026-11-02T10:00:00.000Z',
      '2026-11-03T10:00:00.000Z',
    ],
    ['already overdue: nothing more to come', shipped({}), '2026-11-03T10:00:00.000Z', null],
    ['accepted: nothing', shipped({ state: 'accepted' }), '2026-11-02T12:00:00.000Z', null],
    [
      'refused: flagged at once, nothing to come',
      shipped({ state: 'refused' }),
      '2026-11-02T12:00:00.000Z',
      null,
    ],
    ['will not ship: nothing', shipped({}, 'wont_ship'), '2026-11-02T12:00:00.000Z', null],
    ['no connected shop: nothing', shipped(), '2026-11-02T12:00:00.000Z', null],
  ])('%s', (_name, order, now, expected) => {
    expect(attentionChangesAt(order, now)).toBe(expected);
  });

  it('is the moment the rule starts to flag', () => {
    const order = shipped({});
    const at = attentionChangesAt(order, '2026-11-02T10:00:00.000Z') ?? '';
    const justBefore = new Date(Date.parse(at) - 1).toISOString();
    expect(ruleIds(order, { today: '2026-11-03', now: justBefore })).toEqual([]);
    expect(ruleIds(order, { today: '2026-11-03', now: at })).toEqual(['not_confirmed']);
  });
});

describe('orderConfirmationState', () => {
  it.each<[ConfirmationStatus[], string | null]>([
    [[], null],
    [['cancelled'], null],
    [['accepted', 'accepted'], 'accepted'],
    [['accepted', 'sent'], 'pending'],
    [['accepted', 'needs_check'], 'failed'],
    [['failed', 'refused', 'pending'], 'refused'],
    [['accepted', 'cancelled'], 'accepted'],
  ])('%j is %s', (statuses, expected) => {
    expect(orderConfirmationState(statuses)).toBe(expected);
  });
});

describe('the "marketplace refused" filter', () => {
  it('round-trips through the URL', () => {
    const filter = { ...EMPTY_FILTER, refused: true };
    expect(filterToQuery(filter)).toEqual({ refused: '1' });
    expect(filterFromQuery({ refused: '1' }).refused).toBe(true);
    expect(filterFromQuery({}).refused).toBe(false);
  });

  it('lists only orders whose shop refused', () => {
    const orders = [
      makeOrder({
        externalId: 'R',
        orderedAt: '2026-11-01',
        status: 'shipped',
        confirmation: { channel: 'ebay', state: 'refused', since: SINCE, at: SINCE },
      }),
      makeOrder({
        externalId: 'A',
        orderedAt: '2026-11-01',
        status: 'shipped',
        confirmation: { channel: 'ebay', state: 'accepted', since: SINCE, at: SINCE },
      }),
      makeOrder({ externalId: 'N', orderedAt: '2026-11-01', status: 'shipped' }),
    ];
    const view = viewOfRows({
      rows: listRows(orders, () => EMPTY_SUMMARY),
      filter: { ...EMPTY_FILTER, range: 'all', refused: true },
      today: '2026-11-03',
      searchHits: null,
    });
    expect(view.ids).toEqual([orders[0]?.id]);
  });
});
