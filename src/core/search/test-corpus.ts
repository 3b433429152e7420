/**
 * A deterministic corpus of order search fields for tests and measurements of the search index:
 * names with umlauts, ß, Polish and Turkish letters and Cyrillic, e-mail addresses, streets,
 * zip codes, cities, marketplace order ids and tracking numbers, from a seeded generator.
 */
import { seededRandom } from '../seeded-random.ts';
import type { SearchEntry } from './search-index.ts';

const FIRST = [
  'Jürgen',
  'Anna',
  'Åsa',
  'Łukasz',
  'Søren',
  'Фёдор',
  'Мария',
  'John',
  'Émilie',
  'Işıl',
  'Lars',
  'Björn',
  'Paul',
  'Sophie',
  'Giulia',
  'Zoë',
  'Мой',
  'Karin',
  'Oskar',
  'Ingrid',
];
const LAST = [
  'Groß',
  'Müller',
  'Schmidt',
  'Ängström',
  'Wałęsa',
  'Kierkegaard',
  'Иванов',
  'Петрова',
  'Smith',
  'Lefèvre',
  'Yılmaz',
  'Johansson',
  'Andersson',
  'Nowak',
  'Rossi',
  'Meier',
  'Kuznetsov',
  'Brown',
  'Dubois',
  'Nielsen',
];
const CITIES = [
  'Dresden',
  'Hamburg',
  'Malmö',
  'Москва',
  'Kraków',
  'København',
  'İzmir',
  'London',
  'Paris',
  'Wien',
  'Zürich',
  'Göteborg',
  'Санкт-Петербург',
  'München',
  'Köln',
];

/** A small corpus of the spellings a search must handle: umlauts, ß, Cyrillic, Polish, Turkish, codes. */
export const SPELLING_ENTRIES: readonly SearchEntry[] = [
  {
    id: 'a',
    fields: ['amazon:114-3941689-8772232', 'Jürgen Groß', 'juergen@example.de', 'Dresden', '01067'],
  },
  { id: 'b', fields: ['ebay:12-34567-89012', 'Juergen Mueller', 'Hamburg', 'JJD000390007'] },
  { id: 'c', fields: ['etsy:#1042', 'Åsa Ängström', 'Malmö', '211 20', '00340434169876543210'] },
  { id: 'd', fields: ['shopify:#1043', 'Фёдор Иванов', 'Москва', '101000'] },
  { id: 'e', fields: ['manual:7', 'Łukasz Wałęsa', 'Kraków'] },
  { id: 'f', fields: ['manual:8', 'Søren Kierkegaard', 'København'] },
  { id: 'g', fields: ['manual:9', 'Işıl Yılmaz', 'İzmir'] },
];

export function makeEntries(count: number, seed = 42): SearchEntry[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    return {
      id: `amazon:${i}`,
      fields: [
        `${digits(3)}-${digits(7)}-${digits(7)}`,
        `${first} ${last}`,
        `${first.toLowerCase()}.${i}@example.com`,
        `${pick(['Hauptstraße', 'Storgatan', 'ул. Ленина', 'High Street', 'Rue de Rivoli'])} ${1 + (i % 200)}`,
        digits(5),
        pick(CITIES),
        `JJD${digits(14)}`,
      ],
    };
  });
}
