/**
 * Which provider follows which carrier: the TRACKING_PROVIDERS setting read and checked, and the
 * provider each parcel goes to.
 */
import { describe, expect, test } from 'vitest';
import {
  parseTrackingRoutes,
  providerForCarrier,
  readTrackingSettings,
  trackingProvidersOf,
} from './config.ts';

describe('TRACKING_PROVIDERS', () => {
  test.each([
    ['dhl:dhl,default:17track', { 'dhl-paket': 'dhl', 'dhl-express': 'dhl' }, '17track'],
    ['default:17track', {}, '17track'],
    ['dhl-paket:dhl', { 'dhl-paket': 'dhl' }, undefined],
    [' dhl : dhl , ups : 17track ', { 'dhl-paket': 'dhl', 'dhl-express': 'dhl', ups: '17track' }, undefined],
    // A carrier named outright wins over the provider's name.
    ['dhl:dhl,dhl-express:17track', { 'dhl-paket': 'dhl', 'dhl-express': '17track' }, undefined],
  ])('%s', (value, byCarrier, fallback) => {
    expect(parseTrackingRoutes(value)).toEqual({ byCarrier, ...(fallback !== undefined && { fallback }) });
  });

  test.each([
    ['', /empty/],
    ['dhl', /not carrier:provider/],
    ['dhl:dhl:dhl', /not carrier:provider/],
    ['default:aftership', /one of 17track, dhl/],
    ['default:dhl', /can't be the default/],
    ['ups:dhl', /cannot follow ups/],
    ['no-such-carrier:17track', /neither a carrier id/],
    ['default:17track,default:17track', /named twice/],
    ['ups:17track,ups:dhl', /cannot follow ups/],
  ])('refuses "%s"', (value, message) => {
    expect(() => parseTrackingRoutes(value)).toThrow(message);
  });

  const routes = parseTrackingRoutes('dhl:dhl,default:17track');
  test.each([
    ['dhl-paket', 'dhl'],
    ['dhl-express', 'dhl'],
    ['dhl-ecommerce', '17track'],
    ['ups', '17track'],
    [undefined, '17track'],
  ])('a %s parcel goes to %s', (carrierId, provider) => {
    expect(providerForCarrier(routes, carrierId)).toBe(provider);
  });

  test('without a default, other parcels are followed by nobody', () => {
    expect(providerForCarrier(parseTrackingRoutes('dhl:dhl'), 'ups')).toBeNull();
    expect(providerForCarrier(parseTrackingRoutes('dhl:dhl'), undefined)).toBeNull();
  });
});

describe('reading the environment', () => {
  test('nothing set: no tracking', () => {
    expect(readTrackingSettings({})).toBeNull();
  });

  test('several providers take a key each, and DHL its origin and daily calls', () => {
    const settings = readTrackingSettings({
      TRACKING_PROVIDERS: 'dhl:dhl,default:17track',
      TRACKING_PROVIDER_KEY_DHL: 'dhl-key',
      TRACKING_PROVIDER_KEY_17TRACK: '17-key',
      DHL_TRACKING_API_ORIGIN: 'http://127.0.0.1:9',
      DHL_TRACKING_CALLS_PER_DAY: '1000',
    });
    expect(settings?.providers).toEqual([
      { name: '17track', key: '17-key' },
      { name: 'dhl', key: 'dhl-key', origin: 'http://127.0.0.1:9', callsPerDay: 1000 },
    ]);
    const routed = trackingProvidersOf(settings!);
    expect(routed.map((r) => r.adapter.name)).toEqual(['17track', 'dhl']);
    const [seventeen, dhl] = routed;
    expect(['dhl-paket', 'ups', undefined].map((c) => [seventeen!.follows(c), dhl!.follows(c)])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
  });

  test('one provider may use the shared key', () => {
    expect(
      readTrackingSettings({ TRACKING_PROVIDERS: 'dhl:dhl', TRACKING_PROVIDER_KEY: 'k' })?.providers,
    ).toEqual([{ name: 'dhl', key: 'k' }]);
  });

  test.each([
    ['17track', {}, '17track'],
    ['dhl', { 'dhl-paket': 'dhl', 'dhl-express': 'dhl' }, undefined],
  ])('TRACKING_PROVIDER=%s alone keeps its meaning', (name, byCarrier, fallback) => {
    expect(readTrackingSettings({ TRACKING_PROVIDER: name, TRACKING_PROVIDER_KEY: 'k' })).toEqual({
      providers: [{ name, key: 'k' }],
      byCarrier,
      ...(fallback !== undefined && { fallback }),
    });
  });

  test.each([
    [
      { TRACKING_PROVIDERS: 'dhl:dhl,default:17track', TRACKING_PROVIDER_KEY: 'k' },
      /TRACKING_PROVIDER_KEY_17TRACK/,
    ],
    [{ TRACKING_PROVIDERS: 'dhl:dhl' }, /TRACKING_PROVIDER_KEY/],
    [{ TRACKING_PROVIDERS: 'dhl:dhl', TRACKING_PROVIDER: 'dhl', TRACKING_PROVIDER_KEY: 'k' }, /not both/],
    [{ TRACKING_PROVIDER: 'aftership', TRACKING_PROVIDER_KEY: 'k' }, /TRACKING_PROVIDER: /],
    [
      { TRACKING_PROVIDERS: 'dhl:dhl', TRACKING_PROVIDER_KEY: 'k', DHL_TRACKING_CALLS_PER_DAY: 'lots' },
      /DHL_TRACKING_CALLS_PER_DAY/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => readTrackingSettings(env)).toThrow(message);
  });
});
