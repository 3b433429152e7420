/**
 * The order history as sentences in the seller's language: one line per event, with the statuses,
 * hold reasons, parcels and buyer messages it is about. Pure (the translation and the date format
 * are given), so every kind of event is tested without a page.
 */
import type { OrderEvent } from '../model/events.ts';
import type { Translate } from '../i18n/index.ts';
import { isNotificationKind } from '../notifications/types.ts';
import { HOLD_REASONS, ORDER_STATUSES, type HoldReason, type OrderStatus } from '../model/order.ts';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../model/parcel.ts';
import { isChannelId } from '../channels/carriers.ts';
import { isConfirmationStatus } from '../channels/confirmations.ts';

/** A channel's display name ("Shopify"), or its id as given. */
export function channelName(channel: string, t: Translate): string {
  return isChannelId(channel) ? t(`channels.name.${channel}`) : channel;
}

export function statusName(status: string | undefined, t: Translate): string {
  return (ORDER_STATUSES as readonly string[]).includes(status ?? '')
    ? t(`status.order.${status as OrderStatus}`)
    : (status ?? '');
}

/** A status reason as the seller gave it, or the name of a known hold reason. */
export function reasonText(
  status: OrderStatus | undefined,
  reason: string | undefined,
  t: Translate,
): string {
  if (reason === undefined) return '';
  if (status === 'on_hold' && (HOLD_REASONS as readonly string[]).includes(reason))
    return t(`workflow.holdReason.${reason as HoldReason}`);
  return reason;
}

/** " · Order shipped, with tracking (E-mail)": which message a notification event is about. */
function messageName(data: Readonly<Record<string, unknown>>, t: Translate): string {
  const kind = data['kind'];
  const channel = data['channel'];
  if (typeof kind !== 'string' || !isNotificationKind(kind)) return '';
  const via = channel === 'email' || channel === 'sms' ? ` (${t(`notify.channel.${channel}`)})` : '';
  return ` · ${t(`notify.kind.${kind}`)}${via}`;
}

export function historyText(event: OrderEvent, t: Translate, formatDate: (day: string) => string): string {
  const data = event.data ?? {};
  const tracking = String(data['trackingNumber'] ?? '');
  switch (event.kind) {
    case 'status_changed': {
      const params = { from: statusName(event.from, t), to: statusName(event.to, t) };
      let text = data['undoes'] ? t('order.event.undone', params) : t('order.event.status_changed', params);
      if (event.reason) text += ` (${reasonText(event.to, event.reason, t)})`;
      if (typeof data['shippedOn'] === 'string')
        text += ` · ${t('order.event.shippedOn', { date: formatDate(data['shippedOn']) })}`;
      return text;
    }
    case 'parcel_added':
      return t('order.event.parcel_added', { trackingNumber: tracking });
    case 'parcel_changed': {
      const status = data['deliveryStatus'];
      const shown = (DELIVERY_STATUSES as readonly unknown[]).includes(status)
        ? t(`status.delivery.${status as DeliveryStatus}`)
        : '';
      return t('order.event.parcel_changed', { trackingNumber: tracking, status: shown });
    }
    case 'parcel_removed':
      return t('order.event.parcel_removed', { trackingNumber: tracking });
    case 'note_changed':
      return t('order.event.note_changed');
    case 'created':
      return t('order.event.created');
    case 'imported':
      return t('order.event.imported');
    case 'edited':
      return t('order.event.edited');
    case 'notification_requested':
      return t('order.event.notification_requested') + messageName(data, t);
    case 'notification_sent':
      return t('order.event.notification_sent') + messageName(data, t);
    case 'notification_failed': {
      if (data['status'] === 'cancelled')
        return t('order.event.notification_cancelled') + messageName(data, t);
      const reason = data['reason'];
      const why =
        typeof reason === 'string' && reason !== '' ? ` · ${t('notify.order.reason', { reason })}` : '';
      return t('order.event.notification_failed') + messageName(data, t) + why;
    }
    case 'confirmed_by_buyer':
      return t('order.event.confirmed_by_buyer');
    case 'marketplace_confirmation': {
      const status = data['status'];
      return t('order.event.marketplace_confirmation', {
        channel: channelName(String(data['channel'] ?? ''), t),
        trackingNumber: tracking,
        status: isConfirmationStatus(status) ? t(`channels.status.${status}`) : '',
      });
    }
  }
}
