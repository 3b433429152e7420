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
  'kaufland',
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

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/**
 * Random bytes for 256 ids at a time: one `getRandomValues` call per id was most of the cost of
 * planning a bulk change of 10,000 orders (two ids each).
 */
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let poolAt = pool.length;

/**
 * A random identifier with 128 bits of entropy (UUID v4 layout), from the platform's
 * `crypto.getRandomValues`, which exists in browsers, workers and Node alike. Bytes are drawn in
 * batches; each id uses its own 16 and they are never reused.
 */
export function randomId(): string {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const b = pool.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  let id = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) id += '-';
    id += HEX[b[i] as number] as string;
  }
  return id;
}
