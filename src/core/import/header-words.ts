/**
 * A column header as the words it is made of, and what those words mean. Sellers' files put words
 * around the meaning ("Customer email", "Ship-to postcode", "Lieferadresse PLZ", "Kundens e-post"),
 * so the generic column guess compares meanings, not whole headers.
 *
 *   "Lieferadresse PLZ" -> words [liefer, adresse, plz] -> concepts {ship, address, zip}
 *   "billingFirstName"  -> words [billing, first, name]  -> concepts {bill, first, name}
 *
 * Splitting knows case changes (camelCase), punctuation, digits ("Address1") and compounds made
 * of known words (German `Kundennummer`, Swedish `leveransadress`), with the German linking `s`
 * and `n` (`Rechnungsadresse`, `Kundenname`). Pure: no DOM, no I/O.
 */

/** What a word of a header means, for the column guess. */
export type Concept =
  | 'order'
  | 'number'
  | 'date'
  | 'created'
  | 'name'
  | 'first'
  | 'last'
  | 'full'
  | 'buyer'
  | 'seller'
  | 'ship'
  | 'bill'
  | 'recipient'
  | 'contact'
  | 'email'
  | 'phone'
  | 'address'
  | 'street'
  | 'line'
  | 'addition'
  | 'house'
  | 'zip'
  | 'city'
  | 'region'
  | 'country'
  | 'code'
  | 'sku'
  | 'item'
  | 'title'
  | 'quantity'
  /** Money, status, notes, methods and the like: a header with one of these holds none of our fields. */
  | 'noise';

/**
 * Words (folded: lower case, `ß` as `ss`, `ä ö ü å é` without marks, `ё` as `е`) in English,
 * German, Swedish and Russian, with what each means. A word may mean two things (`vorname` is a
 * first name).
 */
