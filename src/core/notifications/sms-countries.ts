/**
 * Which phone numbers a text may go to: those of the countries on an allow-list (SMS_COUNTRIES,
 * else the shop's own country). Texts to far-away or premium numbers cost the operator money and
 * are the usual way a messaging backend is abused ("SMS pumping"), so a number is allowed only
 * when its E.164 country code is one of an allowed country's.
 *
 * Country codes after ITU-T E.164 (the list of assigned country codes). They are prefix-free, so
 * a number belongs to the code it starts with. Some codes are shared: +1 is the whole North
 * American Numbering Plan (US, CA and Caribbean countries), +7 is RU and KZ, so allowing one of
 * them allows the others' numbers too.
 */
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  AD: '376',
  AE: '971',
  AL: '355',
  AM: '374',
  AT: '43',
  AU: '61',
  BA: '387',
  BE: '32',
  BG: '359',
  BR: '55',
  BY: '375',
  CA: '1',
  CH: '41',
  CN: '86',
  CY: '357',
  CZ: '420',
  DE: '49',
  DK: '45',
  EE: '372',
  ES: '34',
  FI: '358',
  FR: '33',
  GB: '44',
  GE: '995',
  GR: '30',
  HK: '852',
  HR: '385',
  HU: '36',
  IE: '353',
  IL: '972',
  IN: '91',
  IS: '354',
  IT: '39',
  JP: '81',
  KR: '82',
  KZ: '7',
  LI: '423',
  LT: '370',
  LU: '352',
  LV: '371',
  MC: '377',
  MD: '373',
  ME: '382',
  MK: '389',
  MT: '356',
  MX: '52',
  NL: '31',
  NO: '47',
  NZ: '64',
  PL: '48',
  PT: '351',
  RO: '40',
  RS: '381',
  RU: '7',
  SE: '46',
  SG: '65',
  SI: '386',
  SK: '421',
  SM: '378',
  TR: '90',
  UA: '380',
  US: '1',
  ZA: '27',
};

/** Whether we know the calling code of `country` (ISO 3166-1 alpha-2, any case). */
export function isSmsCountry(country: string): boolean {
  return COUNTRY_CODES[country.trim().toUpperCase()] !== undefined;
}

/** Whether the E.164 number `phone` belongs to one of `countries`. */
export function smsCountryAllowed(phone: string, countries: readonly string[]): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return false;
  return countries.some((country) => {
    const code = COUNTRY_CODES[country.trim().toUpperCase()];
    return code !== undefined && phone.startsWith(`+${code}`);
  });
}

/** The allow-list in force for one shop: the configured one, else the shop's own country. */
export function smsCountriesFor(
  configured: readonly string[] | undefined,
  shopCountry: string | undefined,
): string[] {
  if (configured !== undefined) return [...configured];
  const own = (shopCountry ?? '').trim().toUpperCase();
  return own === '' ? [] : [own];
}
