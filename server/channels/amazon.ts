/**
 * Amazon through the Selling Partner API, with plain `fetch` and valibot schemas: the official
 * `@amazon-sp-api-release/amazon-sp-api-sdk-js` is generated per API and version (one package for
 * the 2026-01-01 Orders API, another for v0), and neither checks answers at run time; we make
 * three calls.
 *
 * Authorisation (developer-docs.amazon.com/sp-api/docs/connecting-to-the-selling-partner-api):
 * Login with Amazon (LWA). The app's LWA client id and secret and the seller's refresh token are
 * exchanged at `POST https://api.amazon.com/auth/o2/token` for an access token that lasts an hour,
 * sent as `x-amz-access-token` (SP-API calls need no AWS signature since 2023). A private app's
 * seller self-authorises in Seller Central and pastes the refresh token; a public app sends the
 * seller to Seller Central's consent page (`/apps/authorize/consent?application_id=…&state=…`),
 * which comes back with `spapi_oauth_code` for the same token endpoint.
 *
 * Orders: the Orders API 2026-01-01 `searchOrders` (v0 `getOrders` is deprecated):
 * `GET /orders/2026-01-01/orders?marketplaceIds&lastUpdatedAfter&maxResultsPerPage&includedData`,
 * next pages by `paginationToken` = the answer's `pagination.nextToken` with the same other
 * parameters. Our cursor is `{ since, token }`; after the last page, the newest
 * `lastUpdatedTime` seen.
 *
 * Shipping: `confirmShipment` (`POST /orders/v0/orders/{orderId}/shipmentConfirmation`), one
 * package per call with `carrierCode` (or `Other` and `carrierName`), tracking number, ship date
 * and the order items; 204 when taken. Rate limits: 429 with `x-amzn-RateLimit-Limit` (requests
 * per second) and no `Retry-After`, so the wait is one request's share of that rate.
 * `AMAZON_API_ORIGIN` replaces the region's SP-API endpoint, `AMAZON_AUTH_ORIGIN` both LWA's token
 * endpoint and Seller Central's consent page (sandbox: `https://sandbox.sellingpartnerapi-eu.amazon.com`).
 */
import { createHash } from 'node:crypto';
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
import {
  failureOf,
  field,
  readJson,
  requestToken,
  send,
  withToken,
  type OAuthSecrets,
  type TokenRequest,
} from './oauth.ts';

const LWA_ORIGIN = 'https://api.amazon.com';
/** SP-API endpoints and Seller Central by region (developer-docs.amazon.com/sp-api/docs/sp-api-endpoints). */
const REGIONS = {
  eu: { api: 'https://sellingpartnerapi-eu.amazon.com', central: 'https://sellercentral-europe.amazon.com' },
  na: { api: 'https://sellingpartnerapi-na.amazon.com', central: 'https://sellercentral.amazon.com' },
  fe: { api: 'https://sellingpartnerapi-fe.amazon.com', central: 'https://sellercentral.amazon.co.jp' },
} as const;
type Region = keyof typeof REGIONS;
const isRegion = (value: string): value is Region => Object.hasOwn(REGIONS, value);
/** Orders per page (the API allows up to 100). */
const PAGE_SIZE = 50;
export const AMAZON_ORDERS_VERSION = '2026-01-01';

export interface AmazonSecrets extends OAuthSecrets {
  clientId: string;
  clientSecret: string;
  /** Where the seller sells (`A1PA6795UKMFR9`: amazon.de); orders of this marketplace are fetched. */
  marketplaceId: string;
  region: Region;
}

export interface AmazonOptions {
  fetch?: FetchFn;
  /** `AMAZON_API_ORIGIN`: the SP-API endpoint, whatever the region. */
  origin?: string;
  /** `AMAZON_AUTH_ORIGIN`: LWA's token endpoint and the consent page. */
  authOrigin?: string;
  pageSize?: number;
}

const participationsSchema = v.object({
  payload: v.array(
    v.object({
      marketplace: v.object({ id: v.string(), name: v.optional(v.string()) }),
      storeName: v.optional(v.string()),
    }),
  ),
});

const orderSchema = v.object({
  orderId: v.string(),
  createdTime: v.string(),
  lastUpdatedTime: v.string(),
  orderItems: v.array(
    v.object({
      orderItemId: v.string(),
      quantityOrdered: v.number(),
      product: v.object({ sellerSku: v.optional(v.string()), title: v.optional(v.string()) }),
    }),
  ),
  buyer: v.optional(v.object({ buyerName: v.optional(v.string()), buyerEmail: v.optional(v.string()) })),
  recipient: v.optional(
    v.object({
      deliveryAddress: v.optional(
        v.object({
          name: v.optional(v.string()),
          addressLine1: v.optional(v.string()),
          addressLine2: v.optional(v.string()),
          city: v.optional(v.string()),
          stateOrRegion: v.optional(v.string()),
          postalCode: v.optional(v.string()),
          countryCode: v.optional(v.string()),
          phone: v.optional(v.string()),
        }),
      ),
    }),
  ),
});

