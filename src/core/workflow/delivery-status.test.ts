import { describe, expect, it } from 'vitest';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../model/parcel.ts';
import {
  DELIVERY_VOCABULARY,
  expireWhenSilent,
  fromDhl,
  fromSeventeenTrack,
  toProvider,
  type TrackingProvider,
} from './delivery-status.ts';

describe('17TRACK v2 statuses and sub-statuses', () => {
  const cases: [string, string | undefined, DeliveryStatus][] = [
    ['NotFound', 'NotFound_Other', 'pending'],
    ['NotFound', 'NotFound_InvalidCode', 'exception'],
    ['InfoReceived', 'InfoReceived', 'info_received'],
    ['InTransit', 'InTransit_CustomsProcessing', 'in_transit'],
    ['Expired', 'Expired_Other', 'expired'],
    ['AvailableForPickup', undefined, 'available_for_pickup'],
    ['OutForDelivery', undefined, 'out_for_delivery'],
    ['DeliveryFailure', 'DeliveryFailure_NoBody', 'failed_attempt'],
    ['Delivered', 'Delivered_Other', 'delivered'],
    ['Exception', 'Exception_Other', 'exception'],
    ['Exception', 'Exception_Returning', 'returned'],
    ['Exception', 'Exception_Returned', 'returned'],
    ['Exception', 'exception_returned', 'returned'],
    ['Lost', undefined, 'unknown'],
  ];
  it.each(cases)('%s / %s -> %s', (status, sub, ours) => {
    expect(fromSeventeenTrack(status, sub)).toBe(ours);
  });
});

describe('ours -> provider', () => {
  const providers: TrackingProvider[] = ['17track'];
  const cases = providers.flatMap((provider) => DELIVERY_STATUSES.map((ours) => ({ provider, ours })));

  it.each(cases)('$provider: $ours round-trips', ({ provider, ours }) => {
    const theirs = toProvider(provider, ours);
    if (ours === 'unknown') {
      expect(theirs).toBeNull();
      return;
    }
    expect(theirs).not.toBeNull();
    expect(fromSeventeenTrack(theirs!.status, theirs!.subStatus)).toBe(ours);
  });

  it('has at most one canonical row per provider and status', () => {
    const keys = DELIVERY_VOCABULARY.filter((r) => r.canonical).map((r) => `${r.provider}:${r.ours}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives 17TRACK returned with its sub-status', () => {
    expect(toProvider('17track', 'returned')).toEqual({
      status: 'Exception',
      subStatus: 'Exception_Returned',
    });
  });
});

describe('DHL Shipment Tracking - Unified', () => {
  it.each([
    ['pre-transit', 'info_received'],
    ['transit', 'in_transit'],
    ['delivered', 'delivered'],
    ['failure', 'exception'],
    ['unknown', 'pending'],
    ['Transit', 'in_transit'],
    ['something-new', 'unknown'],
  ] as const)('%s is %s', (code, ours) => {
    expect(fromDhl(code)).toBe(ours);
  });
});

describe('expired: no information 30 days after shipping', () => {
  it.each([
    ['pending', 29, 'pending'],
    ['pending', 30, 'expired'],
    ['unknown', 45, 'expired'],
    ['in_transit', 60, 'in_transit'],
    ['pending', null, 'pending'],
  ] as const)('%s after %s days is %s', (status, days, expected) => {
    expect(expireWhenSilent(status, days)).toBe(expected);
  });
});
