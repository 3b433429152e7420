import { describe, expect, it } from 'vitest';
import { catalogFor, type Catalog, type Locale } from '../core/i18n/index.ts';
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
