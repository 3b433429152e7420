import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrderFile, type ImportPreview, type ParseOrderFileOptions } from './index.ts';

const FIXTURES = new URL('../../../test/fixtures/import/', import.meta.url);

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The few cp1252 bytes above 0x7F that are not Latin-1 (enough for the fixtures). */
const CP1252_EXTRA: Record<string, number> = {
  '€': 0x80,
  '„': 0x84,
  '–': 0x96,
  '—': 0x97,
  '“': 0x93,
  '”': 0x94,
};

/** What German Excel's "CSV (Trennzeichen-getrennt)" writes: Windows-1252 bytes. */
function toCp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_EXTRA[ch];
    if (byte === undefined) throw new Error(`Not in the test's cp1252 table: ${ch}`);
    return byte;
  });
}

/** What Russian Excel writes: Windows-1251 (Cyrillic block, Ё/ё, guillemets, №). */
function toCp1251(text: string): Uint8Array {
  const extra: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '№': 0xb9 };
  return Uint8Array.from([...text], (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    const byte = extra[ch];
    if (byte === undefined) throw new Error(`Not in the test's cp1251 table: ${ch}`);
    return byte;
  });
}

/** Excel's "Unicode Text": UTF-16LE with BOM. */
function toUtf16LeWithBom(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}

function withUtf8Bom(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
}

function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

interface Case {
  name: string;
  bytes: () => Uint8Array;
  options?: ParseOrderFileOptions;
  detected: Partial<ImportPreview['detected']>;
  /** Expected orders (compared exactly, so absent optional properties must stay absent). */
  orders?: ImportPreview['orders'];
  /** Order ids expected, when the full orders are not spelled out. */
  orderIds?: string[];
  errors?: { row: number; code: string; column?: string; value?: string }[];
}

