/**
 * Between the sync protocol and the notification queue: a `notify.request` applied in a push is
 * rendered from the order, parcels and shop settings the server has and queued IN the push's
 * transaction (with the order's tracking-page token), and every stored outcome of a send becomes
 * an order event in the change log, so the seller's devices learn by pull what happened.
 */
import type { OrderEvent } from '../../src/core/model/events.ts';
import type { EventId, OrderId } from '../../src/core/ids.ts';
import type { NotifyRequestArgs } from '../../src/core/protocol/index.ts';
import type { Settings } from '../../src/core/settings.ts';
import { createHash } from 'node:crypto';
import { refusalFor, reviewReminderDueAt } from '../../src/core/notifications/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { buyerLinks, ensureOrderToken } from '../buyer/tokens.ts';
import { lockSellerFor, readOrderWithParcels, writeServerChanges } from '../sync/server-writes.ts';
import type { NotificationOutcome, NotificationService } from './service.ts';

/**
 * Told the events written in `tx` by a server-side change (a buyer's confirmation, a tracking
 * update); answers the events to log besides (a review reminder's request).
 */
export type DeliveredHook = (
  tx: Queryable,
  sellerId: string,
  events: readonly OrderEvent[],
) => Promise<OrderEvent[]>;

export interface SyncNotifier {
  /** Queues the message in `tx`; answers the events to log besides the request's own. */
  enqueue(
    tx: Queryable,
    sellerId: string,
    request: NotifyRequestArgs,
    publicUrl: string,
  ): Promise<OrderEvent[]>;
  /**
   * Status changes undone in `tx` (their event ids): cancels the automatic messages they caused
   * that are still held; answers the events to log (one `notification_failed`, status
   * `cancelled`, per message).
   */
  undone(tx: Queryable, sellerId: string, undoneEventIds: readonly string[]): Promise<OrderEvent[]>;
  /**
   * Orders that just became delivered (by `events`, the status changes written in `tx`, however
   * the delivery was learnt): queues each one's review reminder when the seller's settings ask
   * for one, due that many days later; answers the events to log.
   */
  delivered(
    tx: Queryable,
    sellerId: string,
    events: readonly OrderEvent[],
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

/**
 * For `createNotificationService({ onOutcome })`: logs each outcome under the seller's lock, then
 * tells `also` in the same transaction (the shop connections confirm orders whose "shipped"
 * message went out).
 */
export function outcomeLogger(
  db: Pick<Database, 'kind'>,
  also?: (tx: Queryable, outcome: NotificationOutcome) => Promise<void>,
) {
  return async (tx: Queryable, outcome: NotificationOutcome): Promise<void> => {
    await lockSellerFor(db, tx, outcome.sellerId);
    await writeServerChanges(tx, outcome.sellerId, { events: [outcomeEvent(outcome)] });
    await also?.(tx, outcome);
  };
}

/** The seller's synced settings (null before the first sync) and account name. */
async function sellerSettings(
  tx: Queryable,
  sellerId: string,
): Promise<{ settings: Settings | null; shop_name: string } | undefined> {
  const [shop] = await tx.query<{ settings: Settings | null; shop_name: string }>(
    `SELECT s.shop_name, (SELECT data FROM sync_settings WHERE seller_id = s.id) AS settings
       FROM sellers s WHERE s.id = $1`,
    [sellerId],
  );
  return shop;
}

/**
 * The review reminder's notification id for one delivery of one order: derived, not random, so a
 * delivery recorded twice (a retried push, the buyer's click and the device) queues it once. A
 * later delivery after an undone one has its own id; `delivered` still allows one live reminder
 * per order.
 */
export function reviewReminderId(sellerId: string, orderId: string, deliveryEventId: string): string {
  const hex = createHash('sha256')
    .update(`review_reminder\u0000${sellerId}\u0000${orderId}\u0000${deliveryEventId}`)
    .digest('hex');
  // Shaped as a version-4-style UUID (the table's id type); the bits are the hash's.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** `now` is the clock the review reminder's due time counts from (milliseconds since the epoch). */
export function syncNotifier(service: NotificationService, now: () => number = Date.now): SyncNotifier {
  async function enqueue(
    tx: Queryable,
    sellerId: string,
    request: NotifyRequestArgs,
    publicUrl: string,
    notBefore?: Date,
  ): Promise<OrderEvent[]> {
    {
      const found = await readOrderWithParcels(tx, sellerId, request.orderId);
      // The pure rules checked the order exists in this same transaction; guard anyway.
      if (!found) return [failedAtQueue(request, 'order_unknown')];
      const shop = await sellerSettings(tx, sellerId);
      const profile = shop?.settings?.shop;
      const templates = shop?.settings?.notifications?.templates;
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
            ...(shop?.settings?.workflow?.shopCountry ? { country: shop.settings.workflow.shopCountry } : {}),
          },
          ...(request.locale !== undefined && { locale: request.locale }),
          ...(templates !== undefined && { templates }),
          ...(request.cause !== undefined && { cause: request.cause }),
          ...(notBefore !== undefined && { notBefore }),
          links,
        },
        tx,
      );
      return result.ok ? [] : [failedAtQueue(request, result.reason)];
    }
  }

