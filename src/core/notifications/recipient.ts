/**
 * Whether an order's buyer can be written to on a channel, decided the same way on the device
 * (to grey out the button) and on the server (to reject `notify.request`): an address we are
 * willing to put into a mail header, or a phone number in E.164, and a marketplace that allows it.
 */
import type { OrderSource } from '../ids.ts';
import type { Order } from '../model/order.ts';
import { toE164 } from './phone.ts';
import type { NotificationChannel } from './types.ts';

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/**
 * Marketplaces whose rules forbid the seller's own order and shipping messages: Amazon's buyer-seller
 * messaging guidelines list order and shipping confirmations as not permitted (Amazon sends them
 * itself), and its buyer addresses are relays that enforce this.
 */
export const NOTIFY_EXCLUDED_SOURCES: readonly OrderSource[] = ['amazon'];

/** A bare e-mail address fit for a header, trimmed; `null` when it isn't one. */
export function cleanEmailAddress(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) return null;
  return ADDRESS.test(trimmed) ? trimmed : null;
}

/** The address or E.164 number the message would go to, or `null` when there is none. */
export function recipientOf(
  order: Pick<Order, 'buyer' | 'address'>,
  channel: NotificationChannel,
): string | null {
  return channel === 'email'
    ? cleanEmailAddress(order.buyer.email)
    : toE164(order.buyer.phone, order.address.country);
}

export type NotifyRefusal = 'source_excluded' | 'no_recipient';

/** Why this order's buyer cannot be notified on `channel`, or `null` when they can. */
export function notifyRefusal(
  order: Pick<Order, 'source' | 'buyer' | 'address'>,
  channel: NotificationChannel,
): NotifyRefusal | null {
  if (NOTIFY_EXCLUDED_SOURCES.includes(order.source)) return 'source_excluded';
  return recipientOf(order, channel) === null ? 'no_recipient' : null;
}
