import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CarrierSettings } from '../settings.ts';
import { parseTrackingFile, splitNumbers, type ParseTrackingFileOptions } from './index.ts';

const FIXTURES = new URL('../../../test/fixtures/tracking/', import.meta.url);

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

function csv(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function parse(text: string, options: ParseTrackingFileOptions = {}) {
  return parseTrackingFile(csv(text), options);
}

describe('parseTrackingFile: presets', () => {
  it('reads an ATLAS order list (dd-mm-yyyy dates, forwarder, remarks, empty rows skipped)', () => {
    const preview = parseTrackingFile(fixture('atlas.csv'));
    expect(preview.detected).toMatchObject({
      preset: 'atlas',
      delimiter: ';',
      dateOrder: 'DMY',
      rowCount: 4,
      skippedRows: 1,
      mapping: {
        orderId: 'Order ID',
        trackingNumber: 'Track and Trace code',
        carrier: 'Forwarder',
        trackingUrl: 'Tracking link',
        shippedAt: 'Sent at',
        expectedAt: 'Expected delivery date',
        remarks: 'Delivery remarks (optional)',
      },
    });
    expect(preview.updates).toEqual([
      {
        orderId: 'A-1001',
        trackingNumber: '00340433836442636597',
        carrierId: 'dhl-paket',
        trackingUrl: expect.stringContaining('dhl.de') as unknown as string,
        shippedAt: '2026-03-12',
        expectedAt: '2026-03-14',
        remarks: 'Leave at the neighbour',
        row: 2,
      },
      {
        orderId: 'A-1002',
        trackingNumber: '1Z999AA10123456784',
        carrierId: 'ups',
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
        shippedAt: '2026-03-03',
        expectedAt: '2026-03-05',
        row: 3,
      },
    ]);
    expect(preview.errors.map((e) => [e.row, e.code, e.value])).toEqual([
      [5, 'excel_scientific', '1.23457E+17'],
    ]);
  });

  it('reads a campaign dashboard list (MM/DD/YYYY) and reports unknown carriers and bad dates', () => {
    const preview = parseTrackingFile(fixture('campaign.csv'));
    expect(preview.detected.preset).toBe('campaign');
    expect(preview.detected.dateOrder).toBe('MDY');
    expect(preview.updates.map((u) => [u.orderId, u.carrierId, u.shippedAt])).toEqual([
      ['C-501', 'ups', '2026-03-14'],
      ['C-502', 'royal-mail', '2026-03-15'],
    ]);
    expect(preview.errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [4, 'unknown_carrier', 'Tracking Number'],
      [5, 'invalid_date', 'Ship Date'],
    ]);
  });

  it('guesses German headers, splits several numbers, joins grouped digits, checks check digits', () => {
    const preview = parseTrackingFile(fixture('generic-de.csv'));
    expect(preview.detected.preset).toBe('generic');
    expect(preview.detected.dateOrder).toBe('DMY');
    expect(preview.updates.map((u) => [u.orderId, u.trackingNumber, u.carrierId, u.shippedAt])).toEqual([
      ['#1042', '00340433836442636597', 'dhl-paket', '2026-04-03'],
      ['#1042', 'RR123456785DE', 'dhl-paket', '2026-04-03'],
      ['#1044', '00340433836442636597', 'dhl-paket', '2026-04-05'],
    ]);
    expect(preview.errors.map((e) => [e.row, e.code, e.orderId])).toEqual([[3, 'check_digit', '#1043']]);
  });

  it('guesses Russian headers and trusts a named carrier whose formats the number does not fit', () => {
    const preview = parseTrackingFile(fixture('generic-ru.csv'));
    expect(preview.detected.mapping).toMatchObject({
      orderId: 'Номер заказа',
      trackingNumber: 'Трек-номер',
      carrier: 'Служба доставки',
      shippedAt: 'Дата отправки',
    });
    expect(preview.updates.map((u) => [u.orderId, u.carrierId, u.shippedAt])).toEqual([
      ['R-1', 'russian-post', '2026-03-01'],
      ['R-2', 'hermes', '2026-03-02'],
    ]);
    expect(preview.errors).toEqual([]);
  });
});

