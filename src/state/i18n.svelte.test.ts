import { describe, expect, it } from 'vitest';
import { catalogFor, type Catalog, type Locale } from '../core/i18n/index.ts';
import { firstWordsOf, type FirstWords } from '../core/i18n/first-words.ts';
import { LOCALES } from '../core/i18n/locales.ts';
import { DATE_FORMATTING } from './date-formatting.ts';
import { I18n } from './i18n.svelte.ts';

/** A catalog source whose loads resolve when the test says so, in any order. */
function deferredCatalogs() {
  const pending = new Map<Locale, () => void>();
  const requested: Locale[] = [];
  const source = (locale: Locale): Promise<Catalog> => {
    requested.push(locale);
    return new Promise((resolve) => pending.set(locale, () => resolve(catalogFor(locale))));
  };
  const arrive = async (locale: Locale) => {
    pending.get(locale)?.();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { source, requested, arrive };
}

describe('I18n with catalogs loaded on demand', () => {
  it('loads only the language it shows, and is ready once it has arrived', async () => {
    const catalogs = deferredCatalogs();
    const i18n = new I18n(['de-AT', 'en'], catalogs.source);
    expect(catalogs.requested).toEqual(['de']);
    let ready = false;
    void i18n.ready().then(() => (ready = true));
    await catalogs.arrive('de');
    await i18n.ready();
    expect(ready).toBe(true);
    expect(i18n.t('nav.settings')).toBe('Einstellungen');
  });

  it('keeps the previous language on screen until the chosen one has arrived', async () => {
    const catalogs = deferredCatalogs();
    const i18n = new I18n(['en'], catalogs.source);
    await catalogs.arrive('en');
    i18n.choose('sv', 'locale');
    expect(i18n.locale).toBe('sv');
    expect(i18n.t('nav.settings')).toBe('Settings');
    await catalogs.arrive('sv');
    await i18n.ready();
    expect(i18n.t('nav.settings')).toBe(catalogFor('sv')['nav.settings']);
  });

  it('lets a later choice win over a slower earlier load', async () => {
    const catalogs = deferredCatalogs();
    const i18n = new I18n(['en'], catalogs.source);
    await catalogs.arrive('en');
    i18n.choose('ru', 'locale');
    i18n.choose('de', 'locale');
    await catalogs.arrive('de');
    await catalogs.arrive('ru');
    expect(i18n.t('nav.settings')).toBe('Einstellungen');
  });

  it('switches at once with catalogs that are at hand', () => {
    const i18n = new I18n(['en'], catalogFor);
    i18n.choose('de', 'locale');
    expect(i18n.t('nav.settings')).toBe('Einstellungen');
  });
});

describe('I18n dates', () => {
  it('shows a date as written until the date formatting arrives, then in the shown language', () => {
    const i18n = new I18n(['de'], catalogFor);
    expect(i18n.dateLocale).toBeUndefined();
    expect(i18n.formatDate('2026-03-04')).toBe('2026-03-04');
    expect(i18n.formatDateTime('2026-03-04T10:15:00Z')).toBe('2026-03-04T10:15:00Z');
    i18n.useDates(DATE_FORMATTING);
    expect(i18n.dateLocale?.code).toBe('de');
    expect(i18n.formatDate('2026-03-04')).toBe('04.03.2026');
    i18n.choose('en', 'locale');
    expect(i18n.formatDate('2026-03-04')).toBe('04/03/2026');
    i18n.choose('en', 'dd.MM.yyyy');
    expect(i18n.formatDate('2026-03-04')).toBe('04.03.2026');
  });

  const cases: [string[], string][] = [
    [['en-US'], '03/04/2026'],
    [['en-GB'], '04/03/2026'],
    [['sv'], '2026-03-04'],
  ];
  it.each(cases)('formats a day for %j as %s', (preferred, shown) => {
    expect(new I18n(preferred, catalogFor, { dates: DATE_FORMATTING }).formatDate('2026-03-04')).toBe(shown);
  });

  it('keeps a value that is not a date as it is', () => {
    expect(new I18n(['en'], catalogFor, { dates: DATE_FORMATTING }).formatDate('soon')).toBe('soon');
  });
});

describe('I18n first words', () => {
  const firstWords = Object.fromEntries(
    LOCALES.map((locale) => [locale, firstWordsOf(catalogFor(locale))]),
  ) as FirstWords;

  it('paints the first words of the language before its catalog arrives, then the catalog', async () => {
    const catalogs = deferredCatalogs();
    const i18n = new I18n(['sv'], catalogs.source, { firstWords });
    expect(i18n.t('orders.empty.title')).toBe(catalogFor('sv')['orders.empty.title']);
    expect(i18n.t('nav.settings')).toBe(catalogFor('sv')['nav.settings']);
    // Not a first word: only after `ready()`.
    expect(i18n.t('orders.search')).toBe('orders.search');
    await catalogs.arrive('sv');
    await i18n.ready();
    expect(i18n.t('orders.search')).toBe(catalogFor('sv')['orders.search']);
  });
});
