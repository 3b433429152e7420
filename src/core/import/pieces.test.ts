import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  detectDelimiter,
  detectPreset,
  headerSignature,
  isExcelScientific,
  normalizeCountry,
  parseDate,
  parseDateColumn,
  readTable,
  tokenize,
  type DateOrder,
} from './index.ts';

describe('tokenize', () => {
  it.each([
    {
      name: 'LF',
      text: 'a,b\nc,d\n',
      cells: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      lines: [1, 2],
    },
    {
      name: 'CRLF',
      text: 'a,b\r\nc,d',
      cells: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      lines: [1, 2],
    },
    {
      name: 'lone CR',
      text: 'a,b\rc,d\r',
      cells: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      lines: [1, 2],
    },
    { name: 'empty cells', text: ',,\n', cells: [['', '', '']], lines: [1] },
    { name: 'blank line', text: 'a\n\nb', cells: [['a'], [''], ['b']], lines: [1, 2, 3] },
    {
      name: 'quoted newline moves later rows down',
      text: '"x\r\ny",1\nz,2',
      cells: [
        ['x\r\ny', '1'],
        ['z', '2'],
      ],
      lines: [1, 3],
    },
    { name: 'doubled quotes', text: '"say ""hi""",b', cells: [['say "hi"', 'b']], lines: [1] },
    {
      name: 'quote inside an unquoted cell is literal',
      text: '5" tall,b',
      cells: [['5" tall', 'b']],
      lines: [1],
    },
    { name: 'quoted empty cell', text: '"",b', cells: [['', 'b']], lines: [1] },
  ])('$name', ({ text, cells, lines }) => {
    const records = tokenize(text, ',');
    expect(records.map((r) => r.cells)).toEqual(cells);
    expect(records.map((r) => r.line)).toEqual(lines);
    expect(records.every((r) => r.problem === undefined)).toBe(true);
  });

  it('flags text after a closing quote and keeps reading', () => {
    const records = tokenize('"ab"c,d\ne,f', ',');
    expect(records[0]).toMatchObject({ cells: ['abc', 'd'], problem: 'text_after_quote' });
    expect(records[1]).toMatchObject({ cells: ['e', 'f'], line: 2 });
  });

  it('loses only the line of an unterminated quote', () => {
    const records = tokenize('a,"open\nb,c\nd,e', ',');
    expect(records[0]).toMatchObject({ line: 1, problem: 'unterminated_quote' });
    expect(records.slice(1).map((r) => [r.line, r.cells])).toEqual([
      [2, ['b', 'c']],
      [3, ['d', 'e']],
    ]);
  });

  it('treats a stray quote that pairs with one lines later as unterminated', () => {
    const records = tokenize('1,"broken\n2,x\n3,"ok"\n4,y', ',');
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(records[0]?.problem).toBe('unterminated_quote');
    expect(records[2]).toMatchObject({ cells: ['3', 'ok'] });
  });

  it('skips the copying of columns the caller does not keep', () => {
    expect(tokenize('a,b,c\n', ',', { keep: [true, false, true] })[0]?.cells).toEqual(['a', '', 'c']);
  });
});

