import type { Brand } from './brand.ts';

/** The key of an order in Trackpack: `source:externalId`, unique per seller. */
export type OrderId = Brand<string, 'OrderId'>;
export type ParcelId = Brand<string, 'ParcelId'>;
export type EventId = Brand<string, 'EventId'>;
export type DeviceId = Brand<string, 'DeviceId'>;

/** Where an order came from. `manual` is an order the seller typed in. */
export const ORDER_SOURCES = [
  'amazon',
  'ebay',
  'etsy',
  'shopify',
  'woocommerce',
  'generic',
  'manual',
] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export function isOrderSource(value: string): value is OrderSource {
  return (ORDER_SOURCES as readonly string[]).includes(value);
}

/**
 * The order key is derived from (source, order id as the marketplace shows it), so that an
 * import can upsert without a secondary index: the same order from the same source always gets
 * the same key.
 */
export function orderIdOf(source: OrderSource, externalId: string): OrderId {
  return `${source}:${externalId}` as OrderId;
}

export function splitOrderId(id: OrderId): { source: OrderSource; externalId: string } {
  const colon = id.indexOf(':');
  const source = id.slice(0, colon);
  if (colon < 0 || !isOrderSource(source)) throw new Error(`Not an order id: ${id}`);
  return { source, externalId: id.slice(colon + 1) };
}

/**
 * A random identifier with 128 bits of entropy (UUID v4 layout), from the platform's
 * `crypto.getRandomValues`, which exists in browsers, workers and Node alike.
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
