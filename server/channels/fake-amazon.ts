/**
 * A local stand-in for Amazon's SP-API and Login with Amazon, for contract tests, answering with
 * the shapes of Amazon's documentation and API models: LWA's token endpoint (refresh-token and
 * authorisation-code grants, one-hour tokens), Seller Central's consent page (approves at once,
 * back with `spapi_oauth_code`), `marketplaceParticipations`, the 2026-01-01 `searchOrders` with
 * `pagination.nextToken`, v0 `confirmShipment` (204, or `{ errors: [...] }` for an unknown carrier
 * code or an order Amazon will not ship), and 429s carrying `x-amzn-RateLimit-Limit`.
 */
import { json, startFakeHttp, type FakeHttp } from './fake-http.ts';

export const FAKE_AMAZON_CLIENT_ID = 'amzn1.application-oa2-client.fake';
export const FAKE_AMAZON_CLIENT_SECRET = 'amzn1.oa2-cs.v1.fake';
export const FAKE_AMAZON_REFRESH = 'Atzr|fake-refresh';
export const FAKE_AMAZON_MARKETPLACE = 'A1PA6795UKMFR9';
/** A slice of Amazon's carrier codes. */
const CARRIER_CODES = new Set(['UPS', 'USPS', 'FedEx', 'DHL', 'DPD', 'GLS', 'Hermes', 'Royal Mail', 'Other']);

export interface FakeAmazonOrder {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  salesChannel: { marketplaceId: string };
  orderItems: {
    orderItemId: string;
    quantityOrdered: number;
    product: { asin: string; sellerSku: string; title: string };
  }[];
  buyer: { buyerName: string; buyerEmail: string };
  recipient: {
    deliveryAddress: {
      name: string;
      addressLine1: string;
      addressLine2?: string;
      city: string;
      postalCode: string;
      countryCode: string;
      phone?: string;
    };
  };
  /** Amazon refuses shipment confirmations of this order with this message. */
  refuse?: string;
}

export interface FakeAmazonConfirmation {
  orderId: string;
  body: {
    marketplaceId: string;
    packageDetail: {
      packageReferenceId: string;
      carrierCode: string;
      carrierName?: string;
      trackingNumber: string;
      shipDate: string;
      orderItems: { orderItemId: string; quantity: number }[];
    };
  };
}

export interface FakeAmazon extends FakeHttp {
  orders: FakeAmazonOrder[];
  confirmations: FakeAmazonConfirmation[];
  expireTokens(): void;
}

export function fakeAmazonOrder(n: number, overrides: Partial<FakeAmazonOrder> = {}): FakeAmazonOrder {
  return {
    orderId: `302-${String(n).padStart(7, '0')}-1234567`,
    createdTime: '2026-11-02T09:15:00Z',
    lastUpdatedTime: '2026-11-02T09:15:00Z',
    salesChannel: { marketplaceId: FAKE_AMAZON_MARKETPLACE },
    orderItems: [
      {
        orderItemId: `5${n}01`,
        quantityOrdered: 1,
        product: { asin: 'B0TEST0001', sellerSku: `TEA-${n}`, title: 'Green tea' },
      },
    ],
    buyer: { buyerName: `Jana Nowak ${n}`, buyerEmail: `abc${n}@marketplace.amazon.de` },
    recipient: {
      deliveryAddress: {
        name: `Jana Nowak ${n}`,
        addressLine1: `Bahnhofstr. ${n}`,
        city: 'Leipzig',
        postalCode: '04109',
        countryCode: 'DE',
      },
    },
    ...overrides,
  };
}

const errors = (status: number, code: string, message: string, details?: string) =>
  json(status, { errors: [{ code, message, ...(details !== undefined && { details }) }] });

