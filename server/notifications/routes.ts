/**
 * The seller's view of buyer messages, per device token: the messages of one order (with status,
 * attempts and the last error), and the seller's decision on one that needs it. Queuing happens
 * through sync (`notify.request`), never here, so that it works offline and exactly once.
 */
import { Hono } from 'hono';
import { reviewRequestSchema } from '../../src/core/protocol/index.ts';
import type { Database } from '../db/database.ts';
import { apiError, requireDevice, type AuthEnv } from '../accounts/auth.ts';
import type { RateLimits } from '../accounts/rate-limit.ts';
import { readBody } from '../sync/http.ts';
import type { NotificationService } from './service.ts';

export function notificationRoutes(
  db: Database,
  limits: RateLimits,
  service: NotificationService,
): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('/orders/:orderId/notifications', requireDevice(db, limits.device));
  app.use('/notifications/*', requireDevice(db, limits.device));

  app.get('/orders/:orderId/notifications', async (c) => {
    const orderId = c.req.param('orderId');
    if (orderId.length > 200) return apiError(c, 400, 'invalid_request');
    const notifications = await service.listForOrder(c.get('device').sellerId, orderId);
    return c.json({ notifications });
  });

  app.post('/notifications/:id/review', async (c) => {
    const body = await readBody(c, reviewRequestSchema);
    if (!body.ok) return body.response;
    const sellerId = c.get('device').sellerId;
    const id = c.req.param('id');
    // Another seller's message is as unknown as a missing one.
    if ((await service.get(sellerId, id)) === null) return apiError(c, 404, 'not_found');
    if (!(await service.review(sellerId, id, body.value.decision))) {
      return apiError(c, 409, 'not_applicable', `A message in this state cannot be "${body.value.decision}"`);
    }
    return c.json({ notification: await service.get(sellerId, id) });
  });

  return app;
}
