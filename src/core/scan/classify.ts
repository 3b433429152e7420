/**
 * What a scanned (or typed) code is: the order barcode of one of our packing slips, a parcel's
 * tracking number, or neither. Pure; the packing loop and the tests share it.
 *
 * Decisions:
 * - A packing slip's barcode holds the marketplace order number (`externalId`), the same text a
 *   seller reads on the slip and would type, so typing and scanning are one path. When that number
 *   cannot be drawn in Code 128 (non-ASCII, or too long for a slip), the slip holds the internal
 *   order id instead; when that is not printable ASCII either, a short code hashed from it
 *   (`TP-…`), so that every slip prints. All are looked up.
 * - Known orders win over carrier formats: an order number that happens to look like a tracking
 *   number is still the order. Codes are compared without spaces and case ("m 2001" = "M-2001"
 *   only when the marketplace wrote it that way; dashes are kept).
 * - A code is a tracking number only when a carrier format claims it with a matching (or absent)
 *   check digit, or it is plausible as one (8-40 letters and digits). Anything else is `unknown`,
 *   so a stray product barcode or an already shipped order's slip never becomes a parcel. Bare
 *   product numbers (EAN/UPC/GTIN with a matching GS1 check digit) no carrier claims are `unknown`
 *   too: the item being packed is often scanned by mistake.
 */
import { canEncodeCode128 } from '../barcode/index.ts';
import {
  detectCarriers,
  isPlausibleTrackingNumber,
  type CarrierMatch,
  type DetectOptions,
} from '../carriers/index.ts';
import type { OrderId } from '../ids.ts';
import type { Order } from '../model/order.ts';

/** The symbologies we ask the detector for: parcel labels and our own slips. */
export const SCAN_FORMATS = ['code_128', 'code_39', 'itf', 'data_matrix', 'qr_code'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Longest order number printed as the slip barcode; longer ones print the internal id. */
export const SLIP_CODE_MAX_CHARS = 40;

export type ScanResult =
  | { kind: 'order'; orderId: OrderId }
  | { kind: 'tracking'; trackingNumber: string; match?: CarrierMatch }
  | { kind: 'unknown'; text: string };

/** The form codes are compared in: no whitespace, upper case. */
export function scanKey(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The text of a packing slip's order barcode. */
export function slipCode(order: Pick<Order, 'id' | 'externalId'>): string {
  const external = order.externalId.trim();
  if (external.length <= SLIP_CODE_MAX_CHARS && canEncodeCode128(external)) return external;
  if (canEncodeCode128(order.id)) return order.id;
  return `TP-${hashCode(order.id)}`;
}

/**
 * 52 bits of FNV-1a over the UTF-16 code units, in base 36 (at most 11 characters): among 100,000
 * orders a clash is about one in 10^6, and `orderIndex` then keeps the first order.
 */
function hashCode(text: string): string {
  // Two 26-bit halves keep every step within exact double arithmetic.
  let hi = 0x0811c9d;
  let lo = 0x0c5;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^52.
    const loProduct = lo * 0x1b3;
    hi = (hi * 0x1b3 + lo * 0x4000 + Math.floor(loProduct / 0x4000000)) % 0x4000000;
    lo = loProduct % 0x4000000;
  }
  return (hi * 0x4000000 + lo).toString(36).toUpperCase();
}

/** Scan keys of the codes that open an order: its slip code, order number and internal id. */
export function orderKeys(order: Pick<Order, 'id' | 'externalId'>): string[] {
  return [...new Set([scanKey(slipCode(order)), scanKey(order.externalId), scanKey(order.id)])];
}

/** A lookup from scan keys to order ids, for `classifyScan`. */
export function orderIndex(orders: Iterable<Pick<Order, 'id' | 'externalId'>>): Map<string, OrderId> {
  const index = new Map<string, OrderId>();
  for (const order of orders) {
    for (const key of orderKeys(order)) if (key !== '' && !index.has(key)) index.set(key, order.id);
  }
  return index;
}

export function classifyScan(
  raw: string,
  findOrder: (key: string) => OrderId | undefined,
  options: DetectOptions = {},
): ScanResult {
  const text = raw.trim();
  const key = scanKey(text);
  if (key === '') return { kind: 'unknown', text };
  const orderId = findOrder(key);
  if (orderId !== undefined) return { kind: 'order', orderId };
  const match = detectCarriers(text, options).find((m) => m.valid);
  if (match) return { kind: 'tracking', trackingNumber: match.normalized, match };
  if (isPlausibleTrackingNumber(text) && !isProductCode(key))
    return { kind: 'tracking', trackingNumber: key };
  return { kind: 'unknown', text };
}

/**
 * A product barcode (EAN-8, UPC-A, EAN-13, GTIN-14 with a matching check digit) that no carrier
 * claimed: the item on the packing table, not its parcel.
 */
function isProductCode(key: string): boolean {
  if (!/^(?:\d{8}|\d{12,14})$/.test(key)) return false;
  const digits = [...key].map(Number);
  const check = digits.pop() ?? -1;
  // GS1 mod 10: weights 3 and 1 from the right, the check digit excluded.
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
