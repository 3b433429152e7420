/**
 * The carrier registry: one plain object per carrier, listed explicitly in `CARRIERS`. Order
 * matters only as the last tie-break between candidates that are equally likely.
 *
 * Each carrier says where its facts came from. "jkeen" is the MIT-licensed
 * github.com/jkeen/tracking_number_data (`couriers/*.json`), read for patterns, check rules and
 * test numbers. Formats marked "no published check digit" match on shape alone and rank below the
 * ones that verify. Tracking links follow each carrier's public tracking page as of writing; they
 * could not be checked live from here, so each was compared with the links in jkeen's
 * `tracking_url` fields (USPS, Canada Post, YunExpress: the same) and with the links independent
 * open-source shop and tracking projects build (found by code search over public GitHub code,
 * checked 2026; at least two agreeing projects count as confirmed):
 *   confirmed: UPS (`track?loc=..&tracknum=`), FedEx (`fedextrack/?trknbr=`), USPS, DHL Paket
 *   (`verfolgen.html?piececode=`), DHL Express (global-en), DPD (`status/<ll_CC>/parcel/`), GLS
 *   (`EU/en/parcel-tracking?match=`), Hermes, Evri, PostNL (`tracktrace/?B=&P=&D=NL&T=C`),
 *   PostNord (`<se|en|..>/?id=`), Bring (`sporing.bring.no/sporing/<n>`, also in Bring's API
 *   notes), Royal Mail, La Poste, Correos (`es/es/.../envios/detalle?tracking-number=`), Poste
 *   Italiane, Swiss Post (with `p_language`), Austrian Post, InPost, Poczta Polska, Packeta (cs,
 *   en), Russian Post, Canada Post, YunExpress, Australia Post, Amazon Logistics;
 *   unverified: the language parameters `L=` (PostNL) and `lang=` (Bring), and Canada Post's
 *   `fr` page, none of which a page needs to open.
 * Fixed after that comparison: Australia Post (hash route), Evri (no `/details`), DHL Express (no
 * `global-de` page), Packeta (only the languages seen in use).
 */
import {
  isValidDeutschePostIdentcode,
  isValidFedEx12,
  isValidFedExSerial14,
  isValidGls,
  isValidGs1Mod10,
  isValidIso7064Mod37_36,
  isValidMod7,
  isValidS10,
  isValidUps1Z,
} from './check-digits.ts';
import type { Carrier, NumberFormat } from './types.ts';

/** UPU S10 numbers (`RB123456785GB`) issued by the posts of the given countries. */
function s10(...countries: readonly string[]): NumberFormat {
  return {
    id: 's10',
    label: 'UPU S10',
    pattern: new RegExp(`^[A-Z]{2}\\d{9}(?:${countries.join('|')})$`),
    check: isValidS10,
  };
}

/** GS1 SSCC with the country's GS1 prefixes, optionally behind the `00` application identifier. */
function sscc(id: string, label: string, prefixes: readonly string[]): NumberFormat {
  return {
    id,
    label,
    // Extension digit, 2-digit GS1 prefix, 14 more digits, check digit: 18 in all.
    pattern: new RegExp(`^(?:00)?\\d(?:${prefixes.join('|')})\\d{15}$`),
    // Leading zeros don't change a GS1 sum, so the `00` prefix may stay.
    check: isValidGs1Mod10,
  };
}

// Sources: jkeen ups.json (1Z pattern, mod 10 with letters mapped, test numbers).
export const ups = {
  id: 'ups',
  name: 'UPS',
  countries: ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'PL', 'IT', 'ES'],
  formats: [{ id: 'ups-1z', label: 'UPS 1Z', pattern: /^1Z[0-9A-Z]{15}\d$/, check: isValidUps1Z }],
  urlTemplate: 'https://www.ups.com/track?loc={lang}&tracknum={number}',
  languages: {
    map: { en: 'en_US', de: 'de_DE', sv: 'sv_SE', ru: 'ru_RU', fr: 'fr_FR' },
    fallback: 'en_US',
  },
} satisfies Carrier;

