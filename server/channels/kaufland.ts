/**
 * Kaufland (formerly real.de) through the Marketplace Seller API v2, with plain `fetch` and
 * valibot schemas: Kaufland publishes no Node client, only PHP examples of the signature.
 *
 * Authorisation (sellerapi.kaufland.com/?page=rest-api): a client key and a secret key from the
 * seller portal's API settings. Every request carries `Shop-Client-Key`, `Shop-Timestamp` (Unix
 * seconds), a `User-Agent`, and `Shop-Signature`: HMAC-SHA256 (hex) with the secret key over
 * method, full URI (with the query), body and timestamp joined by "\n". No tokens.
 *
 * Orders (sellerapi.kaufland.com/?page=orders): an order is one seller's part of a checkout and
 * has one order unit per item bought. `GET /v2/orders?storefront&ts_units_updated_from_iso&limit&
 * offset` lists orders whose units changed, paged against `pagination.total`; each listed order is
 * read whole (`GET /v2/orders/{id_order}`), so an order's units never straddle two pages. Our
 * cursor is `{ since, offset }`; after the last page, the newest `ts_units_updated_iso` seen.
 *
 * Shipping: `PATCH /v2/order-units/{id_order_unit}/send` with `carrier_code` and
 * `tracking_numbers` for each unit; Kaufland e-mails the buyer. Errors are problem+json
 * (`title`, `detail`). `KAUFLAND_API_ORIGIN` replaces `https://sellerapi.kaufland.com`.
 */
import { createHmac } from 'node:crypto';
import * as v from 'valibot';
import type { ChannelOrder } from '../../src/core/channels/orders.ts';
import {
  type ChannelAdapter,
  type ChannelContext,
  ChannelError,
  type FetchFn,
  parseCursor,
  present,
} from './adapter.ts';
import { failureOf, field, readJson, send } from './oauth.ts';

const API_ORIGIN = 'https://sellerapi.kaufland.com';
const PAGE_SIZE = 20;
const USER_AGENT = 'Trackpack';
/** Storefronts of the marketplace (the `storefront` parameter). */
const STOREFRONTS = new Set(['de', 'at', 'cz', 'sk', 'pl', 'fr', 'it']);

export interface KauflandSecrets {
  clientKey: string;
  secretKey: string;
  storefront: string;
}

export interface KauflandOptions {
  fetch?: FetchFn;
  /** `KAUFLAND_API_ORIGIN`. */
  origin?: string;
  pageSize?: number;
}

/** Kaufland's request signature (see the header). */
export function kauflandSignature(
  method: string,
  uri: string,
  body: string,
  timestamp: number,
  secretKey: string,
): string {
  return createHmac('sha256', secretKey)
    .update([method, uri, body, String(timestamp)].join('\n'))
    .digest('hex');
}

const addressSchema = v.object({
  first_name: v.optional(v.nullable(v.string())),
  last_name: v.optional(v.nullable(v.string())),
  street: v.optional(v.nullable(v.string())),
  house_number: v.optional(v.nullable(v.string())),
  additional_field: v.optional(v.nullable(v.string())),
  postcode: v.optional(v.nullable(v.string())),
  city: v.optional(v.nullable(v.string())),
  country: v.optional(v.nullable(v.string())),
  phone: v.optional(v.nullable(v.string())),
});

const orderSchema = v.object({
  id_order: v.string(),
  ts_created_iso: v.string(),
  buyer: v.optional(v.object({ email: v.optional(v.nullable(v.string())) })),
  billing_address: v.optional(addressSchema),
  shipping_address: v.optional(addressSchema),
  order_units: v.array(
    v.object({
      id_order_unit: v.number(),
      status: v.optional(v.string()),
      id_offer: v.optional(v.nullable(v.string())),
      product: v.optional(v.object({ title: v.optional(v.nullable(v.string())) })),
    }),
  ),
});

const listSchema = v.object({
  data: v.array(v.object({ id_order: v.string(), ts_units_updated_iso: v.optional(v.string()) })),
  pagination: v.optional(v.object({ offset: v.number(), limit: v.number(), total: v.number() })),
});

const problemSchema = v.object({ title: v.optional(v.string()), detail: v.optional(v.string()) });
const reasonOf = (body: unknown): string | undefined => {
  const parsed = v.safeParse(problemSchema, body);
  return parsed.success ? (parsed.output.detail ?? parsed.output.title) : undefined;
};

/** Units Kaufland will not take a shipment for. */
const CLOSED_UNITS = new Set(['cancelled', 'returned', 'returned_paid']);

const cursorSchema = v.object({ since: v.string(), offset: v.number() });
type Cursor = v.InferOutput<typeof cursorSchema>;

function readCursor(text: string | null, since: Date): Cursor {
  return parseCursor(text, cursorSchema, () => ({ since: since.toISOString(), offset: 0 }));
}

