/**
 * What a seller types to connect each marketplace with pasted credentials (Settings → Shops):
 * the field names the server's adapters read (`parseSecrets`), whether a value is a secret (a
 * password field, never shown again), and which one names the shop. Shopify and WooCommerce have
 * their own forms; these four share one generic form driven by this table.
 */
export type ConnectFieldName =
  | 'shop'
  | 'keystring'
  | 'sharedSecret'
  | 'clientId'
  | 'clientSecret'
  | 'refreshToken'
  | 'marketplaceId'
  | 'region'
  | 'clientKey'
  | 'secretKey'
  | 'storefront'
  | 'ruName'
  | 'applicationId';

export interface ConnectField {
  name: ConnectFieldName;
  secret: boolean;
  /** Left empty, the server's default applies (`region`: eu, `storefront`: de). */
  optional?: boolean;
}

export type MarketplaceChannel = 'etsy' | 'ebay' | 'amazon' | 'kaufland';

export const MARKETPLACE_FIELDS: Readonly<Record<MarketplaceChannel, readonly ConnectField[]>> = {
  etsy: [
    { name: 'keystring', secret: false },
    { name: 'sharedSecret', secret: true },
    { name: 'refreshToken', secret: true },
  ],
  ebay: [
    { name: 'shop', secret: false },
    { name: 'clientId', secret: false },
    { name: 'clientSecret', secret: true },
    { name: 'refreshToken', secret: true },
  ],
  amazon: [
    { name: 'clientId', secret: false },
    { name: 'clientSecret', secret: true },
    { name: 'refreshToken', secret: true },
    { name: 'marketplaceId', secret: false },
    { name: 'region', secret: false, optional: true },
  ],
  kaufland: [
    { name: 'clientKey', secret: false },
    { name: 'secretKey', secret: true },
    { name: 'storefront', secret: false, optional: true },
  ],
};

export function isMarketplaceChannel(channel: string): channel is MarketplaceChannel {
  return Object.hasOwn(MARKETPLACE_FIELDS, channel);
}

/** The marketplaces a seller may also connect through the channel's own consent page (OAuth 2). */
export type ConsentChannel = 'etsy' | 'ebay' | 'amazon';

/**
 * What the consent flow needs of the seller's developer app, by channel: the same names the
 * server's `authorization.authorizeUrl` and `exchange` read. No refresh token: the channel
 * gives one after the seller agrees. eBay's RuName is the redirect name it shows for our callback
 * URL; Amazon's application ID (amzn1.sp.solution…) names the app on the consent page.
 */
export const CONSENT_FIELDS: Readonly<Record<ConsentChannel, readonly ConnectField[]>> = {
  etsy: [
    { name: 'keystring', secret: false },
    { name: 'sharedSecret', secret: true },
  ],
  ebay: [
    { name: 'shop', secret: false },
    { name: 'clientId', secret: false },
    { name: 'clientSecret', secret: true },
    { name: 'ruName', secret: false },
  ],
  amazon: [
    { name: 'applicationId', secret: false },
    { name: 'clientId', secret: false },
    { name: 'clientSecret', secret: true },
    { name: 'marketplaceId', secret: false },
    { name: 'region', secret: false, optional: true },
  ],
};

export function isConsentChannel(channel: string): channel is ConsentChannel {
  return Object.hasOwn(CONSENT_FIELDS, channel);
}