// Sources: jkeen fedex.json (12-digit Express mod 11 weights 3,1,7; 15-digit Ground and the
// 22-digit "96" barcode GS1-style mod 10; 34-digit barcodes mod 11 weights 1,7,3 on the tail).
export const fedex = {
  id: 'fedex',
  name: 'FedEx',
  countries: ['US', 'CA', 'GB', 'DE', 'FR', 'NL'],
  formats: [
    { id: 'fedex-express-12', label: 'FedEx Express', pattern: /^\d{12}$/, check: isValidFedEx12 },
    { id: 'fedex-ground-15', label: 'FedEx Ground', pattern: /^\d{15}$/, check: isValidGs1Mod10 },
    {
      id: 'fedex-ground-96',
      label: 'FedEx Ground (96)',
      pattern: /^96\d{20}$/,
      // The check covers the 14-digit serial only, not the application and service codes.
      check: (n) => isValidGs1Mod10(n.slice(7)),
    },
    {
      id: 'fedex-34',
      label: 'FedEx barcode (34 digits)',
      pattern: /^\d{34}$/,
      check: (n) => isValidFedExSerial14(n.slice(20)),
      trackable: (n) => n.slice(22),
    },
  ],
  urlTemplate: 'https://www.fedex.com/fedextrack/?trknbr={number}',
} satisfies Carrier;

// Sources: jkeen usps.json (20-digit with and without the implied "91", IMpb 22/26 digits with
// GS1 mod 10, the 420+ZIP routing prefix; S10 for international).
export const usps = {
  id: 'usps',
  name: 'USPS',
  countries: ['US'],
  formats: [
    { id: 'usps-impb', label: 'USPS', pattern: /^9[1-5]\d{20}(?:\d{4})?$/, check: isValidGs1Mod10 },
    {
      id: 'usps-20',
      label: 'USPS (20 digits)',
      pattern: /^\d{20}$/,
      // Older labels leave out the "91" application identifier, which still counts in the sum.
      check: (n) => isValidGs1Mod10(n) || isValidGs1Mod10(`91${n}`),
    },
    s10('US'),
  ],
  urlTemplate: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={number}',
} satisfies Carrier;

// Sources: jkeen dhl.json (10/11-digit air waybill mod 7, JJD/JVGL piece ids without check);
// paketda.de (DHL Express 10-digit mod 7).
export const dhlExpress = {
  id: 'dhl-express',
  name: 'DHL Express',
  countries: ['DE', 'US', 'GB', 'SE', 'NL', 'FR', 'CH', 'AT'],
  formats: [
    { id: 'dhl-express-awb', label: 'DHL Express', pattern: /^\d{10,11}$/, check: isValidMod7 },
    {
      id: 'dhl-express-piece',
      label: 'DHL piece id (JJD)',
      pattern: /^J[A-Z]{2,3}\d{9,20}$/,
      check: null,
    },
  ],
  // Link confirmed in public code as `global-en` (and `<country>-<lang>` pages such as `de-en`);
  // a `global-de` page was nowhere to be seen, so the link stays on the global English page.
  urlTemplate:
    'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}',
} satisfies Carrier;

// Sources: jkeen dhl.json ("dhl_ecommerce": GM, LX, RX, UV, CN, SG, TH, IN, HK or MY and 10 to 39
// digits, no check digit). The DHL eCommerce numbers sellers see on labels from Asia and the US.
export const dhlEcommerce = {
  id: 'dhl-ecommerce',
  name: 'DHL eCommerce',
  countries: ['US', 'GB', 'CN', 'HK', 'SG', 'MY', 'TH', 'IN'],
  formats: [
    {
      id: 'dhl-ecommerce',
      label: 'DHL eCommerce',
      pattern: /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d{10,39}$/,
      check: null,
    },
  ],
  urlTemplate: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}&submit=1',
} satisfies Carrier;

