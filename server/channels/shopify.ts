/**
 * Shopify through the GraphQL Admin API, with plain `fetch` and valibot schemas for the answers:
 * the official `@shopify/shopify-api` brings an app framework (sessions, OAuth redirects,
 * webhooks) around the two queries and one mutation used here, and still leaves the answers
 * unchecked.
 *
 * Authorisation: an app from the Dev Dashboard, installed on the seller's own store; its client
 * id and secret are exchanged for an access token with the client credentials grant
 * (`POST /admin/oauth/access_token`), which lasts 24 hours (`expires_in`). The token is kept with
 * the secrets and fetched again shortly before it runs out, or at once when Shopify answers 401.
 *
 * Orders: `orders(query: "updated_at:>=…", sortKey: UPDATED_AT)`, 50 per page with Shopify's
 * cursor. Our cursor is `{ since, after }`: the page cursor while pages remain, then the newest
 * `updatedAt` seen (inclusive, so an order updated in the same second is fetched again, which the
 * import's merge makes harmless).
 *
 * Shipping: per fulfillment order (`fulfillmentCreate` over the order's open fulfillment orders,
 * all their remaining lines), one fulfillment with every parcel's number, so one call per order.
 * Throttling: GraphQL answers `THROTTLED` with the cost and restore rate; REST-style 429s carry
 * `Retry-After`. `SHOPIFY_API_ORIGIN` replaces `https://<shop>` (sandboxes, tests).
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
  type Shipment,
  type ShipmentResult,
  type TrackingUpdate,
} from './adapter.ts';
import type { ChannelCarrier } from '../../src/core/channels/carriers.ts';

export const SHOPIFY_API_VERSION = '2026-01';
/** Orders per page (Shopify allows up to 250; 50 keeps each query's cost low). */
const PAGE_SIZE = 50;
/** A token this close to its end is replaced before use. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export interface ShopifySecrets {
  clientId: string;
  clientSecret: string;
  accessToken?: string;
  /** ISO time the access token runs out. */
  tokenExpiresAt?: string;
}

