/**
 * Limits: every route that can receive a body refuses one over its limit, before authentication
 * and before any handler reads it. The routes are read from the app itself (`app.routes`), with
 * every optional part switched on, so a route added later without a limit fails here. And
 * per-client rate limits count an IPv6 /64 as one client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER_FORM_MAX_BYTES, MAX_BODY_BYTES } from './app.ts';
import { trackingProviderFrom } from './carrier-tracking/index.ts';
import { createSeller, startTestServer, type TestServer } from './sync/test-support.ts';

let server: TestServer;
let token: string;
beforeAll(async () => {
  const provider = trackingProviderFrom({ TRACKING_PROVIDER: '17track', TRACKING_PROVIDER_KEY: 'test-key' });
  if (!provider) throw new Error('no provider');
  server = await startTestServer({ notifications: {}, trackingProvider: provider });
  token = (await createSeller(server.fetch)).token;
}, 60_000);
afterAll(() => server.close());

/** A concrete path for a route pattern: parameters and wildcards filled in with plausible values. */
function concrete(pattern: string): string {
  return pattern
    .replace(/:token\b[^/]*/g, 'A'.repeat(43))
    .replace(/:id\b[^/]*/g, '00000000-0000-4000-8000-000000000000')
    .replace(/:[A-Za-z]+[^/]*/g, 'x')
    .replace(/\*/g, 'x');
}

/** The limit a path answers to. */
const limitOf = (path: string) => (path.startsWith('/t/') ? BUYER_FORM_MAX_BYTES : MAX_BODY_BYTES);

function bodyRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  const routes: { method: string; path: string }[] = [];
  for (const r of server.app.routes) {
    // `ALL` is both middleware and catch-all handlers: they receive bodies too.
    const methods = r.method === 'ALL' ? ['POST', 'PUT'] : [r.method];
    for (const method of methods) {
      if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') continue;
      const path = concrete(r.path);
      const key = `${method} ${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method, path });
    }
  }
  return routes;
}

describe('body limits', () => {
  it('finds the routes that take a body', () => {
    const found = bodyRoutes().map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'POST /api/accounts',
      'POST /api/devices/pair',
      'POST /api/devices/pairing',
      'POST /api/push',
      'POST /api/pull',
      `POST /t/${'A'.repeat(43)}`,
      'POST /api/notifications/00000000-0000-4000-8000-000000000000/review',
      'POST /api/tracking/17track/webhook',
      'DELETE /api/devices/00000000-0000-4000-8000-000000000000',
    ]) {
      expect(found).toContain(expected);
    }
  });

  it('every one refuses a body over its limit, declared or streamed, signed in or not', async () => {
    const routes = bodyRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const { method, path } of routes) {
      const size = limitOf(path) + 1;
      const declared = await server.fetch(path, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(size),
          Authorization: `Bearer ${token}`,
        },
        body: 'x'.repeat(size),
      });
      expect([`${method} ${path}`, declared.status]).toEqual([`${method} ${path}`, 413]);

      // No Content-Length (chunked): counted while it arrives.
      const chunk = new Uint8Array(64 * 1024).fill(120);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= size) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const streamed = await server.fetch(path, {
        method,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect([`${method} ${path} (streamed)`, streamed.status]).toEqual([
        `${method} ${path} (streamed)`,
        413,
      ]);
    }
  });

  it('a body within the limit still reaches the buyer page', async () => {
    const res = await server.fetch(`/t/${'A'.repeat(43)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${'A'.repeat(43)}&pad=${'x'.repeat(BUYER_FORM_MAX_BYTES - 200)}`,
    });
    // Unknown token: the page's own answer, not the limit's.
    expect(res.status).toBe(404);
  });
});

describe('per-client rate limits and IPv6', () => {
  it('addresses of one /64 share a bucket; another /64 has its own', async () => {
    const limited = await startTestServer({
      trustProxyHops: 1,
      rateLimits: { buyerPagePerClient: { burst: 2, perSecond: 0.001 } },
    });
    try {
      const visit = async (address: string) =>
        (await limited.fetch(`/t/${'A'.repeat(43)}`, { headers: { 'X-Forwarded-For': address } })).status;
      expect(await visit('2001:db8:1:2::1')).toBe(404);
      expect(await visit('2001:db8:1:2:aaaa::2')).toBe(404);
      expect(await visit('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(429);
      expect(await visit('2001:db8:1:3::1')).toBe(404);
      expect(await visit('203.0.113.7')).toBe(404);
      const keys = await limited.db.query<{ key: string }>('SELECT key FROM rate_buckets ORDER BY key');
      expect(keys.map((k) => k.key)).toEqual([
        'buyer-page:2001:db8:1:2::/64',
        'buyer-page:2001:db8:1:3::/64',
        'buyer-page:203.0.113.7',
      ]);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
