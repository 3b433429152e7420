/**
 * Each provider's webhook: `POST /api/tracking/<provider>/webhook`. Public by nature, so the
 * signature over the raw body decides: anything unsigned or wrongly signed is refused (401) and
 * changes nothing. A verified call is answered 200 even when it names no parcel of ours, or the
 * provider would keep retrying it.
 */
import { Hono } from 'hono';
import type { TrackingService } from './service.ts';

export function trackingRoutes(tracking: TrackingService): Hono {
  const app = new Hono();
  for (const provider of tracking.providers) {
    app.post(`/tracking/${provider.name}/webhook`, async (c) => {
      const raw = await c.req.text();
      if (!provider.verifyWebhook(raw, (name) => c.req.header(name))) {
        return c.json({ error: 'unauthorized' }, 401);
      }
      const changed = await tracking.applyUpdates(provider.name, provider.parseWebhook(raw));
      return c.json({ ok: true, changed });
    });
  }
  return app;
}
