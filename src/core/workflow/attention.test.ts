import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { DeliveryStatus, Parcel } from '../model/parcel.ts';
import {
  ATTENTION_RULES,
  ATTENTION_RULE_IDS,
  DEFAULT_ATTENTION_THRESHOLDS,
  attentionReasons,
  daysBetween,
  type AttentionOptions,
} from './attention.ts';
import { addWorkingDays, learnDeliveryModel } from '../delivery-estimate/index.ts';

const ORDERED = '2026-03-01';

/** The calendar day `days` after `from`. */
function plus(from: string, days: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function order(status: OrderStatus, overrides: Partial<Order> = {}): Order {
  return makeOrder({ status, orderedAt: ORDERED, externalId: 'A-1', ...overrides });
}

function parcel(overrides: Partial<Parcel> = {}): Parcel {
  return makeParcel({
    orderId: order('new').id,
    trackingNumber: 'JJD000390007',
    shippedAt: ORDERED,
    deliveryStatus: 'in_transit',
    ...overrides,
  });
}

function rules(o: Order, parcels: Parcel[], opts: Partial<AttentionOptions> & { today: string }): string[] {
  return attentionReasons(o, parcels, { shopCountry: 'DE', ...opts }).map((r) => r.ruleId);
}

describe('daysBetween', () => {
  it.each([
    ['2026-03-01', '2026-03-08', 7],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-03-28', '2026-03-30', 2], // across the European DST switch
    ['2026-12-31', '2027-01-01', 1],
    ['2026-03-08', '2026-03-01', -7],
  ] as const)('%s -> %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    '01.03.2026',
    '2026-3-08',
    '2026-03-8',
    '2026-03-0x',
    ' 2026-03-08',
    '2026-03-08T10:00',
    '2026/03/08',
    '２０２６-03-08',
    '',
  ])('rejects %j, which is not a yyyy-mm-dd date', (text) => {
    expect(daysBetween(text, '2026-03-08')).toBeNull();
    expect(daysBetween('2026-03-08', text)).toBeNull();
  });

  it('rolls an out-of-range month or day over, as the calendar does', () => {
    expect(daysBetween('2026-02-28', '2026-02-30')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-13-01')).toBe(1);
  });
});

describe('not shipped', () => {
  it.each([
    [6, false],
    [7, true],
    [8, true],
  ])('day %i after ordering: flagged %s', (day, flagged) => {
    const reasons = attentionReasons(order('ready'), [], { today: plus(ORDERED, day) });
    expect(reasons.some((r) => r.ruleId === 'not_shipped')).toBe(flagged);
    if (flagged)
      expect(reasons[0]).toMatchObject({ messageKey: 'attention.notShipped', params: { count: day } });
  });

  it.each<[OrderStatus, boolean]>([
    ['new', true],
    ['preparing', true],
    ['ready', true],
    ['partially_shipped', true],
    ['shipped', false],
    ['delivered', false],
    ['wont_ship', false],
    ['returned', false],
  ])('%s: flagged %s', (status, flagged) => {
    expect(rules(order(status), [], { today: plus(ORDERED, 30) }).includes('not_shipped')).toBe(flagged);
  });

  it('uses the seller’s threshold', () => {
    const today = plus(ORDERED, 3);
    expect(rules(order('new'), [], { today })).toEqual([]);
    expect(rules(order('new'), [], { today, thresholds: { not_shipped: 3 } })).toEqual(['not_shipped']);
  });
});

describe('shipped, not delivered', () => {
  it.each([
    [9, false],
    [10, true],
    [11, true],
  ])('domestic, day %i after shipping: flagged %s', (day, flagged) => {
    const reasons = attentionReasons(order('shipped'), [parcel()], {
      today: plus(ORDERED, day),
      shopCountry: 'DE',
    });
    expect(reasons.map((r) => r.ruleId)).toEqual(flagged ? ['not_delivered_domestic'] : []);
  });

  it.each([
    [44, false],
    [45, true],
    [46, true],
  ])('international, day %i after shipping: flagged %s', (day, flagged) => {
    const abroad = order('shipped', {
      address: { line1: 'Storgatan 1', zip: '11455', city: 'Stockholm', country: 'SE' },
    });
    const reasons = attentionReasons(abroad, [parcel()], { today: plus(ORDERED, day), shopCountry: 'DE' });
    expect(reasons.map((r) => r.ruleId)).toEqual(flagged ? ['not_delivered_international'] : []);
    if (flagged) {
      expect(reasons[0]).toMatchObject({
        messageKey: 'attention.notDelivered',
        params: { count: day, trackingNumber: 'JJD000390007' },
      });
    }
  });

  it('counts from the parcel’s ship date, not the order date', () => {
    const late = parcel({ shippedAt: plus(ORDERED, 5) });
    expect(rules(order('shipped'), [late], { today: plus(ORDERED, 14) })).toEqual([]);
    expect(rules(order('shipped'), [late], { today: plus(ORDERED, 15) })).toEqual(['not_delivered_domestic']);
  });

  it('treats everything as international without a shop country, and free-text countries as abroad', () => {
    const today = plus(ORDERED, 20);
    expect(attentionReasons(order('shipped'), [parcel()], { today }).map((r) => r.ruleId)).toEqual([]);
    const freeText = order('shipped', {
      address: { line1: 'x', zip: '10115', city: 'Berlin', country: 'Deutschland' },
    });
    expect(rules(freeText, [parcel()], { today })).toEqual([]);
    expect(
      rules(order('shipped', { address: { line1: 'x', zip: '1', city: 'y', country: ' de ' } }), [parcel()], {
        today,
      }),
    ).toEqual(['not_delivered_domestic']);
  });

  it('skips delivered and returned parcels, parcels without a ship date, and closed orders', () => {
    const today = plus(ORDERED, 60);
    expect(rules(order('shipped'), [parcel({ deliveryStatus: 'delivered' })], { today })).toEqual([]);
    const { shippedAt: _s, ...unshipped } = parcel();
    expect(rules(order('shipped'), [unshipped], { today })).toEqual([]);
    expect(rules(order('delivered'), [parcel()], { today })).toEqual([]);
  });

  it('looks only at this order’s parcels', () => {
    const other = makeParcel({
      orderId: makeOrder({ externalId: 'B-2' }).id,
      shippedAt: ORDERED,
      deliveryStatus: 'in_transit',
    });
    expect(rules(order('shipped'), [other], { today: plus(ORDERED, 60) })).toEqual([]);
  });
});

describe('parcel problems', () => {
  it.each<[DeliveryStatus, boolean]>([
    ['failed_attempt', true],
    ['exception', true],
    ['expired', true],
    ['returned', true],
    ['in_transit', false],
    ['available_for_pickup', false],
    ['delivered', false],
    ['unknown', false],
  ])('%s: flagged %s', (deliveryStatus, flagged) => {
    const p = parcel({ deliveryStatus });
    const reasons = attentionReasons(order('shipped'), [p], { today: ORDERED });
    expect(reasons.map((r) => r.ruleId)).toEqual(flagged ? ['parcel_problem'] : []);
    if (flagged) {
      expect(reasons[0]).toMatchObject({ messageKey: `attention.parcel.${deliveryStatus}`, parcelId: p.id });
    }
  });

  it('is silent once the seller marked the order returned', () => {
    expect(rules(order('returned'), [parcel({ deliveryStatus: 'returned' })], { today: ORDERED })).toEqual(
      [],
    );
  });
});

describe('on hold', () => {
  it.each([
    ['address_problem', 'attention.onHold.address_problem'],
    ['out_of_stock', 'attention.onHold.out_of_stock'],
    ['waiting_for_payment', 'attention.onHold.waiting_for_payment'],
    ['other', 'attention.onHold.other'],
  ])('reason %s', (statusReason, messageKey) => {
    const reasons = attentionReasons(order('on_hold', { statusReason, heldFrom: 'new' }), [], {
      today: ORDERED,
    });
    expect(reasons).toEqual([{ ruleId: 'on_hold', messageKey, params: {} }]);
  });
});

describe('tracking number check', () => {
  const isTrackingValid = (p: Pick<Parcel, 'trackingNumber'>) => p.trackingNumber.endsWith('7');

  it('flags a parcel the validator rejects', () => {
    const bad = parcel({ trackingNumber: 'JJD000390008' });
    const reasons = attentionReasons(order('shipped'), [parcel(), bad], { today: ORDERED, isTrackingValid });
    expect(reasons).toEqual([
      {
        ruleId: 'tracking_invalid',
        messageKey: 'attention.trackingInvalid',
        params: { trackingNumber: 'JJD000390008' },
        parcelId: bad.id,
      },
    ]);
  });

  it('is skipped without a validator', () => {
    expect(rules(order('shipped'), [parcel({ trackingNumber: 'x' })], { today: ORDERED })).toEqual([]);
  });
});

describe('rules as data', () => {
  it('lists every rule once, with defaults matching the thresholds', () => {
    expect(ATTENTION_RULES.map((r) => r.id)).toEqual([...ATTENTION_RULE_IDS]);
    for (const [id, days] of Object.entries(DEFAULT_ATTENTION_THRESHOLDS)) {
      expect(ATTENTION_RULES.find((r) => r.id === id)?.defaultThresholdDays).toBe(days);
    }
  });

  it('can switch a rule off', () => {
    const held = order('on_hold', { statusReason: 'other', orderedAt: ORDERED });
    expect(rules(held, [], { today: plus(ORDERED, 1) })).toEqual(['on_hold']);
    expect(rules(held, [], { today: plus(ORDERED, 1), disabled: ['on_hold'] })).toEqual([]);
  });

  it('lists several reasons in rule order', () => {
    const o = order('partially_shipped');
    const reasons = rules(o, [parcel({ deliveryStatus: 'exception' })], {
      today: plus(ORDERED, 12),
      isTrackingValid: () => false,
    });
    expect(reasons).toEqual(['not_shipped', 'not_delivered_domestic', 'parcel_problem', 'tracking_invalid']);
  });
});

describe('late by the seller’s own history', () => {
  // 2026-03-02 is a Monday; the history: DHL Paket to Sweden, delivered 2 or 3 working days after.
  const SHIPPED = '2026-03-02';
  const toSweden = (status: OrderStatus = 'shipped') =>
    order(status, { address: { ...order('new').address, country: 'SE' } });
  const history = (count: number, workingDays: number[]) =>
    learnDeliveryModel(
      Array.from({ length: count }, (_, i) => ({
        carrierId: 'dhl-paket',
        country: 'SE',
        domestic: false,
        shippedAt: SHIPPED,
        deliveredAt: addWorkingDays(SHIPPED, workingDays[i % workingDays.length] as number, 'SE') as string,
      })),
    );
  const onTheWay = (carrierId = 'dhl-paket') => parcel({ shippedAt: SHIPPED, carrierId });

  it.each([
    // 25 parcels, 95th percentile 3 working days: Thursday 5 March is the last day on time.
    ['on the last day of the learned window', 25, [2, 3], '2026-03-05', 'dhl-paket', []],
    ['one working day past it', 25, [2, 3], '2026-03-06', 'dhl-paket', ['attention.late']],
    ['over the weekend after it', 25, [2, 3, 3, 3], '2026-03-08', 'dhl-paket', ['attention.late']],
    // 19 parcels are too few to call it late: the fixed 45 days abroad decide.
    ['too few parcels: not late before the fixed limit', 19, [2, 3], '2026-03-20', 'dhl-paket', []],
    [
      'too few parcels: the fixed limit still applies',
      19,
      [2, 3],
      '2026-04-16',
      'dhl-paket',
      ['attention.notDelivered'],
    ],
    ['another carrier has no history: fixed limit', 25, [2, 3], '2026-03-20', 'ups', []],
    // One parcel in 25 took 30 working days: above the 95th percentile, so it does not move it.
    [
      'an outlier in the history does not move the limit',
      25,
      [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 30],
      '2026-03-06',
      'dhl-paket',
      ['attention.late'],
    ],
  ] as const)('%s', (_, count, days, today, carrierId, expected) => {
    const reasons = attentionReasons(toSweden(), [onTheWay(carrierId)], {
      shopCountry: 'DE',
      today,
      deliveryModel: history(count, [...days]),
    });
    expect(reasons.map((r) => r.messageKey)).toEqual(expected);
  });

  it('a learned late parcel is still the seller’s international rule: switching it off silences it', () => {
    const reasons = attentionReasons(toSweden(), [onTheWay()], {
      shopCountry: 'DE',
      today: '2026-03-10',
      deliveryModel: history(25, [2, 3]),
      disabled: ['not_delivered_international'],
    });
    expect(reasons).toEqual([]);
  });

  it('a delivered parcel is never late', () => {
    const reasons = attentionReasons(
      toSweden(),
      [parcel({ shippedAt: SHIPPED, carrierId: 'dhl-paket', deliveryStatus: 'delivered' })],
      {
        shopCountry: 'DE',
        today: '2026-03-20',
        deliveryModel: history(25, [2, 3]),
      },
    );
    expect(reasons).toEqual([]);
  });
});