const cases: Case[] = [
  {
    name: 'Amazon tab report: two items of one order merge; ISO time and zone keep the written day',
    bytes: () => fixture('amazon-orders.tsv'),
    detected: { preset: 'amazon', delimiter: '\t', encoding: 'utf-8', dateOrder: 'YMD', rowCount: 3 },
    orders: [
      {
        orderId: '302-1234567-1234567',
        source: 'amazon',
        // 23:30 at -08:00 is already the 8th in UTC; the seller saw the 7th.
        orderedAt: '2026-03-07',
        buyer: { name: 'Jürgen Groß', email: 'abc123xyz@marketplace.amazon.de', phone: '+49 351 1234567' },
        address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', region: 'Sachsen', country: 'DE' },
        lines: [
          { sku: 'MUG-BLUE', title: 'Tasse "Elbflorenz", blau', quantity: 1 },
          { sku: 'MUG-RED', title: 'Tasse "Elbflorenz", rot', quantity: 2 },
        ],
        rows: [2, 3],
      },
      {
        orderId: '028-7654321-7654321',
        source: 'amazon',
        orderedAt: '2026-03-08',
        // No buyer-name: the recipient is the buyer. ship-address-1 blank: address-2 is the street.
        buyer: { name: 'Anna Svensson', email: 'def456@marketplace.amazon.de' },
        address: { line1: 'c/o Lager Nord, Tor 3', zip: '20095', city: 'Hamburg', country: 'DE' },
        lines: [{ sku: 'TEE-M', title: 'T-Shirt Größe M', quantity: 1 }],
        rows: [4],
      },
    ],
    errors: [],
  },
  {
    name: 'Shopify: line items repeat the order with blank buyer fields; guard apostrophes removed',
    bytes: () => fixture('shopify-orders.csv'),
    detected: { preset: 'shopify', delimiter: ',', dateOrder: 'YMD', rowCount: 4 },
    orders: [
      {
        orderId: '#1001',
        source: 'shopify',
        orderedAt: '2026-03-07',
        buyer: { name: 'Jane Doe', email: 'jane@example.com', phone: '+1 617 555 0100' },
        address: {
          line1: '1 Main St',
          line2: 'Apt 2',
          zip: '02134',
          city: 'Boston',
          region: 'MA',
          country: 'US',
        },
        lines: [
          { sku: 'MUG-BLUE', title: 'Mug - Blue', quantity: 1 },
          { sku: 'MUG-RED', title: 'Mug - Red, large', quantity: 2 },
          { title: 'Gift wrap', quantity: 1 },
        ],
        rows: [2, 3, 4],
      },
      {
        orderId: '#1002',
        source: 'shopify',
        orderedAt: '2026-03-08',
        buyer: { name: 'Bob Smith', email: 'bob@example.co.uk' },
        address: {
          name: 'Alice Smith',
          line1: '10 High Street',
          zip: 'SW1A 1AA',
          city: 'London',
          country: 'GB',
        },
        lines: [{ sku: 'STK-3', title: 'Sticker pack', quantity: 3 }],
        rows: [5],
      },
    ],
    errors: [],
  },
  {
    name: 'eBay: blank line before the header, summary row + item rows, footer lines dropped',
    bytes: () => fixture('ebay-orders.csv'),
    detected: { preset: 'ebay', delimiter: ',', dateOrder: 'MDY', headerRow: 2, rowCount: 4 },
    orders: [
      {
        orderId: '12-14302-83155',
        source: 'ebay',
        orderedAt: '2026-03-09',
        buyer: { name: 'Max Mustermann', email: 'max@example.de', phone: '0221 123456' },
        address: { line1: 'Lindenweg 7', zip: '50667', city: 'Köln', country: 'DE' },
        lines: [{ sku: 'KEY-01', title: 'Vintage brass key', quantity: 1 }],
        rows: [3],
      },
      {
        orderId: '05-14310-27688',
        source: 'ebay',
        orderedAt: '2026-03-10',
        buyer: { name: 'Pat Lee', email: 'pat@example.com' },
        address: { line1: '55 Elm Road', zip: 'LS1 4AP', city: 'Leeds', country: 'GB' },
        // The summary row's quantity 3 is the total of its item rows, not a line of its own.
        lines: [
          { sku: 'BOWL-G', title: 'Stoneware bowl, green', quantity: 2 },
          { sku: 'CUP-W', title: 'Stoneware cup', quantity: 1 },
        ],
        rows: [4, 5, 6],
      },
    ],
    errors: [],
  },
  {
    name: 'Etsy sold orders: MM/DD/YY all <= 12 is settled by the preset, Number of Items is the quantity',
    bytes: () => fixture('etsy-sold-orders.csv'),
    options: { localeDateOrder: 'DMY' },
    detected: { preset: 'etsy', dateOrder: 'MDY', rowCount: 2 },
    orders: [
      {
        orderId: '3012345678',
        source: 'etsy',
        orderedAt: '2026-03-07',
        buyer: { name: 'Louise Martin' },
        address: { line1: '12 Rue des Lilas', zip: '69001', city: 'Lyon', country: 'FR' },
        lines: [{ sku: 'RING-S,RING-M', quantity: 2 }],
        rows: [2],
      },
      {
        orderId: '3012345679',
        source: 'etsy',
        orderedAt: '2026-03-08',
        buyer: { name: 'Erik Johansson' },
        address: { line1: 'Storgatan 1', line2: 'lgh 1102', zip: '114 51', city: 'Stockholm', country: 'SE' },
        lines: [{ sku: 'NECK-1', quantity: 1 }],
        rows: [3],
      },
    ],
    errors: [],
  },
  {
    name: 'Etsy sold order items: one row per item merges by Order ID',
    bytes: () => fixture('etsy-sold-order-items.csv'),
    detected: { preset: 'etsy', dateOrder: 'MDY', rowCount: 3 },
    orders: [
      {
        orderId: '3012345690',
        source: 'etsy',
        orderedAt: '2026-03-14',
        buyer: { name: 'Louise Martin' },
        address: { line1: '12 Rue des Lilas', zip: '69001', city: 'Lyon', country: 'FR' },
        lines: [
          { sku: 'RING-S', title: 'Silver ring, size S', quantity: 1 },
          { sku: 'RING-M', title: 'Silver ring, size M', quantity: 1 },
        ],
        rows: [2, 3],
      },
      {
        orderId: '3012345691',
        source: 'etsy',
        orderedAt: '2026-03-02',
        buyer: { name: 'Erik Johansson' },
        address: { line1: 'Storgatan 1', line2: 'lgh 1102', zip: '114 51', city: 'Stockholm', country: 'SE' },
        lines: [{ sku: 'NECK-1', title: 'Pendant "Moon"', quantity: 2 }],
        rows: [4],
      },
    ],
    errors: [],
  },
  {
    name: 'WooCommerce: billing buyer, shipping recipient, multi-row order',
    bytes: () => fixture('woocommerce-orders.csv'),
    detected: { preset: 'woocommerce', dateOrder: 'YMD', rowCount: 3 },
    orders: [
      {
        orderId: '4711',
        source: 'woocommerce',
        orderedAt: '2026-03-07',
        buyer: { name: 'Sabine Weber', email: 'sabine@example.de', phone: '089 1234567' },
        address: {
          name: 'Thomas Weber',
          line1: 'Gartenstraße 12',
          line2: '3. OG',
          zip: '80331',
          city: 'München',
          region: 'BY',
          country: 'DE',
        },
        lines: [
          { sku: 'CNDL-LAV', title: 'Kerze "Lavendel"', quantity: 2 },
          { sku: 'SOAP-ROSE', title: 'Seife Rose', quantity: 1 },
        ],
        rows: [2, 3],
      },
      {
        orderId: '4712',
        source: 'woocommerce',
        orderedAt: '2026-03-08',
        buyer: { name: 'Lars Berg', email: 'lars@example.se' },
        address: { line1: 'Hamngatan 4', zip: '411 06', city: 'Göteborg', country: 'SE' },
        lines: [{ sku: 'CNDL-LAV', title: 'Kerze "Lavendel"', quantity: 1 }],
        rows: [4],
      },
    ],
    errors: [],
  },
  {
    name: 'German Excel CSV: Windows-1252 with umlauts, €, en dash; ";" despite decimal commas; dd.mm.yyyy',
    bytes: () => toCp1252(fixtureText('generic-de.csv')),
    detected: {
      preset: 'generic',
      encoding: 'windows-1252',
      delimiter: ';',
      dateOrder: 'DMY',
      mapping: {
        orderId: 'Bestellnummer',
        orderedAt: 'Bestelldatum',
        buyerFirstName: 'Vorname',
        buyerLastName: 'Nachname',
        line1: 'Straße',
        houseNumber: 'Hausnummer',
        zip: 'PLZ',
        city: 'Ort',
        country: 'Land',
        sku: 'Artikelnummer',
        title: 'Artikel',
        quantity: 'Menge',
      },
    },
    orders: [
      {
        orderId: 'B-1001',
        source: 'generic',
        orderedAt: '2026-03-03',
        buyer: { name: 'Jürgen Groß' },
        address: { line1: 'Königsallee 12a', zip: '01067', city: 'Dresden', country: 'DE' },
        lines: [{ sku: '0815', title: 'Tasse "Elbflorenz" – Größe L', quantity: 2 }],
        rows: [2],
      },
      {
        orderId: 'B-1002',
        source: 'generic',
        orderedAt: '2026-03-14',
        buyer: { name: 'Änne Müßig' },
        address: { line1: 'Schöne Aussicht 3', zip: '1010', city: 'Wien', country: 'AT' },
        lines: [
          { sku: '0816', title: 'Untersetzer € Edition', quantity: 1 },
          { sku: '0817', title: 'Geschenkpapier', quantity: 1 },
        ],
        rows: [3, 4],
      },
    ],
    errors: [],
  },
  {
    name: 'The same German file as UTF-8 gives the same orders',
    bytes: () => fixture('generic-de.csv'),
    detected: { encoding: 'utf-8', delimiter: ';', dateOrder: 'DMY' },
    orderIds: ['B-1001', 'B-1002'],
    errors: [],
  },
  {
    name: 'Swedish: UTF-8 with BOM and CRLF, Ordernummer/Namn/Postnummer/Antal, "Sverige"',
    bytes: () => withUtf8Bom(fixtureText('generic-sv.csv')),
    detected: { preset: 'generic', encoding: 'utf-8', delimiter: ';', dateOrder: 'YMD' },
    orders: [
      {
        orderId: 'SE-501',
        source: 'generic',
        orderedAt: '2026-03-07',
        buyer: { name: 'Åsa Öberg', email: 'asa@example.se', phone: '070-123 45 67' },
        address: { line1: 'Drottninggatan 5', zip: '111 51', city: 'Stockholm', country: 'SE' },
        lines: [{ sku: 'K-1', title: 'Kopp, blå', quantity: 2 }],
        rows: [2],
      },
      {
        orderId: 'SE-502',
        source: 'generic',
        orderedAt: '2026-03-09',
        buyer: { name: 'Björn Ärlig' },
        address: { line1: 'Kungsportsavenyn 2', zip: '411 36', city: 'Göteborg', country: 'SE' },
        lines: [{ sku: 'K-2', title: 'Fat', quantity: 1 }],
        rows: [3],
      },
    ],
    errors: [],
  },
  {
    name: 'Russian: Номер заказа/ФИО/Индекс/Количество, "Россия" and "РФ"',
    bytes: () => fixture('generic-ru.csv'),
    detected: { preset: 'generic', encoding: 'utf-8', delimiter: ';', dateOrder: 'DMY' },
    orders: [
      {
        orderId: 'RU-77',
        source: 'generic',
        orderedAt: '2026-03-05',
        buyer: { name: 'Иванов Иван Иванович', phone: '+7 495 123-45-67' },
        address: { line1: 'ул. Ленина, д. 5, кв. 12', zip: '101000', city: 'Москва', country: 'RU' },
        lines: [{ sku: 'ЧШК-1', title: 'Чашка «Хохлома»', quantity: 2 }],
        rows: [2],
      },
      {
        orderId: 'RU-78',
        source: 'generic',
        orderedAt: '2026-03-17',
        buyer: { name: 'Петрова Анна' },
        address: { line1: 'Невский пр., д. 1', zip: '191186', city: 'Санкт-Петербург', country: 'RU' },
        lines: [{ sku: 'ЧШК-2', title: 'Блюдце', quantity: 1 }],
        rows: [3],
      },
    ],
    errors: [],
  },
  {
    name: 'Russian Excel CSV in Windows-1251 is recognised',
    bytes: () => toCp1251(fixtureText('generic-ru.csv')),
    detected: { encoding: 'windows-1251', delimiter: ';' },
    orderIds: ['RU-77', 'RU-78'],
    errors: [],
  },
  {
    name: 'Excel "Unicode Text": UTF-16LE with BOM, tabs',
    bytes: () => toUtf16LeWithBom(fixtureText('generic-en.tsv')),
    detected: { preset: 'generic', encoding: 'utf-16le', delimiter: '\t', dateOrder: 'YMD' },
    orders: [
      {
        orderId: 'A-1',
        source: 'generic',
        orderedAt: '2026-03-07',
        buyer: { name: 'Jane Doe', phone: '0044 20 7946 0018' },
        address: { line1: '1 Main St', zip: '02134', city: 'Boston', country: 'US' },
        lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 1 }],
        rows: [2],
      },
      {
        orderId: 'A-2',
        source: 'generic',
        orderedAt: '2026-03-08',
        buyer: { name: 'John Roe' },
        address: { line1: '9 Side Rd', zip: 'M5V 2T6', city: 'Toronto', country: 'CA' },
        lines: [{ sku: 'MUG-2', title: 'Big mug', quantity: 2 }],
        rows: [3],
      },
    ],
    errors: [],
  },
  {
    name: 'UTF-16LE without BOM is recognised by its NUL bytes',
    bytes: () => new Uint8Array(Buffer.from(fixtureText('generic-en.tsv'), 'utf16le')),
    detected: { encoding: 'utf-16le', delimiter: '\t' },
    orderIds: ['A-1', 'A-2'],
    errors: [],
  },
  {
    name: 'Quoted newline, doubled quotes and commas inside quotes; row numbers count physical lines',
    bytes: () => fixture('quoted.csv'),
    detected: { delimiter: ',', rowCount: 2 },
    orders: [
      {
        orderId: 'Q-1',
        source: 'generic',
        orderedAt: '2026-03-07',
        buyer: { name: 'Doe, Jane' },
        address: { line1: '1 Main St\nApt 2', zip: '02134', city: 'Boston', country: 'US' },
        lines: [{ title: 'Mug "Boston", 12 oz', quantity: 1 }],
        rows: [2],
      },
      {
        orderId: 'Q-2',
        source: 'generic',
        orderedAt: '2026-03-07',
        buyer: { name: 'John Roe' },
        address: { line1: '9 Side Rd', zip: '10001', city: 'New York', country: 'US' },
        lines: [{ title: 'Plate', quantity: 2 }],
        rows: [4],
      },
    ],
    errors: [],
  },
  {
    name: 'Ambiguous date column: reported, previewed with the locale suggestion',
    bytes: () => fixture('dates-ambiguous.csv'),
    options: { localeDateOrder: 'MDY' },
    detected: { dateOrder: 'ambiguous', suggestedDateOrder: 'MDY' },
    orderIds: ['D-1', 'D-2', 'D-3'],
    errors: [],
  },
  {
    name: 'Ambiguous date column defaults to suggesting DMY',
    bytes: () => fixture('dates-ambiguous.csv'),
    detected: { dateOrder: 'ambiguous', suggestedDateOrder: 'DMY' },
    orderIds: ['D-1', 'D-2', 'D-3'],
    errors: [],
  },
  {
    name: 'One 03/25 decides MDY for the whole column, with a time and a two-digit year',
    bytes: () => fixture('dates-mdy.csv'),
    options: { localeDateOrder: 'DMY' },
    detected: { dateOrder: 'MDY' },
    orderIds: ['D-1', 'D-2', 'D-3'],
    errors: [],
  },
  {
    name: 'One 25/03 decides DMY for the whole column',
    bytes: () => fixture('dates-dmy.csv'),
    options: { localeDateOrder: 'MDY' },
    detected: { dateOrder: 'DMY' },
    orderIds: ['D-1', 'D-2', 'D-3'],
    errors: [],
  },
  {
    name: 'Excel scientific notation in an order id and a phone',
    bytes: () => fixture('excel-scientific.csv'),
    detected: { delimiter: ';' },
    orderIds: ['B-3'],
    errors: [
      { row: 2, code: 'excel_scientific', column: 'Bestellnummer', value: '1,23457E+17' },
      { row: 3, code: 'excel_scientific', column: 'Telefon', value: '5,58199E+12' },
    ],
  },
  {
    name: 'Bad rows are reported with their row and column; the other orders still import',
    bytes: () => fixture('bad-rows.csv'),
    detected: { delimiter: ',', rowCount: 8 },
    orderIds: ['X-1', 'X-8'],
    errors: [
      { row: 3, code: 'missing_order_id', column: 'Order ID' },
      { row: 4, code: 'invalid_date', column: 'Date', value: '2026-02-30' },
      { row: 5, code: 'invalid_quantity', column: 'Qty', value: 'two' },
      { row: 6, code: 'broken_quoting' },
      { row: 7, code: 'broken_quoting' },
      { row: 8, code: 'invalid_quantity', column: 'Qty', value: '0' },
    ],
  },
  {
    name: 'Merged rows: case and country spelling may differ, a different zip may not',
    bytes: () => fixture('conflicting-rows.csv'),
    detected: {},
    orderIds: ['C-1'],
    errors: [{ row: 5, code: 'conflicting_rows', column: 'Zip', value: '22223' }],
  },
];

