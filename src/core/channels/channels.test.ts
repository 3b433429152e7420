import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../model/events.ts';
import type { EventId, OrderId } from '../ids.ts';
import { channelCarrier } from './carriers.ts';
import {
  confirmationsOf,
  hasRefusedConfirmation,
  orderConfirmationState,
  type ConfirmationStatus,
} from './confirmations.ts';
import { channelOrdersToImported, type ChannelOrder } from './orders.ts';

const base: ChannelOrder = {
  remoteId: 'r1',
  orderId: '#1',
  orderedAt: '2026-11-02',
  buyerName: 'Anna Berg',
  line1: 'Storgatan 1',
  zip: '111 22',
  city: 'Stockholm',
  country: 'Sweden',
  lines: [{ remoteLineId: 'l1', sku: 'A', title: 'Mug', quantity: 2 }],
};

describe('channelOrdersToImported', () => {
  it.each<[string, ChannelOrder, { id?: string; country?: string; refused?: string[] }]>([
    [
      'maps the key and normalises the country like the CSV import',
      base,
      { id: 'shopify:#1', country: 'SE' },
    ],
    [
      'refuses an order without an address, with the import’s codes',
      { ...base, line1: '' },
      { refused: ['missing_value'] },
    ],
    [
      'refuses a quantity of zero',
      { ...base, lines: [{ remoteLineId: 'l', quantity: 0 }] },
      { refused: ['invalid_quantity'] },
    ],
    ['refuses an order without lines', { ...base, lines: [] }, { refused: ['invalid_quantity'] }],
  ])('%s', (_name, order, expected) => {
    const { orders, refused } = channelOrdersToImported('shopify', [order]);
    if (expected.refused) {
      expect(orders).toEqual([]);
      expect(refused).toEqual([{ orderId: '#1', codes: expected.refused }]);
    } else {
      expect(orders[0]?.id).toBe(expected.id);
      expect(orders[0]?.address.country).toBe(expected.country);
      expect(refused).toEqual([]);
    }
  });

  it('keeps several lines of one order as one order', () => {
    const { orders } = channelOrdersToImported('shopify', [
      { ...base, lines: [...base.lines, { remoteLineId: 'l2', title: 'Wrap', quantity: 1 }] },
    ]);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.lines).toEqual([
      { sku: 'A', title: 'Mug', quantity: 2 },
      { title: 'Wrap', quantity: 1 },
    ]);
  });
});

describe('channelCarrier', () => {
  it.each([
    [
      'a carrier Shopify names',
      { carrierId: 'ups', trackingNumber: '1Z999AA10123456784' },
      '',
      { code: 'UPS', name: 'UPS' },
    ],
    [
      'one it does not: our name and the link',
      { carrierId: 'hermes', trackingNumber: '12345678901234' },
      '',
      { name: 'Hermes' },
    ],
    [
      'a seller’s own carrier',
      { carrierId: 'my-courier', trackingNumber: 'X1' },
      'Kurier Max',
      { name: 'Kurier Max' },
    ],
    ['no carrier at all', { trackingNumber: 'X1' }, '', { name: 'Other' }],
  ])('%s', (_name, parcel, sellerName, expected) => {
    const carrier = channelCarrier('shopify', parcel, sellerName);
    expect(carrier).toMatchObject(expected);
    if (!('code' in expected)) expect(carrier.code).toBeUndefined();
  });

  it('sends a tracking link for a registry carrier', () => {
    expect(
      channelCarrier('shopify', { carrierId: 'hermes', trackingNumber: '12345678901234' }).url,
    ).toContain('12345678901234');
  });
});

function step(id: string, status: ConfirmationStatus, attempt: number, at: string, reason = ''): OrderEvent {
  return {
    id: `${id}:${status}:${attempt}` as EventId,
    orderId: 'shopify:#1' as OrderId,
    kind: 'marketplace_confirmation',
    at,
    data: {
      confirmationId: id,
      channel: 'shopify',
      parcelId: 'p',
      trackingNumber: 'T',
      status,
      reason,
      attempt,
    },
  };
}

describe('confirmationsOf', () => {
  const T0 = '2026-11-03T10:00:00.000Z';
  const T1 = '2026-11-03T10:00:01.000Z';
  it.each<[string, OrderEvent[], ConfirmationStatus[]]>([
    [
      'pending, then sent, then accepted',
      [step('c', 'pending', 0, T0), step('c', 'sent', 1, T0), step('c', 'accepted', 1, T1)],
      ['accepted'],
    ],
    [
      'the same moment: the later step wins',
      [step('c', 'accepted', 1, T0), step('c', 'sent', 1, T0)],
      ['accepted'],
    ],
    ['refused, then sent again', [step('c', 'refused', 1, T0), step('c', 'pending', 1, T1)], ['pending']],
    ['pulled out of order', [step('c', 'accepted', 2, T1), step('c', 'refused', 1, T0)], ['accepted']],
    [
      'two parcels',
      [step('a', 'accepted', 1, T0), step('b', 'refused', 1, T0, 'bad')],
      ['accepted', 'refused'],
    ],
    // A confirmed parcel's number changed: queued at the same attempt, then a call of its own.
    [
      'accepted, then its new number pending',
      [step('c', 'accepted', 1, T0), step('c', 'pending', 1, T1)],
      ['pending'],
    ],
    [
      'accepted, then its new number not updatable',
      [
        step('c', 'accepted', 1, T0),
        step('c', 'pending', 1, T1),
        step('c', 'sent', 2, T1),
        step('c', 'not_updatable', 2, T1),
      ],
      ['not_updatable'],
    ],
  ])('%s', (_name, events, statuses) => {
    expect(confirmationsOf(events).map((c) => c.status)).toEqual(statuses);
  });

  it('says whether a refusal stands', () => {
    expect(hasRefusedConfirmation([step('c', 'refused', 1, T0)])).toBe(true);
    expect(hasRefusedConfirmation([step('c', 'refused', 1, T0), step('c', 'accepted', 2, T1)])).toBe(false);
  });
});

describe('orderConfirmationState', () => {
  const cases: [ConfirmationStatus[], string | null][] = [
    [[], null],
    [['cancelled'], null],
    [['accepted', 'accepted'], 'accepted'],
    // The shop has the parcel, only its changed number could not follow: nothing to act on.
    [['accepted', 'not_updatable'], 'accepted'],
    [['not_updatable', 'pending'], 'pending'],
    [['not_updatable', 'refused'], 'refused'],
    [['accepted', 'needs_check'], 'failed'],
  ];
  it.each(cases)('%j -> %s', (statuses, expected) => {
    expect(orderConfirmationState(statuses)).toBe(expected);
  });
});
