/**
 * Which phone numbers a text may go to: those of the countries on an allow-list (SMS_COUNTRIES,
 * else the shop's own country). Texts to far-away or premium numbers cost the operator money and
 * are the usual way a messaging backend is abused ("SMS pumping"), so a number is allowed only
 * when its E.164 country code is one of an allowed country's.
 *
 * Calling codes come from libphonenumber-js's metadata (every country it knows). They are
 * prefix-free, so a number belongs to the code it starts with. Some codes are shared: +1 is the
 * whole North American Numbering Plan (US, CA and Caribbean countries), +7 is RU and KZ, so
 * allowing one of them allows the others' numbers too.
 */
import { callingCodeOf, isPhoneCountry } from './phone.ts';

/** Whether we know the calling code of `country` (ISO 3166-1 alpha-2, any case). */
export function isSmsCountry(country: string): boolean {
  return isPhoneCountry(country);
}

/** Whether the E.164 number `phone` belongs to one of `countries`. */
export function smsCountryAllowed(phone: string, countries: readonly string[]): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return false;
  return countries.some((country) => {
    const code = callingCodeOf(country);
    return code !== undefined && phone.startsWith(`+${code}`);
  });
}

/** The allow-list in force for one shop: the configured one, else the shop's own country. */
export function smsCountriesFor(
  configured: readonly string[] | undefined,
  shopCountry: string | undefined,
): string[] {
  if (configured !== undefined) return [...configured];
  const own = (shopCountry ?? '').trim().toUpperCase();
  return own === '' ? [] : [own];
}
