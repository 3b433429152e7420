/**
 * A local stand-in for one Shopify store, for contract and end-to-end tests: `node:http` on
 * 127.0.0.1, answering the requests our adapter sends with the shapes of Shopify's documentation
 * (client credentials token, GraphQL Admin `shop`, `orders` with cursor pages, `order.
 * fulfillmentOrders`, `fulfillmentCreate` with `userErrors`, `fulfillmentTrackingInfoUpdate`),
 * expiring tokens, and rate-limit answers on demand. It records every request (`fake-http.ts`), so tests check exactly what we sent.
 */
import { json, startFakeHttp, type FakeRequest } from './fake-http.ts';

export interface FakeLineItem {
  id: string;
  sku: string | null;
  title: string;
  quantity: number;
}

export interface FakeShopifyOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  email: string | null;
  phone: string | null;
  billingAddress: { name: string } | null;
  shippingAddress: {
    name: string;
    address1: string;
    address2: string | null;
    zip: string;
    city: string;
    province: string | null;
    countryCodeV2: string;
    phone: string | null;
  } | null;
  lineItems: { nodes: FakeLineItem[] };
  fulfillmentOrders: { id: string; status: 'OPEN' | 'IN_PROGRESS' | 'CLOSED' }[];
}

export interface RecordedRequest extends FakeRequest {
  body: string;
  /** For GraphQL calls: the operation name and variables. */
  operation?: string;
  variables?: Record<string, unknown>;
}

export interface FakeFulfillment {
  id: string;
  orderId: string;
  fulfillmentOrderIds: string[];
  trackingInfo: { company?: string; numbers?: string[]; urls?: string[] };
  notifyCustomer: boolean;
}

export interface FakeShopifyOptions {
  clientId?: string;
  clientSecret?: string;
  /** `expires_in` of issued tokens, seconds (Shopify: 86399). */
  tokenSeconds?: number;
  shopDomain?: string;
  now?: () => Date;
}

export interface FakeShopify {
  origin: string;
  orders: FakeShopifyOrder[];
  requests: RecordedRequest[];
  fulfillments: FakeFulfillment[];
  /** Answers the next `count` GraphQL calls with HTTP 429 and this `Retry-After`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** Answers the next `count` GraphQL calls with Shopify's `THROTTLED` error. */
  throttleNext(count: number): void;
  /** Makes every issued token invalid (as if it ran out). */
  expireTokens(): void;
  /** Holds `fulfillmentCreate` answers until `release()` (a crash test kills the caller meanwhile). */
  holdFulfillments(): { release(): void };
  close(): Promise<void>;
}

/** A fake order in Shopify's shapes, with one open fulfillment order. */
export function fakeOrder(n: number, overrides: Partial<FakeShopifyOrder> = {}): FakeShopifyOrder {
  return {
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    createdAt: '2026-11-02T09:15:00Z',
    updatedAt: '2026-11-02T09:15:00Z',
    email: `buyer${n}@example.com`,
    phone: null,
    billingAddress: { name: `Buyer ${n}` },
    shippingAddress: {
      name: `Buyer ${n}`,
      address1: `Hauptstraße ${n}`,
      address2: null,
      zip: '01067',
      city: 'Dresden',
      province: null,
      countryCodeV2: 'DE',
      phone: null,
    },
    lineItems: {
      nodes: [{ id: `gid://shopify/LineItem/${n}1`, sku: `MUG-${n}`, title: 'Mug', quantity: 1 }],
    },
    fulfillmentOrders: [{ id: `gid://shopify/FulfillmentOrder/${n}1`, status: 'OPEN' }],
    ...overrides,
  };
}

const GRAPHQL_PATH = /^\/admin\/api\/[^/]+\/graphql\.json$/;

const PAGE_CURSOR = (index: number) => Buffer.from(`after:${index}`).toString('base64');
const cursorIndex = (cursor: unknown) =>
  typeof cursor === 'string' ? Number(Buffer.from(cursor, 'base64').toString('utf8').slice(6)) : 0;