  return {
    wake: () => service.wake(),
    enqueue: (tx, sellerId, request, publicUrl) => enqueue(tx, sellerId, request, publicUrl),
    async undone(tx, sellerId, undoneEventIds) {
      const outcomes = await service.cancelCaused(tx, sellerId, undoneEventIds);
      return outcomes.map(outcomeEvent);
    },
    async delivered(tx, sellerId, events, publicUrl) {
      const arrivals = events.filter(
        (e) =>
          e.kind === 'status_changed' &&
          e.to === 'delivered' &&
          e.orderId !== null &&
          e.data?.['undoes'] === undefined,
      );
      if (arrivals.length === 0) return [];
      const rules = (await sellerSettings(tx, sellerId))?.settings?.notifications;
      const days = rules?.reviewReminderDays ?? 0;
      if (days <= 0) return [];
      const logged: OrderEvent[] = [];
      for (const arrival of arrivals) {
        const orderId = arrival.orderId as OrderId;
        const found = await readOrderWithParcels(tx, sellerId, orderId);
        if (!found) continue;
        // The seller's excluded marketplaces and the built-in rules (Amazon, no address).
        if (
          refusalFor(found.order.order, 'email', { excludedSources: rules?.excludedSources ?? [] }) !== null
        )
          continue;
        const notificationId = reviewReminderId(sellerId, orderId, arrival.id);
        // At most one reminder per order: one already asked for (and not taken back by an undo
        // of its delivery) stands, whichever delivery it came from.
        const [seen] = await tx.query<{ id: string }>(
          `SELECT id FROM notifications
            WHERE id = $1
               OR (seller_id = $2 AND order_id = $3 AND kind = 'review_reminder' AND status <> 'cancelled')
            LIMIT 1`,
          [notificationId, sellerId, orderId],
        );
        if (seen) continue;
        const nowMs = now();
        const at = new Date(nowMs).toISOString();
        const request: NotifyRequestArgs = {
          notificationId,
          orderId,
          kind: 'review_reminder',
          channel: 'email',
          cause: arrival.id,
          eventId: `${notificationId}:requested` as EventId,
          at,
        };
        const due = new Date(reviewReminderDueAt(arrival.at, days, nowMs));
        const failed = await enqueue(tx, sellerId, request, publicUrl, due);
        logged.push(
          {
            id: request.eventId,
            orderId,
            kind: 'notification_requested',
            at,
            data: { notificationId, kind: 'review_reminder', channel: 'email' },
          },
          ...failed,
        );
      }
      return logged;
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