export async function startFakeAmazon(options: { now?: () => Date } = {}): Promise<FakeAmazon> {
  const now = options.now ?? (() => new Date());
  const state = { orders: [] as FakeAmazonOrder[], confirmations: [] as FakeAmazonConfirmation[] };
  const tokens = new Map<string, number>();
  let issued = 0;

  const http = await startFakeHttp(
    (request) => {
      const { method, path, query, headers, text } = request;
      if (method === 'GET' && path === '/apps/authorize/consent') {
        const back = new URL(query['redirect_uri'] ?? 'http://127.0.0.1/');
        back.searchParams.set('spapi_oauth_code', 'fake-spapi-code');
        back.searchParams.set('state', query['state'] ?? '');
        back.searchParams.set('selling_partner_id', 'A3FAKESELLER');
        return { status: 302, headers: { Location: back.toString() } };
      }
      if (method === 'POST' && path === '/auth/o2/token') {
        const form = new URLSearchParams(text);
        if (
          form.get('client_id') !== FAKE_AMAZON_CLIENT_ID ||
          form.get('client_secret') !== FAKE_AMAZON_CLIENT_SECRET
        )
          return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        const grant = form.get('grant_type');
        const ok =
          (grant === 'refresh_token' && form.get('refresh_token') === FAKE_AMAZON_REFRESH) ||
          (grant === 'authorization_code' && form.get('code') === 'fake-spapi-code');
        if (!ok)
          return json(400, {
            error: 'invalid_grant',
            error_description: 'The request has an invalid grant parameter',
          });
        const token = `Atza|fake-access-${++issued}`;
        tokens.set(token, now().getTime() + 3600_000);
        return json(200, {
          access_token: token,
          refresh_token: FAKE_AMAZON_REFRESH,
          token_type: 'bearer',
          expires_in: 3600,
        });
      }
      const until = tokens.get(headers['x-amz-access-token'] ?? '');
      if (until === undefined || until <= now().getTime())
        return errors(
          403,
          'Unauthorized',
          'Access to requested resource is denied.',
          'The access token you provided has expired.',
        );

      if (method === 'GET' && path === '/sellers/v1/marketplaceParticipations') {
        return json(200, {
          payload: [
            {
              marketplace: {
                id: FAKE_AMAZON_MARKETPLACE,
                countryCode: 'DE',
                name: 'Amazon.de',
                defaultCurrencyCode: 'EUR',
              },
              participation: { isParticipating: true, hasSuspendedListings: false },
              storeName: 'Teehaus Nowak',
            },
          ],
        });
      }
      if (method === 'GET' && path === '/orders/2026-01-01/orders') {
        const since = query['lastUpdatedAfter'];
        const size = Number(query['maxResultsPerPage'] ?? 100);
        const start = query['paginationToken']
          ? Number(Buffer.from(query['paginationToken'], 'base64url').toString())
          : 0;
        const matching = state.orders
          .filter((o) => o.salesChannel.marketplaceId === query['marketplaceIds'])
          .filter((o) => since === undefined || Date.parse(o.lastUpdatedTime) >= Date.parse(since))
          .sort((a, b) => Date.parse(a.lastUpdatedTime) - Date.parse(b.lastUpdatedTime));
        const page = matching.slice(start, start + size).map(({ refuse: _omit, ...o }) => o);
        const end = start + page.length;
        return json(200, {
          orders: page,
          ...(end < matching.length && {
            pagination: { nextToken: Buffer.from(String(end)).toString('base64url') },
          }),
          lastUpdatedBefore: new Date(now().getTime() - 120_000).toISOString(),
        });
      }
      const confirm = /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/.exec(path);
      if (method === 'POST' && confirm) {
        const orderId = decodeURIComponent(confirm[1] ?? '');
        const order = state.orders.find((o) => o.orderId === orderId);
        if (!order) return errors(404, 'NotFound', 'The order was not found.');
        const body = JSON.parse(text) as FakeAmazonConfirmation['body'];
        if (!CARRIER_CODES.has(body.packageDetail.carrierCode))
          return errors(
            400,
            'InvalidInput',
            'Invalid carrierCode.',
            `${body.packageDetail.carrierCode} is not a valid carrier code.`,
          );
        if (body.packageDetail.carrierCode === 'Other' && !body.packageDetail.carrierName)
          return errors(400, 'InvalidInput', 'carrierName is required when carrierCode is Other.');
        if (order.refuse) return errors(400, 'InvalidInput', order.refuse);
        state.confirmations.push({ orderId, body });
        return { status: 204 };
      }
      return errors(404, 'NotFound', 'Resource not found.');
    },
    {
      rateLimitBody: {
        errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }],
      },
      limited: (r) => r.path.startsWith('/orders/'),
      // Amazon's 429s say the allowed rate (requests per second), not when to come back.
      rateLimitHeaders: (seconds) => ({ 'x-amzn-RateLimit-Limit': String(1 / seconds) }),
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
    confirmations: state.confirmations,
    expireTokens() {
      tokens.clear();
    },
  };
}
