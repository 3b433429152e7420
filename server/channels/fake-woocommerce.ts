/**
 * A local stand-in for one WooCommerce store with the Shipment Tracking extension, for contract
 * tests: `node:http` on 127.0.0.1, answering with the shapes of WooCommerce's REST API docs
 * (orders with `X-WP-Total`/`X-WP-TotalPages`, `woocommerce_rest_cannot_view` for bad keys) and
 * the extension's tracking items, rate-limit answers on demand, and every request recorded
 * (`fake-http.ts`).
 */
import { json, startFakeHttp, type FakeRequest } from './fake-http.ts';

export interface FakeWooOrder {
  id: number;
  number: string;
  status: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  billing: Record<string, string>;
  shipping: Record<string, string>;
  line_items: { id: number; name: string; sku: string; quantity: number }[];
}

export interface FakeWooRequest extends FakeRequest {
  /** The JSON body, parsed. */
  body: unknown;
}

export interface FakeWooCommerce {
  origin: string;
  orders: FakeWooOrder[];
  requests: FakeWooRequest[];
  trackings: { orderId: number; item: Record<string, unknown> }[];
  /** Answers the next `count` calls with HTTP 429 and this `Retry-After`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

export const FAKE_WOO_KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
export const FAKE_WOO_SECRET = 'cs_0123456789abcdef0123456789abcdef01234567';

export function fakeWooOrder(n: number, overrides: Partial<FakeWooOrder> = {}): FakeWooOrder {
  return {
    id: n,
    number: String(n),
    status: 'processing',
    date_created_gmt: '2026-11-02T09:15:00',
    date_modified_gmt: '2026-11-02T09:15:00',
    billing: { first_name: 'Erik', last_name: `Lind ${n}`, email: `erik${n}@example.se`, phone: '' },
    shipping: {
      first_name: 'Erik',
      last_name: `Lind ${n}`,
      company: '',
      address_1: `Storgatan ${n}`,
      address_2: '',
      city: 'Stockholm',
      state: '',
      postcode: '111 22',
      country: 'SE',
      phone: '',
    },
    line_items: [{ id: n * 10, name: 'Soap', sku: `SOAP-${n}`, quantity: 1 }],
    ...overrides,
  };
}

const INVALID_ID = {
  code: 'woocommerce_rest_shop_order_invalid_id',
  message: 'Invalid ID.',
  data: { status: 404 },
};

export async function startFakeWooCommerce(): Promise<FakeWooCommerce> {
  const state = {
    orders: [] as FakeWooOrder[],
    trackings: [] as { orderId: number; item: Record<string, unknown> }[],
  };
  const basic = `Basic ${Buffer.from(`${FAKE_WOO_KEY}:${FAKE_WOO_SECRET}`).toString('base64')}`;
  const http = await startFakeHttp(
    (request) => {
      const { query, headers, text } = request;
      (request as FakeWooRequest).body = text ? (JSON.parse(text) as unknown) : undefined;
      const path = request.path;
      const authorised =
        headers['authorization'] === basic ||
        (query['consumer_key'] === FAKE_WOO_KEY && query['consumer_secret'] === FAKE_WOO_SECRET);
      if (!authorised) {
        return json(401, {
          code: 'woocommerce_rest_cannot_view',
          message: 'Sorry, you cannot list resources.',
          data: { status: 401 },
        });
      }
      if (request.method === 'GET' && path === '/wp-json/wc/v3/orders') {
        const since = query['modified_after'];
        const perPage = Number(query['per_page'] ?? 10);
        const page = Number(query['page'] ?? 1);
        const matching = state.orders
          .filter((o) => since === undefined || Date.parse(`${o.date_modified_gmt}Z`) > Date.parse(since) - 1)
          .sort((a, b) => a.date_modified_gmt.localeCompare(b.date_modified_gmt) || a.id - b.id);
        const pages = Math.max(1, Math.ceil(matching.length / perPage));
        return json(200, matching.slice((page - 1) * perPage, page * perPage), {
          'X-WP-Total': String(matching.length),
          'X-WP-TotalPages': String(pages),
        });
      }
      const tracking = /^\/wp-json\/wc-shipment-tracking\/v3\/orders\/(\d+)\/shipment-trackings$/.exec(path);
      if (request.method === 'POST' && tracking) {
        const order = state.orders.find((o) => o.id === Number(tracking[1]));
        if (!order) return json(404, INVALID_ID);
        const body = JSON.parse(text) as Record<string, unknown>;
        if (
          typeof body['tracking_provider'] !== 'string' &&
          typeof body['custom_tracking_link'] !== 'string'
        ) {
          return json(400, {
            code: 'rest_invalid_param',
            message: 'Invalid parameter(s): tracking_provider',
            data: { status: 400 },
          });
        }
        const item = { tracking_id: `t${state.trackings.length + 1}`, ...body };
        state.trackings.push({ orderId: order.id, item });
        return json(201, item);
      }
      const update = /^\/wp-json\/wc\/v3\/orders\/(\d+)$/.exec(path);
      if (request.method === 'PUT' && update) {
        const order = state.orders.find((o) => o.id === Number(update[1]));
        if (!order) return json(404, INVALID_ID);
        order.status = String((JSON.parse(text) as { status?: string }).status ?? order.status);
        return json(200, order);
      }
      return json(404, {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      });
    },
    { rateLimitBody: { code: 'rest_too_many_requests', message: 'Too many requests.' } },
  );
  return {
    origin: http.origin,
    get orders() {
      return state.orders;
    },
    set orders(value) {
      state.orders = value;
    },
    requests: http.requests as FakeWooRequest[],
    trackings: state.trackings,
    rateLimitNext: http.rateLimitNext,
    close: http.close,
  };
}
