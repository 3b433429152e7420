/**
 * A local stand-in for Etsy's Open API v3 and its OAuth pages, for contract and end-to-end tests,
 * answering with the shapes of Etsy's documentation: the token endpoint (authorisation code with
 * PKCE, refresh tokens that rotate: a used one is dead), `users/me`, `shops/{id}`, receipts paged
 * by `offset` against `count`, `createReceiptShipment`, `{ "error": "…" }` refusals, and a consent
 * page that approves at once and redirects back with a code. Both origins are this one server.
 */
import { createHash } from 'node:crypto';
import { json, startFakeHttp, type FakeHttp, type FakeRequest } from './fake-http.ts';

export const FAKE_ETSY_KEYSTRING = 'fakeetsykeystring0123';
export const FAKE_ETSY_SECRET = 'fakeetsysecret';
export const FAKE_ETSY_REFRESH = '12345678.fake-refresh-0';
export const FAKE_ETSY_SHOP_ID = 4242;

export interface FakeEtsyReceipt {
  receipt_id: number;
  name: string;
  first_line: string;
  second_line: string | null;
  city: string;
  state: string | null;
  zip: string;
  country_iso: string;
  buyer_email: string;
  create_timestamp: number;
  updated_timestamp: number;
  transactions: { transaction_id: number; title: string; quantity: number; sku: string | null }[];
  /** Etsy refuses tracking for this receipt with this error (a test's refusal). */
  refuse?: string;
}

export interface FakeEtsyShipment {
  receiptId: number;
  receipt_shipping_id: number;
  tracking_code: string;
  carrier_name: string;
  note_to_buyer?: string;
}

export interface FakeEtsy extends Omit<FakeHttp, 'requests'> {
  requests: FakeRequest[];
  receipts: FakeEtsyReceipt[];
  shipments: FakeEtsyShipment[];
  /** The refresh token Etsy would accept now (it rotates on every use). */
  readonly refreshToken: string;
  /** Makes every issued access token invalid (as if revoked). */
  expireTokens(): void;
}

export function fakeReceipt(n: number, overrides: Partial<FakeEtsyReceipt> = {}): FakeEtsyReceipt {
  const at = Date.parse('2026-11-02T09:15:00Z') / 1000;
  return {
    receipt_id: n,
    name: `Ingrid Holm ${n}`,
    first_line: `Kungsgatan ${n}`,
    second_line: null,
    city: 'Göteborg',
    state: null,
    zip: '411 19',
    country_iso: 'SE',
    buyer_email: `ingrid${n}@example.se`,
    create_timestamp: at,
    updated_timestamp: at,
    transactions: [{ transaction_id: n * 10, title: 'Knitted hat', quantity: 1, sku: `HAT-${n}` }],
    ...overrides,
  };
}