export async function startFakeShopify(options: FakeShopifyOptions = {}): Promise<FakeShopify> {
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake-client-secret';
  const tokenSeconds = options.tokenSeconds ?? 86_399;
  const now = options.now ?? (() => new Date());
  const tokens = new Map<string, number>();
  let issued = 0;
  let throttled = 0;
  let hold: Promise<void> | null = null;
  const state = {
    orders: [] as FakeShopifyOrder[],
    fulfillments: [] as FakeFulfillment[],
  };

  function graphql(operation: string, variables: Record<string, unknown>): unknown {
    switch (operation) {
      case 'Shop':
        return { data: { shop: { myshopifyDomain: options.shopDomain ?? 'fake-shop.myshopify.com' } } };
      case 'Orders': {
        const first = Number(variables['first'] ?? 50);
        const since = /updated_at:>='([^']+)'/.exec(String(variables['query'] ?? ''))?.[1];
        const matching = state.orders
          .filter((o) => since === undefined || Date.parse(o.updatedAt) >= Date.parse(since))
          .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.id.localeCompare(b.id));
        const start = cursorIndex(variables['after']);
        const page = matching.slice(start, start + first);
        const end = start + page.length;
        return {
          data: {
            orders: {
              nodes: page.map(({ fulfillmentOrders: _omit, ...o }) => o),
              pageInfo: {
                hasNextPage: end < matching.length,
                endCursor: page.length ? PAGE_CURSOR(end) : null,
              },
            },
          },
        };
      }
      case 'FulfillmentOrders': {
        const order = state.orders.find((o) => o.id === variables['id']);
        return {
          data: { order: order ? { fulfillmentOrders: { nodes: order.fulfillmentOrders } } : null },
        };
      }
      case 'FulfillmentCreate': {
        const input = variables['fulfillment'] as {
          lineItemsByFulfillmentOrder: { fulfillmentOrderId: string }[];
          trackingInfo: FakeFulfillment['trackingInfo'];
          notifyCustomer?: boolean;
        };
        const ids = input.lineItemsByFulfillmentOrder.map((l) => l.fulfillmentOrderId);
        const order = state.orders.find((o) => o.fulfillmentOrders.some((f) => ids.includes(f.id)));
        const closed =
          order?.fulfillmentOrders.filter((f) => ids.includes(f.id) && f.status === 'CLOSED') ?? [];
        if (!order || closed.length > 0) {
          const id = closed[0]?.id ?? ids[0] ?? '';
          return {
            data: {
              fulfillmentCreate: {
                fulfillment: null,
                userErrors: [
                  {
                    field: ['fulfillment', 'lineItemsByFulfillmentOrder'],
                    message: `Fulfillment order ${id} has an unfulfillable status= closed.`,
                  },
                ],
              },
            },
          };
        }
        for (const f of order.fulfillmentOrders) if (ids.includes(f.id)) f.status = 'CLOSED';
        const fulfillment: FakeFulfillment = {
          id: `gid://shopify/Fulfillment/${state.fulfillments.length + 1}`,
          orderId: order.id,
          fulfillmentOrderIds: ids,
          trackingInfo: input.trackingInfo,
          notifyCustomer: input.notifyCustomer ?? false,
        };
        state.fulfillments.push(fulfillment);
        return { data: { fulfillmentCreate: { fulfillment: { id: fulfillment.id }, userErrors: [] } } };
      }
      case 'FulfillmentTrackingInfoUpdate': {
        const fulfillment = state.fulfillments.find((f) => f.id === variables['fulfillmentId']);
        if (!fulfillment)
          return {
            data: {
              fulfillmentTrackingInfoUpdate: {
                fulfillment: null,
                userErrors: [{ field: ['fulfillmentId'], message: 'Fulfillment does not exist.' }],
              },
            },
          };
        fulfillment.trackingInfo = variables['trackingInfoInput'] as FakeFulfillment['trackingInfo'];
        return {
          data: { fulfillmentTrackingInfoUpdate: { fulfillment: { id: fulfillment.id }, userErrors: [] } },
        };
      }
      default:
        return { errors: [{ message: `Unknown operation ${operation}` }] };
    }
  }

  const http = await startFakeHttp(
    async (request) => {
      const recorded = request as RecordedRequest;
      recorded.body = request.text;
      const { path, headers, text: body } = request;
      if (request.method === 'POST' && path === '/admin/oauth/access_token') {
        const form = new URLSearchParams(body);
        if (
          form.get('grant_type') !== 'client_credentials' ||
          form.get('client_id') !== clientId ||
          form.get('client_secret') !== clientSecret
        ) {
          return json(400, { error: 'invalid_client', error_description: 'Client authentication failed' });
        }
        const token = `shpat_fake_${++issued}`;
        tokens.set(token, now().getTime() + tokenSeconds * 1000);
        return json(200, {
          access_token: token,
          scope: 'read_orders,write_fulfillments',
          expires_in: tokenSeconds,
        });
      }

      if (request.method === 'POST' && GRAPHQL_PATH.test(path)) {
        const parsed = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        recorded.operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(parsed.query)?.[1] ?? '';
        recorded.variables = parsed.variables ?? {};
        const expiresAt = tokens.get(headers['x-shopify-access-token'] ?? '');
        if (expiresAt === undefined || expiresAt <= now().getTime()) {
          return json(401, {
            errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
          });
        }
        if (throttled > 0) {
          throttled--;
          return json(200, {
            errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
            extensions: {
              cost: {
                requestedQueryCost: 152,
                actualQueryCost: null,
                throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 },
              },
            },
          });
        }
        if (recorded.operation === 'FulfillmentCreate' && hold) await hold;
        return json(200, graphql(recorded.operation, recorded.variables));
      }
      return json(404, { errors: 'Not Found' });
    },
    {
      rateLimitBody: { errors: 'Exceeded 2 calls per second for api client.' },
      limited: (request) => GRAPHQL_PATH.test(request.path),
    },
  );

  return {
    origin: http.origin,
    get orders() {
      return state.orders;
    },
    set orders(value) {
      state.orders = value;
    },
    requests: http.requests as RecordedRequest[],
    fulfillments: state.fulfillments,
    rateLimitNext: http.rateLimitNext,
    throttleNext(count) {
      throttled = count;
    },
    expireTokens() {
      tokens.clear();
    },
    holdFulfillments() {
      let release = () => {};
      hold = new Promise<void>((resolve) => (release = resolve));
      return {
        release: () => {
          hold = null;
          release();
        },
      };
    },
    close: http.close,
  };
}
