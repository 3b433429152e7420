/**
 * Etsy through Open API v3, with plain `fetch` and valibot schemas: Etsy publishes no official
 * Node client, and the community ones lag behind the 2026 `x-api-key` form.
 *
 * Authorisation (developers.etsy.com/documentation/essentials/authentication): an app from
 * "Your Apps" gives a keystring and a shared secret; every call sends
 * `x-api-key: <keystring>:<shared secret>` and `Authorization: Bearer <access token>`. The access
 * token comes from OAuth 2 with PKCE (scopes `transactions_r transactions_w`), lasts an hour,
 * and is renewed with the refresh token at `POST /v3/public/oauth/token`; Etsy rotates the
 * refresh token on every renewal, so the new one is stored each time. A seller either goes
 * through the consent page (`authorization` below) or pastes a refresh token.
 *
 * Orders ("receipts", developers.etsy.com/documentation/reference#operation/getShopReceipts):
 * `GET /v3/application/shops/{shop_id}/receipts?min_last_modified=<epoch s>&sort_on=updated&
 * sort_order=asc&limit&offset`, paged by `offset` against `count`. Our cursor is
 * `{ since, offset }`; after the last page, the newest `updated_timestamp` seen.
 *
 * Shipping (Fulfillment tutorial, `createReceiptShipment`): one
 * `POST /v3/application/shops/{shop_id}/receipts/{receipt_id}/tracking` per parcel with
 * `tracking_code` and `carrier_name`; Etsy e-mails the buyer and marks the receipt shipped.
 * Rate limits: 429 with `retry-after` (per-second and per-day quotas).
 * `ETSY_API_ORIGIN` replaces `https://api.etsy.com`, `ETSY_AUTH_ORIGIN` `https://www.etsy.com`.
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

const API_ORIGIN = 'https://api.etsy.com';
const AUTH_ORIGIN = 'https://www.etsy.com';
/** Receipts per page (Etsy allows up to 100). */
const PAGE_SIZE = 50;
export const ETSY_SCOPES = 'transactions_r transactions_w';

export interface EtsySecrets extends OAuthSecrets {
  keystring: string;
  sharedSecret: string;
  /** Found when connecting (`users/me`). */
  shopId?: number;
}

export interface EtsyOptions {
  fetch?: FetchFn;
  /** `ETSY_API_ORIGIN`: the API and its token endpoint. */
  origin?: string;
  /** `ETSY_AUTH_ORIGIN`: the consent page's origin. */
  authOrigin?: string;
  pageSize?: number;
}

const meSchema = v.object({ user_id: v.number(), shop_id: v.number() });
const shopSchema = v.object({ shop_id: v.number(), shop_name: v.string() });

const receiptSchema = v.object({
  receipt_id: v.number(),
  name: v.optional(v.nullable(v.string())),
  first_line: v.optional(v.nullable(v.string())),
  second_line: v.optional(v.nullable(v.string())),
  city: v.optional(v.nullable(v.string())),
  state: v.optional(v.nullable(v.string())),
  zip: v.optional(v.nullable(v.string())),
  country_iso: v.optional(v.nullable(v.string())),
  buyer_email: v.optional(v.nullable(v.string())),
  create_timestamp: v.number(),
  updated_timestamp: v.number(),
  transactions: v.array(
    v.object({
      transaction_id: v.number(),
      title: v.optional(v.nullable(v.string())),
      quantity: v.number(),
      sku: v.optional(v.nullable(v.string())),
    }),
  ),
});

const receiptsSchema = v.object({ count: v.number(), results: v.array(receiptSchema) });

const shippedSchema = v.object({
  receipt_id: v.number(),
  shipments: v.optional(
    v.array(v.object({ receipt_shipping_id: v.nullable(v.number()), tracking_code: v.string() })),
  ),
});

const errorSchema = v.object({ error: v.string() });
const reasonOf = (body: unknown): string | undefined => {
  const parsed = v.safeParse(errorSchema, body);
  return parsed.success ? parsed.output.error : undefined;
};

/** `since` in epoch seconds, as Etsy's `min_last_modified` takes it. */
const cursorSchema = v.object({ since: v.number(), offset: v.number() });
type Cursor = v.InferOutput<typeof cursorSchema>;

function readCursor(text: string | null, since: Date): Cursor {
  return parseCursor(text, cursorSchema, () => ({ since: Math.floor(since.getTime() / 1000), offset: 0 }));
}

/** An Etsy receipt in the CSV import's terms (the columns of Etsy's "sold orders" export). */
export function etsyOrder(r: v.InferOutput<typeof receiptSchema>): ChannelOrder {
  const order: ChannelOrder = {
    remoteId: String(r.receipt_id),
    orderId: String(r.receipt_id),
    orderedAt: new Date(r.create_timestamp * 1000).toISOString().slice(0, 10),
    lines: r.transactions.map((t) => ({
      remoteLineId: String(t.transaction_id),
      quantity: t.quantity,
      ...(present(t.title) !== undefined && { title: present(t.title) as string }),
      ...(present(t.sku) !== undefined && { sku: present(t.sku) as string }),
    })),
  };
  const fields: Record<string, string | undefined> = {
    buyerName: present(r.name),
    email: present(r.buyer_email),
    line1: present(r.first_line),
    line2: present(r.second_line),
    city: present(r.city),
    region: present(r.state),
    zip: present(r.zip),
    country: present(r.country_iso),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (order as unknown as Record<string, string>)[key] = value;
  }
  return order;
}

