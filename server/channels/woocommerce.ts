/**
 * WooCommerce through its REST API (v3) and the Shipment Tracking extension's API, with plain
 * `fetch` and valibot schemas: the official `@woocommerce/woocommerce-rest-api` client wraps
 * axios and OAuth 1.0a for plain-HTTP stores, neither of which a server talking HTTPS needs, and
 * checks no answers.
 *
 * Authorisation: REST API keys (WooCommerce → Settings → Advanced → REST API) with read/write
 * access, sent as HTTP Basic auth, or as `consumer_key`/`consumer_secret` query parameters for
 * hosts whose server strips the Authorization header (a per-connection choice).
 *
 * Orders: `GET /wp-json/wc/v3/orders?modified_after=…&dates_are_gmt=true&orderby=modified&
 * order=asc`, pages by `page` with `X-WP-TotalPages`. Our cursor is `{ since, page }`; after the
 * last page, the newest `date_modified_gmt` seen (inclusive, harmless again).
 *
 * Shipping: one Shipment Tracking item per parcel (`POST /wp-json/wc-shipment-tracking/v3/orders/
 * <id>/shipment-trackings`), then, once the order is shipped whole, status `completed` (which
 * sends WooCommerce's own "completed order" e-mail with the tracking, when the shop has it on).
 * `WOOCOMMERCE_API_ORIGIN` replaces the store's origin (sandboxes, tests).
 */
import * as v from 'valibot';
import type { ChannelOrder } from '../../src/core/channels/orders.ts';
import {
  type ChannelAdapter,
  type ChannelContext,
  ChannelError,
  errorOfStatus,
  type FetchFn,
  parseCursor,
  present,
} from './adapter.ts';

/** Orders per page (WooCommerce allows up to 100). */
const PAGE_SIZE = 50;

export interface WooCommerceSecrets {
  consumerKey: string;
  consumerSecret: string;
  /** `query`: keys as query parameters, for hosts that strip the Authorization header. */
  authIn: 'header' | 'query';
}

export interface WooCommerceOptions {
  fetch?: FetchFn;
  /** `WOOCOMMERCE_API_ORIGIN`: used instead of the store's own origin for every call. */
  origin?: string;
  pageSize?: number;
}

/**
 * `example.com`, `https://example.com/shop/` to the store's base URL; null if not one. HTTPS only:
 * the keys travel with every call (`WOOCOMMERCE_API_ORIGIN` is how a test or staging site differs).
 */
