import { describe, expect, it } from 'vitest';
import type { Address } from '../model/order.ts';
import { addressLines } from './address-lines.ts';

const address = (overrides: Partial<Address>): Address => ({
  line1: 'Street 1',
  zip: '',
  city: '',
  country: '',
  ...overrides,
});

describe('addressLines follows the destination country', () => {
  const cases: [string, Partial<Address>, string[]][] = [
    [
      'DE: postcode before town',
      { zip: '10115', city: 'Berlin', country: 'DE' },
      ['10115 Berlin', 'GERMANY'],
    ],
    ['AT', { zip: '1010', city: 'Wien', country: 'AT' }, ['1010 Wien', 'AUSTRIA']],
    ['CH', { zip: '8001', city: 'Zürich', country: 'CH' }, ['8001 Zürich', 'SWITZERLAND']],
    ['NL', { zip: '1012 AB', city: 'Amsterdam', country: 'NL' }, ['1012 AB Amsterdam', 'NETHERLANDS']],
    ['SE', { zip: '114 55', city: 'Stockholm', country: 'SE' }, ['114 55 Stockholm', 'SWEDEN']],
    ['FR', { zip: '75001', city: 'Paris', country: 'FR' }, ['75001 Paris', 'FRANCE']],
    [
      'US: town, state and ZIP on one line',
      { zip: '62704', city: 'Springfield', region: 'IL', country: 'US' },
      ['Springfield, IL 62704', 'UNITED STATES'],
    ],
    [
      'US without a state',
      { zip: '10001', city: 'New York', country: 'US' },
      ['New York, 10001', 'UNITED STATES'],
    ],
    [
      'CA: no comma',
      { zip: 'K1A 0B1', city: 'Ottawa', region: 'ON', country: 'CA' },
      ['Ottawa ON K1A 0B1', 'CANADA'],
    ],
    ['AU', { zip: '2000', city: 'Sydney', region: 'NSW', country: 'AU' }, ['Sydney NSW 2000', 'AUSTRALIA']],
    [
      'GB: postcode on its own line',
      { zip: 'SW1A 1AA', city: 'London', country: 'GB' },
      ['London', 'SW1A 1AA', 'UNITED KINGDOM'],
    ],
    [
      'GB with a county',
      { zip: 'CB2 1TN', city: 'Cambridge', region: 'Cambridgeshire', country: 'GB' },
      ['Cambridge', 'Cambridgeshire', 'CB2 1TN', 'UNITED KINGDOM'],
    ],
    [
      'RU: town, region, then the index',
      { zip: '141700', city: 'Долгопрудный', region: 'Московская обл.', country: 'RU' },
      ['Долгопрудный', 'Московская обл.', '141700', 'RUSSIA'],
    ],
    ['a lower-case code', { zip: '10115', city: 'Berlin', country: 'de' }, ['10115 Berlin', 'GERMANY']],
    [
      'a country written out stays as written',
      { zip: '10115', city: 'Berlin', country: 'Deutschland' },
      ['10115 Berlin', 'Deutschland'],
    ],
    ['no country', { zip: '10115', city: 'Berlin' }, ['10115 Berlin']],
    [
      'other countries: postcode before town, region below',
      { zip: '00184', city: 'Roma', region: 'RM', country: 'IT' },
      ['00184 Roma', 'RM', 'ITALY'],
    ],
    ['no postcode', { city: 'Hong Kong', country: 'HK' }, ['Hong Kong', 'HONG KONG SAR CHINA']],
  ];
  it.each(cases)('%s', (_name, overrides, place) => {
    expect(addressLines(address(overrides), 'en')).toEqual(['Street 1', ...place]);
  });
});

describe('addressLines: recipient, street lines and the country name', () => {
  it('puts the address name first, else the recipient given', () => {
    const base = address({ zip: '10115', city: 'Berlin', country: 'DE' });
    expect(addressLines({ ...base, name: 'Erika Muster' }, 'en', 'Buyer')[0]).toBe('Erika Muster');
    expect(addressLines(base, 'en', 'Buyer')[0]).toBe('Buyer');
    expect(addressLines({ ...base, name: '  ' }, 'en', 'Buyer')[0]).toBe('Buyer');
  });

  it('keeps the second street line and drops empty and blank ones', () => {
    expect(addressLines(address({ line2: 'c/o Shop', zip: '10115', city: 'Berlin' }), 'en')).toEqual([
      'Street 1',
      'c/o Shop',
      '10115 Berlin',
    ]);
    expect(addressLines(address({ line2: ' ', zip: ' 10115 ', city: ' Berlin ' }), 'en')).toEqual([
      'Street 1',
      '10115 Berlin',
    ]);
  });

  const names: [string, string][] = [
    ['en', 'GERMANY'],
    ['de', 'DEUTSCHLAND'],
    ['sv', 'TYSKLAND'],
    ['ru', 'ГЕРМАНИЯ'],
    ['not a locale!', 'DE'],
  ];
  it.each(names)('names the country in %s', (locale, name) => {
    expect(addressLines(address({ country: 'DE' }), locale).at(-1)).toBe(name);
  });

  it('keeps markup as plain text (escaping is the renderer’s job)', () => {
    expect(addressLines(address({ line1: '<b>x</b>' }), 'en')).toEqual(['<b>x</b>']);
  });
});
