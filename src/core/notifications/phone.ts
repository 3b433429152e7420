/**
 * Phone numbers for text messages. SMS gateways want E.164 (`+4917112345678`); marketplace files
 * give whatever the buyer typed. A number is read with libphonenumber-js, a national one in the
 * numbering plan of the order's destination country, and kept only when that plan says it is a
 * mobile number (or, as in the North American plan, one that may be mobile); anything else is
 * refused with the reason, rather than guessed, because a wrong guess texts a stranger.
 *
 * The `mobile` metadata is used: it holds each country's mobile number patterns, which is all
 * that deciding "may be texted" needs, at about two thirds of the size of the full metadata
 * (which also knows fixed-line, toll-free and the other types). The cost: a landline and a
 * number with a digit too many or too few for a mobile are one answer, `not_mobile`.
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/mobile';

/**
 * Why a number cannot be texted. `missing`: no number. `not_a_number`: characters no phone number
 * holds (letters, control characters). `needs_country`: a national number and no known
 * destination country to read it in. `ambiguous`: a national number without the trunk prefix
 * its country writes (`171 1234567` for Germany's `0171 1234567`), which may as well be a foreign
 * number that lost its `+`. `not_mobile`: not a mobile number of its country (a landline, a digit
 * too many or too few, a range not in use).
 */
export type PhoneProblem = 'missing' | 'not_a_number' | 'needs_country' | 'ambiguous' | 'not_mobile';

export type SmsNumber =
  { ok: true; e164: string; country: string | undefined } | { ok: false; problem: PhoneProblem };

/** Spaces, dots, dashes, slashes and brackets are how people group digits; nothing else is. */
const GROUPING = /[\s./()-]/g;
const DIGITS = /^\+?\d+$/;

function countryCode(country: string | undefined): CountryCode | undefined {
  const code = (country ?? '').trim().toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

/**
 * The digits the country writes before a national number (`0` in Germany, `8` in Russia, none in
 * Italy or the US): what its national format holds ahead of the national significant number.
 */
function trunkPrefixOf(parsed: PhoneNumber): string {
  const national = parsed.formatNational().replace(/\D/g, '');
  return national.endsWith(parsed.nationalNumber) ? national.slice(0, -parsed.nationalNumber.length) : '';
}

/** `phone` read as a number that may get a text, in the plan of `country` when it is national. */
export function checkSmsNumber(phone: string | undefined, country?: string): SmsNumber {
  if (phone === undefined || phone.trim() === '') return { ok: false, problem: 'missing' };
  let compact = phone.trim().replace(GROUPING, '');
  if (!DIGITS.test(compact)) return { ok: false, problem: 'not_a_number' };
  // `00` is the international prefix in most of the world; read it as `+` whatever the country.
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  const region = countryCode(country);
  if (!compact.startsWith('+') && region === undefined) return { ok: false, problem: 'needs_country' };
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(
      compact,
      region === undefined ? undefined : { defaultCountry: region },
    );
  } catch {
    return { ok: false, problem: 'not_mobile' };
  }
  if (!parsed.isValid()) return { ok: false, problem: 'not_mobile' };
  if (!compact.startsWith('+') && !compact.startsWith(trunkPrefixOf(parsed))) {
    return { ok: false, problem: 'ambiguous' };
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** The number in E.164 when a text may go to it, or null (see `checkSmsNumber` for why not). */
export function toE164(phone: string | undefined, country?: string): string | null {
  const checked = checkSmsNumber(phone, country);
  return checked.ok ? checked.e164 : null;
}

/** Whether libphonenumber knows `country` (ISO 3166-1 alpha-2, any case). */
export function isPhoneCountry(country: string): boolean {
  return countryCode(country) !== undefined;
}

/** The calling code of `country` without `+` (`DE` -> `49`), or undefined for an unknown one. */
export function callingCodeOf(country: string): string | undefined {
  const code = countryCode(country);
  return code === undefined ? undefined : getCountryCallingCode(code);
}
