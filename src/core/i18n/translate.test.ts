/**
 * Numbers in messages: written as each language's `Intl.NumberFormat` writes them, whether or not
 * they take the short way past it (whole numbers from 0 to 999).
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales.ts';
import { format, formatNumber } from './translate.ts';

const VALUES = [0, 1, 7, 42, 999, 1000, 1234, 12_345, 100_000, 1_234_567, -1, -1000, 0.5, 2.75, 999.5, 1e21];

describe('formatNumber', () => {
  it.each(LOCALES)('%s: every whole number below 1000 as Intl writes it', (locale) => {
    const intl = new Intl.NumberFormat(locale);
    for (let n = 0; n < 1000; n++) expect(formatNumber(locale, n)).toBe(intl.format(n));
  });

  it.each(LOCALES.flatMap((locale) => VALUES.map((value) => [locale, value] as const)))(
    '%s: %s as Intl writes it',
    (locale, value) => {
      expect(formatNumber(locale, value)).toBe(new Intl.NumberFormat(locale).format(value));
    },
  );
});

describe('format', () => {
  const cases = [
    ['en', { one: '{count} order', other: '{count} orders' }, { count: 1 }, '1 order'],
    ['en', { one: '{count} order', other: '{count} orders' }, { count: 1234 }, '1,234 orders'],
    [
      'de',
      { one: '{count} Bestellung', other: '{count} Bestellungen' },
      { count: 1234 },
      '1.234 Bestellungen',
    ],
    [
      'ru',
      { one: '{count} заказ', few: '{count} заказа', many: '{count} заказов', other: '{count} заказа' },
      { count: 3 },
      '3 заказа',
    ],
    ['sv', 'Hej {name}', { name: 'Ada' }, 'Hej Ada'],
    ['en', 'Left {missing}', {}, 'Left {missing}'],
  ] as const;

  it.each(cases)('%s: %j with %j', (locale, message, params, expected) => {
    expect(format(locale, message, params)).toBe(expected);
  });
});
