/**
 * eBay through the Sell Fulfillment API (v1), with plain `fetch` and valibot schemas: eBay's own
 * Node packages are for its OAuth flow only (`ebay-oauth-nodejs-client`, one call here), and the
 * community API clients check no answers.
 *
 * Authorisation (developer.ebay.com/api-docs/static/oauth-refresh-token-request.html): an app's
 * client id and secret (Basic auth on the token endpoint) and a user refresh token (18 months)
 * with the `sell.fulfillment` scope, exchanged at `POST /identity/v1/oauth2/token` for a user
 * access token that lasts two hours. The refresh token comes from the consent page (the app's
 * RuName is the `redirect_uri`, pointed at our callback in eBay's developer portal) or is pasted
 * from the portal's "User Tokens" page.
 *
 * Orders (`getOrders`): `GET /sell/fulfillment/v1/order?filter=lastmodifieddate:[<since>..]&
 * limit&offset`, paged while eBay sends `next`. Our cursor is `{ since, offset }`; after the last
 * page, the newest `lastModifiedDate` seen.
 *
 * Shipping (`createShippingFulfillment`): one `POST /sell/fulfillment/v1/order/{orderId}/
 * shipping_fulfillment` per package, with the line items, `shippedDate`, `shippingCarrierCode`
 * and `trackingNumber`; eBay answers 201 with the fulfillment id at the end of `Location` and
 * tells the buyer. 429 when a call limit is reached. `EBAY_API_ORIGIN` replaces
 * `https://api.ebay.com` (`https://api.sandbox.ebay.com` for the sandbox), `EBAY_AUTH_ORIGIN`
 * `https://auth.ebay.com`.
 */
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

const API_ORIGIN = 'https://api.ebay.com';
const AUTH_ORIGIN = 'https://auth.ebay.com';
const PAGE_SIZE = 50;
export const EBAY_SCOPE = 'https://api.ebay.com/oauth/api_scope/sell.fulfillment';

export interface EbaySecrets extends OAuthSecrets {
  clientId: string;
  clientSecret: string;
}

export interface EbayOptions {
  fetch?: FetchFn;
  /** `EBAY_API_ORIGIN`: the APIs and the token endpoint. */
  origin?: string;
  /** `EBAY_AUTH_ORIGIN`: the consent page. */
  authOrigin?: string;
  pageSize?: number;
}

const addressSchema = v.object({
  addressLine1: v.optional(v.string()),
  addressLine2: v.optional(v.string()),
  city: v.optional(v.string()),
  stateOrProvince: v.optional(v.string()),
  postalCode: v.optional(v.string()),
  countryCode: v.optional(v.string()),
});

const orderSchema = v.object({
  orderId: v.string(),
  creationDate: v.string(),
  lastModifiedDate: v.string(),
  buyer: v.optional(
    v.object({
      username: v.optional(v.string()),
      buyerRegistrationAddress: v.optional(
        v.object({ fullName: v.optional(v.string()), email: v.optional(v.string()) }),
      ),
    }),
  ),
  fulfillmentStartInstructions: v.optional(
    v.array(
      v.object({
        shippingStep: v.optional(
          v.object({
            shipTo: v.optional(
              v.object({
                fullName: v.optional(v.string()),
                contactAddress: v.optional(addressSchema),
                primaryPhone: v.optional(v.object({ phoneNumber: v.optional(v.string()) })),
                email: v.optional(v.string()),
              }),
            ),
          }),
        ),
      }),
    ),
  ),
  lineItems: v.array(
    v.object({
      lineItemId: v.string(),
      sku: v.optional(v.string()),
      title: v.optional(v.string()),
      quantity: v.number(),
    }),
  ),
});

const ordersSchema = v.object({
  total: v.optional(v.number()),
  next: v.optional(v.string()),
  orders: v.optional(v.array(orderSchema), []),
});

const errorsSchema = v.object({
  errors: v.array(v.object({ message: v.string(), longMessage: v.optional(v.string()) })),
});
const reasonOf = (body: unknown): string | undefined => {
  const parsed = v.safeParse(errorsSchema, body);
  return parsed.success ? parsed.output.errors.map((e) => e.longMessage ?? e.message).join('; ') : undefined;
};

const cursorSchema = v.object({ since: v.string(), offset: v.number() });
type Cursor = v.InferOutput<typeof cursorSchema>;

function readCursor(text: string | null, since: Date): Cursor {
  return parseCursor(text, cursorSchema, () => ({ since: since.toISOString(), offset: 0 }));
}

/** An eBay order in the CSV import's terms (the columns of eBay's orders report). */
export function ebayOrder(o: v.InferOutput<typeof orderSchema>): ChannelOrder {
  const shipTo = o.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo;
  const address = shipTo?.contactAddress;
  const order: ChannelOrder = {
    remoteId: o.orderId,
    orderId: o.orderId,
    orderedAt: new Date(o.creationDate).toISOString().slice(0, 10),
    lines: o.lineItems.map((l) => ({
      remoteLineId: l.lineItemId,
      quantity: l.quantity,
      ...(present(l.title) !== undefined && { title: present(l.title) as string }),
      ...(present(l.sku) !== undefined && { sku: present(l.sku) as string }),
    })),
  };
  const fields: Record<string, string | undefined> = {
    buyerName: present(o.buyer?.buyerRegistrationAddress?.fullName) ?? present(shipTo?.fullName),
    email: present(shipTo?.email) ?? present(o.buyer?.buyerRegistrationAddress?.email),
    phone: present(shipTo?.primaryPhone?.phoneNumber),
    recipientName: present(shipTo?.fullName),
    line1: present(address?.addressLine1),
    line2: present(address?.addressLine2),
    city: present(address?.city),
    region: present(address?.stateOrProvince),
    zip: present(address?.postalCode),
    country: present(address?.countryCode),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (order as unknown as Record<string, string>)[key] = value;
  }
  return order;
}

