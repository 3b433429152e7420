import { describe, expect, it } from 'vitest';
import { LOCALES, catalogFor, keysByModule, translate } from './index.ts';

describe('message catalogs', () => {
  it('defines each key in one module only', () => {
    const all = keysByModule().flat();
    const duplicates = all.filter((key, i) => all.indexOf(key) !== i);
    expect(duplicates).toEqual([]);
  });

  it.each(LOCALES)(
    '%s has a non-empty text for every key, with the same placeholders as English',
    (locale) => {
      const en = catalogFor('en');
      const other = catalogFor(locale);
      const placeholders = (m: unknown) => [...new Set(JSON.stringify(m).match(/\{\w+\}/g) ?? [])].sort();
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        const message = other[key];
        expect(message, key).toBeTruthy();
        expect(placeholders(message), key).toEqual(placeholders(en[key]));
      }
    },
  );

  it('formats plurals per language', () => {
    expect(translate('en', 'orders.count', { count: 1 })).toBe('1 order');
    expect(translate('en', 'orders.count', { count: 2 })).toBe('2 orders');
    expect(translate('ru', 'orders.count', { count: 3 })).toBe('3 заказа');
    expect(translate('ru', 'orders.count', { count: 5 })).toBe('5 заказов');
    expect(translate('de', 'orders.count', { count: 1200 })).toBe('1.200 Bestellungen');
  });
});