const WORDS: Readonly<Record<string, readonly Concept[]>> = {
  // order
  order: ['order'],
  orders: ['order'],
  bestellung: ['order'],
  bestellungen: ['order'],
  bestell: ['order'],
  auftrag: ['order'],
  auftrags: ['order'],
  bestallning: ['order'],
  bestallnings: ['order'],
  ordernummer: ['order', 'number'],
  purchase: ['order'],
  sale: ['order'],
  ord: ['order'],
  sales: ['order'],
  заказ: ['order'],
  заказа: ['order'],
  number: ['number'],
  no: ['number'],
  nr: ['number'],
  num: ['number'],
  nummer: ['number'],
  numret: ['number'],
  id: ['number'],
  ref: ['number'],
  reference: ['number'],
  referenz: ['number'],
  номер: ['number'],
  // date
  date: ['date'],
  datum: ['date'],
  datetime: ['date'],
  time: ['date'],
  timestamp: ['date'],
  zeit: ['date'],
  дата: ['date'],
  created: ['created'],
  placed: ['created'],
  erstellt: ['created'],
  skapad: ['created'],
  оформления: ['created'],
  создания: ['created'],
  // people
  name: ['name'],
  namen: ['name'],
  namn: ['name'],
  names: ['name'],
  first: ['first'],
  given: ['first'],
  forename: ['first', 'name'],
  vorname: ['first', 'name'],
  fornamn: ['first', 'name'],
  имя: ['first', 'name'],
  last: ['last'],
  family: ['last'],
  surname: ['last', 'name'],
  nachname: ['last', 'name'],
  zuname: ['last', 'name'],
  familienname: ['last', 'name'],
  efternamn: ['last', 'name'],
  фамилия: ['last', 'name'],
  full: ['full'],
  complete: ['full'],
  vollstandiger: ['full'],
  vollstandig: ['full'],
  fullstandigt: ['full'],
  фио: ['full', 'name'],
  buyer: ['buyer'],
  buyers: ['buyer'],
  customer: ['buyer'],
  customers: ['buyer'],
  client: ['buyer'],
  purchaser: ['buyer'],
  cust: ['buyer'],
  kunde: ['buyer'],
  kunden: ['buyer'],
  kaufer: ['buyer'],
  kaeufer: ['buyer'],
  besteller: ['buyer'],
  kund: ['buyer'],
  kunds: ['buyer'],
  kundens: ['buyer'],
  kopare: ['buyer'],
  koparens: ['buyer'],
  покупатель: ['buyer'],
  покупателя: ['buyer'],
  клиент: ['buyer'],
  клиента: ['buyer'],
  contact: ['contact'],
  kontakt: ['contact'],
  контакт: ['contact'],
  контактный: ['contact'],
  seller: ['seller'],
  merchant: ['seller'],
  vendor: ['seller'],
  shop: ['seller'],
  store: ['seller'],
  verkaufer: ['seller'],
  handler: ['seller'],
  haendler: ['seller'],
  saljare: ['seller'],
  butik: ['seller'],
  продавец: ['seller'],
  продавца: ['seller'],
  магазин: ['seller'],
  // where it goes, who pays
  ship: ['ship'],
  shipping: ['ship'],
  shipment: ['ship'],
  delivery: ['ship'],
  deliver: ['ship'],
  liefer: ['ship'],
  lieferung: ['ship'],
  versand: ['ship'],
  leverans: ['ship'],
  frakt: ['ship'],
  доставка: ['ship'],
  доставки: ['ship'],
  billing: ['bill'],
  bill: ['bill'],
  invoice: ['bill'],
  payer: ['bill'],
  rechnung: ['bill'],
  rechnungs: ['bill'],
  faktura: ['bill'],
  fakturering: ['bill'],
  fakturerings: ['bill'],
  плательщик: ['bill'],
  плательщика: ['bill'],
  платежный: ['bill'],
  recipient: ['recipient'],
  consignee: ['recipient'],
  addressee: ['recipient'],
  empfanger: ['recipient'],
  empfaenger: ['recipient'],
  mottagare: ['recipient'],
  mottagarens: ['recipient'],
  mottagar: ['recipient'],
  получатель: ['recipient'],
  получателя: ['recipient'],
  // contact details
  email: ['email'],
  emails: ['email'],
  mail: ['email'],
  epost: ['email'],
  почта: ['email'],
  электронная: ['email'],
  эл: ['email'],
  емейл: ['email'],
  phone: ['phone'],
  telephone: ['phone'],
  tel: ['phone'],
  mobile: ['phone'],
  cell: ['phone'],
  mobil: ['phone'],
  handy: ['phone'],
  telefon: ['phone'],
  fon: ['phone'],
  телефон: ['phone'],
  тел: ['phone'],
  мобильный: ['phone'],
  // address
  address: ['address'],
  addr: ['address'],
  adresse: ['address'],
  adress: ['address'],
  anschrift: ['address'],
  адрес: ['address'],
  адреса: ['address'],
  street: ['street'],
  strasse: ['street'],
  str: ['street'],
  gata: ['street'],
  gatan: ['street'],
  gatu: ['street'],
  улица: ['street'],
  ул: ['street'],
  line: ['line'],
  zeile: ['line'],
  rad: ['line'],
  строка: ['line'],
  zusatz: ['addition'],
  additional: ['addition'],
  co: ['addition'],
  apartment: ['addition'],
  apt: ['addition'],
  suite: ['addition'],
  wohnung: ['addition'],
  lagenhet: ['addition'],
  квартира: ['addition'],
  house: ['house'],
  haus: ['house'],
  hus: ['house'],
  дом: ['house'],
  дома: ['house'],
  zip: ['zip'],
  zipcode: ['zip'],
  postcode: ['zip'],
  postal: ['zip'],
  plz: ['zip'],
  postleitzahl: ['zip'],
  postnummer: ['zip'],
  postnr: ['zip'],
  индекс: ['zip'],
  почтовый: ['zip'],
  city: ['city'],
  town: ['city'],
  locality: ['city'],
  ort: ['city'],
  stadt: ['city'],
  wohnort: ['city'],
  ortschaft: ['city'],
  postort: ['city'],
  stad: ['city'],
  город: ['city'],
  населенный: ['city'],
  state: ['region'],
  province: ['region'],
  region: ['region'],
  county: ['region'],
  bundesland: ['region'],
  kanton: ['region'],
  provinz: ['region'],
  lan: ['region'],
  область: ['region'],
  регион: ['region'],
  край: ['region'],
  zone: ['region'],
  country: ['country'],
  land: ['country'],
  staat: ['country'],
  landskod: ['country', 'code'],
  lander: ['country'],
  nation: ['country'],
  ctry: ['country'],
  cntry: ['country'],
  страна: ['country'],
  code: ['code'],
  kod: ['code'],
  код: ['code'],
  // items
  sku: ['sku'],
  ean: ['sku'],
  gtin: ['sku'],
  mpn: ['sku'],
  artnr: ['sku'],
  артикул: ['sku'],
  item: ['item'],
  items: ['item'],
  product: ['item'],
  products: ['item'],
  article: ['item'],
  artikel: ['item'],
  art: ['item'],
  produkt: ['item'],
  vara: ['item'],
  varor: ['item'],
  товар: ['item'],
  товара: ['item'],
  title: ['title'],
  titel: ['title'],
  description: ['title'],
  bezeichnung: ['title'],
  beschreibung: ['title'],
  beskrivning: ['title'],
  benamning: ['title'],
  наименование: ['title'],
  название: ['title'],
  quantity: ['quantity'],
  qty: ['quantity'],
  count: ['quantity'],
  menge: ['quantity'],
  anzahl: ['quantity'],
  stuck: ['quantity'],
  stuckzahl: ['quantity'],
  antal: ['quantity'],
  pcs: ['quantity'],
  units: ['quantity'],
  количество: ['quantity'],
  кол: ['quantity'],
};