export interface ShopifyOptions {
  fetch?: FetchFn;
  /** `SHOPIFY_API_ORIGIN`: used instead of `https://<shop>` for every call. */
  origin?: string;
  /** Orders per page; default `PAGE_SIZE`. */
  pageSize?: number;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** `example`, `example.myshopify.com` or its admin URL, to `example.myshopify.com`; null if not one. */
export function shopifyDomain(text: string): string | null {
  const trimmed = text
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  const domain = trimmed.includes('.') ? trimmed : `${trimmed}.myshopify.com`;
  return SHOP_DOMAIN.test(domain) ? domain : null;
}

const tokenSchema = v.object({ access_token: v.string(), expires_in: v.optional(v.number()) });

const addressSchema = v.nullish(
  v.object({
    name: v.nullish(v.string()),
    address1: v.nullish(v.string()),
    address2: v.nullish(v.string()),
    zip: v.nullish(v.string()),
    city: v.nullish(v.string()),
    province: v.nullish(v.string()),
    countryCodeV2: v.nullish(v.string()),
    phone: v.nullish(v.string()),
  }),
);

const orderSchema = v.object({
  id: v.string(),
  name: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
  email: v.nullish(v.string()),
  phone: v.nullish(v.string()),
  billingAddress: addressSchema,
  shippingAddress: addressSchema,
  lineItems: v.object({
    nodes: v.array(
      v.object({ id: v.string(), sku: v.nullish(v.string()), title: v.string(), quantity: v.number() }),
    ),
  }),
});

const ordersSchema = v.object({
  orders: v.object({
    nodes: v.array(orderSchema),
    pageInfo: v.object({ hasNextPage: v.boolean(), endCursor: v.nullish(v.string()) }),
  }),
});

const shopSchema = v.object({ shop: v.object({ myshopifyDomain: v.string() }) });

const fulfillmentOrdersSchema = v.object({
  order: v.nullable(
    v.object({
      fulfillmentOrders: v.object({
        nodes: v.array(v.object({ id: v.string(), status: v.string() })),
      }),
    }),
  ),
});

const fulfillmentCreateSchema = v.object({
  fulfillmentCreate: v.object({
    fulfillment: v.nullable(v.object({ id: v.string() })),
    userErrors: v.array(v.object({ message: v.string() })),
  }),
});

const graphQlAnswerSchema = v.object({
  data: v.optional(v.unknown()),
  errors: v.optional(
    v.array(
      v.object({
        message: v.string(),
        extensions: v.optional(v.looseObject({ code: v.optional(v.string()) })),
      }),
    ),
  ),
  extensions: v.optional(
    v.looseObject({
      cost: v.optional(
        v.looseObject({
          requestedQueryCost: v.optional(v.number()),
          throttleStatus: v.optional(v.object({ currentlyAvailable: v.number(), restoreRate: v.number() })),
        }),
      ),
    }),
  ),
});

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes {
      id name createdAt updatedAt email phone
      billingAddress { name }
      shippingAddress { name address1 address2 zip city province countryCodeV2 phone }
      lineItems(first: 100) { nodes { id sku title quantity } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const SHOP_QUERY = `query Shop { shop { myshopifyDomain } }`;

export const FULFILLMENT_ORDERS_QUERY = `query FulfillmentOrders($id: ID!) {
  order(id: $id) { fulfillmentOrders(first: 20) { nodes { id status } } }
}`;

export const FULFILLMENT_CREATE = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } }
}`;

/**
 * The tracking of a fulfillment Shopify has already: carrier, and every package's number
 * (`numbers`: several parcels of one fulfillment). shopify.dev/docs/api/admin-graphql/latest/
 * mutations/fulfillmentTrackingInfoUpdate (it replaces the deprecated `…V2`).
 */
export const FULFILLMENT_TRACKING_UPDATE = `mutation FulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) { fulfillment { id } userErrors { field message } }
}`;

const trackingUpdateSchema = v.object({
  fulfillmentTrackingInfoUpdate: v.object({
    fulfillment: v.nullable(v.object({ id: v.string() })),
    userErrors: v.array(v.object({ message: v.string() })),
  }),
});

/** Fulfillment orders Shopify lets a merchant fulfil now. */
const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);

const cursorSchema = v.object({ since: v.string(), after: v.nullish(v.string(), null) });
type Cursor = v.InferOutput<typeof cursorSchema>;

function readCursor(text: string | null, since: Date): Cursor {
  return parseCursor(text, cursorSchema, () => ({ since: since.toISOString(), after: null }));
}

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A Shopify order in the CSV import's terms (the same columns as Shopify's orders export). */
export function shopifyOrder(node: v.InferOutput<typeof orderSchema>): ChannelOrder {
  const ship = node.shippingAddress;
  const fields: Record<string, string | undefined> = {
    buyerName: text(node.billingAddress?.name) ?? text(ship?.name),
    email: text(node.email),
    phone: text(ship?.phone) ?? text(node.phone),
    recipientName: text(ship?.name),
    line1: text(ship?.address1),
    line2: text(ship?.address2),
    zip: text(ship?.zip),
    city: text(ship?.city),
    region: text(ship?.province),
    country: text(ship?.countryCodeV2),
  };
  const order: ChannelOrder = {
    remoteId: node.id,
    orderId: node.name,
    // The calendar day in UTC; Shopify's CSV writes the shop's time zone (the key is the same).
    orderedAt: node.createdAt.slice(0, 10),
    lines: node.lineItems.nodes.map((l) => ({
      remoteLineId: l.id,
      title: l.title,
      quantity: l.quantity,
      ...(text(l.sku) !== undefined && { sku: text(l.sku) as string }),
    })),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (order as unknown as Record<string, string>)[key] = value;
  }
  return order;
}

export function shopify(options: ShopifyOptions = {}): ChannelAdapter<ShopifySecrets> {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const originOf = (shop: string): string => options.origin?.replace(/\/$/, '') ?? `https://${shop}`;

  async function newToken(ctx: ChannelContext<ShopifySecrets>): Promise<string> {
    const response = await call(`${originOf(ctx.shop)}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ctx.secrets.clientId,
        client_secret: ctx.secrets.clientSecret,
      }).toString(),
    });
    if (!response.ok) {
      // A wrong id or secret is 400 (invalid_client) here: the seller must fix it.
      const error = errorOfStatus(response.status, response.headers.get('Retry-After'), ctx.now(), 'token');
      throw error.kind === 'refused' ? new ChannelError('auth', error.message) : error;
    }
    const parsed = v.safeParse(tokenSchema, await response.json().catch(() => null));
    if (!parsed.success) throw new ChannelError('transient', 'token: unexpected answer');
    const expiresIn = parsed.output.expires_in ?? 24 * 60 * 60;
    ctx.update({
      ...ctx.secrets,
      accessToken: parsed.output.access_token,
      tokenExpiresAt: new Date(ctx.now().getTime() + expiresIn * 1000).toISOString(),
    });
    return parsed.output.access_token;
  }

  async function token(ctx: ChannelContext<ShopifySecrets>): Promise<string> {
    const { accessToken, tokenExpiresAt } = ctx.secrets;
    const fresh =
      accessToken !== undefined &&
      tokenExpiresAt !== undefined &&
      Date.parse(tokenExpiresAt) - TOKEN_MARGIN_MS > ctx.now().getTime();
    return fresh ? accessToken : newToken(ctx);
  }

  async function call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, init);
    } catch (error) {
      throw new ChannelError(
        'transient',
        `network: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async function graphql<T>(
    ctx: ChannelContext<ShopifySecrets>,
    query: string,
    variables: Record<string, unknown>,
    schema: v.GenericSchema<unknown, T>,
  ): Promise<T> {
    const url = `${originOf(ctx.shop)}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
    const send = async (accessToken: string) =>
      call(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-Shopify-Access-Token': accessToken,
        },
        body: JSON.stringify({ query, variables }),
      });
    let response = await send(await token(ctx));
    // Revoked or run out early: one new token, one more try.
    if (response.status === 401) response = await send(await newToken(ctx));
    if (!response.ok)
      throw errorOfStatus(response.status, response.headers.get('Retry-After'), ctx.now(), 'graphql');
    const answer = v.safeParse(graphQlAnswerSchema, await response.json().catch(() => null));
    if (!answer.success) throw new ChannelError('transient', 'graphql: unexpected answer');
    const errors = answer.output.errors ?? [];
    if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
      const cost = answer.output.extensions?.['cost'] as
        | {
            requestedQueryCost?: number;
            throttleStatus?: { currentlyAvailable: number; restoreRate: number };
          }
        | undefined;
      const status = cost?.throttleStatus;
      const wait =
        status && status.restoreRate > 0
          ? Math.ceil(
              Math.max(0, (cost.requestedQueryCost ?? 0) - status.currentlyAvailable) / status.restoreRate,
            ) * 1000
          : undefined;
      throw new ChannelError('rate_limited', 'graphql: THROTTLED', wait);
    }
    if (errors.some((e) => e.extensions?.code === 'ACCESS_DENIED')) {
      throw new ChannelError('auth', `graphql: ${errors.map((e) => e.message).join('; ')}`);
    }
    if (errors.length > 0)
      throw new ChannelError('refused', `graphql: ${errors.map((e) => e.message).join('; ')}`);
    const data = v.safeParse(schema, answer.output.data);
    if (!data.success) throw new ChannelError('transient', 'graphql: unexpected data');
    return data.output;
  }

  /** Replaces a fulfillment's tracking with these numbers (all of its parcels). */
  async function updateTracking(
    ctx: ChannelContext<ShopifySecrets>,
    fulfillmentId: string,
    carrier: ChannelCarrier,
    numbers: readonly string[],
    notifyCustomer: boolean,
  ): Promise<ShipmentResult> {
    const data = await graphql(
      ctx,
      FULFILLMENT_TRACKING_UPDATE,
      {
        fulfillmentId,
        trackingInfoInput: { company: carrier.code ?? carrier.name, numbers },
        notifyCustomer,
      },
      trackingUpdateSchema,
    );
    const { fulfillment, userErrors } = data.fulfillmentTrackingInfoUpdate;
    if (userErrors.length > 0 || fulfillment === null)
      return {
        ok: false,
        reason: userErrors.map((e) => e.message).join('; ') || 'Shopify changed no fulfillment.',
      };
    return { ok: true, remoteId: fulfillment.id };
  }

  return {
    id: 'shopify',
    source: 'shopify',
    capabilities: { parcelsPerCall: 'many', partialShipments: true, emailsBuyer: true },

    parseSecrets(input) {
      const clientId = typeof input['clientId'] === 'string' ? input['clientId'].trim() : '';
      const clientSecret = typeof input['clientSecret'] === 'string' ? input['clientSecret'].trim() : '';
      if (clientId === '' || clientSecret === '' || clientId.length > 200 || clientSecret.length > 200)
        return null;
      return { clientId, clientSecret };
    },

    async validate(ctx) {
      const data = await graphql(ctx, SHOP_QUERY, {}, shopSchema);
      return { shop: data.shop.myshopifyDomain };
    },

    async fetchOrders(ctx, cursorText, since) {
      const cursor = readCursor(cursorText, since);
      const data = await graphql(
        ctx,
        ORDERS_QUERY,
        {
          first: options.pageSize ?? PAGE_SIZE,
          after: cursor.after,
          query: `updated_at:>='${cursor.since}'`,
        },
        ordersSchema,
      );
      const { nodes, pageInfo } = data.orders;
      const newest = nodes.reduce(
        (max, n) => (Date.parse(n.updatedAt) > Date.parse(max) ? n.updatedAt : max),
        cursor.since,
      );
      const more = pageInfo.hasNextPage && typeof pageInfo.endCursor === 'string';
      // While pages remain, the query stays the same; after the last, the next run starts at the newest.
      const next: Cursor = more
        ? { since: cursor.since, after: pageInfo.endCursor ?? null }
        : { since: new Date(Date.parse(newest)).toISOString(), after: null };
      return { orders: nodes.map(shopifyOrder), cursor: JSON.stringify(next), more };
    },

    async confirmShipment(ctx, shipment: Shipment) {
      // Parcels added after the order was fulfilled join that fulfillment's tracking numbers.
      const fulfilled = shipment.earlier?.remoteIds.at(-1);
      const [added] = shipment.parcels;
      if (fulfilled !== undefined && shipment.earlier && added) {
        return updateTracking(
          ctx,
          fulfilled,
          added.carrier,
          [...shipment.earlier.trackingNumbers, ...shipment.parcels.map((p) => p.trackingNumber)],
          shipment.notifyBuyer,
        );
      }
      const found = await graphql(
        ctx,
        FULFILLMENT_ORDERS_QUERY,
        { id: shipment.remoteOrderId },
        fulfillmentOrdersSchema,
      );
      if (found.order === null) return { ok: false, reason: 'Shopify does not know this order any more.' };
      const open = found.order.fulfillmentOrders.nodes.filter((f) => FULFILLABLE.has(f.status));
      if (open.length === 0) {
        return {
          ok: false,
          reason: 'Shopify has nothing left to fulfil on this order (already fulfilled or closed).',
        };
      }
      const [first] = shipment.parcels;
      if (!first) return { ok: false, reason: 'No parcel to confirm.' };
      const data = await graphql(
        ctx,
        FULFILLMENT_CREATE,
        {
          fulfillment: {
            lineItemsByFulfillmentOrder: open.map((f) => ({ fulfillmentOrderId: f.id })),
            trackingInfo: {
              company: first.carrier.code ?? first.carrier.name,
              numbers: shipment.parcels.map((p) => p.trackingNumber),
              urls: shipment.parcels.flatMap((p) => (p.carrier.url !== undefined ? [p.carrier.url] : [])),
            },
            notifyCustomer: shipment.notifyBuyer,
          },
        },
        fulfillmentCreateSchema,
      );
      const { fulfillment, userErrors } = data.fulfillmentCreate;
      if (userErrors.length > 0 || fulfillment === null) {
        return {
          ok: false,
          reason: userErrors.map((e) => e.message).join('; ') || 'Shopify created no fulfillment.',
        };
      }
      return { ok: true, remoteId: fulfillment.id };
    },

    updateTracking: (ctx, update: TrackingUpdate) =>
      updateTracking(ctx, update.remoteId, update.parcel.carrier, update.trackingNumbers, update.notifyBuyer),
  };
}