describe('parseTrackingFile: rows', () => {
  // Generic names on purpose: "Ship Date" + "Tracking URL" + "Tracking Number" is the campaign layout.
  const header = 'Order ID,Tracking Number,Carrier,Link,Shipped\n';
  it.each([
    ['unknown order', '#9,1Z999AA10123456784,,,', 'unknown_order'],
    // With only one filled cell, a last row would be taken for a report footer.
    ['missing order id', ',1Z999AA10123456784,UPS,,2026-03-01', 'missing_order_id'],
    ['not a tracking number', '#1,Hello,,,', 'invalid_tracking_number'],
    ['Excel scientific, German decimal comma', '#1,"5,58199E+12",,,', 'excel_scientific'],
    ['Excel zeros', '#1,340433836442636000000,,,', 'excel_scientific'],
    ['check digit', '#1,1Z999AA10123456785,,,', 'check_digit'],
    ['check digit with the carrier named', '#1,1Z999AA10123456785,UPS,,', 'check_digit'],
    ['no carrier for the number', '#1,12345678,,,', 'unknown_carrier'],
    ['unknown carrier name, number unknown', '#1,12345678,Bobs Courier,,', 'unknown_carrier'],
    ['script link', '#1,1Z999AA10123456784,,javascript:alert(1),', 'invalid_url'],
    ['not a date', '#1,1Z999AA10123456784,,,soon', 'invalid_date'],
    ['broken quoting', '#1,"1Z999AA10123456784,,,', 'broken_quoting'],
  ])('%s -> %s', (_name, row, code) => {
    const preview = parse(header + row, { knownOrderIds: new Set(['#1']) });
    expect(preview.updates).toEqual([]);
    expect(preview.errors.map((e) => e.code)).toEqual([code]);
    expect(preview.errors[0]?.message).not.toMatch(/\{/);
  });

  it.each([
    [
      'a link makes an unknown number usable',
      '#1,12345678,,https://track.example/12345678,',
      { trackingUrl: 'https://track.example/12345678' },
    ],
    ['a named carrier wins over detection', '#1,00340433836442636597,dhl,,', { carrierId: 'dhl-paket' }],
    ['detection without a carrier', '#1,00340433836442636597,,,', { carrierId: 'usps' }],
    [
      'an unknown carrier name falls back to detection',
      '#1,RB123456785GB,Some Post,,',
      { carrierId: 'royal-mail' },
    ],
    ['registry id as carrier', '#1,201298452277,gls,,', { carrierId: 'gls' }],
    ['display name as carrier', '#1,EE123456785SE,PostNord,,', { carrierId: 'postnord' }],
    [
      'spaces and dashes in the number',
      '#1,1Z 999 AA1 01 2345 6784,,,',
      { trackingNumber: '1Z999AA10123456784' },
    ],
    ['our CSV guard comes off', "'-1,1Z999AA10123456784,,,", { orderId: '-1' }],
    ['ISO date', '#1,1Z999AA10123456784,,,2026-03-07', { shippedAt: '2026-03-07' }],
  ])('%s', (_name, row, expected) => {
    const preview = parse(header + row);
    expect(preview.errors).toEqual([]);
    expect(preview.updates).toHaveLength(1);
    expect(preview.updates[0]).toMatchObject(expected);
  });

  it('checks known order ids with a function too', () => {
    const preview = parse(`${header}#1,1Z999AA10123456784,,,\n#2,RB123456785GB,,,`, {
      knownOrderIds: (id) => id === '#2',
    });
    expect(preview.updates.map((u) => u.orderId)).toEqual(['#2']);
    expect(preview.errors.map((e) => [e.row, e.code])).toEqual([[2, 'unknown_order']]);
  });

  it('makes one update of a number repeated for the same order', () => {
    const preview = parse(`${header}#1,1Z999AA10123456784,,,\n#1,1Z 999 AA1 01 2345 6784,,,`);
    expect(preview.updates).toHaveLength(1);
  });

  it('flags ambiguous dates until the seller picks the order, and then reads them', () => {
    const text = `${header}#1,1Z999AA10123456784,,,03/04/2026\n#2,RB123456785GB,,,05/05/2026`;
    const ambiguous = parse(text, { localeDateOrder: 'MDY' });
    expect(ambiguous.detected.dateOrder).toBe('ambiguous');
    expect(ambiguous.detected.suggestedDateOrder).toBe('MDY');
    expect(ambiguous.errors.map((e) => [e.row, e.code])).toEqual([[2, 'ambiguous_date']]);
    // 05/05 reads the same both ways.
    expect(ambiguous.updates.map((u) => u.shippedAt)).toEqual(['2026-05-05']);
    const chosen = parse(text, { dateOrder: 'DMY' });
    expect(chosen.errors).toEqual([]);
    expect(chosen.updates.map((u) => u.shippedAt)).toEqual(['2026-04-03', '2026-05-05']);
  });

  it('lets one date column settle the other', () => {
    const text =
      'Order ID,Tracking Number,Ship Date,Expected Delivery\n#1,1Z999AA10123456784,03/04/2026,04/13/2026\n';
    const preview = parse(text);
    expect(preview.detected.dateOrder).toBe('MDY');
    expect(preview.updates[0]).toMatchObject({ shippedAt: '2026-03-04', expectedAt: '2026-04-13' });
  });

  it('reports missing required columns and unknown mapping overrides', () => {
    const preview = parse('Order ID,Carrier\n#1,DHL\n', { mapping: { remarks: 'Nope' } });
    expect(preview.errors.map((e) => [e.code, e.field])).toEqual([
      ['unknown_column', 'remarks'],
      ['missing_column', 'trackingNumber'],
    ]);
  });

  it('takes the seller mapping over the guess', () => {
    const preview = parse('Ref,Code\n#1,1Z999AA10123456784\n', {
      mapping: { orderId: 'Ref', trackingNumber: 'Code' },
    });
    expect(preview.updates).toMatchObject([{ orderId: '#1', trackingNumber: '1Z999AA10123456784' }]);
    expect(preview.detected.signature).toMatch(/^v1:2:/);
  });

  it('reports an empty file', () => {
    expect(parse('').errors.map((e) => e.code)).toEqual(['empty_file']);
  });
});

describe('splitNumbers', () => {
  it.each([
    ['1Z999AA10123456784', ['1Z999AA10123456784']],
    ['1Z999AA10123456784, RB123456785GB', ['1Z999AA10123456784', 'RB123456785GB']],
    [
      '1Z999AA10123456784;RB123456785GB\nEE123456785SE',
      ['1Z999AA10123456784', 'RB123456785GB', 'EE123456785SE'],
    ],
    ['1Z999AA10123456784 RB123456785GB', ['1Z999AA10123456784', 'RB123456785GB']],
    ['1Z 999 AA1 01 2345 6784', ['1Z 999 AA1 01 2345 6784']],
    ['00340433 83644263 6597', ['00340433 83644263 6597']],
  ])('%j', (cell, expected) => {
    expect(splitNumbers(cell)).toEqual(expected);
  });
});

describe('parseTrackingFile: the seller’s own carriers', () => {
  const header = 'Order ID,Tracking Number,Carrier,Link\n';
  const carriers: CarrierSettings = {
    custom: [
      { id: 'custom-meier', name: 'Kurier Meier', urlTemplate: 'https://meier.example/track?n={number}' },
      // Named like a registry carrier on purpose: the seller's definition wins.
      { id: 'custom-dhl', name: 'DHL', urlTemplate: 'https://dhl.example/{number}' },
    ],
    universalTemplate: 'https://track.example/all?q={number}',
    preferred: { 'digits-12': 'gls', 'digits-20': 'usps' },
  };

  it.each([
    [
      'own carrier by name',
      '#1,MEI-4711-0815,Kurier Meier,',
      {
        carrierId: 'custom-meier',
        trackingNumber: 'MEI47110815',
        trackingUrl: 'https://meier.example/track?n=MEI47110815',
      },
    ],
    [
      'own carrier, case and punctuation ignored',
      '#1,MEI47110815,kurier-meier,',
      { carrierId: 'custom-meier', trackingUrl: 'https://meier.example/track?n=MEI47110815' },
    ],
    ['own carrier by its id', '#1,MEI47110815,custom-meier,', { carrierId: 'custom-meier' }],
    [
      'own carrier even when the number fits a registry carrier',
      '#1,1Z999AA10123456784,Kurier Meier,',
      { carrierId: 'custom-meier', trackingUrl: 'https://meier.example/track?n=1Z999AA10123456784' },
    ],
    [
      'own carrier named like a registry carrier',
      '#1,00340433836442636597,DHL,',
      { carrierId: 'custom-dhl', trackingUrl: 'https://dhl.example/00340433836442636597' },
    ],
    [
      'the sheet’s own link still wins',
      '#1,MEI47110815,Kurier Meier,https://elsewhere.example/MEI47110815',
      { carrierId: 'custom-meier', trackingUrl: 'https://elsewhere.example/MEI47110815' },
    ],
    ['remembered pick for an ambiguous number', '#1,201298452277,,', { carrierId: 'gls' }],
    ['remembered pick for 20 digits', '#1,00340433836442636597,,', { carrierId: 'usps' }],
    [
      'a number no carrier claims gets the universal link',
      '#1,12345678,,',
      { trackingNumber: '12345678', trackingUrl: 'https://track.example/all?q=12345678' },
    ],
    [
      'an unknown carrier name and an unknown number get the universal link',
      '#1,12345678,Bobs Courier,',
      { trackingUrl: 'https://track.example/all?q=12345678' },
    ],
    [
      'an S10 number of a post not in the registry gets the universal link',
      '#1,RB123456785ZA,,',
      { carrierId: 'post-za', trackingUrl: 'https://track.example/all?q=RB123456785ZA' },
    ],
    ['registry carriers still resolve by name', '#1,201298452277,GLS,', { carrierId: 'gls' }],
  ])('%s', (_name, row, expected) => {
    const preview = parse(header + row, { carriers });
    expect(preview.errors).toEqual([]);
    expect(preview.updates).toHaveLength(1);
    expect(preview.updates[0]).toMatchObject(expected);
  });

  it('leaves the carrier off a number only the universal link can track', () => {
    const preview = parse(`${header}#1,12345678,,`, { carriers });
    expect(preview.updates[0]).not.toHaveProperty('carrierId');
  });

  it.each([
    ['a failed check digit is still a typo', '#1,1Z999AA10123456785,,', 'check_digit'],
    ['a registry carrier named with a failed check digit', '#1,1Z999AA10123456785,UPS,', 'check_digit'],
    ['Excel damage is still damage', '#1,1.23457E+17,Kurier Meier,', 'excel_scientific'],
    ['not a tracking number', '#1,Hello,Kurier Meier,', 'invalid_tracking_number'],
  ])('%s -> %s', (_name, row, code) => {
    const preview = parse(header + row, { carriers });
    expect(preview.updates).toEqual([]);
    expect(preview.errors.map((e) => e.code)).toEqual([code]);
  });

  it('without the seller’s carriers, an unclaimed number stays an error', () => {
    expect(parse(`${header}#1,12345678,,`).errors.map((e) => e.code)).toEqual(['unknown_carrier']);
    expect(parse(`${header}#1,MEI47110815,Kurier Meier,`).errors.map((e) => e.code)).toEqual([
      'unknown_carrier',
    ]);
  });
});
