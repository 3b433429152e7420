/**
 * A local stand-in for Kaufland's Marketplace Seller API v2, for contract tests, answering with
 * the shapes of Kaufland's documentation: every request's HMAC signature checked (method, full
 * URI, body, timestamp), orders listed by `ts_units_updated_from_iso` with `pagination`, one order
 * read with its units, `PATCH /order-units/{id}/send`, and problem+json refusals (an unknown
 * carrier code, a unit already cancelled).
 */
import { kauflandSignature } from './kaufland.ts';
import { json, startFakeHttp, type FakeHttp } from './fake-http.ts';

export const FAKE_KAUFLAND_CLIENT = '7bffc16ba2cc5ac1cbf527d6fa39263a';
export const FAKE_KAUFLAND_SECRET = 'a7d0cb1da1ddbc86c96ee5fedd341b7d8ebfbb2f5c83cfe0909f4e57f05dd403';
/** A slice of Kaufland's carrier codes. */
const CARRIER_CODES = new Set(['DHL', 'DHL Express', 'DPD', 'GLS', 'Hermes', 'UPS', 'Other']);

export interface FakeKauflandOrder {
  id_order: string;
  storefront: string;
  ts_created_iso: string;
  ts_units_updated_iso: string;
  buyer: { email: string };
  billing_address: Record<string, string | null>;
  shipping_address: Record<string, string | null>;
  order_units: {
    id_order_unit: number;
    status: string;
    id_offer: string;
    product: { title: string; ean: string[] };
  }[];
}

export interface FakeKauflandSend {
  idOrderUnit: number;
  body: { carrier_code: string; tracking_numbers: string[] };
}

export interface FakeKaufland extends FakeHttp {
  orders: FakeKauflandOrder[];
  sent: FakeKauflandSend[];
}

export function fakeKauflandOrder(n: number, overrides: Partial<FakeKauflandOrder> = {}): FakeKauflandOrder {
  const address = {
    first_name: 'Max',
    last_name: `Mustermann ${n}`,
    street: 'Bonner Straße',
    house_number: String(n),
    additional_field: null,
    postcode: '53117',
    city: 'Bonn',
    country: 'DE',
    phone: null,
  };
  return {
    id_order: `M${String(n).padStart(6, '0')}`,
    storefront: 'de',
    ts_created_iso: '2026-11-02T09:15:00Z',
    ts_units_updated_iso: '2026-11-02T09:15:00Z',
    buyer: { email: `k${n}@buyer.kaufland.de` },
    billing_address: address,
    shipping_address: address,
    order_units: [
      {
        id_order_unit: n * 100 + 1,
        status: 'need_to_be_sent',
        id_offer: `PAN-${n}`,
        product: { title: 'Frying pan', ean: ['4006381333931'] },
      },
    ],
    ...overrides,
  };
}

const problem = (status: number, type: string, title: string, detail?: string) =>
  json(
    status,
    { type, title, status, ...(detail !== undefined && { detail }) },
    { 'Content-Type': 'application/problem+json' },
  );

export async function startFakeKaufland(options: { now?: () => Date } = {}): Promise<FakeKaufland> {
  const now = options.now ?? (() => new Date());
  const state = { orders: [] as FakeKauflandOrder[], sent: [] as FakeKauflandSend[] };
  const origin = { value: '' };

  const http = await startFakeHttp(
    (request) => {
      const { method, path, query, headers, text } = request;
      const timestamp = Number(headers['shop-timestamp']);
      const expected = kauflandSignature(
        method,
        `${origin.value}${request.url}`,
        text,
        timestamp,
        FAKE_KAUFLAND_SECRET,
      );
      if (headers['shop-client-key'] !== FAKE_KAUFLAND_CLIENT)
        return problem(401, '/problems/invalid-credentials', 'Invalid credentials');
      if (!headers['user-agent'] || Math.abs(timestamp * 1000 - now().getTime()) > 5 * 60_000)
        return problem(
          400,
          '/problems/missing-or-invalid-request-header',
          'Missing or invalid request header',
        );
      if (headers['shop-signature'] !== expected)
        return problem(401, '/problems/corrupted-signature', 'Corrupted signature');

      if (method === 'GET' && path === '/v2/orders') {
        const since = query['ts_units_updated_from_iso'];
        const limit = Number(query['limit'] ?? 20);
        const offset = Number(query['offset'] ?? 0);
        const matching = state.orders
          .filter((o) => o.storefront === query['storefront'])
          .filter((o) => since === undefined || Date.parse(o.ts_units_updated_iso) >= Date.parse(since))
          .sort((a, b) => Date.parse(a.ts_units_updated_iso) - Date.parse(b.ts_units_updated_iso));
        return json(200, {
          data: matching.slice(offset, offset + limit).map((o) => ({
            id_order: o.id_order,
            order_units_count: o.order_units.length,
            ts_created_iso: o.ts_created_iso,
            ts_units_updated_iso: o.ts_units_updated_iso,
            is_marketplace_deemed_supplier: false,
            storefront: o.storefront,
          })),
          pagination: { offset, limit, total: matching.length },
        });
      }
      const one = /^\/v2\/orders\/([^/]+)$/.exec(path);
      if (method === 'GET' && one) {
        const order = state.orders.find((o) => o.id_order === decodeURIComponent(one[1] ?? ''));
        return order ? json(200, { data: order }) : problem(404, '/problems/not-found', 'Not found');
      }
      const send = /^\/v2\/order-units\/(\d+)\/send$/.exec(path);
      if (method === 'PATCH' && send) {
        const id = Number(send[1]);
        const unit = state.orders.flatMap((o) => o.order_units).find((u) => u.id_order_unit === id);
        if (!unit) return problem(404, '/problems/not-found', 'Not found');
        const body = JSON.parse(text) as FakeKauflandSend['body'];
        if (!CARRIER_CODES.has(body.carrier_code))
          return problem(
            422,
            '/problems/validation-error',
            'Validation error',
            `carrier_code: "${body.carrier_code}" is not a valid carrier`,
          );
        if (unit.status === 'cancelled')
          return problem(
            409,
            '/problems/action-not-allowed',
            'Action not allowed',
            'The order unit is cancelled.',
          );
        unit.status = 'sent';
        state.sent.push({ idOrderUnit: id, body });
        return { status: 204 };
      }
      return problem(404, '/problems/not-found', 'Not found');
    },
    { rateLimitBody: { type: 'about:blank', title: 'Too Many Requests', status: 429 } },
  );
  origin.value = http.origin;

  return {
    ...http,
    get orders() {
      return state.orders;
    },
    set orders(value) {
      state.orders = value;
    },
    sent: state.sent,
  };
}
