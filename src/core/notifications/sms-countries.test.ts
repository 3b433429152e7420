import { describe, expect, test } from 'vitest';
import { isSmsCountry, smsCountriesFor, smsCountryAllowed } from './sms-countries.ts';

describe('smsCountryAllowed', () => {
  test.each([
    ['+4917112345678', ['DE'], true],
    ['+4917112345678', ['de '], true],
    ['+4917112345678', ['AT', 'SE'], false],
    ['+436641234567', ['AT', 'SE'], true],
    // +43 is Austria, not a prefix of Germany's +49.
    ['+436641234567', ['DE'], false],
    // Premium and satellite ranges outside the list.
    ['+88213123456', ['DE'], false],
    ['+2367212345', ['DE', 'FR'], false],
    // +1 is shared by the whole North American plan.
    ['+12025550123', ['CA'], true],
    ['+79161234567', ['RU'], true],
    ['+79161234567', [], false],
    ['0171 1234567', ['DE'], false],
    ['+49', ['DE'], false],
    ['+4917112345678', ['XX'], false],
  ] as const)('%s to %o: %s', (phone, countries, allowed) => {
    expect(smsCountryAllowed(phone, countries)).toBe(allowed);
  });
});

describe('smsCountriesFor', () => {
  test.each([
    [undefined, 'de', ['DE']],
    [undefined, '', []],
    [undefined, undefined, []],
    [['SE', 'NO'], 'DE', ['SE', 'NO']],
    [[], 'DE', []],
  ] as const)('configured %o, shop in %o -> %o', (configured, shop, expected) => {
    expect(smsCountriesFor(configured, shop)).toEqual(expected);
  });
});

test('isSmsCountry knows country codes, not calling codes', () => {
  expect(isSmsCountry('se')).toBe(true);
  expect(isSmsCountry('49')).toBe(false);
  expect(isSmsCountry('')).toBe(false);
});
