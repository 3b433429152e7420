/**
 * Between the sync protocol and the notification queue: a `notify.request` applied in a push is
 * rendered from the order, parcels and shop settings the server has and queued IN the push's
 * transaction (with the order's tracking-page token), and every stored outcome of a send becomes
 * an order event in the change log, so the seller's devices learn by pull what happened.
 */
import type { OrderEvent } from '../../src/core/events.ts';
import type { EventId, OrderId } from '../../src/core/ids.ts';
import type { NotifyRequestArgs } from '../../src/core/protocol/index.ts';
import type { Settings } from '../../src/core/settings.ts';
import type { Database, Queryable } from '../db/database.ts';
import { buyerLinks, ensureOrderToken } from '../buyer/tokens.ts';
import { lockSellerFor, readOrderWithParcels, writeServerChanges } from '../sync/server-writes.ts';
import type { NotificationOutcome, NotificationService } from './service.ts';

export interface SyncNotifier {
  /** Queues the message in `tx`; answers the events to log besides the request's own. */
  enqueue(
    tx: Queryable,
    sellerId: string,
    request: NotifyRequestArgs,
    publicUrl: string,
  ): Promise<OrderEvent[]>;
  /** Wakes the sender after the push committed. */
  wake(): void;
}

/** The event an outcome becomes; its id is unique per outcome, so recording twice logs once. */
export function outcomeEvent(outcome: NotificationOutcome): OrderEvent {
  const base = { notificationId: outcome.id, kind: outcome.kind, channel: outcome.channel };
  const at = outcome.at.toISOString();
  if (outcome.status === 'sent') {
    return {
      id: `${outcome.id}:sent` as EventId,
      orderId: outcome.orderId as OrderId,
      kind: 'notification_sent',
      at,
      data: { ...base, sentAt: at },
    };
  }
  return {
    id: `${outcome.id}:${outcome.status}:${outcome.attempt}` as EventId,
    orderId: outcome.orderId as OrderId,
    kind: 'notification_failed',
    at,
    // `needs_review`: it may have reached the buyer; the seller decides (never resent on its own).
    data: { ...base, status: outcome.status, reason: outcome.reason ?? '' },
  };
}

/** For `createNotificationService({ onOutcome })`: logs each outcome under the seller's lock. */
export function outcomeLogger(db: Pick<Database, 'kind'>) {
  return async (tx: Queryable, outcome: NotificationOutcome): Promise<void> => {
    await lockSellerFor(db, tx, outcome.sellerId);
    await writeServerChanges(tx, outcome.sellerId, { events: [outcomeEvent(outcome)] });
  };
}

export function syncNotifier(service: NotificationService): SyncNotifier {
  return {
    wake: () => service.wake(),
    async enqueue(tx, sellerId, request, publicUrl) {
      const found = await readOrderWithParcels(tx, sellerId, request.orderId);
      // The pure rules checked the order exists in this same transaction; guard anyway.
      if (!found) return [failedAtQueue(request, 'order_unknown')];
      const [shop] = await tx.query<{ settings: Settings | null; shop_name: string }>(
        `SELECT s.shop_name, (SELECT data FROM sync_settings WHERE seller_id = s.id) AS settings
           FROM sellers s WHERE s.id = $1`,
        [sellerId],
      );
      const profile = shop?.settings?.shop;
      const token = await ensureOrderToken(tx, sellerId, request.orderId);
      const links = buyerLinks(publicUrl, token);
      const name = profile?.shopName || shop?.shop_name || '';
      const replyTo = profile?.replyTo || profile?.senderEmail || '';
      const result = await service.enqueue(
        {
          id: request.notificationId,
          sellerId,
          order: found.order.order,
          parcels: found.parcels.flatMap((p) => (p.parcel ? [p.parcel] : [])),
          kind: request.kind,
          channel: request.channel,
          shop: {
            name,
            ...(profile?.senderName ? { senderName: profile.senderName } : {}),
            ...(replyTo ? { replyTo } : {}),
          },
          ...(request.locale !== undefined && { locale: request.locale }),
          links,
        },
        tx,
      );
      return result.ok ? [] : [failedAtQueue(request, result.reason)];
    },
  };
}

/** A request that passed the rules but could not be queued (e.g. its id belongs to another seller). */
function failedAtQueue(request: NotifyRequestArgs, reason: string): OrderEvent {
  return {
    id: `${request.notificationId}:failed:0` as EventId,
    orderId: request.orderId,
    kind: 'notification_failed',
    at: new Date().toISOString(),
    data: {
      notificationId: request.notificationId,
      kind: request.kind,
      channel: request.channel,
      status: 'failed',
      reason,
    },
  };
}
