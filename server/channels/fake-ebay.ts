/**
 * A local stand-in for eBay's Sell Fulfillment API and its OAuth endpoints, for contract tests,
 * answering with the shapes of eBay's documentation: the token endpoint (Basic client auth,
 * refresh-token and authorisation-code grants, two-hour user tokens), `getOrders` with
 * `lastmodifieddate` filter, `limit`/`offset` and `next`, `createShippingFulfillment` answering 201
 * with a `Location`, and `{ errors: [...] }` refusals (an unknown carrier code, a closed order).
 */
import { json, startFakeHttp, type FakeHttp } from './fake-http.ts';

export const FAKE_EBAY_CLIENT_ID = 'Trackpac-fake-PRD-0123456789';
export const FAKE_EBAY_CLIENT_SECRET = 'PRD-fake-secret';
export const FAKE_EBAY_REFRESH = 'v^1.1#i^1#fake-refresh';
export const FAKE_EBAY_RUNAME = 'Trackpack-Trackpac-fake-abcdef';
/** Codes this fake accepts (a slice of `ShippingCarrierCodeType`). */
const CARRIER_CODES = new Set(['UPS', 'USPS', 'FedEx', 'DHL', 'DPD', 'GLS', 'Hermes', 'RoyalMail', 'Other']);

export interface FakeEbayOrder {
  orderId: string;
  creationDate: string;
  lastModifiedDate: string;
  buyer: { username: string; buyerRegistrationAddress: { fullName: string; email: string } };
  fulfillmentStartInstructions: {
    shippingStep: {
      shipTo: {
        fullName: string;
        contactAddress: {
          addressLine1: string;
          addressLine2?: string;
          city: string;
          stateOrProvince?: string;
          postalCode: string;
          countryCode: string;
        };
        primaryPhone?: { phoneNumber: string };
        email: string;
      };
    };
  }[];
  lineItems: { lineItemId: string; sku?: string; title: string; quantity: number }[];
  /** eBay refuses fulfillments of this order (cancelled meanwhile). */
  cancelled?: boolean;
}

export interface FakeEbayFulfillment {
  fulfillmentId: string;
  orderId: string;
  body: {
    lineItems: { lineItemId: string; quantity: number }[];
    shippedDate: string;
    shippingCarrierCode: string;
    trackingNumber: string;
  };
}

export interface FakeEbay extends FakeHttp {
  orders: FakeEbayOrder[];
  fulfillments: FakeEbayFulfillment[];
  expireTokens(): void;
}

export function fakeEbayOrder(n: number, overrides: Partial<FakeEbayOrder> = {}): FakeEbayOrder {
  return {
    orderId: `12-0${n}-34567`,
    creationDate: '2026-11-02T09:15:00.000Z',
    lastModifiedDate: '2026-11-02T09:15:00.000Z',
    buyer: {
      username: `buyer_${n}`,
      buyerRegistrationAddress: { fullName: `Max Weber ${n}`, email: `x${n}@members.ebay.com` },
    },
    fulfillmentStartInstructions: [
      {
        shippingStep: {
          shipTo: {
            fullName: `Max Weber ${n}`,
            contactAddress: {
              addressLine1: `Lindenallee ${n}`,
              city: 'Köln',
              postalCode: '50667',
              countryCode: 'DE',
            },
            primaryPhone: { phoneNumber: '0221 123456' },
            email: `x${n}@members.ebay.com`,
          },
        },
      },
    ],
    lineItems: [{ lineItemId: `10${n}1`, sku: `LAMP-${n}`, title: 'Desk lamp', quantity: 1 }],
    ...overrides,
  };
}

const errors = (status: number, errorId: number, message: string, longMessage?: string) =>
  json(status, {
    errors: [
      {
        errorId,
        domain: 'API_FULFILLMENT',
        category: 'REQUEST',
        message,
        ...(longMessage && { longMessage }),
      },
    ],
  });