/** Words that say a column holds something else: money, states, notes, methods, other parties. */
const NOISE_WORDS = [
  'price',
  'preis',
  'pris',
  'цена',
  'total',
  'totals',
  'subtotal',
  'summe',
  'sum',
  'amount',
  'betrag',
  'belopp',
  'сумма',
  'стоимость',
  'cost',
  'costs',
  'kosten',
  'kostnad',
  'tax',
  'vat',
  'mwst',
  'ust',
  'steuer',
  'moms',
  'ндс',
  'fee',
  'fees',
  'gebuhr',
  'discount',
  'rabatt',
  'скидка',
  'currency',
  'wahrung',
  'valuta',
  'валюта',
  'status',
  'state',
  'zustand',
  'статус',
  'note',
  'notes',
  'comment',
  'comments',
  'notiz',
  'kommentar',
  'anmerkung',
  'bemerkung',
  'комментарий',
  'примечание',
  'method',
  'methode',
  'metod',
  'способ',
  'versandart',
  'zahlungsart',
  'carrier',
  'tracking',
  'payment',
  'paid',
  'zahlung',
  'bezahlt',
  'betalning',
  'betald',
  'оплата',
  'оплаты',
  'weight',
  'gewicht',
  'vikt',
  'вес',
  'company',
  'firma',
  'foretag',
  'компания',
  'организация',
  'salutation',
  'anrede',
  'gender',
  'ip',
  'language',
  'sprache',
  'url',
  'link',
  'image',
  'bild',
  'marketing',
  'newsletter',
  'consent',
  'tags',
  'category',
  'kategorie',
  'kategori',
  'категория',
  'coupon',
  'gutschein',
  'shipped',
  'username',
  'user',
  'login',
  'nickname',
  'middle',
  'birthday',
  'geburtstag',
  'updated',
  'modified',
  'geandert',
  'refunded',
  'refund',
  // A customer group ("Shopkunden"), a department or a fax number is never a name or a phone.
  'group',
  'gruppe',
  'grupp',
  'группа',
  'department',
  'abteilung',
  'avdelning',
  'отдел',
  'fax',
  'telefax',
  'факс',
];
// `state` is a region ("Shipping State"): only the noise entries that are not already words count.
const MEANINGS = new Map<string, readonly Concept[]>(Object.entries(WORDS));
const NOISE = new Set(NOISE_WORDS.filter((w) => !MEANINGS.has(w)));
/** The longest known word: no piece of a compound is longer. */
const LONGEST_WORD = Math.max(...[...MEANINGS.keys(), ...NOISE].map((w) => w.length));

function isKnown(word: string): boolean {
  return MEANINGS.has(word) || NOISE.has(word);
}