const searchSchema = v.object({
  orders: v.array(orderSchema),
  pagination: v.optional(v.object({ nextToken: v.optional(v.string()) })),
});

const errorsSchema = v.object({
  errors: v.array(v.object({ code: v.string(), message: v.string(), details: v.optional(v.string()) })),
});
const reasonOf = (body: unknown): string | undefined => {
  const parsed = v.safeParse(errorsSchema, body);
  return parsed.success
    ? parsed.output.errors.map((e) => (e.details ? `${e.message} (${e.details})` : e.message)).join('; ')
    : undefined;
};

const cursorSchema = v.object({ since: v.string(), token: v.nullish(v.string(), null) });
type Cursor = v.InferOutput<typeof cursorSchema>;

function readCursor(text: string | null, since: Date): Cursor {
  return parseCursor(text, cursorSchema, () => ({ since: since.toISOString(), token: null }));
}

/** An Amazon order in the CSV import's terms (the columns of the "unshipped orders" report). */
export function amazonOrder(o: v.InferOutput<typeof orderSchema>): ChannelOrder {
  const address = o.recipient?.deliveryAddress;
  const order: ChannelOrder = {
    remoteId: o.orderId,
    orderId: o.orderId,
    orderedAt: new Date(o.createdTime).toISOString().slice(0, 10),
    lines: o.orderItems.map((item) => ({
      remoteLineId: item.orderItemId,
      quantity: item.quantityOrdered,
      ...(present(item.product.title) !== undefined && { title: present(item.product.title) as string }),
      ...(present(item.product.sellerSku) !== undefined && {
        sku: present(item.product.sellerSku) as string,
      }),
    })),
  };
  const fields: Record<string, string | undefined> = {
    buyerName: present(o.buyer?.buyerName),
    email: present(o.buyer?.buyerEmail),
    phone: present(address?.phone),
    recipientName: present(address?.name),
    line1: present(address?.addressLine1),
    line2: present(address?.addressLine2),
    city: present(address?.city),
    region: present(address?.stateOrRegion),
    zip: present(address?.postalCode),
    country: present(address?.countryCode),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (order as unknown as Record<string, string>)[key] = value;
  }
  return order;
}

/**
 * Amazon wants a positive number per package, unique within the order; a parcel id is not one,
 * so its first 48 bits of SHA-256 stand for it (stable, so a resend names the same package).
 */
export function packageReferenceId(parcelId: string): string {
  return String(parseInt(createHash('sha256').update(parcelId).digest('hex').slice(0, 12), 16) + 1);
}

