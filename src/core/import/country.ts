/**
 * Country text from an export to ISO 3166-1 alpha-2, for the countries Trackpack's sellers ship
 * to most. Names in English, German, Swedish and Russian plus common short forms; anything not
 * recognised is kept as the file wrote it (the address still prints correctly on a label).
 */

/** alpha-2 -> names and codes that mean it (compared after `countryKey`). */
const COUNTRY_NAMES: Record<string, readonly string[]> = {
  DE: [
    'germany',
    'deutschland',
    'tyskland',
    'германия',
    'deu',
    'ger',
    'federal republic of germany',
    'bundesrepublik deutschland',
    'brd',
  ],
  AT: ['austria', 'österreich', 'osterreich', 'oesterreich', 'österrike', 'австрия', 'aut'],
  CH: ['switzerland', 'schweiz', 'suisse', 'svizzera', 'швейцария', 'che'],
  LI: ['liechtenstein', 'лихтенштейн', 'lie'],
  SE: ['sweden', 'schweden', 'sverige', 'швеция', 'swe'],
  NO: ['norway', 'norwegen', 'norge', 'норвегия', 'nor'],
  DK: ['denmark', 'dänemark', 'danmark', 'дания', 'dnk'],
  FI: ['finland', 'finnland', 'suomi', 'финляндия', 'fin'],
  IS: ['iceland', 'island', 'исландия', 'isl'],
  NL: [
    'netherlands',
    'the netherlands',
    'holland',
    'niederlande',
    'nederländerna',
    'nederland',
    'нидерланды',
    'голландия',
    'nld',
  ],
  BE: ['belgium', 'belgien', 'belgique', 'бельгия', 'bel'],
  LU: ['luxembourg', 'luxemburg', 'люксембург', 'lux'],
  FR: ['france', 'frankreich', 'frankrike', 'франция', 'fra'],
  IT: ['italy', 'italien', 'italia', 'италия', 'ita'],
  ES: ['spain', 'spanien', 'españa', 'espana', 'испания', 'esp'],
  PT: ['portugal', 'португалия', 'prt'],
  IE: ['ireland', 'irland', 'éire', 'republic of ireland', 'ирландия', 'irl'],
  GB: [
    'united kingdom',
    'uk',
    'great britain',
    'britain',
    'england',
    'scotland',
    'wales',
    'northern ireland',
    'vereinigtes königreich',
    'großbritannien',
    'grossbritannien',
    'storbritannien',
    'förenade kungariket',
    'великобритания',
    'соединённое королевство',
    'англия',
    'gbr',
  ],
  US: [
    'united states',
    'united states of america',
    'usa',
    'us',
    'america',
    'vereinigte staaten',
    'vereinigte staaten von amerika',
    'förenta staterna',
    'сша',
    'соединённые штаты',
    'соединенные штаты америки',
    'соединённые штаты америки',
  ],
  CA: ['canada', 'kanada', 'канада', 'can'],
  MX: ['mexico', 'mexiko', 'méxico', 'мексика', 'mex'],
  BR: ['brazil', 'brasilien', 'brasil', 'бразилия', 'bra'],
  AU: ['australia', 'australien', 'австралия', 'aus'],
  NZ: ['new zealand', 'neuseeland', 'nya zeeland', 'новая зеландия', 'nzl'],
  PL: ['poland', 'polen', 'polska', 'польша', 'pol'],
  CZ: ['czech republic', 'czechia', 'tschechien', 'tschechische republik', 'tjeckien', 'чехия', 'cze'],
  SK: ['slovakia', 'slowakei', 'slovakien', 'словакия', 'svk'],
  HU: ['hungary', 'ungarn', 'ungern', 'венгрия', 'hun'],
  SI: ['slovenia', 'slowenien', 'slovenien', 'словения', 'svn'],
  HR: ['croatia', 'kroatien', 'хорватия', 'hrv'],
  RO: ['romania', 'rumänien', 'румыния', 'rou'],
  BG: ['bulgaria', 'bulgarien', 'болгария', 'bgr'],
  GR: ['greece', 'griechenland', 'grekland', 'греция', 'grc'],
  CY: ['cyprus', 'zypern', 'cypern', 'кипр', 'cyp'],
  MT: ['malta', 'мальта', 'mlt'],
  EE: ['estonia', 'estland', 'эстония', 'est'],
  LV: ['latvia', 'lettland', 'латвия', 'lva'],
  LT: ['lithuania', 'litauen', 'литва', 'ltu'],
  RU: ['russia', 'russian federation', 'russland', 'ryssland', 'россия', 'российская федерация', 'рф', 'rus'],
  UA: ['ukraine', 'ukraina', 'украина', 'ukr'],
  BY: ['belarus', 'weißrussland', 'weissrussland', 'vitryssland', 'беларусь', 'белоруссия', 'blr'],
  KZ: ['kazakhstan', 'kasachstan', 'kazakstan', 'казахстан', 'kaz'],
  RS: ['serbia', 'serbien', 'сербия', 'srb'],
  TR: ['turkey', 'türkiye', 'turkiye', 'türkei', 'turkiet', 'турция', 'tur'],
  IL: ['israel', 'израиль', 'isr'],
  JP: ['japan', 'japon', 'япония', 'jpn'],
  CN: ['china', 'kina', 'китай', 'chn'],
  KR: [
    'south korea',
    'korea, republic of',
    'republic of korea',
    'südkorea',
    'sydkorea',
    'южная корея',
    'kor',
  ],
  IN: ['india', 'indien', 'индия', 'ind'],
  SG: ['singapore', 'singapur', 'сингапур', 'sgp'],
  HK: ['hong kong', 'hongkong', 'гонконг', 'hkg'],
  AE: [
    'united arab emirates',
    'vereinigte arabische emirate',
    'förenade arabemiraten',
    'оаэ',
    'объединённые арабские эмираты',
    'are',
  ],
  ZA: ['south africa', 'südafrika', 'sydafrika', 'юар', 'южная африка', 'zaf'],
};

/** Case, dots and spacing folded; `ё` as `е` (Russian writes both). */
export function countryKey(text: string): string {
  return text.trim().toLowerCase().replaceAll('.', '').replaceAll('ё', 'е').replace(/\s+/g, ' ');
}

const BY_KEY = new Map<string, string>();
for (const [code, names] of Object.entries(COUNTRY_NAMES)) {
  BY_KEY.set(countryKey(code), code);
  for (const name of names) BY_KEY.set(countryKey(name), code);
}

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