export function etsy(options: EtsyOptions = {}): ChannelAdapter<EtsySecrets> {
  const doFetch: FetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const api = options.origin?.replace(/\/$/, '') ?? API_ORIGIN;
  const auth = options.authOrigin?.replace(/\/$/, '') ?? AUTH_ORIGIN;

  const refresh = (s: EtsySecrets): TokenRequest => ({
    url: `${api}/v3/public/oauth/token`,
    form: { grant_type: 'refresh_token', client_id: s.keystring, refresh_token: s.refreshToken },
  });

  async function call(
    ctx: ChannelContext<EtsySecrets>,
    method: string,
    path: string,
    what: string,
    form?: Record<string, string>,
  ): Promise<Response> {
    const response = await withToken(ctx, doFetch, refresh, (token) =>
      send(doFetch, `${api}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          'x-api-key': `${ctx.secrets.keystring}:${ctx.secrets.sharedSecret}`,
          Authorization: `Bearer ${token}`,
          ...(form !== undefined && { 'Content-Type': 'application/x-www-form-urlencoded' }),
        },
        ...(form !== undefined && { body: new URLSearchParams(form).toString() }),
      }),
    );
    if (!response.ok) throw await failureOf(response, ctx.now(), what, reasonOf);
    return response;
  }

  async function shopIdOf(ctx: ChannelContext<EtsySecrets>): Promise<number> {
    if (ctx.secrets.shopId !== undefined) return ctx.secrets.shopId;
    const me = await readJson(await call(ctx, 'GET', '/v3/application/users/me', 'users/me'), meSchema, 'me');
    ctx.update({ ...ctx.secrets, shopId: me.shop_id });
    return me.shop_id;
  }

  return {
    id: 'etsy',
    source: 'etsy',
    capabilities: { parcelsPerCall: 'one', partialShipments: false, emailsBuyer: true },

    authorization: {
      codeParam: 'code',
      authorizeUrl(app, request) {
        const keystring = field(app, 'keystring', 200);
        if (!keystring) return null;
        const params = new URLSearchParams({
          response_type: 'code',
          client_id: keystring,
          redirect_uri: request.redirectUri,
          scope: ETSY_SCOPES,
          state: request.state,
          code_challenge: request.codeChallenge,
          code_challenge_method: 'S256',
        });
        return `${auth}/oauth/connect?${params.toString()}`;
      },
      async exchange(app, callback, now) {
        const keystring = field(app, 'keystring', 200) ?? '';
        const answer = await requestToken(
          doFetch,
          {
            url: `${api}/v3/public/oauth/token`,
            form: {
              grant_type: 'authorization_code',
              client_id: keystring,
              redirect_uri: callback.redirectUri,
              code: callback.code,
              code_verifier: callback.codeVerifier,
            },
          },
          now,
        );
        if (answer.refresh_token === undefined) throw new ChannelError('auth', 'token: no refresh token');
        return {
          keystring,
          sharedSecret: field(app, 'sharedSecret', 200) ?? '',
          refreshToken: answer.refresh_token,
        };
      },
    },

    parseSecrets(input) {
      const keystring = field(input, 'keystring', 200);
      const sharedSecret = field(input, 'sharedSecret', 200);
      const refreshToken = field(input, 'refreshToken');
      if (!keystring || !sharedSecret || !refreshToken) return null;
      return { keystring, sharedSecret, refreshToken };
    },

    async validate(ctx) {
      const shopId = await shopIdOf(ctx);
      const shop = await readJson(
        await call(ctx, 'GET', `/v3/application/shops/${shopId}`, 'shop'),
        shopSchema,
        'shop',
      );
      return { shop: shop.shop_name };
    },

    async fetchOrders(ctx, cursorText, since) {
      const cursor = readCursor(cursorText, since);
      const shopId = await shopIdOf(ctx);
      const limit = options.pageSize ?? PAGE_SIZE;
      const query = new URLSearchParams({
        min_last_modified: String(cursor.since),
        sort_on: 'updated',
        sort_order: 'asc',
        limit: String(limit),
        offset: String(cursor.offset),
      });
      const page = await readJson(
        await call(ctx, 'GET', `/v3/application/shops/${shopId}/receipts?${query.toString()}`, 'receipts'),
        receiptsSchema,
        'receipts',
      );
      const more = cursor.offset + page.results.length < page.count && page.results.length > 0;
      const newest = page.results.reduce((max, r) => Math.max(max, r.updated_timestamp), cursor.since);
      const next: Cursor = more
        ? { since: cursor.since, offset: cursor.offset + page.results.length }
        : { since: newest, offset: 0 };
      return { orders: page.results.map(etsyOrder), cursor: JSON.stringify(next), more };
    },

    async confirmShipment(ctx, shipment) {
      const shopId = await shopIdOf(ctx);
      const ids: string[] = [];
      for (const parcel of shipment.parcels) {
        const { code, name, url } = parcel.carrier;
        let response: Response;
        try {
          response = await call(
            ctx,
            'POST',
            `/v3/application/shops/${shopId}/receipts/${encodeURIComponent(shipment.remoteOrderId)}/tracking`,
            'tracking',
            {
              tracking_code: parcel.trackingNumber,
              carrier_name: code ?? 'other',
              send_bcc: 'false',
              // Etsy has no carrier of this name: the buyer reads ours and the link instead.
              ...(code === undefined && { note_to_buyer: url !== undefined ? `${name}: ${url}` : name }),
            },
          );
        } catch (error) {
          if (error instanceof ChannelError && error.kind === 'refused')
            return { ok: false, reason: error.message };
          throw error;
        }
        const receipt = await readJson(response, shippedSchema, 'tracking');
        const shipped = receipt.shipments?.find((s) => s.tracking_code === parcel.trackingNumber);
        ids.push(String(shipped?.receipt_shipping_id ?? receipt.receipt_id));
      }
      return { ok: true, remoteId: ids.join(',') };
    },
  };
}