export async function startFakeEtsy(
  options: { now?: () => Date; tokenSeconds?: number } = {},
): Promise<FakeEtsy> {
  const now = options.now ?? (() => new Date());
  const tokenSeconds = options.tokenSeconds ?? 3600;
  const state = { receipts: [] as FakeEtsyReceipt[], shipments: [] as FakeEtsyShipment[] };
  const access = new Map<string, number>();
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  let refresh = FAKE_ETSY_REFRESH;
  let issued = 0;

  const issue = () => {
    issued++;
    const token = `12345678.fake-access-${issued}`;
    access.set(token, now().getTime() + tokenSeconds * 1000);
    refresh = `12345678.fake-refresh-${issued}`;
    return json(200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: tokenSeconds,
      refresh_token: refresh,
    });
  };

  const http = await startFakeHttp(
    (request) => {
      const { method, path, query, headers, text } = request;
      if (method === 'GET' && path === '/oauth/connect') {
        if (query['client_id'] !== FAKE_ETSY_KEYSTRING || query['code_challenge_method'] !== 'S256')
          return json(400, { error: 'invalid_request' });
        const code = `fake-code-${codes.size + 1}`;
        const redirectUri = query['redirect_uri'] ?? '';
        codes.set(code, { challenge: query['code_challenge'] ?? '', redirectUri });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', query['state'] ?? '');
        return { status: 302, headers: { Location: back.toString() } };
      }
      if (method === 'POST' && path === '/v3/public/oauth/token') {
        const form = new URLSearchParams(text);
        if (form.get('client_id') !== FAKE_ETSY_KEYSTRING) return json(401, { error: 'invalid_client' });
        if (form.get('grant_type') === 'refresh_token') {
          if (form.get('refresh_token') !== refresh) return json(400, { error: 'invalid_grant' });
          return issue();
        }
        if (form.get('grant_type') === 'authorization_code') {
          const pending = codes.get(form.get('code') ?? '');
          const challenge = createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url');
          if (!pending || pending.challenge !== challenge || pending.redirectUri !== form.get('redirect_uri'))
            return json(400, { error: 'invalid_grant' });
          codes.delete(form.get('code') ?? '');
          return issue();
        }
        return json(400, { error: 'unsupported_grant_type' });
      }
      if (!path.startsWith('/v3/application/')) return json(404, { error: 'Not found' });
      if (headers['x-api-key'] !== `${FAKE_ETSY_KEYSTRING}:${FAKE_ETSY_SECRET}`)
        return json(403, { error: 'Invalid API key' });
      const token = (headers['authorization'] ?? '').replace(/^Bearer /, '');
      const until = access.get(token);
      if (until === undefined || until <= now().getTime()) return json(401, { error: 'invalid_token' });

      if (method === 'GET' && path === '/v3/application/users/me')
        return json(200, { user_id: 12345678, shop_id: FAKE_ETSY_SHOP_ID });
      if (method === 'GET' && path === `/v3/application/shops/${FAKE_ETSY_SHOP_ID}`)
        return json(200, { shop_id: FAKE_ETSY_SHOP_ID, shop_name: 'HolmKnits' });
      if (method === 'GET' && path === `/v3/application/shops/${FAKE_ETSY_SHOP_ID}/receipts`) {
        const since = Number(query['min_last_modified'] ?? 0);
        const limit = Number(query['limit'] ?? 25);
        const offset = Number(query['offset'] ?? 0);
        const matching = state.receipts
          .filter((r) => r.updated_timestamp >= since)
          .sort((a, b) => a.updated_timestamp - b.updated_timestamp || a.receipt_id - b.receipt_id);
        return json(200, {
          count: matching.length,
          results: matching.slice(offset, offset + limit).map(({ refuse: _omit, ...r }) => r),
        });
      }
      const tracking = new RegExp(
        `^/v3/application/shops/${FAKE_ETSY_SHOP_ID}/receipts/(\\d+)/tracking$`,
      ).exec(path);
      if (method === 'POST' && tracking) {
        const receipt = state.receipts.find((r) => r.receipt_id === Number(tracking[1]));
        if (!receipt) return json(404, { error: 'Receipt not found' });
        if (receipt.refuse) return json(400, { error: receipt.refuse });
        const form = new URLSearchParams(text);
        const shipment: FakeEtsyShipment = {
          receiptId: receipt.receipt_id,
          receipt_shipping_id: 900 + state.shipments.length + 1,
          tracking_code: form.get('tracking_code') ?? '',
          carrier_name: form.get('carrier_name') ?? '',
          ...(form.get('note_to_buyer') !== null && { note_to_buyer: form.get('note_to_buyer') as string }),
        };
        state.shipments.push(shipment);
        return json(200, {
          receipt_id: receipt.receipt_id,
          is_shipped: true,
          shipments: state.shipments
            .filter((s) => s.receiptId === receipt.receipt_id)
            .map((s) => ({
              receipt_shipping_id: s.receipt_shipping_id,
              shipment_notification_timestamp: Math.floor(now().getTime() / 1000),
              carrier_name: s.carrier_name,
              tracking_code: s.tracking_code,
            })),
        });
      }
      return json(404, { error: 'Not found' });
    },
    {
      rateLimitBody: { error: 'You have exceeded your quota of: 10 requests per second.' },
      limited: (r) => r.path.startsWith('/v3/application/'),
    },
  );

  return {
    origin: http.origin,
    requests: http.requests,
    rateLimitNext: http.rateLimitNext,
    close: http.close,
    get receipts() {
      return state.receipts;
    },
    set receipts(value) {
      state.receipts = value;
    },
    shipments: state.shipments,
    get refreshToken() {
      return refresh;
    },
    expireTokens() {
      access.clear();
    },
  };
}