describe('parseOrderFile', () => {
  it.each(cases)('$name', (c) => {
    const preview = parseOrderFile(c.bytes(), c.options);
    expect(preview.detected).toMatchObject(c.detected);
    if (c.orders) expect(preview.orders).toEqual(c.orders);
    if (c.orderIds) expect(preview.orders.map((o) => o.orderId)).toEqual(c.orderIds);
    if (c.errors) {
      expect(
        preview.errors.map((e) => {
          const picked: { row: number; code: string; column?: string; value?: string } = {
            row: e.row,
            code: e.code,
          };
          const expected = c.errors?.find((x) => x.row === e.row && x.code === e.code);
          if (expected?.column !== undefined) picked.column = e.column ?? '';
          if (expected?.value !== undefined) picked.value = e.value ?? '';
          return picked;
        }),
      ).toEqual(c.errors);
    }
    // Every error says why in English.
    for (const e of preview.errors) expect(e.message).toMatch(/^[A-Z].*\.$/);
  });
});

describe('parseOrderFile options', () => {
  it('reads an ambiguous column the way the seller forces it', () => {
    const dmy = parseOrderFile(fixture('dates-ambiguous.csv'), { dateOrder: 'DMY' });
    const mdy = parseOrderFile(fixture('dates-ambiguous.csv'), { dateOrder: 'MDY' });
    expect(dmy.detected.dateOrder).toBe('DMY');
    expect(dmy.orders.map((o) => o.orderedAt)).toEqual(['2026-04-03', '2026-06-05', '2026-11-12']);
    expect(mdy.orders.map((o) => o.orderedAt)).toEqual(['2026-03-04', '2026-05-06', '2026-12-11']);
    expect(mdy.detected.suggestedDateOrder).toBeUndefined();
  });

  it('keeps the calendar day of Shopify and ISO timestamps whatever the offset', () => {
    const csv = [
      'Order ID,Date,Name,Address,Zip,City,Country',
      'T-1,2026-03-07T23:30:00-08:00,A,1 St,1,X,US',
      'T-2,2026-03-07T00:10:00Z,A,1 St,1,X,US',
      'T-3,2026-03-07 10:15:00 +0100,A,1 St,1,X,US',
      'T-4,2026-03-07T00:30:00+14:00,A,1 St,1,X,US',
    ].join('\n');
    const preview = parseOrderFile(utf8(csv));
    expect(preview.orders.map((o) => o.orderedAt)).toEqual([
      '2026-03-07',
      '2026-03-07',
      '2026-03-07',
      '2026-03-07',
    ]);
  });

  it('forces a preset and overrides single fields of its mapping', () => {
    const preview = parseOrderFile(fixture('shopify-orders.csv'), {
      preset: 'shopify',
      mapping: { zip: 'Billing Zip', phone: '' },
    });
    expect(preview.detected.mapping['zip']).toBe('Billing Zip');
    expect(preview.detected.mapping['phone']).toBeUndefined();
    const first = preview.orders[0];
    expect(first?.address.zip).toBe('02134');
    expect(first?.buyer).toEqual({ name: 'Jane Doe', email: 'jane@example.com' });
  });

  it('reports an override naming a column the file lacks', () => {
    const preview = parseOrderFile(fixture('quoted.csv'), { mapping: { zip: 'Postleitzahl' } });
    expect(preview.errors).toContainEqual(
      expect.objectContaining({ code: 'unknown_column', row: 1, value: 'Postleitzahl', field: 'zip' }),
    );
  });

  it('reports required fields without a column and imports nothing', () => {
    const preview = parseOrderFile(utf8('Order ID;Name;Zip\nA-1;Ann;11111\n'));
    expect(preview.orders).toEqual([]);
    expect(preview.errors.map((e) => [e.code, e.field])).toEqual([
      ['missing_column', 'orderedAt'],
      ['missing_column', 'line1'],
      ['missing_column', 'city'],
      ['missing_column', 'country'],
    ]);
  });

  it('uses defaultCountry for a domestic list without a country column', () => {
    const csv = 'Bestellnummer;Datum;Name;Straße;PLZ;Ort\nB-1;01.02.2026;Jürgen;Weg 1;01067;Dresden\n';
    const preview = parseOrderFile(utf8(csv), { defaultCountry: 'DE' });
    expect(preview.errors).toEqual([]);
    expect(preview.orders[0]?.address.country).toBe('DE');
  });

  it('honours a forced encoding and delimiter', () => {
    const bytes = toCp1252(
      'Order ID|Date|Name|Address|Zip|City|Country\nA-1|2026-03-07|Jörg|Weg 1|1|Köln|DE\n',
    );
    const preview = parseOrderFile(bytes, { encoding: 'windows-1252', delimiter: '|' });
    expect(preview.detected).toMatchObject({ encoding: 'windows-1252', delimiter: '|' });
    expect(preview.orders[0]?.buyer.name).toBe('Jörg');
  });

  it('attaches eBay item rows with a blank order number to the order above', () => {
    const lines = fixtureText('ebay-orders.csv').split('\r\n');
    // Item rows of the multi-item order without the repeated order number.
    const patched = lines.map((l) =>
      l.startsWith('"1203"') || l.startsWith('"1204"') ? l.replace('"05-14310-27688"', '""') : l,
    );
    const preview = parseOrderFile(utf8(patched.join('\r\n')));
    expect(preview.errors).toEqual([]);
    expect(preview.orders[1]?.lines.map((l) => l.sku)).toEqual(['BOWL-G', 'CUP-W']);
    expect(preview.orders[1]?.rows).toEqual([4, 5, 6]);
  });

  it('reads a Shopware 5 orders main data export (semicolons, camelCase, one row per order)', () => {
    const header =
      'orderId;orderNumber;invoiceAmount;paymentStatus;orderStatus;currency;trackingCode;orderTime;email;customerNumber;customerGroup;billingSalutation;billingFirstName;billingLastName;billingStreet;billingZipCode;billingCity;billingPhone;billingCountry;shippingSalutation;shippingFirstName;shippingLastName;shippingCompany;shippingStreet;shippingZipCode;shippingCity;shippingAdditionalAddressLine1;shippingState;shippingCountry';
    const row =
      '57;20031;49,90;12;0;EUR;;2026-11-20 14:31:07;jonas@example.de;20005;Shopkunden;mr;Jonas;Keller;Lindenweg 3;28195;Bremen;0421 123456;Deutschland;mr;Jonas;Keller;;Hafenstraße 12;20457;Hamburg;Hinterhaus;;Deutschland';
    const preview = parseOrderFile(utf8(`${header}\r\n${row}\r\n`));
    expect(preview.errors).toEqual([]);
    expect(preview.detected.preset).toBe('shopware5');
    expect(preview.orders).toHaveLength(1);
    expect(preview.orders[0]).toMatchObject({
      orderId: '20031',
      orderedAt: '2026-11-20',
      buyer: { name: 'Jonas Keller', email: 'jonas@example.de' },
      address: { line1: 'Hafenstraße 12', line2: 'Hinterhaus', zip: '20457', city: 'Hamburg', country: 'DE' },
    });
  });

  it('reports an empty file', () => {
    const preview = parseOrderFile(new Uint8Array());
    expect(preview.orders).toEqual([]);
    expect(preview.errors.map((e) => e.code)).toEqual(['empty_file']);
  });

  it('rejects an unknown preset id', () => {
    expect(() => parseOrderFile(fixture('quoted.csv'), { preset: 'nope' })).toThrow(RangeError);
  });
});
