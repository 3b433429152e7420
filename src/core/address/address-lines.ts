/**
 * How an address is written, one line per array entry, in the order of the destination
 * country's postal convention: recipient, street lines, the town line(s), the country.
 *
 * The place of the postcode, town and region per country follows Google's address metadata for
 * libaddressinput (the `fmt` field of https://chromium-i18n.appspot.com/ssl-address/data/<CC>),
 * which records each postal operator's own guidance: "%Z %C" (postcode before the town) for most
 * of continental Europe, "%C, %S %Z" for the US, "%C %S %Z" for Canada and Australia, "%C%n%Z"
 * for the UK. Russia follows the Russian Post rules for addressing (Правила оказания услуг
 * почтовой связи, Order of the Ministry of Communications No. 234 of 31 July 2014, item 22):
 * settlement, region, then the six-digit index last. As UPU addressing standard S42 asks for
 * mail across borders, the country comes last, as a name in capitals, in the sender's language.
 *
 * Pure: the same lines on the device (detail, packing, slips, import preview) and on a server.
 */
import type { Address } from '../model/order.ts';

/** The town part of an address: postcode, town and region, already trimmed. */
interface Place {
  zip: string;
  city: string;
  region: string;
}

/** One postal convention: the lines that carry postcode, town and region, in order. */
type PlaceLines = (place: Place) => string[];

const joined = (separator: string, ...parts: string[]): string =>
  parts.filter((part) => part !== '').join(separator);

/** "10115 Berlin", with a region (where given) on the line below. */
const ZIP_CITY: PlaceLines = ({ zip, city, region }) => [joined(' ', zip, city), region];
/** "Springfield, IL 62704". */
const CITY_COMMA_REGION_ZIP: PlaceLines = ({ zip, city, region }) => [
  joined(', ', city, joined(' ', region, zip)),
];
/** "Toronto ON M5V 2T6", "Sydney NSW 2000". */
const CITY_REGION_ZIP: PlaceLines = ({ zip, city, region }) => [joined(' ', city, region, zip)];
/** "London" then "SW1A 1AA" on its own line, a county (where given) between them. */
const CITY_THEN_ZIP: PlaceLines = ({ zip, city, region }) => [city, region, zip];
/** "Москва", the region, then the index last. */
const CITY_REGION_THEN_ZIP: PlaceLines = ({ zip, city, region }) => [city, region, zip];

/** Countries whose convention is not postcode-then-town (the fallback, see `ZIP_CITY`). */
const PLACE_LINES: Readonly<Record<string, PlaceLines>> = {
  US: CITY_COMMA_REGION_ZIP,
  CA: CITY_REGION_ZIP,
  AU: CITY_REGION_ZIP,
  GB: CITY_THEN_ZIP,
  IE: CITY_THEN_ZIP,
  RU: CITY_REGION_THEN_ZIP,
};

/**
 * Region names per locale, made once: making an `Intl.DisplayNames` is slow (about 5 ms at 4x
 * CPU throttling), and a list or a sheet of slips writes many addresses. `null`: an unknown tag.
 */
const regionNames = new Map<string, Intl.DisplayNames | null>();

function regionNamesIn(locale: string): Intl.DisplayNames | null {
  let names = regionNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    } catch {
      names = null;
    }
    regionNames.set(locale, names);
  }
  return names;
}

/** The country as a name in `locale`, in capitals; text that is not an ISO code stays as it is. */
function countryLine(country: string, locale: string): string {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return country.trim();
  const names = regionNamesIn(locale);
  // An unknown locale tag: the code itself is still an address a carrier reads.
  if (names === null) return code;
  return (names.of(code) ?? code).toLocaleUpperCase(locale);
}

/**
 * The lines of `address`, without empty ones. `recipient` is used when the address has no name of
 * its own (the buyer's name, usually).
 */
export function addressLines(address: Address, locale: string, recipient = ''): string[] {
  const place: Place = {
    zip: address.zip.trim(),
    city: address.city.trim(),
    region: (address.region ?? '').trim(),
  };
  const country = address.country.trim();
  const placeLines = PLACE_LINES[country.toUpperCase()] ?? ZIP_CITY;
  return [
    (address.name ?? '').trim() || recipient.trim(),
    address.line1.trim(),
    (address.line2 ?? '').trim(),
    ...placeLines(place),
    country === '' ? '' : countryLine(country, locale),
  ].filter((line) => line !== '');
}
