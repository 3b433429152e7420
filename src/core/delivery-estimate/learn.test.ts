import { describe, expect, test } from 'vitest';
import {
  deliveryWindow,
  expectedDelivery,
  learnDeliveryModel,
  learnedLateness,
  MIN_LATE_SAMPLES,
  type DeliverySample,
} from './learn.ts';
import { addWorkingDays } from './working-days.ts';

// 2026-11-02 is a Monday; every sample ships on it unless a case says otherwise.
const MONDAY = '2026-11-02';

/** `count` parcels shipped on `shippedAt` and delivered `workingDays` working days later. */
function parcels(
  count: number,
  workingDays: number,
  over: Partial<DeliverySample> = {},
  shippedAt = MONDAY,
): DeliverySample[] {
  const country = over.country ?? 'SE';
  return Array.from({ length: count }, () => ({
    carrierId: 'dhl-paket',
    country,
    domestic: false,
    shippedAt,
    deliveredAt: addWorkingDays(shippedAt, workingDays, country) as string,
    ...over,
  }));
}

const TO_SE = { carrierId: 'dhl-paket', country: 'SE', domestic: false };

describe('the window for a shipment', () => {
  test.each([
    {
      name: 'no history: the default for a parcel carrier abroad',
      history: [],
      window: { fromDays: 2, toDays: 5, sampleSize: 0, basis: 'default' },
    },
    {
      name: 'four parcels are too few: still the default',
      history: parcels(4, 3),
      window: { fromDays: 2, toDays: 5, sampleSize: 0, basis: 'default' },
    },
    {
      name: 'five parcels to the country: their own window',
      history: [...parcels(1, 2), ...parcels(3, 3), ...parcels(1, 5)],
      window: { fromDays: 2, toDays: 5, sampleSize: 5, basis: 'carrier_country' },
    },
    {
      name: 'few to this country, many abroad: the carrier abroad',
      history: [...parcels(2, 9), ...parcels(10, 4, { country: 'NO' })],
      window: { fromDays: 4, toDays: 9, sampleSize: 12, basis: 'carrier_scope' },
    },
    {
      name: 'one outlier among twenty moves neither end of the window',
      history: [...parcels(2, 3), ...parcels(16, 4), ...parcels(1, 5), ...parcels(1, 40)],
      window: { fromDays: 3, toDays: 4, sampleSize: 20, basis: 'carrier_country' },
    },
    {
      name: 'a delivery before shipping and one after half a year are left out',
      history: [...parcels(5, 3), { ...parcels(1, 0)[0]!, deliveredAt: '2026-10-01' }, ...parcels(1, 130)],
      window: { fromDays: 3, toDays: 3, sampleSize: 5, basis: 'carrier_country' },
    },
    {
      name: 'parcels shipped on Saturday count from Monday, not from the weekend',
      history: parcels(6, 2, {}, '2026-11-07'),
      window: { fromDays: 2, toDays: 2, sampleSize: 6, basis: 'carrier_country' },
    },
    {
      name: 'another carrier’s parcels do not count',
      history: parcels(30, 1, { carrierId: 'ups' }),
      window: { fromDays: 2, toDays: 5, sampleSize: 0, basis: 'default' },
    },
  ])('$name', ({ history, window }) => {
    expect(deliveryWindow(learnDeliveryModel(history), TO_SE)).toEqual(window);
  });

  test('defaults differ by kind of carrier and by domestic or abroad', () => {
    const empty = learnDeliveryModel([]);
    expect(deliveryWindow(empty, { carrierId: 'ups', country: 'DE', domestic: true })).toMatchObject({
      fromDays: 1,
      toDays: 1,
    });
    expect(deliveryWindow(empty, { carrierId: 'royal-mail', country: 'US', domestic: false })).toMatchObject({
      fromDays: 4,
      toDays: 12,
    });
    expect(deliveryWindow(empty, { country: 'DE', domestic: true })).toMatchObject({
      fromDays: 1,
      toDays: 3,
    });
  });
});

describe('calendar days of the window', () => {
  test('shipped on Friday 4 Dec to Sweden, usually 2-3 working days: Tuesday 8 to Wednesday 9', () => {
    const model = learnDeliveryModel([...parcels(5, 2), ...parcels(5, 3)]);
    expect(expectedDelivery(model, { ...TO_SE, shippedAt: '2026-12-04' })).toEqual({
      from: '2026-12-08',
      to: '2026-12-09',
      sampleSize: 10,
      basis: 'carrier_country',
    });
  });

  test('with enough parcels the last on-time day is the 95th percentile', () => {
    const model = learnDeliveryModel([...parcels(19, 2), ...parcels(1, 6)]);
    expect(expectedDelivery(model, { ...TO_SE, shippedAt: '2026-12-04' })).toMatchObject({
      to: '2026-12-08',
      lateAfter: '2026-12-08',
      lateFrom: '2026-12-09',
    });
  });
});

describe('late by the learned limit', () => {
  // 2026-12-04 is a Friday.
  const shippedAt = '2026-12-04';
  test.each([
    {
      name: 'too few parcels: no learned answer',
      history: parcels(MIN_LATE_SAMPLES - 1, 2),
      today: '2026-12-31',
      late: null,
    },
    { name: 'within the 95th percentile', history: parcels(20, 3), today: '2026-12-09', late: false },
    { name: 'one working day past it', history: parcels(20, 3), today: '2026-12-10', late: true },
    { name: 'a weekend does not make it late', history: parcels(20, 5), today: '2026-12-13', late: false },
    {
      name: 'many slow parcels raise the limit',
      history: [...parcels(10, 3), ...parcels(10, 8)],
      today: '2026-12-14',
      late: false,
    },
  ])('$name', ({ history, today, late }) => {
    const answer = learnedLateness(learnDeliveryModel(history), { ...TO_SE, shippedAt }, today);
    expect(answer === null ? null : answer.late).toBe(late);
  });
});
