import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import type { OrderId } from '../ids.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { decodeBytes } from '../import/decode.ts';
import { tokenize } from '../import/tokenize.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { parseTrackingFile } from '../tracking-sheet/index.ts';
import {
  amazonCarrierCode,
  amazonShippingConfirmation,
  dateOrderOf,
  ebayTrackingUpload,
  formatDay,
  genericShipmentsCsv,
  trackingSheetColumnNames,
  trackingSheetCsv,
} from './index.ts';

const HOSTILE = [
  '=HYPERLINK("http://evil","x")',
  '+49 30 1234',
  '-2+3',
  '@SUM(A1)',
  '\tcmd',
  '\rcmd',
  '\ncmd',
];

function orders(): Order[] {
  return [
    makeOrder({ source: 'amazon', externalId: '114-3941689-8772232', buyer: { name: HOSTILE[0] as string } }),
    makeOrder({
      source: 'ebay',
      externalId: '12-34567-89012',
      address: { line1: 'x', zip: '1', city: HOSTILE[1] as string, country: 'DE' },
    }),
    makeOrder({ source: 'shopify', externalId: '#1001', buyer: { name: 'Jürgen; "Groß"' } }),
    makeOrder({ source: 'shopify', externalId: '-1002', buyer: { name: HOSTILE[3] as string } }),
  ];
}

function parcels(list: Order[]): Map<OrderId, Parcel[]> {
  const [a, b, c] = list as [Order, Order, Order];
  return new Map([
    [
      a.id,
      [
        makeParcel({
          orderId: a.id,
          trackingNumber: '1Z999AA10123456784',
          carrierId: 'ups',
          shippedAt: '2026-03-05',
          remarks: HOSTILE[2] as string,
        }),
      ],
    ],
    [
      b.id,
      [
        makeParcel({
          orderId: b.id,
          trackingNumber: 'RB123456785GB',
          carrierId: 'royal-mail',
          trackingUrl: HOSTILE[4] as string,
        }),
      ],
    ],
    [
      c.id,
      [
        makeParcel({
          orderId: c.id,
          trackingNumber: '00340433836442636597',
          carrierId: 'dhl-paket',
          expectedAt: '2026-03-14',
        }),
        makeParcel({
          orderId: c.id,
          trackingNumber: 'EE123456785SE',
          carrierId: 'postnord',
          remarks: HOSTILE[5] as string,
        }),
      ],
    ],
  ]);
}

const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

/** Read a written file back like a spreadsheet would, and find cells that would run as formulas. */
function formulaCells(text: string, delimiter: string, numericColumns: readonly number[] = []): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const bad: string[] = [];
  for (const record of tokenize(body, delimiter)) {
    record.cells.forEach((cell, i) => {
      if (!FORMULA_START.test(cell)) return;
      if (numericColumns.includes(i) && PLAIN_NUMBER.test(cell)) return;
      bad.push(cell);
    });
  }
  return bad;
}

