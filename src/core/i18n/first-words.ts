/**
 * The messages the app shell paints before the language's catalog has arrived: the header, the
 * navigation, the status strip's first word and the orders screen's placeholder. They are built
 * into the entry chunk for every language (a few hundred bytes each), so the first paint waits for
 * no catalog; everything else waits for the catalog.
 */
import type { Catalog, MessageKey } from './index.ts';
import type { Locale } from './locales.ts';

export const FIRST_WORD_KEYS = [
  'app.name',
  'app.skipToContent',
  'app.screenUnavailable',
  'nav.main',
  'nav.more',
  'nav.orders',
  'nav.packing',
  'nav.import',
  'nav.tracking',
  'nav.notify',
  'nav.settings',
  'status.online',
  'status.offline',
  'orders.title',
  'orders.new',
  'orders.loading',
  'orders.empty.title',
  'orders.empty.body',
  'orders.empty.cta',
] as const satisfies readonly MessageKey[];

export type FirstWordKey = (typeof FIRST_WORD_KEYS)[number];
export type FirstWords = Readonly<Record<Locale, Pick<Catalog, FirstWordKey>>>;

/** The first words of one language, out of its whole catalog. */
export function firstWordsOf(catalog: Catalog): Pick<Catalog, FirstWordKey> {
  return Object.fromEntries(FIRST_WORD_KEYS.map((key) => [key, catalog[key]])) as Pick<Catalog, FirstWordKey>;
}

export function isFirstWord(key: MessageKey): key is FirstWordKey {
  return (FIRST_WORD_KEYS as readonly MessageKey[]).includes(key);
}
