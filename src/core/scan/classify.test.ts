import { describe, expect, it } from 'vitest';
import { canEncodeCode128 } from '../barcode/index.ts';
import { orderIdOf, type OrderId } from '../ids.ts';
import { classifyScan, orderIndex, scanKey, slipCode } from './index.ts';

const ORDERS = [
  { id: orderIdOf('generic', 'M-2001'), externalId: 'M-2001' },
  { id: orderIdOf('amazon', '302-1234567-7654321'), externalId: '302-1234567-7654321' },
  // A numeric order number that a carrier format could claim: the order still wins.
  { id: orderIdOf('woocommerce', '00340433836442636597'), externalId: '00340433836442636597' },
  { id: orderIdOf('etsy', 'Grüße-7'), externalId: 'Grüße-7' },
];
const index = orderIndex(ORDERS);
const find = (key: string): OrderId | undefined => index.get(key);

describe('classifyScan', () => {
  it.each([
    ['M-2001', { kind: 'order', orderId: 'generic:M-2001' }],
    ['  m-2001\n', { kind: 'order', orderId: 'generic:M-2001' }],
    ['302-1234567-7654321', { kind: 'order', orderId: 'amazon:302-1234567-7654321' }],
    ['00340433836442636597', { kind: 'order', orderId: 'woocommerce:00340433836442636597' }],
    ['generic:M-2001', { kind: 'order', orderId: 'generic:M-2001' }],
    ['etsy:Grüße-7', { kind: 'order', orderId: 'etsy:Grüße-7' }],
    ['Grüße-7', { kind: 'order', orderId: 'etsy:Grüße-7' }],
  ])('%j opens an order', (code, expected) => {
    expect(classifyScan(code, find)).toEqual(expected);
  });

  it.each([
    ['1Z5R89390357567127', '1Z5R89390357567127', 'ups'],
    ['1z 5r8 939 0357 5671 27', '1Z5R89390357567127', 'ups'],
    ['00340433836442636598', undefined, undefined], // check digit fails: plausible, no carrier
    ['RR123456785DE', 'RR123456785DE', 'dhl-paket'],
    ['ABCD12345678', 'ABCD12345678', undefined],
  ])('%j is a tracking number', (code, normalized, carrierId) => {
    const result = classifyScan(code, find);
    expect(result.kind).toBe('tracking');
    if (result.kind !== 'tracking') return;
    if (normalized) expect(result.trackingNumber).toBe(normalized);
    if (carrierId) expect(result.match?.carrierId).toBe(carrierId);
    else if (normalized === undefined) expect(result.trackingNumber).toBe(scanKey(code));
  });

  it.each(['', '   ', 'M-9999', '4006381333931', '036000291452', '96385074', 'hello world', '1111111111'])(
    '%j is unknown',
    (code) => {
      expect(classifyScan(code, find).kind).toBe('unknown');
    },
  );
});

describe('slipCode', () => {
  it.each([
    [{ id: orderIdOf('generic', 'M-2001'), externalId: 'M-2001' }, 'M-2001'],
    [{ id: orderIdOf('etsy', '#1003'), externalId: ' #1003 ' }, '#1003'],
    [{ id: 'generic:x' as OrderId, externalId: 'X'.repeat(41) }, 'generic:x'],
  ])('%j prints %j', (order, code) => {
    expect(slipCode(order)).toBe(code);
  });

  it('prints a short hashed code for an id Code 128 cannot draw, the same each time', () => {
    const ids = ['etsy:Grüße-7', 'generic:Заказ 17', 'generic:Заказ 18', 'generic:שלום', 'generic:😀'];
    const codes = ids.map((id) => slipCode({ id: id as OrderId, externalId: id.slice(id.indexOf(':') + 1) }));
    for (const code of codes) expect(code).toMatch(/^TP-[0-9A-Z]{1,11}$/);
    expect(new Set(codes).size).toBe(ids.length);
    expect(slipCode({ id: 'etsy:Grüße-7' as OrderId, externalId: 'Grüße-7' })).toBe(codes[0]);
  });

  it('prints a code Code 128 can draw and that opens the same order again', () => {
    for (const order of ORDERS) {
      const code = slipCode(order);
      expect(canEncodeCode128(code)).toBe(true);
      expect(classifyScan(code, find)).toEqual({ kind: 'order', orderId: order.id });
    }
  });
});