/** Words that carry no meaning of their own. */
const STOP_WORDS = new Set([
  'of',
  'the',
  'and',
  'at',
  'to',
  'for',
  'on',
  'in',
  'a',
  'an',
  'und',
  'der',
  'die',
  'das',
  'des',
  'den',
  'dem',
  'am',
  'von',
  'vom',
  'zum',
  'zur',
  'och',
  'av',
  'till',
  'i',
  'и',
  'на',
  'для',
  'по',
  'во',
  'e',
  's',
]);

/** Pieces that join German compounds without a meaning of their own (`Rechnung-s-adresse`). */
const LINKS = ['s', 'n', 'en', 'es'];

/** Lower case, `ß` as `ss`, Latin marks dropped (`ä` -> `a`), `ё` as `е`. */
export function foldWord(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replaceAll('ё', 'е')
    .replace(/[àáâãäå]/g, 'a')
    .replace(/[èéêë]/g, 'e')
    .replace(/[ìíîï]/g, 'i')
    .replace(/[òóôõöø]/g, 'o')
    .replace(/[ùúûü]/g, 'u')
    .replace(/æ/g, 'ae');
}

/**
 * The words of a header: camelCase and digits split off, `E-Mail`/`e-post` kept as one word,
 * `c/o`, `#` and `№` read as words.
 */
export function splitHeader(header: string): string[] {
  const spaced = header
    .normalize('NFKC')
    // camelCase and PascalCase: "billingFirstName", "OrderID" -> "Order ID"
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    // letters and digits: "Address1" -> "Address 1"
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .replace(/[#№]/g, ' nr ');
  const folded = foldWord(spaced)
    .replace(/\be[\s\-_.]*(mail|post)/g, 'e$1')
    .replace(/\bc\s*\/\s*o\b/g, 'co');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** The known words `word` is made of (whole, or a compound of known words), or undefined. */
function segment(word: string): string[] | undefined {
  if (isKnown(word)) return [word];
  const n = word.length;
  if (n < 5) return undefined;
  // best[i]: the fewest known pieces covering word[0, i), linking pieces free.
  const best: (string[] | undefined)[] = new Array<string[] | undefined>(n + 1).fill(undefined);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const before = best[i];
    if (!before) continue;
    for (let j = i + 2; j <= Math.min(n, i + LONGEST_WORD); j++) {
      const piece = word.slice(i, j);
      const known = isKnown(piece);
      const link = before.length > 0 && LINKS.includes(piece) && j < n;
      if (!known && !link) continue;
      const next = known ? [...before, piece] : before;
      const current = best[j];
      if (!current || next.length < current.length) best[j] = next;
    }
    // One-letter linking `s`/`n` between two known pieces.
    if (before.length > 0 && i + 1 < n && LINKS.includes(word.charAt(i))) {
      const current = best[i + 1];
      if (!current || before.length < current.length) best[i + 1] = before;
    }
  }
  const whole = best[n];
  if (whole && whole.length > 0) return whole;
  // A known word at the end of an unknown one ("Kundenmail" with a typo in front): the end decides.
  for (let start = 1; start <= n - 4; start++) {
    const tail = word.slice(start);
    if (MEANINGS.has(tail)) return [tail];
  }
  return undefined;
}

export interface HeaderMeaning {
  /** The header's words, folded. */
  words: string[];
  concepts: ReadonlySet<Concept>;
  /** Numbers written in the header ("Address 2" -> [2]). */
  digits: number[];
  /** Words that are neither known nor stop words. */
  unknown: number;
}

/** What a header says, word by word. */
export function headerMeaning(header: string): HeaderMeaning {
  const words = splitHeader(header);
  const concepts = new Set<Concept>();
  const digits: number[] = [];
  let unknown = 0;
  for (const word of words) {
    if (/^\d+$/.test(word)) {
      digits.push(Number(word));
      continue;
    }
    if (STOP_WORDS.has(word)) continue;
    const pieces = segment(word);
    if (!pieces) {
      unknown++;
      continue;
    }
    for (const piece of pieces) {
      if (NOISE.has(piece)) concepts.add('noise');
      for (const concept of MEANINGS.get(piece) ?? []) concepts.add(concept);
    }
  }
  return { words, concepts, digits, unknown };
}