export function wooCommerceStore(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.')) return null;
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

const addressSchema = v.object({
  first_name: v.optional(v.string(), ''),
  last_name: v.optional(v.string(), ''),
  company: v.optional(v.string(), ''),
  address_1: v.optional(v.string(), ''),
  address_2: v.optional(v.string(), ''),
  city: v.optional(v.string(), ''),
  state: v.optional(v.string(), ''),
  postcode: v.optional(v.string(), ''),
  country: v.optional(v.string(), ''),
  email: v.optional(v.nullable(v.string()), ''),
  phone: v.optional(v.nullable(v.string()), ''),
});

const orderSchema = v.object({
  id: v.number(),
  number: v.string(),
  date_created_gmt: v.string(),
  date_modified_gmt: v.string(),
  billing: addressSchema,
  shipping: addressSchema,
  line_items: v.array(
    v.object({
      id: v.number(),
      name: v.string(),
      sku: v.optional(v.nullable(v.string())),
      quantity: v.number(),
    }),
  ),
});

const errorSchema = v.object({ code: v.optional(v.string()), message: v.optional(v.string()) });

const cursorSchema = v.object({ since: v.string(), page: v.number() });
type Cursor = v.InferOutput<typeof cursorSchema>;

function readCursor(text: string | null, since: Date): Cursor {
  return parseCursor(text, cursorSchema, () => ({ since: since.toISOString(), page: 1 }));
}

/** `2026-11-02T09:15:00` (GMT, without a zone, as WooCommerce writes `_gmt` dates) to ISO. */
const gmt = (value: string): string =>
  new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`).toISOString();

/** A WooCommerce order in the CSV import's terms (the columns of the WooCommerce preset). */
export function wooCommerceOrder(o: v.InferOutput<typeof orderSchema>): ChannelOrder {
  const order: ChannelOrder = {
    remoteId: String(o.id),
    orderId: o.number,
    orderedAt: gmt(o.date_created_gmt).slice(0, 10),
    lines: o.line_items.map((l) => ({
      remoteLineId: String(l.id),
      title: l.name,
      quantity: l.quantity,
      ...(present(l.sku) !== undefined && { sku: present(l.sku) as string }),
    })),
  };
  const fields: Record<string, string | undefined> = {
    buyerFirstName: present(o.billing.first_name),
    buyerLastName: present(o.billing.last_name),
    email: present(o.billing.email),
    phone: present(o.shipping.phone) ?? present(o.billing.phone),
    recipientFirstName: present(o.shipping.first_name),
    recipientLastName: present(o.shipping.last_name),
    line1: present(o.shipping.address_1),
    line2: present(o.shipping.address_2),
    city: present(o.shipping.city),
    region: present(o.shipping.state),
    zip: present(o.shipping.postcode),
    country: present(o.shipping.country),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (order as unknown as Record<string, string>)[key] = value;
  }
  return order;
}

export function wooCommerce(options: WooCommerceOptions = {}): ChannelAdapter<WooCommerceSecrets> {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const base = (shop: string) => options.origin?.replace(/\/$/, '') ?? shop;

  async function call(
    ctx: ChannelContext<WooCommerceSecrets>,
    method: string,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
  ): Promise<Response> {
    const { consumerKey, consumerSecret, authIn } = ctx.secrets;
    const params = new URLSearchParams(query);
    if (authIn === 'query') {
      params.set('consumer_key', consumerKey);
      params.set('consumer_secret', consumerSecret);
    }
    const search = params.toString();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (authIn === 'header') {
      headers['Authorization'] =
        `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base(ctx.shop)}${path}${search ? `?${search}` : ''}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ChannelError(
        'transient',
        `network: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.ok) return response;
    const error = errorOfStatus(
      response.status,
      response.headers.get('Retry-After'),
      ctx.now(),
      `${method} ${path.replace(/\d+/g, ':id')}`,
    );
    if (error.kind !== 'refused') throw error;
    // A 4xx with WooCommerce's error body: its message is the shop's reason.
    const parsed = v.safeParse(errorSchema, await response.json().catch(() => null));
    throw new ChannelError('refused', (parsed.success && parsed.output.message) || error.message);
  }

  async function json<T>(response: Response, schema: v.GenericSchema<unknown, T>, what: string): Promise<T> {
    const parsed = v.safeParse(schema, await response.json().catch(() => null));
    if (!parsed.success) throw new ChannelError('transient', `${what}: unexpected answer`);
    return parsed.output;
  }

  return {
    id: 'woocommerce',
    source: 'woocommerce',
    capabilities: { parcelsPerCall: 'one', partialShipments: false, emailsBuyer: true },

    parseSecrets(input) {
      const consumerKey = typeof input['consumerKey'] === 'string' ? input['consumerKey'].trim() : '';
      const consumerSecret =
        typeof input['consumerSecret'] === 'string' ? input['consumerSecret'].trim() : '';
      if (!/^ck_[0-9a-f]{20,64}$/i.test(consumerKey) || !/^cs_[0-9a-f]{20,64}$/i.test(consumerSecret))
        return null;
      return { consumerKey, consumerSecret, authIn: input['authIn'] === 'query' ? 'query' : 'header' };
    },

    async validate(ctx) {
      await call(ctx, 'GET', '/wp-json/wc/v3/orders', { per_page: '1' });
      return { shop: ctx.shop };
    },

    async fetchOrders(ctx, cursorText, since) {
      const cursor = readCursor(cursorText, since);
      const response = await call(ctx, 'GET', '/wp-json/wc/v3/orders', {
        modified_after: cursor.since,
        dates_are_gmt: 'true',
        orderby: 'modified',
        order: 'asc',
        per_page: String(options.pageSize ?? PAGE_SIZE),
        page: String(cursor.page),
      });
      const totalPages = Number(response.headers.get('X-WP-TotalPages') ?? '1');
      const orders = await json(response, v.array(orderSchema), 'orders');
      const more = Number.isFinite(totalPages) && cursor.page < totalPages;
      const newest = orders.reduce((max, o) => {
        const at = gmt(o.date_modified_gmt);
        return Date.parse(at) > Date.parse(max) ? at : max;
      }, cursor.since);
      const next: Cursor = more ? { since: cursor.since, page: cursor.page + 1 } : { since: newest, page: 1 };
      return { orders: orders.map(wooCommerceOrder), cursor: JSON.stringify(next), more };
    },

    async confirmShipment(ctx, shipment) {
      const ids: string[] = [];
      for (const parcel of shipment.parcels) {
        const provider = parcel.carrier.code;
        let response: Response;
        try {
          response = await call(
            ctx,
            'POST',
            `/wp-json/wc-shipment-tracking/v3/orders/${encodeURIComponent(shipment.remoteOrderId)}/shipment-trackings`,
            {},
            {
              tracking_number: parcel.trackingNumber,
              date_shipped: shipment.shippedOn,
              ...(provider !== undefined
                ? { tracking_provider: provider }
                : {
                    custom_tracking_provider: parcel.carrier.name,
                    custom_tracking_link: parcel.carrier.url ?? '',
                  }),
            },
          );
        } catch (error) {
          if (error instanceof ChannelError && error.kind === 'refused')
            return { ok: false, reason: error.message };
          throw error;
        }
        const item = await json(response, v.object({ tracking_id: v.string() }), 'tracking');
        ids.push(item.tracking_id);
      }
      // A parcel added later: the order was completed with the first ones already.
      if (shipment.complete && !shipment.earlier) {
        await call(
          ctx,
          'PUT',
          `/wp-json/wc/v3/orders/${encodeURIComponent(shipment.remoteOrderId)}`,
          {},
          { status: 'completed' },
        );
      }
      return { ok: true, remoteId: ids.join(',') };
    },
  };
}
