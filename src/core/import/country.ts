/**
 * Country text from an export to ISO 3166-1 alpha-2. The names come from `i18n-iso-countries`
 * (every country, official and common names) in the four languages of the app, English, German,
 * Swedish and Russian, plus the alpha-2 and alpha-3 codes; `ALIASES` adds what sellers' files
 * write that the list lacks (native names, the parts of the United Kingdom, Russian short forms).
 * Anything not recognised is kept as the file wrote it (the address still prints correctly on a
 * label). The package's data files are read directly, only these four locales of its ~80 (each
 * about 10 kB of names): its functions would pull in every locale on Node and a diacritics table.
 */
import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import sv from 'i18n-iso-countries/langs/sv.json' with { type: 'json' };

/** One locale file: alpha-2 -> its name, or its names with the official one first. */
interface CountryNames {
  countries: Readonly<Record<string, string | readonly string[]>>;
}
const LOCALES: readonly CountryNames[] = [en, de, sv, ru];

/** alpha-2 -> names sellers write that the list does not hold (compared after `countryKey`). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  DE: ['ger', 'federal republic of germany', 'bundesrepublik deutschland', 'brd'],
  AT: ['oesterreich'],
  CH: ['suisse', 'svizzera'],
  FI: ['suomi'],
  NL: ['holland', 'nederland', 'голландия'],
  BE: ['belgique'],
  IT: ['italia'],
  ES: ['españa'],
  IE: ['éire', 'republic of ireland'],
  GB: [
    'britain',
    'england',
    'scotland',
    'wales',
    'northern ireland',
    'förenade kungariket',
    'соединённое королевство',
    'англия',
  ],
  US: ['america', 'förenta staterna', 'соединённые штаты', 'соединённые штаты америки'],
  MX: ['méxico'],
  BR: ['brasil'],
  PL: ['polska'],
  RU: ['рф'],
  BY: ['weißrussland', 'vitryssland', 'белоруссия'],
  JP: ['japon'],
  CN: ['китай'],
  KR: ['южная корея'],
  AE: ['объединённые арабские эмираты'],
  ZA: ['южная африка'],
};

/**
 * Case, dots, spacing and accents folded (`Österreich`, `osterreich`), `ß` as `ss`, `ё` as `е`
 * (Russian writes both).
 */
export function countryKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replaceAll('ё', 'е')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replaceAll('ß', 'ss')
    .replaceAll('.', '')
    .replace(/\s+/g, ' ');
}

const BY_KEY = new Map<string, string>();
function add(name: string, code: string): void {
  const key = countryKey(name);
  // The first meaning wins: codes, then English, German, Swedish, Russian names, then aliases.
  if (!BY_KEY.has(key)) BY_KEY.set(key, code);
}
// Rows of codes.json: alpha-2, alpha-3, numeric, ISO 3166-2 reference.
for (const [alpha2, alpha3] of codes) {
  if (alpha2 === undefined || alpha3 === undefined) continue;
  add(alpha2, alpha2);
  add(alpha3, alpha2);
}
for (const locale of LOCALES) {
  for (const [code, names] of Object.entries(locale.countries)) {
    for (const name of typeof names === 'string' ? [names] : names) add(name, code);
  }
}
for (const [code, names] of Object.entries(ALIASES)) for (const name of names) add(name, code);

/**
 * ISO alpha-2 for a country as written in an export. A two-letter text not in the table is
 * upper-cased (marketplaces write codes: Amazon `DE`, Shopify `US`); other unknown text is kept.
 */
export function normalizeCountry(text: string): string {
  const trimmed = text.trim();
  const code = BY_KEY.get(countryKey(trimmed));
  if (code) return code;
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return trimmed;
}

/** True when `text` names a country the table knows (a name in one of our languages, or a code). */
export function isKnownCountry(text: string): boolean {
  return BY_KEY.has(countryKey(text));
}