/** A Kaufland order and its units in the CSV import's terms: one line per open unit. */
export function kauflandOrder(o: v.InferOutput<typeof orderSchema>): ChannelOrder {
  const ship = o.shipping_address;
  const bill = o.billing_address;
  const street = [present(ship?.street), present(ship?.house_number)].filter(Boolean).join(' ');
  const order: ChannelOrder = {
    remoteId: o.id_order,
    orderId: o.id_order,
    orderedAt: new Date(o.ts_created_iso).toISOString().slice(0, 10),
    lines: o.order_units
      .filter((u) => !CLOSED_UNITS.has(u.status ?? ''))
      .map((u) => ({
        remoteLineId: String(u.id_order_unit),
        quantity: 1,
        ...(present(u.product?.title) !== undefined && { title: present(u.product?.title) as string }),
        ...(present(u.id_offer) !== undefined && { sku: present(u.id_offer) as string }),
      })),
  };
  const fields: Record<string, string | undefined> = {
    buyerFirstName: present(bill?.first_name) ?? present(ship?.first_name),
    buyerLastName: present(bill?.last_name) ?? present(ship?.last_name),
    email: present(o.buyer?.email),
    phone: present(ship?.phone) ?? present(bill?.phone),
    recipientFirstName: present(ship?.first_name),
    recipientLastName: present(ship?.last_name),
    line1: street || undefined,
    line2: present(ship?.additional_field),
    city: present(ship?.city),
    zip: present(ship?.postcode),
    country: present(ship?.country),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (order as unknown as Record<string, string>)[key] = value;
  }
  return order;
}

export function kaufland(options: KauflandOptions = {}): ChannelAdapter<KauflandSecrets> {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const api = options.origin?.replace(/\/$/, '') ?? API_ORIGIN;

  async function call(
    ctx: ChannelContext<KauflandSecrets>,
    method: string,
    path: string,
    what: string,
    body?: unknown,
  ): Promise<Response> {
    const uri = `${api}${path}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = Math.floor(ctx.now().getTime() / 1000);
    const response = await send(doFetch, uri, {
      method,
      headers: {
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
        'Shop-Client-Key': ctx.secrets.clientKey,
        'Shop-Timestamp': String(timestamp),
        'Shop-Signature': kauflandSignature(method, uri, text, timestamp, ctx.secrets.secretKey),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: text }),
    });
    if (!response.ok) throw await failureOf(response, ctx.now(), what, reasonOf);
    return response;
  }

  return {
    id: 'kaufland',
    source: 'kaufland',
    capabilities: { parcelsPerCall: 'many', partialShipments: false, emailsBuyer: true },

    parseSecrets(input) {
      const clientKey = field(input, 'clientKey', 200);
      const secretKey = field(input, 'secretKey', 200);
      const storefront = (field(input, 'storefront', 10) || 'de').toLowerCase();
      if (!clientKey || !secretKey || !STOREFRONTS.has(storefront)) return null;
      return { clientKey, secretKey, storefront };
    },

    async validate(ctx) {
      const query = new URLSearchParams({ storefront: ctx.secrets.storefront, limit: '1' });
      await call(ctx, 'GET', `/v2/orders?${query.toString()}`, 'orders');
      return { shop: ctx.shop === 'kaufland' ? `kaufland.${ctx.secrets.storefront}` : ctx.shop };
    },

    async fetchOrders(ctx, cursorText, since) {
      const cursor = readCursor(cursorText, since);
      const limit = options.pageSize ?? PAGE_SIZE;
      const query = new URLSearchParams({
        storefront: ctx.secrets.storefront,
        ts_units_updated_from_iso: cursor.since,
        limit: String(limit),
        offset: String(cursor.offset),
      });
      const list = await readJson(
        await call(ctx, 'GET', `/v2/orders?${query.toString()}`, 'orders'),
        listSchema,
        'orders',
      );
      const orders: ChannelOrder[] = [];
      for (const entry of list.data) {
        const whole = await readJson(
          await call(ctx, 'GET', `/v2/orders/${encodeURIComponent(entry.id_order)}`, 'order'),
          v.object({ data: orderSchema }),
          'order',
        );
        orders.push(kauflandOrder(whole.data));
      }
      const total = list.pagination?.total ?? list.data.length;
      const more = list.data.length > 0 && cursor.offset + list.data.length < total;
      const newest = list.data.reduce(
        (max, o) =>
          o.ts_units_updated_iso !== undefined && Date.parse(o.ts_units_updated_iso) > Date.parse(max)
            ? o.ts_units_updated_iso
            : max,
        cursor.since,
      );
      const next: Cursor = more
        ? { since: cursor.since, offset: cursor.offset + list.data.length }
        : { since: new Date(Date.parse(newest)).toISOString(), offset: 0 };
      return { orders, cursor: JSON.stringify(next), more };
    },

    async confirmShipment(ctx, shipment) {
      // A unit takes its tracking numbers once, when it is sent; there is no call to add one.
      if (shipment.earlier)
        return {
          ok: false,
          unsupported: true,
          reason:
            'Kaufland takes tracking numbers only when the order is sent; add this parcel in the Kaufland seller portal.',
        };
      const [first] = shipment.parcels;
      if (!first) return { ok: false, reason: 'No parcel to confirm.' };
      if (shipment.lines.length === 0)
        return { ok: false, reason: 'Kaufland lists no open unit of this order.' };
      // One carrier per unit: the first parcel's; every parcel's number goes with each unit.
      const body = {
        carrier_code: first.carrier.code ?? 'Other',
        tracking_numbers: shipment.parcels.map((p) => p.trackingNumber),
      };
      for (const line of shipment.lines) {
        try {
          await call(
            ctx,
            'PATCH',
            `/v2/order-units/${encodeURIComponent(line.remoteLineId)}/send`,
            'send',
            body,
          );
        } catch (error) {
          if (error instanceof ChannelError && error.kind === 'refused')
            return { ok: false, reason: error.message };
          throw error;
        }
      }
      return { ok: true, remoteId: shipment.lines.map((l) => l.remoteLineId).join(',') };
    },
  };
}
