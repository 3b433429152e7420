/**
 * The language a buyer is written to in: the seller's choice for the order when there is one,
 * otherwise from the delivery country. Buyers get their own language, not the seller's app
 * language: a Swedish seller's German customer reads German.
 */
import { isLocale, type Locale } from '../i18n/locales.ts';

const COUNTRY_LOCALES: Readonly<Record<string, Locale>> = {
  DE: 'de',
  AT: 'de',
  CH: 'de',
  LI: 'de',
  SE: 'sv',
  RU: 'ru',
  BY: 'ru',
  KZ: 'ru',
};

/** `override` wins when it is a supported language; unknown countries get English. */
export function notificationLocale(country: string | undefined, override?: string | null): Locale {
  if (override && isLocale(override)) return override;
  return COUNTRY_LOCALES[(country ?? '').trim().toUpperCase()] ?? 'en';
}
