/**
 * Loads one language's message catalog on demand: each is its own small chunk, built by
 * `scripts/vite-catalogs.ts` and precached by the service worker, so a language switch works
 * offline too.
 */
import type { Catalog, Locale } from '../core/i18n/index.ts';

export function loadCatalog(locale: Locale): Promise<Catalog> {
  const chunk = {
    en: () => import('virtual:trackpack-catalog/en'),
    de: () => import('virtual:trackpack-catalog/de'),
    sv: () => import('virtual:trackpack-catalog/sv'),
    ru: () => import('virtual:trackpack-catalog/ru'),
  }[locale];
  return chunk().then((module) => module.default);
}
