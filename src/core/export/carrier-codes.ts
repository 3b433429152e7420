/**
 * Marketplace carrier codes for registry carriers, where the marketplace has one.
 *
 * Amazon `carrier-code` values: Seller Central help "Shipping Confirmation template" (help page
 * 641/G641, e.g. https://sellercentral.amazon.com/gp/help/external/G641 and the SG edition
 * https://sellercentral.amazon.sg/gp/help/external/641), whose accepted values include USPS, UPS,
 * FedEx, DHL, Royal Mail, Canada Post, GLS, Hermes Logistik Gruppe, China Post, Other; and the
 * `CarrierCode` enumeration of Amazon's feed schema amzn-base.xsd as quoted in
 * github.com/amzn/selling-partner-api-docs issue #712 (adds Deutsche Post, DPD, La Poste, Poste
 * Italiane, ...). The AU edition lists "Yun Express". Carriers without a listed code go out as
 * `Other` with `carrier-name`, as the help page says for unlisted carriers. The lists differ per
 * marketplace and change; codes not confirmed in these sources are deliberately left out.
 *
 * eBay carrier names: eBay Trading API `ShippingCarrierCodeType`
 * (https://developer.ebay.com/DevZone/xML/docs/reference/eBay/types/ShippingCarrierCodeType.html):
 * UPS, USPS, FedEx, DHL, DeutschePost, Hermes, Correos, AustraliaPost, ChinaPost, ... Other
 * carriers are written by their display name.
 */

export const AMAZON_OTHER = 'Other';

export const AMAZON_CARRIER_CODES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  'dhl-express': 'DHL',
  // DHL Paket is sold and tracked as DHL in Germany; "Deutsche Post" is Amazon's code for letters.
  'dhl-paket': 'DHL',
  dpd: 'DPD',
  gls: 'GLS',
  hermes: 'Hermes Logistik Gruppe',
  'royal-mail': 'Royal Mail',
  'canada-post': 'Canada Post',
  'china-post': 'China Post',
  'la-poste': 'La Poste',
  'poste-italiane': 'Poste Italiane',
  yunexpress: 'Yun Express',
};

export const EBAY_CARRIER_NAMES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  'dhl-express': 'DHL',
  'dhl-paket': 'DHL',
  hermes: 'Hermes',
  correos: 'Correos',
  'australia-post': 'AustraliaPost',
  'china-post': 'ChinaPost',
};