export function ebay(options: EbayOptions = {}): ChannelAdapter<EbaySecrets> {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const api = options.origin?.replace(/\/$/, '') ?? API_ORIGIN;
  const auth = options.authOrigin?.replace(/\/$/, '') ?? AUTH_ORIGIN;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  const refresh = (s: EbaySecrets): TokenRequest => ({
    url: `${api}/identity/v1/oauth2/token`,
    headers: { Authorization: basic(s.clientId, s.clientSecret) },
    form: { grant_type: 'refresh_token', refresh_token: s.refreshToken, scope: EBAY_SCOPE },
  });

  async function call(
    ctx: ChannelContext<EbaySecrets>,
    method: string,
    path: string,
    what: string,
    body?: unknown,
  ): Promise<Response> {
    const response = await withToken(ctx, doFetch, refresh, (token) =>
      send(doFetch, `${api}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    );
    if (!response.ok) throw await failureOf(response, ctx.now(), what, reasonOf);
    return response;
  }

  return {
    id: 'ebay',
    source: 'ebay',
    capabilities: { parcelsPerCall: 'one', partialShipments: true, emailsBuyer: true },

    authorization: {
      codeParam: 'code',
      authorizeUrl(app, request) {
        const clientId = field(app, 'clientId', 200);
        const ruName = field(app, 'ruName', 200);
        if (!clientId || !ruName) return null;
        // eBay takes the app's RuName as redirect_uri; the RuName points at our callback.
        const params = new URLSearchParams({
          client_id: clientId,
          redirect_uri: ruName,
          response_type: 'code',
          scope: EBAY_SCOPE,
          state: request.state,
        });
        return `${auth}/oauth2/authorize?${params.toString()}`;
      },
      async exchange(app, callback, now) {
        const clientId = field(app, 'clientId', 200) ?? '';
        const clientSecret = field(app, 'clientSecret', 200) ?? '';
        const answer = await requestToken(
          doFetch,
          {
            url: `${api}/identity/v1/oauth2/token`,
            headers: { Authorization: basic(clientId, clientSecret) },
            form: {
              grant_type: 'authorization_code',
              code: callback.code,
              redirect_uri: field(app, 'ruName', 200) ?? '',
            },
          },
          now,
        );
        if (answer.refresh_token === undefined) throw new ChannelError('auth', 'token: no refresh token');
        return { clientId, clientSecret, refreshToken: answer.refresh_token };
      },
    },

    parseSecrets(input) {
      const clientId = field(input, 'clientId', 200);
      const clientSecret = field(input, 'clientSecret', 200);
      const refreshToken = field(input, 'refreshToken');
      if (!clientId || !clientSecret || !refreshToken) return null;
      return { clientId, clientSecret, refreshToken };
    },

    async validate(ctx) {
      // The Fulfillment API has no "who am I": one order read proves the token and its scope.
      await call(ctx, 'GET', '/sell/fulfillment/v1/order?limit=1', 'orders');
      return { shop: ctx.shop };
    },

    async fetchOrders(ctx, cursorText, since) {
      const cursor = readCursor(cursorText, since);
      const query = new URLSearchParams({
        filter: `lastmodifieddate:[${cursor.since}..]`,
        limit: String(options.pageSize ?? PAGE_SIZE),
        offset: String(cursor.offset),
      });
      const page = await readJson(
        await call(ctx, 'GET', `/sell/fulfillment/v1/order?${query.toString()}`, 'orders'),
        ordersSchema,
        'orders',
      );
      const more = page.next !== undefined && page.orders.length > 0;
      const newest = page.orders.reduce(
        (max, o) => (Date.parse(o.lastModifiedDate) > Date.parse(max) ? o.lastModifiedDate : max),
        cursor.since,
      );
      const next: Cursor = more
        ? { since: cursor.since, offset: cursor.offset + page.orders.length }
        : { since: new Date(Date.parse(newest)).toISOString(), offset: 0 };
      return { orders: page.orders.map(ebayOrder), cursor: JSON.stringify(next), more };
    },

    async confirmShipment(ctx, shipment) {
      const ids: string[] = [];
      for (const parcel of shipment.parcels) {
        let response: Response;
        try {
          response = await call(
            ctx,
            'POST',
            `/sell/fulfillment/v1/order/${encodeURIComponent(shipment.remoteOrderId)}/shipping_fulfillment`,
            'shipping_fulfillment',
            {
              lineItems: shipment.lines.map((l) => ({ lineItemId: l.remoteLineId, quantity: l.quantity })),
              shippedDate: `${shipment.shippedOn}T12:00:00.000Z`,
              shippingCarrierCode: parcel.carrier.code ?? 'Other',
              trackingNumber: parcel.trackingNumber,
            },
          );
        } catch (error) {
          if (error instanceof ChannelError && error.kind === 'refused')
            return { ok: false, reason: error.message };
          throw error;
        }
        const location = response.headers.get('Location') ?? '';
        ids.push(decodeURIComponent(location.slice(location.lastIndexOf('/') + 1)) || parcel.trackingNumber);
      }
      return { ok: true, remoteId: ids.join(',') };
    },
  };
}
