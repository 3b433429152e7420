/** Seller settings, stored on the device and later synced. */
import type { Locale } from './i18n/locales.ts';

export const DATE_FORMATS = [
  'locale',
  'dd.MM.yyyy',
  'dd-MM-yyyy',
  'dd/MM/yyyy',
  'MM/dd/yyyy',
  'yyyy-MM-dd',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface ShopProfile {
  shopName: string;
  senderName: string;
  senderEmail: string;
  replyTo: string;
}

export interface Settings {
  /** `null`: follow the browser. */
  locale: Locale | null;
  dateFormat: DateFormat;
  shop: ShopProfile;
}

export const DEFAULT_SETTINGS: Settings = {
  locale: null,
  dateFormat: 'locale',
  shop: { shopName: '', senderName: '', senderEmail: '', replyTo: '' },
};

/** Light check of an e-mail address: something@something.tld, no spaces or line breaks. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
