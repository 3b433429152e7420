import { describe, expect, it } from 'vitest';
import type { Address } from '../model/order.ts';
import { ZIP_FORMATS, checkAddress, checkZip, isoCountry } from './check-address.ts';

const address = (overrides: Partial<Address> = {}): Address => ({
  line1: 'Hauptstraße 5',
  zip: '10115',
  city: 'Berlin',
  country: 'DE',
  ...overrides,
});

describe('missing fields', () => {
  it('accepts a complete address', () => {
    expect(checkAddress(address())).toEqual([]);
  });

  it('reports each missing field with its message key', () => {
    expect(checkAddress(address({ line1: ' ', zip: '', city: '', country: '' }))).toEqual([
      { code: 'missing', field: 'line1', messageKey: 'address.missing.line1', params: {} },
      { code: 'missing', field: 'zip', messageKey: 'address.missing.zip', params: {} },
      { code: 'missing', field: 'city', messageKey: 'address.missing.city', params: {} },
      { code: 'missing', field: 'country', messageKey: 'address.missing.country', params: {} },
    ]);
  });

  it('does not ask for a postcode where the country has none', () => {
    expect(checkAddress(address({ zip: '', country: 'HK', city: 'Hong Kong' }))).toEqual([]);
    expect(checkAddress(address({ zip: '', country: 'IE', city: 'Dublin' }))).toEqual([]);
  });
});

describe('postcode formats', () => {
  const valid: [string, string][] = [
    ['DE', '10115'],
    ['DE', '01067'],
    ['DE', 'D-10115'],
    ['AT', '1010'],
    ['AT', 'A-1010'],
    ['CH', '8001'],
    ['CH', 'CH-8001'],
    ['LI', '9490'],
    ['NL', '1012 AB'],
    ['NL', '1012AB'],
    ['NL', '1012 ab'],
    ['BE', '1000'],
    ['LU', 'L-1111'],
    ['FR', '75001'],
    ['FR', '01000'],
    ['IT', '00184'],
    ['ES', '28013'],
    ['ES', '08001'],
    ['PT', '1100-148'],
    ['GB', 'SW1A 1AA'],
    ['GB', 'sw1a1aa'],
    ['GB', 'EC1A 1BB'],
    ['GB', 'W1A 0AX'],
    ['GB', 'M1 1AE'],
    ['GB', 'B33 8TH'],
    ['GB', 'CR2 6XH'],
    ['GB', 'DN55 1PT'],
    ['GB', 'GIR 0AA'],
    ['IE', 'D02 X285'],
    ['IE', 'D6W 1234'],
    ['SE', '114 55'],
    ['SE', '11455'],
    ['SE', 'SE-114 55'],
    ['NO', '0150'],
    ['DK', '1050'],
    ['DK', 'DK-1050'],
    ['FI', '00100'],
    ['PL', '00-950'],
    ['PL', '00950'],
    ['CZ', '110 00'],
    ['US', '10001'],
    ['US', '10001-1234'],
    ['CA', 'K1A 0B1'],
    ['CA', 'k1a0b1'],
    ['RU', '101000'],
  ];
  it.each(valid)('%s accepts %s', (country, zip) => {
    expect(checkZip(zip, country)).toBeNull();
  });

  const invalid: [string, string][] = [
    ['DE', '1011'],
    ['DE', '101155'],
    ['DE', '00123'],
    ['DE', 'ABCDE'],
    ['AT', '10100'],
    ['AT', '0100'],
    ['CH', '800'],
    ['NL', '1012'],
    ['NL', '0123 AB'],
    ['NL', '1012 SA'],
    ['BE', '100'],
    ['FR', '7500'],
    ['FR', '750011'],
    ['IT', '0018'],
    ['ES', '53001'],
    ['GB', 'SW1A1A'],
    ['GB', '12345'],
    ['GB', 'QW1 1AA'],
    ['GB', 'SW1A 1CA'],
    ['SE', '01455'],
    ['SE', '1145'],
    ['NO', '01500'],
    ['DK', '0150'],
    ['FI', '0010'],
    ['PL', '00-95'],
    ['US', '1000'],
    ['US', '10001-12'],
    ['CA', 'K1A 0D1'],
    ['CA', '123 456'],
    ['RU', '10100'],
    ['RU', '1010000'],
  ];
  it.each(invalid)('%s rejects %s', (country, zip) => {
    expect(checkZip(zip, country)?.field).toBe('zip');
  });

  it('gives an example of the right format', () => {
    expect(checkAddress(address({ zip: '10100', country: 'AT', city: 'Wien' }))).toEqual([
      {
        code: 'zip_format',
        field: 'zip',
        messageKey: 'address.zip.format',
        params: { zip: '10100', country: 'AT', example: '1010' },
      },
    ]);
  });

  it.each([
    ['DE', '1067', '01067'],
    ['FR', '1000', '01000'],
    ['IT', '184', '00184'],
    ['US', '2134', '02134'],
    ['NO', '150', '0150'],
  ])('%s: %s has lost its leading zero (%s)', (country, zip, suggestion) => {
    expect(checkZip(zip, country)).toMatchObject({
      code: 'zip_leading_zero',
      messageKey: 'address.zip.leadingZero',
      params: { zip, suggestion },
    });
  });

  it('does not suggest a leading zero where postcodes never start with 0', () => {
    expect(checkZip('101', 'AT')?.code).toBe('zip_format');
    expect(checkZip('1455', 'SE')?.code).toBe('zip_format');
  });

  it('has a valid example for every format', () => {
    for (const [country, format] of Object.entries(ZIP_FORMATS)) {
      expect(checkZip(format.example, country), country).toBeNull();
    }
  });
});

describe('country', () => {
  it.each([
    ['DE', 'DE'],
    [' de ', 'DE'],
    ['UK', 'GB'],
    ['Deutschland', 'DE'],
    ['U.S.A.', 'US'],
    ['Sverige', 'SE'],
    ['Atlantis', null],
    ['', null],
  ])('%j -> %j', (text, code) => {
    expect(isoCountry(text)).toBe(code);
  });

  it('skips the format check for a free-text country', () => {
    expect(checkAddress(address({ zip: '1', country: 'Atlantis' }))).toEqual([]);
  });

  it('checks the postcode of a country written by name', () => {
    expect(checkAddress(address({ zip: '1', country: 'Deutschland' }))).toEqual(
      checkAddress(address({ zip: '1', country: 'DE' })),
    );
    expect(checkAddress(address({ zip: '1', country: 'DE' }))).not.toEqual([]);
  });

  it('skips the format check for a country without a known format', () => {
    expect(checkAddress(address({ zip: 'whatever', country: 'BR' }))).toEqual([]);
  });
});
