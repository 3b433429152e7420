/**
 * Our carrier ids to the names and codes each channel knows. A carrier a channel has no name for
 * goes as its own display name with the tracking link, which every channel here accepts for an
 * unknown carrier. Tables are data, one per channel; `channelCarrier` is the only reader.
 */
import { carrierById } from '../carriers/registry.ts';
import { trackingUrl } from '../carriers/tracking-url.ts';
import type { Parcel } from '../model/parcel.ts';

export const CHANNEL_IDS = ['shopify', 'woocommerce'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export function isChannelId(value: string): value is ChannelId {
  return (CHANNEL_IDS as readonly string[]).includes(value);
}

/**
 * Shopify's tracking company names for our carriers, from the "Supported tracking companies" list
 * of `FulfillmentTrackingInfo.company` in the GraphQL Admin API reference (shopify.dev). With one
 * of these names Shopify builds the tracking link itself and follows the shipment.
 */
export const SHOPIFY_CARRIER_NAMES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  fedex: 'FedEx',
  usps: 'USPS',
  'dhl-express': 'DHL Express',
  'dhl-paket': 'Deutsche Post',
  dpd: 'DPD',
  gls: 'GLS',
  evri: 'Evri',
  postnl: 'PostNL',
  'royal-mail': 'Royal Mail',
  'la-poste': 'La Poste',
  correos: 'Correos',
  'poste-italiane': 'Poste Italiane',
  'china-post': 'China Post',
  yunexpress: 'YunExpress',
  'canada-post': 'Canada Post',
  'australia-post': 'Australia Post',
  'amazon-logistics': 'Amazon',
};

/**
 * WooCommerce Shipment Tracking's predefined provider names (its providers endpoint,
 * `/wp-json/wc-shipment-tracking/v3/shipment-trackings/providers`, woocommerce.com). A store may
 * change that list, so only names in its documented examples are used; every other carrier goes
 * as a custom provider with its name and tracking link, which the extension always accepts.
 */
export const WOOCOMMERCE_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
};

export interface ChannelCarrier {
  /** The channel's own name or code; absent when the channel has none for this carrier. */
  code?: string;
  /** What the buyer reads: the channel's name, else ours, else the seller's text. */
  name: string;
  /** The tracking link, for channels that take one (needed where `code` is absent). */
  url?: string;
}

const TABLES: Record<ChannelId, Readonly<Record<string, string>>> = {
  shopify: SHOPIFY_CARRIER_NAMES,
  woocommerce: WOOCOMMERCE_PROVIDER_NAMES,
};

/** How `channel` should be told which carrier took `parcel`. */
export function channelCarrier(
  channel: ChannelId,
  parcel: Pick<Parcel, 'carrierId' | 'trackingNumber' | 'trackingUrl'>,
  /** The seller's name for a carrier of their own (`carrierNameOf`). */
  sellerName = '',
): ChannelCarrier {
  const id = parcel.carrierId ?? '';
  const code = TABLES[channel][id];
  const known = carrierById(id);
  const url =
    parcel.trackingUrl ?? (known ? (trackingUrl(known, parcel.trackingNumber) ?? undefined) : undefined);
  const name = code ?? known?.name ?? (sellerName || id || 'Other');
  return { ...(code !== undefined && { code }), name, ...(url !== undefined && { url }) };
}