export function amazon(options: AmazonOptions = {}): ChannelAdapter<AmazonSecrets> {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const apiOf = (s: AmazonSecrets) => options.origin?.replace(/\/$/, '') ?? REGIONS[s.region].api;
  const lwa = options.authOrigin?.replace(/\/$/, '') ?? LWA_ORIGIN;

  const refresh = (s: AmazonSecrets): TokenRequest => ({
    url: `${lwa}/auth/o2/token`,
    form: {
      grant_type: 'refresh_token',
      refresh_token: s.refreshToken,
      client_id: s.clientId,
      client_secret: s.clientSecret,
    },
  });

  async function call(
    ctx: ChannelContext<AmazonSecrets>,
    method: string,
    path: string,
    what: string,
    body?: unknown,
  ): Promise<Response> {
    const response = await withToken(
      ctx,
      doFetch,
      refresh,
      (token) =>
        send(doFetch, `${apiOf(ctx.secrets)}${path}`, {
          method,
          headers: {
            Accept: 'application/json',
            'x-amz-access-token': token,
            ...(body !== undefined && { 'Content-Type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        }),
      [401, 403],
    );
    if (response.ok) return response;
    if (response.status === 429 && response.headers.get('Retry-After') === null) {
      // The rate the operation allows, in requests per second: wait one request's share.
      const rate = Number(response.headers.get('x-amzn-RateLimit-Limit'));
      const wait = Number.isFinite(rate) && rate > 0 ? Math.ceil(1000 / rate) : undefined;
      throw new ChannelError('rate_limited', `${what}: HTTP 429`, wait);
    }
    throw await failureOf(response, ctx.now(), what, reasonOf);
  }

  return {
    id: 'amazon',
    source: 'amazon',
    capabilities: { parcelsPerCall: 'one', partialShipments: true, emailsBuyer: true },

    authorization: {
      codeParam: 'spapi_oauth_code',
      authorizeUrl(app, request) {
        const applicationId = field(app, 'applicationId', 200);
        const region = field(app, 'region', 10) || 'eu';
        if (!applicationId || !isRegion(region)) return null;
        const central = options.authOrigin?.replace(/\/$/, '') ?? REGIONS[region].central;
        const params = new URLSearchParams({
          application_id: applicationId,
          state: request.state,
          redirect_uri: request.redirectUri,
        });
        return `${central}/apps/authorize/consent?${params.toString()}`;
      },
      async exchange(app, callback, now) {
        const clientId = field(app, 'clientId', 200) ?? '';
        const clientSecret = field(app, 'clientSecret', 200) ?? '';
        const answer = await requestToken(
          doFetch,
          {
            url: `${lwa}/auth/o2/token`,
            form: {
              grant_type: 'authorization_code',
              code: callback.code,
              redirect_uri: callback.redirectUri,
              client_id: clientId,
              client_secret: clientSecret,
            },
          },
          now,
        );
        if (answer.refresh_token === undefined) throw new ChannelError('auth', 'token: no refresh token');
        return {
          clientId,
          clientSecret,
          refreshToken: answer.refresh_token,
          marketplaceId: field(app, 'marketplaceId', 40) ?? '',
          region: field(app, 'region', 10) || 'eu',
        };
      },
    },

    parseSecrets(input) {
      const clientId = field(input, 'clientId', 200);
      const clientSecret = field(input, 'clientSecret', 200);
      const refreshToken = field(input, 'refreshToken');
      const marketplaceId = field(input, 'marketplaceId', 40);
      const region = field(input, 'region', 10) || 'eu';
      if (!clientId || !clientSecret || !refreshToken || !marketplaceId || !/^[A-Z0-9]+$/.test(marketplaceId))
        return null;
      if (!isRegion(region)) return null;
      return { clientId, clientSecret, refreshToken, marketplaceId, region };
    },

    async validate(ctx) {
      const participations = await readJson(
        await call(ctx, 'GET', '/sellers/v1/marketplaceParticipations', 'marketplaceParticipations'),
        participationsSchema,
        'marketplaceParticipations',
      );
      const here = participations.payload.find((p) => p.marketplace.id === ctx.secrets.marketplaceId);
      if (!here) throw new ChannelError('auth', 'the seller does not sell in this marketplace');
      return { shop: here.storeName ?? `${here.marketplace.name ?? ''} ${ctx.secrets.marketplaceId}`.trim() };
    },

    async fetchOrders(ctx, cursorText, since) {
      const cursor = readCursor(cursorText, since);
      const query = new URLSearchParams({
        marketplaceIds: ctx.secrets.marketplaceId,
        lastUpdatedAfter: cursor.since,
        maxResultsPerPage: String(options.pageSize ?? PAGE_SIZE),
        includedData: 'BUYER,RECIPIENT',
        ...(cursor.token !== null && { paginationToken: cursor.token }),
      });
      const page = await readJson(
        await call(ctx, 'GET', `/orders/${AMAZON_ORDERS_VERSION}/orders?${query.toString()}`, 'searchOrders'),
        searchSchema,
        'searchOrders',
      );
      const token = page.pagination?.nextToken ?? null;
      const newest = page.orders.reduce(
        (max, o) => (Date.parse(o.lastUpdatedTime) > Date.parse(max) ? o.lastUpdatedTime : max),
        cursor.since,
      );
      const next: Cursor =
        token !== null
          ? { since: cursor.since, token }
          : { since: new Date(Date.parse(newest)).toISOString(), token: null };
      return { orders: page.orders.map(amazonOrder), cursor: JSON.stringify(next), more: token !== null };
    },

    async confirmShipment(ctx, shipment) {
      for (const parcel of shipment.parcels) {
        const { code, name } = parcel.carrier;
        try {
          await call(
            ctx,
            'POST',
            `/orders/v0/orders/${encodeURIComponent(shipment.remoteOrderId)}/shipmentConfirmation`,
            'confirmShipment',
            {
              marketplaceId: ctx.secrets.marketplaceId,
              packageDetail: {
                packageReferenceId: packageReferenceId(parcel.parcelId),
                carrierCode: code ?? 'Other',
                ...(code === undefined && { carrierName: name }),
                trackingNumber: parcel.trackingNumber,
                shipDate: `${shipment.shippedOn}T12:00:00Z`,
                orderItems: shipment.lines.map((l) => ({
                  orderItemId: l.remoteLineId,
                  quantity: l.quantity,
                })),
              },
            },
          );
        } catch (error) {
          if (error instanceof ChannelError && error.kind === 'refused')
            return { ok: false, reason: error.message };
          throw error;
        }
      }
      return { ok: true, remoteId: shipment.parcels.map((p) => packageReferenceId(p.parcelId)).join(',') };
    },
  };
}
