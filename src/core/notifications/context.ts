/**
 * From Trackpack's data to what a template can say: the order, its parcels with each carrier's
 * name and tracking link, the shop, and the language the buyer is written to in.
 */
import { carrierById, trackingUrl } from '../carriers/index.ts';
import type { CustomCarrier } from '../carriers/index.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Order } from '../model/order.ts';
import type { Parcel } from '../model/parcel.ts';
import { safeHttpUrl } from './escape.ts';
import { notificationLocale } from './language.ts';
import type { NotificationContext, ParcelLine } from './types.ts';

export interface ContextOptions {
  /** The seller's choice of language for this order; else it follows the delivery country. */
  locale?: Locale | null;
  shop?: { name?: string; replyTo?: string };
  trackingPage?: string;
  confirmLink?: string;
  reviewLink?: string;
  /** The seller's own carriers, for parcels whose carrier isn't in the registry. */
  customCarriers?: readonly CustomCarrier[];
  /** The parcels' usual delivery window, when the seller's history gives one. */
  expectedDelivery?: { from: string; to: string };
}

/**
 * One parcel for the buyer: the link the seller stored wins (it may be a marketplace's page),
 * then the carrier's page for the number; an unknown carrier shows its id and no link.
 */
export function parcelLine(
  parcel: Pick<Parcel, 'trackingNumber' | 'carrierId' | 'trackingUrl'>,
  options: { locale: Locale; zip?: string; customCarriers?: readonly CustomCarrier[] },
): ParcelLine {
  const carrierId = parcel.carrierId ?? '';
  const carrier =
    carrierById(carrierId) ?? options.customCarriers?.find((custom) => custom.id === carrierId) ?? null;
  const stored = safeHttpUrl(parcel.trackingUrl);
  const linkOptions = { lang: options.locale, ...(options.zip !== undefined && { zip: options.zip }) };
  const url = stored ?? (carrier ? trackingUrl(carrier, parcel.trackingNumber, linkOptions) : null);
  return {
    carrier: carrier?.name ?? carrierId,
    number: parcel.trackingNumber,
    ...(url !== null && { url }),
  };
}

export function buildNotificationContext(
  order: Pick<Order, 'externalId' | 'orderedAt' | 'buyer' | 'address'>,
  parcels: readonly Pick<Parcel, 'trackingNumber' | 'carrierId' | 'trackingUrl'>[],
  options: ContextOptions = {},
): NotificationContext {
  const locale = notificationLocale(order.address.country, options.locale);
  const lineOptions = {
    locale,
    zip: order.address.zip,
    ...(options.customCarriers !== undefined && { customCarriers: options.customCarriers }),
  };
  return {
    locale,
    buyer: { name: order.buyer.name },
    order: { id: order.externalId, date: order.orderedAt },
    parcels: parcels.map((parcel) => parcelLine(parcel, lineOptions)),
    ...(options.shop !== undefined && { shop: options.shop }),
    ...(options.trackingPage !== undefined && { trackingPage: options.trackingPage }),
    ...(options.confirmLink !== undefined && { confirmLink: options.confirmLink }),
    ...(options.reviewLink !== undefined && { reviewLink: options.reviewLink }),
    ...(options.expectedDelivery !== undefined && { expectedDelivery: options.expectedDelivery }),
  };
}