// Sources: paketda.de "Prüfziffern-Berechnung" (12-digit weights 4/9, example 201298452277;
// 20-digit mod 10 weights 3/1, example 00340433836442636597); activebarcode.com "Identcode";
// S10 for Deutsche Post letters (Einschreiben, Warenpost International); DHL's "Shipment tracking
// labels" page (dhl.com/<country>/home/tracking/id-labels.html: DHL Parcel ids start with 3S,
// JVGL or JJD, e.g. JVGL9999999999), and frankieren.de "DHL Paketverfolgung" (JJD1298765432109
// for a parcel to Germany; public shipping code reads JJD with up to 21 digits after it). JJD
// numbers carry no published check digit, and DHL Express uses the
// prefix too: both carriers stay candidates, the seller's pick decides.
export const dhlPaket = {
  id: 'dhl-paket',
  name: 'DHL Paket / Deutsche Post',
  countries: ['DE'],
  formats: [
    {
      id: 'dhl-paket-12',
      label: 'DHL Paket (12 digits)',
      pattern: /^\d{12}$/,
      check: isValidDeutschePostIdentcode,
    },
    {
      id: 'dhl-paket-20',
      label: 'DHL Paket (20 digits)',
      pattern: /^\d{20}$/,
      check: isValidGs1Mod10,
    },
    { id: 'dhl-paket-jjd', label: 'DHL Paket (JJD)', pattern: /^JJD\d{13,21}$/, check: null },
    s10('DE'),
  ],
  urlTemplate: 'https://www.dhl.de/{lang}/privatkunden/pakete-empfangen/verfolgen.html?piececode={number}',
  languages: { map: { de: 'de', en: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: jkeen dpd.json (14-digit parcel number + ISO 7064 MOD 37,36 check character; the
// 28-character label barcode); paketda.de (14-digit DPD numbers). Without the check character, a
// bare 14-digit number can't be verified.
export const dpd = {
  id: 'dpd',
  name: 'DPD',
  countries: ['DE', 'FR', 'NL', 'BE', 'PL', 'AT', 'CH', 'GB', 'CZ'],
  formats: [
    {
      id: 'dpd-15',
      label: 'DPD (with check character)',
      pattern: /^\d{14}[0-9A-Z]$/,
      check: isValidIso7064Mod37_36,
      trackable: (n) => n.slice(0, 14),
    },
    {
      id: 'dpd-28',
      label: 'DPD label barcode',
      pattern: /^\d{27}[0-9A-Z]$/,
      check: isValidIso7064Mod37_36,
      trackable: (n) => n.slice(7, 21),
    },
    { id: 'dpd-14', label: 'DPD', pattern: /^\d{14}$/, check: null },
  ],
  urlTemplate: 'https://tracking.dpd.de/status/{lang}/parcel/{number}',
  languages: {
    map: { de: 'de_DE', en: 'en_US', fr: 'fr_FR', nl: 'nl_NL', pl: 'pl_PL' },
    fallback: 'en_US',
  },
} satisfies Carrier;

// Sources: GLS Uni-Box technical documentation §3.2.1 as cited in public tracking code (11 digits +
// check digit, weights 3/1 from the left plus 1); paketda.de GLS label guide (depot and product
// digits, 8-character Track-ID, which has no check digit).
export const gls = {
  id: 'gls',
  name: 'GLS',
  countries: ['DE', 'AT', 'NL', 'BE', 'DK', 'FR', 'IT', 'ES', 'PL', 'CZ', 'HU'],
  formats: [
    { id: 'gls-12', label: 'GLS (12 digits)', pattern: /^\d{12}$/, check: isValidGls },
    { id: 'gls-11', label: 'GLS (11 digits)', pattern: /^\d{11}$/, check: null },
    {
      id: 'gls-track-id',
      label: 'GLS Track-ID',
      // 8 letters and digits with at least one of each, so that plain words and numbers don't fit.
      pattern: /^(?=[0-9A-Z]*\d)(?=[0-9A-Z]*[A-Z])[0-9A-Z]{8}$/,
      check: null,
    },
  ],
  urlTemplate: 'https://gls-group.eu/EU/{lang}/parcel-tracking?match={number}',
  languages: { map: { de: 'de', en: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: paketda.de (14-digit Hermes numbers use mod 10 weights 3/1, example 09133131530724).
export const hermes = {
  id: 'hermes',
  name: 'Hermes',
  countries: ['DE'],
  formats: [{ id: 'hermes-14', label: 'Hermes', pattern: /^\d{14}$/, check: isValidGs1Mod10 }],
  urlTemplate: 'https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#{number}',
} satisfies Carrier;

// Sources: the shape printed on Evri (formerly Hermes UK) labels, 16 characters starting with H or
// T; no published check digit.
export const evri = {
  id: 'evri',
  name: 'Evri',
  countries: ['GB'],
  formats: [{ id: 'evri-16', label: 'Evri', pattern: /^[HT][0-9A-Z]{15}$/, check: null }],
  // Link confirmed in public code as `/track/parcel/<number>`; the `/details` page wants the
  // recipient's postcode as well, which a buyer's e-mail link can't count on.
  urlTemplate: 'https://www.evri.com/track/parcel/{number}',
} satisfies Carrier;

// Sources: PostNL 3S barcode shape ("3S" + 4-character customer code + serial); no published
// check digit. S10 for international items.
export const postnl = {
  id: 'postnl',
  name: 'PostNL',
  countries: ['NL', 'BE'],
  formats: [
    { id: 'postnl-3s', label: 'PostNL 3S', pattern: /^3S[0-9A-Z]{4}\d{5,11}$/, check: null },
    s10('NL'),
  ],
  // The recipient's postcode opens the full details; without it the page still shows the status.
  urlTemplate: 'https://postnl.nl/tracktrace/?B={number}&P={zip}&D=NL&T=C&L={lang}',
  languages: { map: { nl: 'NL', en: 'EN', de: 'DE' }, fallback: 'EN' },
} satisfies Carrier;

// Sources: UPU S10 (SE, DK, FI); GS1 SSCC with the Swedish (73), Danish (57) and Finnish (64)
// GS1 prefixes, mod 10 weights 3/1 (GS1 General Specifications).
export const postnord = {
  id: 'postnord',
  name: 'PostNord',
  countries: ['SE', 'DK', 'FI'],
  formats: [sscc('postnord-sscc', 'PostNord (SSCC)', ['73', '57', '64']), s10('SE', 'DK', 'FI')],
  urlTemplate: 'https://tracking.postnord.com/{lang}/?id={number}',
  languages: { map: { sv: 'se', da: 'dk', fi: 'fi', en: 'en', de: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: UPU S10 (NO); GS1 SSCC with the Norwegian GS1 prefix 70, mod 10 weights 3/1.
export const bring = {
  id: 'bring',
  name: 'Bring / Posten',
  countries: ['NO'],
  formats: [sscc('bring-sscc', 'Bring (SSCC)', ['70']), s10('NO')],
  urlTemplate: 'https://sporing.bring.no/sporing/{number}?lang={lang}',
  languages: { map: { no: 'no', nb: 'no', nn: 'no', en: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: UPU S10 (GB); Royal Mail tracked items carry S10 ids for domestic mail too.
export const royalMail = {
  id: 'royal-mail',
  name: 'Royal Mail',
  countries: ['GB'],
  formats: [s10('GB')],
  urlTemplate: 'https://www.royalmail.com/track-your-item#/tracking-results/{number}',
} satisfies Carrier;

// Sources: UPU S10 (FR); Colissimo / Lettre suivie ids are 13 characters, a digit, a letter and
// 11 digits (e.g. 6A…, 8R…). La Poste publishes no check-digit rule for them.
export const laPoste = {
  id: 'la-poste',
  name: 'La Poste / Colissimo',
  countries: ['FR'],
  formats: [{ id: 'colissimo', label: 'Colissimo', pattern: /^\d[A-Z]\d{11}$/, check: null }, s10('FR')],
  urlTemplate: 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}',
} satisfies Carrier;

// Sources: UPU S10 (ES); Correos domestic parcel ids start with "P" and are 23 characters; no
// published check digit.
export const correos = {
  id: 'correos',
  name: 'Correos',
  countries: ['ES'],
  formats: [{ id: 'correos-p', label: 'Correos', pattern: /^P[A-Z][0-9A-Z]{21}$/, check: null }, s10('ES')],
  urlTemplate:
    'https://www.correos.es/es/{lang}/herramientas/localizador/envios/detalle?tracking-number={number}',
  languages: { map: { es: 'es', en: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: UPU S10 (IT). Domestic formats vary by product and publish no check digit, so only S10
// is detected.
export const posteItaliane = {
  id: 'poste-italiane',
  name: 'Poste Italiane',
  countries: ['IT'],
  formats: [s10('IT')],
  urlTemplate: 'https://www.poste.it/cerca/index.html#/risultati-spedizioni/{number}',
} satisfies Carrier;

// Sources: UPU S10 (CH); Swiss Post domestic parcel ids "99.xx.xxxxxx.xxxxxxxx" (18 digits
// starting 99); no published check digit.
export const swissPost = {
  id: 'swiss-post',
  name: 'Swiss Post',
  countries: ['CH', 'LI'],
  formats: [
    { id: 'swiss-post-99', label: 'Swiss Post', pattern: /^99\d{16}$/, check: null },
    s10('CH', 'LI'),
  ],
  urlTemplate: 'https://www.post.ch/swisspost-tracking?formattedParcelCodes={number}&p_language={lang}',
  languages: { map: { de: 'de', fr: 'fr', it: 'it', en: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: UPU S10 (AT). Domestic parcel numbers publish no check digit and vary in length, so
// only S10 is detected.
export const austrianPost = {
  id: 'austrian-post',
  name: 'Austrian Post',
  countries: ['AT'],
  formats: [s10('AT')],
  urlTemplate: 'https://www.post.at/s/sendungsdetails?snr={number}',
} satisfies Carrier;

// Sources: InPost parcel-locker numbers are 24 digits; no published check digit.
export const inpost = {
  id: 'inpost',
  name: 'InPost',
  countries: ['PL', 'GB', 'IT', 'FR'],
  formats: [{ id: 'inpost-24', label: 'InPost', pattern: /^\d{24}$/, check: null }],
  urlTemplate: 'https://inpost.pl/sledzenie-przesylek?number={number}',
} satisfies Carrier;

// Sources: UPU S10 (PL) for Poczta Polska international and registered items.
export const pocztaPolska = {
  id: 'poczta-polska',
  name: 'Poczta Polska',
  countries: ['PL'],
  formats: [s10('PL')],
  urlTemplate: 'https://emonitoring.poczta-polska.pl/?numer={number}',
} satisfies Carrier;

// Sources: Packeta (Zásilkovna) labels, "Z" + 10 digits; no published check digit.
export const packeta = {
  id: 'packeta',
  name: 'Packeta',
  countries: ['CZ', 'SK', 'HU', 'RO', 'PL'],
  formats: [{ id: 'packeta-z', label: 'Packeta', pattern: /^Z\d{10}$/, check: null }],
  urlTemplate: 'https://tracking.packeta.com/{lang}/?id={number}',
  languages: { map: { cs: 'cs', en: 'en' }, fallback: 'en' },
} satisfies Carrier;

// Sources: UPU S10 (RU); domestic 14-digit ids (6-digit post office index, 2-digit month, 5-digit
// serial, check digit: odd positions times 3 plus even positions, tens complement, the same
// arithmetic as GS1 for 13 data digits), as described on ru.wikipedia "Почтовый идентификатор" and
// implemented in ssvarentsov/TrackValidX.
export const russianPost = {
  id: 'russian-post',
  name: 'Russian Post',
  countries: ['RU'],
  formats: [
    { id: 'russian-post-14', label: 'Russian Post', pattern: /^\d{14}$/, check: isValidGs1Mod10 },
    s10('RU'),
  ],
  urlTemplate: 'https://www.pochta.ru/tracking?barcode={number}',
} satisfies Carrier;

// Sources: UPU S10 (CN). China Post's own tracking page sits behind a captcha, so the link goes to
// 17TRACK, which sellers already use for Chinese mail.
export const chinaPost = {
  id: 'china-post',
  name: 'China Post',
  countries: ['CN'],
  formats: [s10('CN')],
  urlTemplate: 'https://t.17track.net/{lang}#nums={number}',
  languages: { map: { en: 'en', de: 'de', ru: 'ru', sv: 'sv' }, fallback: 'en' },
} satisfies Carrier;

// Sources: jkeen yunexpress.json ("YT" + 16 digits, no check digit).
export const yunExpress = {
  id: 'yunexpress',
  name: 'YunExpress',
  countries: ['CN'],
  formats: [{ id: 'yunexpress-yt', label: 'YunExpress', pattern: /^YT\d{16}$/, check: null }],
  urlTemplate: 'https://www.yuntrack.com/parcelTracking?id={number}',
} satisfies Carrier;

// Sources: jkeen canadapost.json (16 digits, mod 10 weights 3/1); UPU S10 (CA).
export const canadaPost = {
  id: 'canada-post',
  name: 'Canada Post',
  countries: ['CA'],
  formats: [
    { id: 'canada-post-16', label: 'Canada Post', pattern: /^\d{16}$/, check: isValidGs1Mod10 },
    s10('CA'),
  ],
  urlTemplate: 'https://www.canadapost-postescanada.ca/track-reperage/{lang}#/search?searchFor={number}',
  languages: { map: { en: 'en', fr: 'fr' }, fallback: 'en' },
} satisfies Carrier;

// Sources: UPU S10 (AU). Domestic article ids publish no check digit and vary, so only S10 is
// detected.
export const australiaPost = {
  id: 'australia-post',
  name: 'Australia Post',
  countries: ['AU'],
  formats: [s10('AU')],
  // Australia Post's tracker is a single-page app with hash routes (its own site links to
  // `mypost/track/#/search`); public code links `#/details/<number>`. Without the `#` the path
  // isn't a route of the app.
  urlTemplate: 'https://auspost.com.au/mypost/track/#/details/{number}',
} satisfies Carrier;

// Sources: jkeen amazon.json ("TBA"/"TBC"/"TBM" + 12 digits, no check digit).
export const amazonLogistics = {
  id: 'amazon-logistics',
  name: 'Amazon Logistics',
  countries: ['US', 'GB', 'DE', 'FR', 'IT', 'ES', 'CA'],
  formats: [{ id: 'amazon-tba', label: 'Amazon Logistics', pattern: /^TB[ACM]\d{12}$/, check: null }],
  urlTemplate: 'https://track.amazon.com/tracking/{number}',
} satisfies Carrier;

/** Every built-in carrier. Seller-defined carriers are data in settings, not listed here. */
export const CARRIERS: readonly Carrier[] = [
  ups,
  fedex,
  usps,
  dhlExpress,
  dhlPaket,
  dhlEcommerce,
  dpd,
  gls,
  hermes,
  evri,
  postnl,
  postnord,
  bring,
  royalMail,
  laPoste,
  correos,
  posteItaliane,
  swissPost,
  austrianPost,
  inpost,
  pocztaPolska,
  packeta,
  russianPost,
  chinaPost,
  yunExpress,
  canadaPost,
  australiaPost,
  amazonLogistics,
];

/** Shape of any S10 number, for the postal services of countries not in the registry. */
export const S10_PATTERN = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

export function carrierById(id: string): Carrier | undefined {
  return CARRIERS.find((c) => c.id === id);
}