export async function startFakeEbay(options: { now?: () => Date } = {}): Promise<FakeEbay> {
  const now = options.now ?? (() => new Date());
  const state = { orders: [] as FakeEbayOrder[], fulfillments: [] as FakeEbayFulfillment[] };
  const tokens = new Map<string, number>();
  const basic = `Basic ${Buffer.from(`${FAKE_EBAY_CLIENT_ID}:${FAKE_EBAY_CLIENT_SECRET}`).toString('base64')}`;
  let issued = 0;

  const http = await startFakeHttp(
    (request) => {
      const { method, path, query, headers, text } = request;
      if (method === 'GET' && path === '/oauth2/authorize') {
        const back = new URL('http://127.0.0.1/ebay-accepted');
        back.searchParams.set('code', 'v^1.1#fake-code');
        back.searchParams.set('state', query['state'] ?? '');
        return { status: 302, headers: { Location: back.toString() } };
      }
      if (method === 'POST' && path === '/identity/v1/oauth2/token') {
        if (headers['authorization'] !== basic) return json(401, { error: 'invalid_client' });
        const form = new URLSearchParams(text);
        const grant = form.get('grant_type');
        const ok =
          (grant === 'refresh_token' && form.get('refresh_token') === FAKE_EBAY_REFRESH) ||
          (grant === 'authorization_code' &&
            form.get('code') === 'v^1.1#fake-code' &&
            form.get('redirect_uri') === FAKE_EBAY_RUNAME);
        if (!ok)
          return json(400, {
            error: 'invalid_grant',
            error_description: 'the provided authorization grant is invalid',
          });
        const token = `v^1.1#fake-access-${++issued}`;
        tokens.set(token, now().getTime() + 7200_000);
        return json(200, {
          access_token: token,
          expires_in: 7200,
          token_type: 'User Access Token',
          ...(grant === 'authorization_code' && {
            refresh_token: FAKE_EBAY_REFRESH,
            refresh_token_expires_in: 47304000,
          }),
        });
      }
      const until = tokens.get((headers['authorization'] ?? '').replace(/^Bearer /, ''));
      if (until === undefined || until <= now().getTime())
        return errors(
          401,
          1001,
          'Invalid access token',
          'Invalid access token. Check the value of the Authorization HTTP request header.',
        );

      if (method === 'GET' && path === '/sell/fulfillment/v1/order') {
        const since = /^lastmodifieddate:\[(.+)\.\.\]$/.exec(query['filter'] ?? '')?.[1];
        const limit = Number(query['limit'] ?? 50);
        const offset = Number(query['offset'] ?? 0);
        const matching = state.orders
          .filter((o) => since === undefined || Date.parse(o.lastModifiedDate) >= Date.parse(since))
          .sort((a, b) => Date.parse(a.lastModifiedDate) - Date.parse(b.lastModifiedDate));
        const page = matching.slice(offset, offset + limit).map(({ cancelled: _omit, ...o }) => o);
        const nextOffset = offset + page.length;
        return json(200, {
          href: `https://api.ebay.com/sell/fulfillment/v1/order?limit=${limit}&offset=${offset}`,
          total: matching.length,
          limit,
          offset,
          ...(nextOffset < matching.length && {
            next: `https://api.ebay.com/sell/fulfillment/v1/order?limit=${limit}&offset=${nextOffset}`,
          }),
          orders: page,
        });
      }
      const ship = /^\/sell\/fulfillment\/v1\/order\/([^/]+)\/shipping_fulfillment$/.exec(path);
      if (method === 'POST' && ship) {
        const orderId = decodeURIComponent(ship[1] ?? '');
        const order = state.orders.find((o) => o.orderId === orderId);
        if (!order) return errors(404, 32100, 'Order not found.');
        const body = JSON.parse(text) as FakeEbayFulfillment['body'];
        if (!CARRIER_CODES.has(body.shippingCarrierCode))
          return errors(
            400,
            32500,
            'Invalid shipping carrier code.',
            `The shipping carrier '${body.shippingCarrierCode}' is not valid.`,
          );
        if (order.cancelled) return errors(409, 32400, 'This order is cancelled and cannot be shipped.');
        const fulfillmentId = `9405509699937${String(state.fulfillments.length + 1).padStart(9, '0')}`;
        state.fulfillments.push({ fulfillmentId, orderId, body });
        return {
          status: 201,
          body: '',
          headers: {
            Location: `https://api.ebay.com/sell/fulfillment/v1/order/${ship[1]}/shipping_fulfillment/${fulfillmentId}`,
          },
        };
      }
      return errors(404, 2002, 'Resource not found');
    },
    {
      rateLimitBody: {
        errors: [
          {
            errorId: 2001,
            domain: 'ACCESS',
            category: 'REQUEST',
            message: 'Too many requests. The request limit has been reached for the resource.',
          },
        ],
      },
      limited: (r) => r.path.startsWith('/sell/'),
    },
  );

  return {
    ...http,
    get orders() {
      return state.orders;
    },
    set orders(value) {
      state.orders = value;
    },
    fulfillments: state.fulfillments,
    expireTokens() {
      tokens.clear();
    },
  };
}
