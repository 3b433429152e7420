/**
 * Our carrier ids to the names and codes each channel knows. A carrier a channel has no name for
 * goes as its own display name with the tracking link, which every channel here accepts for an
 * unknown carrier. Tables are data, one per channel; `channelCarrier` is the only reader.
 */
import { carrierById } from '../carriers/registry.ts';
import { trackingUrl } from '../carriers/tracking-url.ts';
import type { Parcel } from '../model/parcel.ts';

export const CHANNEL_IDS = ['shopify', 'woocommerce', 'etsy', 'ebay', 'amazon', 'kaufland'] as const;
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

/**
 * Etsy's `carrier_name` values for `createReceiptShipment` (Open API v3, "Fulfillment Tutorial",
 * developers.etsy.com/documentation/tutorials/fulfillment): lower-case carrier names. A carrier
 * not listed goes as `other`, with its name and link in the note to the buyer.
 */
export const ETSY_CARRIER_NAMES: Readonly<Record<string, string>> = {
  usps: 'usps',
  ups: 'ups',
  fedex: 'fedex',
  'dhl-express': 'dhl',
  'dhl-paket': 'dhl-germany',
  dpd: 'dpd',
  gls: 'gls',
  hermes: 'hermes-de',
  'royal-mail': 'royal-mail',
  postnl: 'postnl',
  'canada-post': 'canada-post',
  'australia-post': 'australia-post',
};

/**
 * eBay's `shippingCarrierCode` values: the Trading API's `ShippingCarrierCodeType`
 * (developer.ebay.com/DevZone/xML/docs/reference/eBay/types/ShippingCarrierCodeType.html), which
 * the Fulfillment API's `createShippingFulfillment` takes. Others go as `Other`.
 */
export const EBAY_CARRIER_CODES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  'dhl-express': 'DHL',
  'dhl-paket': 'DHL',
  'dhl-ecommerce': 'DHLGlobalMail',
  dpd: 'DPD',
  gls: 'GLS',
  hermes: 'Hermes',
  'royal-mail': 'RoyalMail',
  postnl: 'PostNL',
  correos: 'Correos',
  'australia-post': 'AustraliaPost',
  'canada-post': 'CanadaPost',
};

/**
 * Amazon's `carrierCode` values for `confirmShipment` (Orders API v0, "CarrierCode" in the
 * shipment confirmation's PackageDetail, developer-docs.amazon.com/sp-api). A carrier not listed
 * goes as `Other` with `carrierName`.
 */
export const AMAZON_CARRIER_CODES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  'dhl-express': 'DHL',
  'dhl-paket': 'DHL',
  dpd: 'DPD',
  gls: 'GLS',
  hermes: 'Hermes',
  evri: 'Evri',
  'royal-mail': 'Royal Mail',
  postnl: 'PostNL',
  'la-poste': 'La Poste',
  correos: 'Correos',
  'poste-italiane': 'Poste Italiane',
  'china-post': 'China Post',
  yunexpress: 'YunExpress',
  'canada-post': 'Canada Post',
  'australia-post': 'Australia Post',
};

/**
 * Kaufland's `carrier_code` values (Marketplace Seller API, "Carrier Codes",
 * sellerapi.kaufland.com/?page=order-files). A carrier not listed goes as `Other`.
 */
export const KAUFLAND_CARRIER_CODES: Readonly<Record<string, string>> = {
  'dhl-paket': 'DHL',
  'dhl-express': 'DHL Express',
  dpd: 'DPD',
  gls: 'GLS',
  hermes: 'Hermes',
  ups: 'UPS',
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
  etsy: ETSY_CARRIER_NAMES,
  ebay: EBAY_CARRIER_CODES,
  amazon: AMAZON_CARRIER_CODES,
  kaufland: KAUFLAND_CARRIER_CODES,
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
  // Codes like eBay's `RoyalMail` are not for people: the buyer reads our name for the carrier.
  const name =
    (channel === 'shopify' || channel === 'woocommerce' ? code : undefined) ??
    known?.name ??
    (sellerName || id || 'Other');
  return { ...(code !== undefined && { code }), name, ...(url !== undefined && { url }) };
}
