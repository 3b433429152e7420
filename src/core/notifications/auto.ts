/**
 * Which messages go to the buyer by themselves, and how a request for one looks on the device.
 *
 * Pure: the state layer gives it the order, the seller's rules and what just happened, and adds
 * the answer (an event and a `notify.request` mutation per message) to the SAME commit as the
 * change itself, right after the change's own mutation, so the server has the parcels and the
 * new status before it renders the message.
 */
import type { OrderEvent } from '../model/events.ts';
import type { EventId, OrderId } from '../ids.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Order, OrderStatus } from '../model/order.ts';
import type { PendingMutation } from '../model/outbox.ts';
import type { NotifyRequestArgs } from '../protocol/mutations.ts';
import type { NotificationSettings } from '../settings.ts';
import { notifyRefusal, type NotifyRefusal } from './recipient.ts';
import { isNotificationKind, type NotificationChannel, type NotificationKind } from './types.ts';

/** One message to ask for. */
export interface AutoNotification {
  kind: NotificationKind;
  channel: NotificationChannel;
}

/** What happened to the order, as the rules need to know it. */
export interface OrderChange {
  from?: OrderStatus | undefined;
  to?: OrderStatus | undefined;
  /** An undo puts an order back; it never tells the buyer anything. */
  undo?: boolean;
}

/** `kind:channel` pairs already asked for on this order (from its history). */
export type RequestedKey = `${NotificationKind}:${NotificationChannel}`;

export const requestedKey = (kind: NotificationKind, channel: NotificationChannel): RequestedKey =>
  `${kind}:${channel}`;

/**
 * Why this order's buyer may not be written to on `channel`: the built-in rule (no address,
 * Amazon) and the seller's own list of excluded marketplaces.
 */
export function refusalFor(
  order: Pick<Order, 'source' | 'buyer' | 'address'>,
  channel: NotificationChannel,
  settings: Pick<NotificationSettings, 'excludedSources'>,
): NotifyRefusal | null {
  if (settings.excludedSources.includes(order.source)) return 'source_excluded';
  return notifyRefusal(order, channel);
}

/**
 * The messages the seller's rules send for `change`, none when the order's buyer may not be
 * written to or was already asked on that channel (a re-ship after an undo never mails twice).
 *
 * Only "becomes shipped" is decided here; `preparingOnImport` and the review reminder are
 * decided where imports and deliveries are (not yet wired).
 */
export function autoNotifications(
  order: Pick<Order, 'source' | 'buyer' | 'address'>,
  settings: NotificationSettings,
  change: OrderChange,
  requested: ReadonlySet<RequestedKey> = new Set(),
): AutoNotification[] {
  if (change.undo || change.to !== 'shipped' || change.from === 'shipped') return [];
  const wanted: NotificationChannel[] = [];
  if (settings.shippedEmail) wanted.push('email');
  if (settings.shippedSms) wanted.push('sms');
  return wanted
    .filter((channel) => refusalFor(order, channel, settings) === null)
    .filter((channel) => !requested.has(requestedKey('shipped', channel)))
    .map((channel) => ({ kind: 'shipped', channel }));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a review reminder is due: `days` after the delivery. A delivery stamped later than `nowMs`
 * (a device clock running ahead) counts from `nowMs`; a due moment already past (the delivery was
 * recorded late, or the order sat offline) is `nowMs`: the reminder goes out at once rather than not at all.
 */
export function reviewReminderDueAt(deliveredAt: string, days: number, nowMs: number): number {
  const delivered = Date.parse(deliveredAt);
  const base = Number.isFinite(delivered) ? Math.min(delivered, nowMs) : nowMs;
  return Math.max(base + days * DAY_MS, nowMs);
}

/**
 * The `kind:channel` pairs an order's history already asked for. A request the server cancelled
 * (its cause was undone before it went out) does not count: shipping again may mail again.
 */
export function requestedKeys(history: readonly OrderEvent[]): Set<RequestedKey> {
  const cancelled = new Set<string>();
  for (const event of history) {
    if (event.kind === 'notification_failed' && event.data?.['status'] === 'cancelled') {
      cancelled.add(String(event.data['notificationId']));
    }
  }
  const keys = new Set<RequestedKey>();
  for (const event of history) {
    if (event.kind !== 'notification_requested') continue;
    if (cancelled.has(String(event.data?.['notificationId']))) continue;
    const kind = event.data?.['kind'];
    const channel = event.data?.['channel'];
    if (typeof kind === 'string' && typeof channel === 'string')
      keys.add(`${kind}:${channel}` as RequestedKey);
  }
  return keys;
}

export interface RequestIds {
  notificationId: string;
  eventId: EventId;
}

/**
 * The device's half of a request: the `notification_requested` event (the same one the server
 * logs, same id and data, so it appears once) and the `notify.request` mutation. `cause` names
 * the status change that made a rule send it (see `notifyRequestArgs.cause`); none for a
 * message the seller asked for.
 */
export function notificationRequest(
  orderId: OrderId,
  message: AutoNotification,
  ids: RequestIds,
  at: string,
  options: { locale?: Locale; cause?: EventId } = {},
): { event: OrderEvent; mutation: PendingMutation } {
  const { kind, channel } = message;
  const { locale, cause } = options;
  const args: NotifyRequestArgs = {
    notificationId: ids.notificationId,
    orderId,
    kind,
    channel,
    ...(locale !== undefined && { locale }),
    ...(cause !== undefined && { cause }),
    eventId: ids.eventId,
    at,
  };
  return {
    event: {
      id: ids.eventId,
      orderId,
      kind: 'notification_requested',
      at,
      data: { notificationId: ids.notificationId, kind, channel },
    },
    mutation: { name: 'notify.request', args },
  };
}

/** Where one requested message stands, as the order's history tells it. */
export interface NotificationLogEntry {
  notificationId: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  requestedAt: string;
  /** `cancelled`: held by the server and taken back because its cause was undone. */
  status: 'requested' | 'sent' | 'failed' | 'needs_review' | 'cancelled';
  /** When sent, or when it last failed. */
  at?: string;
  reason?: string;
}

/** The messages an order's history asked for, oldest first, each with its latest outcome. */
export function notificationLog(history: readonly OrderEvent[]): NotificationLogEntry[] {
  const byId = new Map<string, NotificationLogEntry>();
  const ordered = [...history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const event of ordered) {
    const id = event.data?.['notificationId'];
    if (typeof id !== 'string') continue;
    const kind = String(event.data?.['kind'] ?? '');
    const channel = String(event.data?.['channel'] ?? '');
    if (event.kind === 'notification_requested') {
      if (!isNotificationKind(kind) || (channel !== 'email' && channel !== 'sms')) continue;
      byId.set(id, { notificationId: id, kind, channel, requestedAt: event.at, status: 'requested' });
      continue;
    }
    const entry = byId.get(id);
    if (!entry || entry.status === 'sent') continue;
    if (event.kind === 'notification_sent') {
      byId.set(id, { ...entry, status: 'sent', at: String(event.data?.['sentAt'] ?? event.at) });
    } else if (event.kind === 'notification_failed') {
      const given = event.data?.['status'];
      const status = given === 'needs_review' || given === 'cancelled' ? given : 'failed';
      const reason = String(event.data?.['reason'] ?? '');
      byId.set(id, { ...entry, status, at: event.at, ...(reason !== '' && { reason }) });
    }
  }
  return [...byId.values()];
}