describe('trackingSheetCsv', () => {
  it.each(LOCALES)('writes %s Excel dialect: BOM, delimiter, translated headers, dates', (locale) => {
    const list = orders();
    const csv = trackingSheetCsv(list, parcels(list), {
      locale,
      dateFormat: 'locale',
      columnNames: trackingSheetColumnNames(locale),
    });
    const delimiter = locale === 'en' ? ',' : ';';
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = tokenize(csv.slice(1), delimiter).filter((r) => r.cells.some((c) => c !== ''));
    expect(records[0]?.cells).toEqual(Object.values(trackingSheetColumnNames(locale)));
    // 4 orders, one of them with two parcels.
    expect(records).toHaveLength(1 + 5);
    expect(formulaCells(csv, delimiter)).toEqual([]);
    const expected: Record<Locale, string> = {
      en: '03/05/2026',
      de: '05.03.2026',
      sv: '2026-03-05',
      ru: '05.03.2026',
    };
    expect(records[1]?.cells[6]).toBe(expected[locale]);
  });

  it.each(LOCALES)('reads back in %s: export, fill in numbers, import finds every order', (locale) => {
    const list = orders();
    const dateFormat = 'locale';
    const written = trackingSheetCsv(list, new Map(), {
      locale,
      dateFormat,
      columnNames: trackingSheetColumnNames(locale),
    });
    // The seller fills in one number per order in Excel and saves (same dialect).
    const numbers = ['1Z999AA10123456784', 'RB123456785GB', '00340433836442636597', 'EE123456785SE'];
    const delimiter = locale === 'en' ? ',' : ';';
    const lines = written.slice(1).split('\r\n');
    const filled = lines
      .map((line, i) => {
        if (i === 0 || line === '') return line;
        const cells = tokenize(line, delimiter)[0]?.cells ?? [];
        cells[3] = numbers[i - 1] as string;
        cells[6] = locale === 'en' ? '03/13/2026' : locale === 'sv' ? '2026-03-13' : '13.03.2026';
        return cells.map((c) => (/[;,"\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter);
      })
      .join('\r\n');
    const bytes = new TextEncoder().encode(`\uFEFF${filled}`);
    const preview = parseTrackingFile(bytes, {
      dateOrder: dateOrderOf(dateFormat, locale),
      knownOrderIds: new Set(list.map((o) => o.externalId)),
    });
    expect(preview.detected.preset).toBe('trackpack');
    expect(preview.errors).toEqual([]);
    expect(preview.updates.map((u) => [u.orderId, u.trackingNumber, u.shippedAt])).toEqual(
      list.map((o, i) => [o.externalId, numbers[i], '2026-03-13']),
    );
  });

  it.each(['de', 'en'] as const)(
    'reads back remarks with separators and formula starts inside as written (%s)',
    (locale) => {
      const VALID_NUMBERS = [
        ['00340433836442636597', 'dhl-paket'],
        ['1Z999AA10123456784', 'ups'],
        ['RB123456785GB', 'royal-mail'],
        ['EE123456785SE', 'postnord'],
      ];
      const remarks = ['Paket 2; -1 Stück', 'x,=1+1', 'Tür | @Nachbar', 'Zeile 1\r\n+2 Kartons'];
      const order = makeOrder({ source: 'shopify', externalId: '#7001' });
      const map = new Map([
        [
          order.id,
          remarks.map((text, i) => {
            const [trackingNumber, carrierId] = VALID_NUMBERS[i] as [string, string];
            return makeParcel({ orderId: order.id, trackingNumber, carrierId, remarks: text });
          }),
        ],
      ]);
      const csv = trackingSheetCsv([order], map, {
        locale,
        dateFormat: 'yyyy-MM-dd',
        columnNames: trackingSheetColumnNames(locale),
      });
      expect(csv).toContain(`"Paket 2;' -1 Stück"`);
      const preview = parseTrackingFile(new TextEncoder().encode(csv), {});
      expect(preview.updates.map((u) => u.remarks)).toEqual(remarks);
    },
  );

  it('reads back its own parcels with carriers, links, dates and remarks', () => {
    const list = orders();
    const csv = trackingSheetCsv(list, parcels(list), {
      locale: 'de',
      dateFormat: 'dd-MM-yyyy',
      columnNames: trackingSheetColumnNames('de'),
    });
    const preview = parseTrackingFile(new TextEncoder().encode(csv), {
      dateOrder: dateOrderOf('dd-MM-yyyy', 'de'),
    });
    expect(preview.detected.delimiter).toBe(';');
    expect(decodeBytes(new TextEncoder().encode(csv)).bom).toBe(true);
    // The Royal Mail row's link is a neutralised formula, not a web link: reported, not imported.
    expect(preview.errors.map((e) => e.code)).toEqual(['invalid_url']);
    expect(preview.updates.map((u) => [u.orderId, u.carrierId])).toEqual([
      ['114-3941689-8772232', 'ups'],
      ['#1001', 'dhl-paket'],
      ['#1001', 'postnord'],
    ]);
    // Our own guard apostrophe comes off on the way back: the remark is what the seller wrote.
    expect(preview.updates[0]).toMatchObject({ shippedAt: '2026-03-05', remarks: '-2+3' });
  });

  it('takes a date formatter', () => {
    const list = orders();
    const csv = trackingSheetCsv(list, parcels(list), {
      locale: 'en',
      dateFormat: (day) => `day ${day}`,
      columnNames: trackingSheetColumnNames('en'),
    });
    expect(csv).toContain('day 2026-03-05');
  });
});

describe('marketplace files', () => {
  it('writes the Amazon shipping confirmation: tab-delimited, Amazon orders only, codes or Other', () => {
    const list = orders();
    const text = amazonShippingConfirmation(list, parcels(list), { defaultShipDate: '2026-03-20' });
    const records = tokenize(text, '\t').filter((r) => r.cells.some((c) => c !== ''));
    expect(records.map((r) => r.cells)).toEqual([
      [
        'order-id',
        'order-item-id',
        'quantity',
        'ship-date',
        'carrier-code',
        'carrier-name',
        'tracking-number',
        'ship-method',
      ],
      ['114-3941689-8772232', '', '', '2026-03-05', 'UPS', '', '1Z999AA10123456784', ''],
    ]);
    expect(formulaCells(text, '\t', [2])).toEqual([]);
  });

  it.each([
    ['ups', 'UPS'],
    ['dhl-paket', 'DHL'],
    ['hermes', 'Hermes Logistik Gruppe'],
    ['royal-mail', 'Royal Mail'],
    ['postnord', 'Other'],
    [undefined, 'Other'],
  ])('Amazon carrier code of %s is %s', (id, code) => {
    expect(amazonCarrierCode(id)).toBe(code);
  });

  it('writes the Amazon ship date fallback and Other with the carrier name', () => {
    const order = makeOrder({ source: 'amazon', externalId: '111-1111111-1111111' });
    const map = new Map([
      [order.id, [makeParcel({ orderId: order.id, trackingNumber: 'EE123456785SE', carrierId: 'postnord' })]],
    ]);
    const text = amazonShippingConfirmation([order], map, { defaultShipDate: '2026-03-20' });
    expect(text.split('\r\n')[1]).toBe(
      '111-1111111-1111111\t\t\t2026-03-20\tOther\tPostNord\tEE123456785SE\t',
    );
  });

  it('writes the eBay tracking upload for eBay orders only', () => {
    const list = orders();
    const text = ebayTrackingUpload(list, parcels(list));
    const records = tokenize(text, ',').filter((r) => r.cells.some((c) => c !== ''));
    expect(records[0]?.cells).toEqual([
      'Shipping Status',
      'Order Number',
      'Item Number',
      'Item Title',
      'Custom Label',
      'Transaction ID',
      'Shipping Carrier Used',
      'Tracking Number',
    ]);
    expect(records.slice(1).map((r) => [r.cells[0], r.cells[1], r.cells[6], r.cells[7]])).toEqual([
      ['Shipped', '12-34567-89012', 'Royal Mail', 'RB123456785GB'],
    ]);
    expect(formulaCells(text, ',')).toEqual([]);
  });

  it('writes the generic CSV with a numeric column that keeps plain numbers', () => {
    const list = orders();
    const text = genericShipmentsCsv(list, parcels(list), { locale: 'de' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = tokenize(text.slice(1), ';').filter((r) => r.cells.some((c) => c !== ''));
    expect(records).toHaveLength(1 + 4);
    expect(records[1]?.cells[4]).toBe('1');
    expect(formulaCells(text, ';', [4])).toEqual([]);
    // Hostile values survive as text behind the guard apostrophe.
    expect(records[1]?.cells[2]).toBe(`'${HOSTILE[0]}`);
  });
});

describe('the seller’s own carriers in exports', () => {
  const customCarriers = [
    { id: 'custom-3f9a', name: 'Kurier Meier', urlTemplate: 'https://meier.example/t?n={number}' },
  ];
  const amazon = makeOrder({ source: 'amazon', externalId: '111-1111111-1111111' });
  const ebay = makeOrder({ source: 'ebay', externalId: '12-34567-89012' });
  const map = new Map([
    [
      amazon.id,
      [
        makeParcel({
          orderId: amazon.id,
          trackingNumber: 'MEI4711000',
          carrierId: 'custom-3f9a',
          shippedAt: '2026-03-05',
        }),
      ],
    ],
    [ebay.id, [makeParcel({ orderId: ebay.id, trackingNumber: 'MEI4712000', carrierId: 'custom-3f9a' })]],
  ]);
  const list = [amazon, ebay];
  /** The data rows of a file as cells, header off. */
  const rowsOf = (text: string, delimiter: string): string[][] =>
    tokenize(text.replace(/^\uFEFF/, ''), delimiter)
      .filter((r) => r.cells.some((c) => c !== ''))
      .slice(1)
      .map((r) => r.cells);

  it.each([
    [
      'Amazon: Other with the seller’s name',
      () =>
        rowsOf(
          amazonShippingConfirmation(list, map, { defaultShipDate: '2026-03-20', customCarriers }),
          '\t',
        ),
      [['111-1111111-1111111', '', '', '2026-03-05', 'Other', 'Kurier Meier', 'MEI4711000', '']],
    ],
    [
      'eBay: the seller’s name',
      () => rowsOf(ebayTrackingUpload(list, map, { customCarriers }), ',').map((r) => [r[6], r[7]]),
      [['Kurier Meier', 'MEI4712000']],
    ],
    [
      'generic: the id and the name',
      () =>
        rowsOf(genericShipmentsCsv(list, map, { locale: 'en', customCarriers }), ',').map((r) => [
          r[6],
          r[7],
        ]),
      [
        ['custom-3f9a', 'Kurier Meier'],
        ['custom-3f9a', 'Kurier Meier'],
      ],
    ],
    [
      'tracking sheet: the name',
      () =>
        rowsOf(
          trackingSheetCsv(list, map, {
            locale: 'en',
            dateFormat: 'yyyy-MM-dd',
            columnNames: trackingSheetColumnNames('en'),
            customCarriers,
          }),
          ',',
        ).map((r) => r[4]),
      ['Kurier Meier', 'Kurier Meier'],
    ],
    [
      'a carrier deleted from Settings since: its id, never an empty cell',
      () => rowsOf(ebayTrackingUpload(list, map), ',').map((r) => r[6]),
      ['custom-3f9a'],
    ],
  ])('%s', (_name, read, expected) => {
    expect(read()).toEqual(expected);
  });

  it('reads its own tracking sheet back to the seller’s carrier', () => {
    const text = trackingSheetCsv([ebay], map, {
      locale: 'de',
      dateFormat: 'dd.MM.yyyy',
      columnNames: trackingSheetColumnNames('de'),
      customCarriers,
    });
    const preview = parseTrackingFile(new TextEncoder().encode(text), {
      carriers: { custom: customCarriers, universalTemplate: 'https://t.example/{number}', preferred: {} },
    });
    expect(preview.errors).toEqual([]);
    expect(preview.updates).toMatchObject([
      { orderId: '12-34567-89012', trackingNumber: 'MEI4712000', carrierId: 'custom-3f9a' },
    ]);
  });
});

describe('formatDay', () => {
  it.each([
    ['2026-03-05', 'dd.MM.yyyy', 'en', '05.03.2026'],
    ['2026-03-05', 'dd-MM-yyyy', 'en', '05-03-2026'],
    ['2026-03-05', 'dd/MM/yyyy', 'en', '05/03/2026'],
    ['2026-03-05', 'MM/dd/yyyy', 'de', '03/05/2026'],
    ['2026-03-05', 'yyyy-MM-dd', 'de', '2026-03-05'],
    ['2026-03-05', 'locale', 'sv', '2026-03-05'],
    ['', 'locale', 'de', ''],
  ] as const)('%s as %s (%s) -> %s', (day, format, locale, expected) => {
    expect(formatDay(day, format, locale)).toBe(expected);
  });
});