describe('detectDelimiter', () => {
  it.each([
    { name: 'comma', text: 'a,b,c\n1,2,3\n', expected: ',' },
    {
      name: 'semicolon with decimal commas',
      text: 'Nr;Preis;Menge\n1;12,50;2\n2;3,99;1\n3;1000;1\n',
      expected: ';',
    },
    { name: 'tab with commas in values', text: 'id\tname\n1\tDoe, Jane\n2\tRoe, John\n', expected: '\t' },
    { name: 'pipe', text: 'a|b\n1|2\n', expected: '|' },
    { name: 'comma with quoted semicolons', text: 'a,b\n"x;y",2\n"z;w",3\n', expected: ',' },
    { name: 'blank lines first', text: '\n\na;b;c\n1;2;3\n', expected: ';' },
  ])('$name', ({ text, expected }) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('decodeBytes', () => {
  it('decodes Windows-1252 0x80-0x9F per WHATWG (not as Latin-1)', () => {
    const decoded = decodeBytes(
      Uint8Array.from([0x80, 0x84, 0x93, 0x94, 0x96, 0x9f, 0x20, 0xe4, 0x20, 0xdf]),
    );
    expect(decoded).toEqual({ text: '€„“”–Ÿ ä ß', encoding: 'windows-1252', bom: false });
  });

  it.each([
    {
      name: 'UTF-8 BOM',
      bytes: [0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa4],
      text: 'Aä',
      encoding: 'utf-8',
      bom: true,
    },
    {
      name: 'UTF-16LE BOM',
      bytes: [0xff, 0xfe, 0x41, 0, 0xe4, 0],
      text: 'Aä',
      encoding: 'utf-16le',
      bom: true,
    },
    {
      name: 'UTF-16BE BOM',
      bytes: [0xfe, 0xff, 0, 0x41, 0, 0xe4],
      text: 'Aä',
      encoding: 'utf-16be',
      bom: true,
    },
    { name: 'plain UTF-8', bytes: [0x41, 0xc3, 0xa4], text: 'Aä', encoding: 'utf-8', bom: false },
  ])('$name', ({ bytes, text, encoding, bom }) => {
    expect(decodeBytes(Uint8Array.from(bytes))).toEqual({ text, encoding, bom });
  });

  it('honours a forced label and still drops a BOM', () => {
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'utf8').text).toBe('A');
    expect(decodeBytes(Uint8Array.from([0xe4]), 'latin1')).toMatchObject({
      text: 'ä',
      encoding: 'windows-1252',
    });
  });
});

describe('dates', () => {
  it.each<{ value: string; order: DateOrder; expected: string | null }>([
    { value: '07.03.2026', order: 'DMY', expected: '2026-03-07' },
    { value: '07-03-2026', order: 'DMY', expected: '2026-03-07' },
    { value: '07/03/2026', order: 'DMY', expected: '2026-03-07' },
    { value: '03/07/2026', order: 'MDY', expected: '2026-03-07' },
    { value: '03/07/26', order: 'MDY', expected: '2026-03-07' },
    { value: '7.3.26 14:05', order: 'DMY', expected: '2026-03-07' },
    { value: 'Mar-09-26', order: 'DMY', expected: '2026-03-09' },
    { value: '09-Mar-2026', order: 'MDY', expected: '2026-03-09' },
    { value: '2026-03-07', order: 'DMY', expected: '2026-03-07' },
    { value: '2026-03-07T23:30:00-08:00', order: 'DMY', expected: '2026-03-07' },
    { value: '2026-03-07T10:15:00Z', order: 'DMY', expected: '2026-03-07' },
    { value: '2026-03-07 10:15:00 +0100', order: 'MDY', expected: '2026-03-07' },
    { value: '2026/03/07', order: 'MDY', expected: '2026-03-07' },
    { value: '3/25/2026 4:05:00 PM', order: 'MDY', expected: '2026-03-25' },
    { value: '29.02.2028', order: 'DMY', expected: '2028-02-29' },
    { value: '29.02.2026', order: 'DMY', expected: null },
    { value: '31.04.2026', order: 'DMY', expected: null },
    { value: '07.03.2026 banana', order: 'DMY', expected: null },
    { value: '46088', order: 'DMY', expected: null },
    { value: '07.03.2026', order: 'YMD', expected: null },
  ])('$value as $order', ({ value, order, expected }) => {
    expect(parseDate(value, order)).toBe(expected);
  });

  it.each([
    { name: 'a day above 12 first settles DMY', values: ['01.02.2026', '13.02.2026'], order: 'DMY' },
    { name: 'a day above 12 second settles MDY', values: ['01/02/2026', '02/13/2026'], order: 'MDY' },
    { name: 'all <= 12 is ambiguous', values: ['01/02/2026', '03/04/2026'], order: 'ambiguous' },
    { name: 'ISO only', values: ['2026-03-07', ''], order: 'YMD' },
    { name: 'eBay month names', values: ['Mar-09-26'], order: 'MDY' },
  ])('$name', ({ values, order }) => {
    expect(parseDateColumn(values).order).toBe(order);
  });

  it('never decides row by row: the first value follows the column', () => {
    const column = parseDateColumn(['03.04.2026', '25.04.2026'], { localeDateOrder: 'MDY' });
    expect(column).toEqual({ order: 'DMY', used: 'DMY', dates: ['2026-04-03', '2026-04-25'] });
  });

  it('reports values that contradict the majority as invalid', () => {
    const column = parseDateColumn(['13/01/2026', '14/01/2026', '01/13/2026']);
    expect(column.order).toBe('DMY');
    expect(column.dates).toEqual(['2026-01-13', '2026-01-14', null]);
  });

  it('suggests the locale order for an ambiguous column, or the format hint settles it', () => {
    expect(parseDateColumn(['01/02/2026'], { localeDateOrder: 'MDY' })).toEqual({
      order: 'ambiguous',
      used: 'MDY',
      suggested: 'MDY',
      dates: ['2026-01-02'],
    });
    expect(parseDateColumn(['01/02/26'], { formatHint: 'MDY', localeDateOrder: 'DMY' }).order).toBe('MDY');
  });
});

describe('normalizeCountry', () => {
  it.each([
    ['Deutschland', 'DE'],
    ['Germany', 'DE'],
    ['Tyskland', 'DE'],
    ['Германия', 'DE'],
    ['Sverige', 'SE'],
    ['Россия', 'RU'],
    ['Российская Федерация', 'RU'],
    ['United States', 'US'],
    ['U.S.A.', 'US'],
    ['UK', 'GB'],
    ['Vereinigtes Königreich', 'GB'],
    ['Österreich', 'AT'],
    ['de', 'DE'],
    ['  fr ', 'FR'],
    ['Atlantis', 'Atlantis'],
  ])('%s -> %s', (text, code) => {
    expect(normalizeCountry(text)).toBe(code);
  });
});

describe('isExcelScientific', () => {
  it.each([
    ['1.23457E+17', true],
    ['5,58199E+12', true],
    ['1E+5', true],
    ['1.23457e+17', true],
    ['+49 351 1234', false],
    ['12-345E+1', false],
    ['01067', false],
    ['E+12', false],
  ])('%s', (value, expected) => {
    expect(isExcelScientific(value)).toBe(expected);
  });
});

describe('headerSignature', () => {
  it('ignores order, case and punctuation but not the set of columns', () => {
    const a = headerSignature(['Order ID', 'E-Mail', 'PLZ']);
    expect(headerSignature(['plz', 'order id', 'Email'])).toBe(a);
    expect(headerSignature(['Order ID', 'E-Mail'])).not.toBe(a);
    expect(a).toMatch(/^v1:3:[0-9a-f]{16}$/);
  });
});

describe('detectPreset', () => {
  it.each([
    [['order-id', 'order-item-id', 'purchase-date', 'sku', 'ship-postal-code', 'recipient-name'], 'amazon'],
    [['Name', 'Email', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Shipping Zip'], 'shopify'],
    [['Sales Record Number', 'Order Number', 'Buyer Username', 'Ship To Zip', 'Item Title'], 'ebay'],
    [['Sale Date', 'Order ID', 'Delivery City', 'Delivery Zipcode', 'Buyer'], 'etsy'],
    [['Order ID', 'Order Date', 'Billing First Name', 'Shipping Postcode', 'Item Name'], 'woocommerce'],
    [['Bestellnummer', 'Name', 'PLZ'], 'generic'],
    [['Name', 'Email'], 'generic'],
  ])('%j -> %s', (headers, id) => {
    expect(detectPreset(headers).id).toBe(id);
  });
});

describe('readTable', () => {
  it('skips blank and title lines before the header and report footers after the data', () => {
    const text =
      '\nOrders March\nid,name,zip\n1,Ann,01067\n\n2,Ben,02134\nTotal: 2\n\n3 record(s) downloaded\n';
    const table = readTable(text);
    expect(table.headers).toEqual(['id', 'name', 'zip']);
    expect(table.headerLine).toBe(3);
    expect(table.rows.map((r) => [r.line, r.cells])).toEqual([
      [4, ['1', 'Ann', '01067']],
      [6, ['2', 'Ben', '02134']],
    ]);
    expect(table.footerLines).toEqual([7, 9]);
  });

  it("trims cells and removes Shopify's guard apostrophe before digits only", () => {
    const table = readTable("a,b,c,d\n'02134, x ,'+1 555,'Tis\n");
    expect(table.rows[0]?.cells).toEqual(['02134', 'x', '+1 555', "'Tis"]);
  });
});
